import { describe, expect, it } from 'vitest';
import { beyondAccuracy, gini } from './beyond.ts';
import { rankingData } from './data.ts';
import { handCase } from './fixtures.ts';

const A = 0, B = 1, C = 2, D = 4;
const lg = Math.log2;

describe('gini', () => {
  it('follows Σ (2i − n − 1)·x_i / (n·Σx) over ascending values', () => {
    // [0, 1, 1, 2, 2]: weights −4, −2, 0, 2, 4 → (−2 + 4 + 8) / (5·6) = 1/3
    expect(gini([2, 0, 1, 2, 1])).toBeCloseTo(1 / 3, 15);
    // One item holds everything among 4: (2·4 − 5)·1 / (4·1) = 3/4
    expect(gini([0, 0, 5, 0])).toBe(3 / 4);
    expect(gini([3, 3, 3])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([])).toBe(0);
  });
});

describe('beyondAccuracy', () => {
  // Hand case (fixtures.ts): training catalog a, b, c, d, e; popularity (distinct
  // training users) a 3, b 1, c 1, d 2, e 1; U = 5 training users; 8 training
  // ratings, the head is {a} (3 ≥ 1.6).
  const { table, split } = handCase();
  const stats = rankingData(table, split);

  it('computes coverage, novelty, ARP, long tail and Gini on hand lists', () => {
    // Three users' top-2 lists: [d, b], [d, c], [a, b]. Exposure a 1, b 2, c 1, d 2, e 0.
    const r = beyondAccuracy(stats, [[[D, B]], [[D, C]], [[A, B]]]);
    expect(r.coverage).toBe(4 / 5);
    // Novelty: slots d, b, d, c, a, b → (2·log2(5/2) + 3·log2 5 + log2(5/3)) / 6
    expect(r.novelty).toBeCloseTo((2 * lg(5 / 2) + 3 * lg(5) + lg(5 / 3)) / 6, 14);
    // ARP: (2+1)/2, (2+1)/2, (3+1)/2 → mean 5/3
    expect(r.arp).toBeCloseTo(5 / 3, 15);
    // Long tail: 5 of 6 slots are not a.
    expect(r.longTail).toBeCloseTo(5 / 6, 15);
    // Gini over [0, 1, 1, 2, 2] (e never recommended counts 0) = 1/3
    expect(r.gini).toBeCloseTo(1 / 3, 15);
  });

  it('pools slots but weighs users equally in ARP when a user has several lists', () => {
    // User 1: [d, b] and [d, c]; user 2: [a, b]. Slots 6 → long tail 5/6.
    // ARP: user 1 (2+1+2+1)/4 = 1.5; user 2 (3+1)/2 = 2 → 1.75 (pooled slots would give 10/6).
    const r = beyondAccuracy(stats, [[[D, B], [D, C]], [[A, B]]]);
    expect(r.arp).toBe(1.75);
    expect(r.longTail).toBeCloseTo(5 / 6, 15);
  });

  it('has zero coverage and Gini and NaN means when nothing is recommended', () => {
    const r = beyondAccuracy(stats, []);
    expect(r).toEqual({ coverage: 0, novelty: NaN, arp: NaN, longTail: NaN, gini: 0 });
  });
});
