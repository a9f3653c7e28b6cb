/**
 * Test fixtures for the ranking evaluation (tests only): the hand-worked table whose
 * expected values the tests derive in comments, and scorers built from plain maps.
 */
import type { RatingsTable } from '../ratings.ts';
import type { Split } from '../split.ts';
import { tinyTable, type Triple } from '../testing/tiny.ts';
import type { Scorer } from './evaluate.ts';

/**
 * Items a='m', b='k10', c='k9', d='x', e='n', z='q' (raw ids; code-unit order
 * k10 < k9 < m < n < q < x, so the training catalog in id order is b, c, a, e, d).
 * Table indices by first appearance: users u1=0 … u5=4; items a=0 b=1 c=2 e=3 d=4 z=5.
 *
 * Training: u1 {a}; u2 {a, b}; u3 {c, e}; u4 {a, d}; u5 {d}.
 * Test:     u1 b:5, b:1 (a repeat), c:2, z:5 (z is off the catalog);
 *           u2 d:5; u4 a:3 (also rated in training); u5 c:4.
 */
export const HAND_TRAIN: readonly Triple[] = [
  ['u1', 'm', 5],
  ['u2', 'm', 4],
  ['u2', 'k10', 3],
  ['u3', 'k9', 2],
  ['u3', 'n', 1],
  ['u4', 'm', 1],
  ['u4', 'x', 5],
  ['u5', 'x', 2],
];
export const HAND_TEST: readonly Triple[] = [
  ['u1', 'k10', 5],
  ['u1', 'k10', 1],
  ['u1', 'k9', 2],
  ['u1', 'q', 5],
  ['u2', 'x', 5],
  ['u4', 'm', 3],
  ['u5', 'k9', 4],
];

export function handCase(): { table: RatingsTable; split: Split } {
  const table = tinyTable([...HAND_TRAIN, ...HAND_TEST]);
  const nTrain = HAND_TRAIN.length;
  const split = {
    train: Int32Array.from(HAND_TRAIN.keys()),
    test: Int32Array.from(HAND_TEST.keys(), (k) => k + nTrain),
  };
  return { table, split };
}

/** Scores by raw ids: `scores[userId][itemId]`; a pair not listed scores NaN. */
export function mapScorer(table: RatingsTable, scores: Record<string, Record<string, number>>): Scorer {
  return {
    async estimate(u, i) {
      const out = new Float64Array(u.length);
      for (let k = 0; k < u.length; k++) out[k] = scores[table.userIds[u[k]]]?.[table.itemIds[i[k]]] ?? NaN;
      return out;
    },
  };
}

/** A deterministic scorer with many ties and some NaN and ±Infinity, from a hash of (user, item). */
export function hashScorer(salt = 0): Scorer & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    async estimate(u, i) {
      calls.push(u.length);
      const out = new Float64Array(u.length);
      for (let k = 0; k < u.length; k++) {
        const h = (Math.imul(u[k] + 1, 0x9e3779b1) ^ Math.imul(i[k] + 7 + salt, 0x85ebca6b)) >>> 0;
        const r = h % 13;
        out[k] = r === 0 ? NaN : r === 1 ? Infinity : r === 2 ? -Infinity : (h >>> 8) % 5;
      }
      return out;
    },
  };
}
