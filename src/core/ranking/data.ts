/**
 * What a ranking evaluation needs from a table and a split, built once in
 * O(rows + items · log items): the training catalog in item-id order, per-user CSR
 * lists of training items, held-out items and relevant items, and the item
 * popularity counts the beyond-accuracy metrics read. See ./index.ts for the rules.
 */
import type { RatingsTable } from '../ratings.ts';
import type { Split } from '../split.ts';

export interface RankingData {
  nUsers: number;
  nItems: number;
  /** The training catalog (items with ≥ 1 training row), in ascending raw item id order (JS `<` on strings). */
  catalog: Int32Array;
  /** Per table item: its position in `catalog` (the tie-break key), −1 off the catalog. */
  idRank: Int32Array;
  /** Per table user, CSR: the distinct items the user rated in training (ascending index). */
  trainStart: Int32Array;
  trainItems: Int32Array;
  /** Per table user, CSR: the distinct items of the user's test rows, any rating, catalog or not (ascending index). */
  heldStart: Int32Array;
  heldItems: Int32Array;
  /** The evaluated users (table indices, ascending): those with ≥ 1 relevant item. */
  users: Int32Array;
  /** CSR over `users`: each one's relevant items (ascending index). */
  relStart: Int32Array;
  relItems: Int32Array;
  /** Per table item: distinct training users who rated it. */
  popularity: Int32Array;
  /** Per table item: training rows (ratings) of it. */
  ratingCount: Int32Array;
  /** Distinct users with ≥ 1 training row. */
  nTrainUsers: number;
  /** Per table item: 1 when in the head (the fewest most-rated catalog items holding ≥ 20% of the training ratings). */
  head: Uint8Array;
}

/**
 * Per-user distinct items of `rows`, as CSR over all users. `keep` filters rows; the
 * stamp array marks items already listed for the current user (no per-user sets).
 */
function userItemsCsr(
  table: RatingsTable,
  rows: Int32Array,
  nUsers: number,
  stamp: Int32Array,
  keep?: (row: number) => boolean,
): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(nUsers + 1);
  for (let k = 0; k < rows.length; k++) start[table.user[rows[k]] + 1]++;
  for (let u = 0; u < nUsers; u++) start[u + 1] += start[u];
  const grouped = new Int32Array(rows.length);
  const fill = start.slice(0, nUsers);
  for (let k = 0; k < rows.length; k++) grouped[fill[table.user[rows[k]]]++] = rows[k];
  // Compact in place: each user's distinct kept items, then sort that short run.
  const outStart = new Int32Array(nUsers + 1);
  const items = new Int32Array(rows.length);
  let n = 0;
  for (let u = 0; u < nUsers; u++) {
    const from = n;
    for (let p = start[u]; p < start[u + 1]; p++) {
      const row = grouped[p];
      if (keep && !keep(row)) continue;
      const i = table.item[row];
      if (stamp[i] === u + 1) continue;
      stamp[i] = u + 1;
      items[n++] = i;
    }
    items.subarray(from, n).sort();
    outStart[u + 1] = n;
  }
  // Reset the stamps for the next caller.
  stamp.fill(0);
  return { start: outStart, items: items.slice(0, n) };
}

/** Whether row k's rating passes the relevance threshold (no threshold: every rating). */
function passes(rating: number, relevance: number | undefined): boolean {
  return relevance === undefined || rating >= relevance;
}

export function rankingData(table: RatingsTable, split: Split, relevance?: number): RankingData {
  if (relevance !== undefined && Number.isNaN(relevance)) throw new RangeError('relevance threshold is NaN');
  const nUsers = table.userIds.length;
  const nItems = table.itemIds.length;
  const stamp = new Int32Array(nItems);

  const train = userItemsCsr(table, split.train, nUsers, stamp);
  const ratingCount = new Int32Array(nItems);
  for (let k = 0; k < split.train.length; k++) ratingCount[table.item[split.train[k]]]++;
  const popularity = new Int32Array(nItems);
  for (let p = 0; p < train.items.length; p++) popularity[train.items[p]]++;
  let nTrainUsers = 0;
  for (let u = 0; u < nUsers; u++) if (train.start[u + 1] > train.start[u]) nTrainUsers++;

  // The catalog in code-unit order of the raw ids: one sort of the catalog's ids, once.
  let nCatalog = 0;
  for (let i = 0; i < nItems; i++) if (ratingCount[i] > 0) nCatalog++;
  const catalog = new Int32Array(nCatalog);
  for (let i = 0, c = 0; i < nItems; i++) if (ratingCount[i] > 0) catalog[c++] = i;
  const ids = table.itemIds;
  catalog.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
  const idRank = new Int32Array(nItems).fill(-1);
  for (let c = 0; c < nCatalog; c++) idRank[catalog[c]] = c;

  const held = userItemsCsr(table, split.test, nUsers, stamp);
  // Relevant: test items in the catalog, not rated by the user in training (they are
  // no candidates), with a test rating ≥ the threshold (any of the user's test rows of it).
  const relAll = userItemsCsr(table, split.test, nUsers, stamp, (row) => ratingCount[table.item[row]] > 0 && passes(table.rating[row], relevance));
  let nEval = 0;
  const relCount = new Int32Array(nUsers);
  for (let u = 0; u < nUsers; u++) {
    for (let p = train.start[u]; p < train.start[u + 1]; p++) stamp[train.items[p]] = u + 1;
    let c = 0;
    for (let p = relAll.start[u]; p < relAll.start[u + 1]; p++) if (stamp[relAll.items[p]] !== u + 1) c++;
    relCount[u] = c;
    if (c > 0) nEval++;
  }
  const users = new Int32Array(nEval);
  const relStart = new Int32Array(nEval + 1);
  let nRel = 0;
  for (let u = 0, e = 0; u < nUsers; u++) if (relCount[u] > 0) {
    users[e++] = u;
    nRel += relCount[u];
    relStart[e] = nRel;
  }
  const relItems = new Int32Array(nRel);
  for (let e = 0, n = 0; e < nEval; e++) {
    const u = users[e];
    // Stamp again: a later user's training items overwrote this user's marks above.
    for (let p = train.start[u]; p < train.start[u + 1]; p++) stamp[train.items[p]] = u + 1;
    for (let p = relAll.start[u]; p < relAll.start[u + 1]; p++) if (stamp[relAll.items[p]] !== u + 1) relItems[n++] = relAll.items[p];
  }

  return {
    nUsers,
    nItems,
    catalog,
    idRank,
    trainStart: train.start,
    trainItems: train.items,
    heldStart: held.start,
    heldItems: held.items,
    users,
    relStart,
    relItems,
    popularity,
    ratingCount,
    nTrainUsers,
    head: longTailHead(catalog, ratingCount),
  };
}

/**
 * The head: the smallest set of most-rated catalog items (training rating count
 * descending, ties by item id ascending, i.e. catalog order) holding ≥ 20% of the
 * training ratings. Returned as a per-item flag.
 */
export function longTailHead(catalog: Int32Array, ratingCount: Int32Array): Uint8Array {
  const head = new Uint8Array(ratingCount.length);
  let total = 0;
  for (let c = 0; c < catalog.length; c++) total += ratingCount[catalog[c]];
  if (total === 0) return head;
  // A stable sort of the catalog positions keeps id order among equal counts.
  const order = Int32Array.from(catalog.keys()).sort((a, b) => ratingCount[catalog[b]] - ratingCount[catalog[a]] || a - b);
  // sum ≥ 20% of total, in integers (0.2 · total is not exact in floating point).
  let sum = 0;
  for (let c = 0; c < order.length && sum * 5 < total; c++) {
    const i = catalog[order[c]];
    head[i] = 1;
    sum += ratingCount[i];
  }
  return head;
}

/** A user's candidates: the catalog items the user did not rate in training, in catalog (item id) order. */
export function candidates(data: RankingData, user: number): Int32Array {
  const rated = new Uint8Array(data.nItems);
  for (let p = data.trainStart[user]; p < data.trainStart[user + 1]; p++) rated[data.trainItems[p]] = 1;
  const out = new Int32Array(data.catalog.length - (data.trainStart[user + 1] - data.trainStart[user]));
  let n = 0;
  for (let c = 0; c < data.catalog.length; c++) if (!rated[data.catalog[c]]) out[n++] = data.catalog[c];
  return out;
}

/** The relevant items of evaluated user number `e` (an index into `data.users`). */
export function relevantOf(data: RankingData, e: number): Int32Array {
  return data.relItems.subarray(data.relStart[e], data.relStart[e + 1]);
}
