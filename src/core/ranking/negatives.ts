/**
 * The sampled protocol's negatives, drawn once and frozen: a seeded draw per
 * evaluated user, stored as CSR arrays so a run can keep them and every later run or
 * model ranks against the very same items (see ./index.ts for the rules).
 */
import type { RatingsTable } from '../ratings.ts';
import { createRng } from '../rng.ts';
import type { Split } from '../split.ts';
import { rankingData, type RankingData } from './data.ts';

export interface Negatives {
  /** N, the number asked per user (a short user has fewer). */
  n: number;
  /** The seed they were drawn with. */
  seed: number;
  /** The users they were drawn for: table user indices, ascending. */
  users: Int32Array;
  /** CSR over `users`: user e's negatives are items[userStart[e], userStart[e + 1]). */
  userStart: Int32Array;
  /** Table item indices, ascending within each user. */
  items: Int32Array;
}

/**
 * Marks with `stamp` (value u + 1) every item user u may not draw: training items and
 * held-out items. Returns how many of them are in the catalog.
 */
function markExcluded(data: RankingData, u: number, stamp: Int32Array): number {
  const mark = u + 1;
  let excluded = 0;
  for (let p = data.trainStart[u]; p < data.trainStart[u + 1]; p++) {
    // Every training item is in the catalog by definition.
    stamp[data.trainItems[p]] = mark;
    excluded++;
  }
  for (let p = data.heldStart[u]; p < data.heldStart[u + 1]; p++) {
    const i = data.heldItems[p];
    if (stamp[i] === mark) continue;
    stamp[i] = mark;
    if (data.idRank[i] >= 0) excluded++;
  }
  return excluded;
}

/**
 * Draws up to `n` negatives for each of `data.users`, uniformly without replacement
 * from the user's candidates (catalog items not rated in training) minus every
 * held-out item of the user (so no relevant item either), with one createRng(seed)
 * stream consumed user by user in ascending user order. A user with fewer than n
 * eligible items gets all of them. With m eligible items among a catalog of C: when
 * m > n, 2m ≥ C and 2n ≤ m, draws rng.int(C) catalog positions (catalog in item-id
 * order), skipping excluded and already drawn items, until n are drawn; otherwise
 * lists the eligible items in catalog order and takes the first n of a partial
 * Fisher–Yates shuffle (j = 0…n−1 swaps j with j + rng.int(m − j)). The procedure is
 * part of what a seed means: change it and a seed draws other negatives.
 */
export function drawNegatives(data: RankingData, n: number, seed: number): Negatives {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`negatives must be a positive integer, got ${n}`);
  const rng = createRng(seed);
  const { users, catalog } = data;
  const C = catalog.length;
  const stamp = new Int32Array(data.nItems);
  // First pass: how many each user can have, to size the CSR exactly.
  const eligible = new Int32Array(users.length);
  const userStart = new Int32Array(users.length + 1);
  for (let e = 0; e < users.length; e++) {
    eligible[e] = C - markExcluded(data, users[e], stamp);
    userStart[e + 1] = userStart[e] + Math.min(n, eligible[e]);
  }
  stamp.fill(0);
  const items = new Int32Array(userStart[users.length]);
  const pool = new Int32Array(C);
  for (let e = 0; e < users.length; e++) {
    const u = users[e];
    const mark = u + 1;
    markExcluded(data, u, stamp);
    const m = eligible[e];
    const from = userStart[e];
    if (m > n && 2 * m >= C && 2 * n <= m) {
      // Most of the catalog is eligible: rejection sampling over catalog positions
      // (each accepted draw is uniform over the items not yet excluded or drawn);
      // at least a quarter of draws succeed, so this costs O(n), not O(catalog).
      for (let got = 0; got < n; ) {
        const i = catalog[rng.int(C)];
        if (stamp[i] === mark) continue;
        stamp[i] = mark;
        items[from + got++] = i;
      }
    } else {
      // Few eligible items: list them, then a partial Fisher–Yates takes n of them.
      let len = 0;
      for (let c = 0; c < C; c++) if (stamp[catalog[c]] !== mark) pool[len++] = catalog[c];
      const take = Math.min(n, len);
      if (len > n) {
        for (let j = 0; j < take; j++) {
          const r = j + rng.int(len - j);
          const t = pool[j];
          pool[j] = pool[r];
          pool[r] = t;
        }
      }
      items.set(pool.subarray(0, take), from);
    }
    items.subarray(from, userStart[e + 1]).sort();
  }
  return { n, seed, users: Int32Array.from(users), userStart, items };
}

/** Negatives for a table and split straight away, to freeze before any model is ranked. */
export function sampleNegatives(table: RatingsTable, split: Split, opts: { negatives?: number; seed?: number; relevance?: number } = {}): Negatives {
  return drawNegatives(rankingData(table, split, opts.relevance), opts.negatives ?? 100, opts.seed ?? 0);
}

/**
 * Where each of `data.users` finds its negatives in `negs` (its CSR row), after
 * checking that they fit this split: every evaluated user present, every negative a
 * catalog item the user neither rated in training nor holds out, none repeated.
 * Throws otherwise (negatives frozen on another split or relevance threshold).
 */
export function locateNegatives(data: RankingData, negs: Negatives): Int32Array {
  const rowOf = new Int32Array(data.nUsers).fill(-1);
  if (negs.userStart.length !== negs.users.length + 1 || negs.userStart[negs.users.length] !== negs.items.length) {
    throw new Error('frozen negatives are malformed: userStart does not match users and items');
  }
  for (let r = 0; r < negs.users.length; r++) {
    const u = negs.users[r];
    if (u >= 0 && u < data.nUsers) rowOf[u] = r;
  }
  const row = new Int32Array(data.users.length);
  const stamp = new Int32Array(data.nItems);
  for (let e = 0; e < data.users.length; e++) {
    const u = data.users[e];
    const r = rowOf[u];
    if (r < 0) throw new Error(`frozen negatives have no entry for user index ${u}: they were drawn for another split or relevance threshold`);
    row[e] = r;
    markExcluded(data, u, stamp);
    for (let p = negs.userStart[r]; p < negs.userStart[r + 1]; p++) {
      const i = negs.items[p];
      if (!(i >= 0 && i < data.nItems) || data.idRank[i] < 0 || stamp[i] === u + 1) {
        throw new Error(`frozen negatives of user index ${u} include item index ${i}, which is not an eligible negative on this split`);
      }
      stamp[i] = u + 1; // a repeat now fails the check above
    }
  }
  return row;
}
