import { selectReviews, type ReviewTexts } from './reviews.ts';

/**
 * The columnar ratings table: one row per rating, typed-array columns, raw id strings
 * kept once in dictionaries. This is what import produces, storage keeps, and every
 * split/algorithm reads. No per-row objects anywhere.
 */
export interface RatingsTable {
  /** Index into `userIds`, per row. */
  user: Int32Array;
  /** Index into `itemIds`, per row. */
  item: Int32Array;
  rating: Float32Array;
  /** Unix time in seconds; NaN where the source had none. */
  time: Float64Array;
  /** 1 = verified purchase, 0 = not, null when the source has no such field. */
  verified: Uint8Array | null;
  /** Each row's review text, when the file had some (./reviews.ts); absent otherwise. */
  reviews?: ReviewTexts;
  userIds: string[];
  itemIds: string[];
}

export interface TableCounts {
  rows: number;
  users: number;
  items: number;
  /** 1 − rows / (users × items). */
  sparsity: number;
  ratingMin: number;
  ratingMax: number;
  meanRating: number;
  /**
   * Rows with a timestamp (not NaN). Datasets stored before this count existed lack
   * it: read undefined as "unknown".
   */
  timed: number;
}

/**
 * The table's counts, or (given `subset`, table rows) the counts of the table
 * selectRows(t, subset) would make: the same numbers, without making it.
 */
export function tableCounts(t: RatingsTable, subset?: Int32Array): TableCounts {
  const rows = subset ? subset.length : t.rating.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let timed = 0;
  for (let k = 0; k < rows; k++) {
    const row = subset ? subset[k] : k;
    const r = t.rating[row];
    if (r < min) min = r;
    if (r > max) max = r;
    sum += r;
    if (!Number.isNaN(t.time[row])) timed++;
  }
  const users = subset ? distinct(t.user, subset, t.userIds.length) : t.userIds.length;
  const items = subset ? distinct(t.item, subset, t.itemIds.length) : t.itemIds.length;
  return {
    rows,
    users,
    items,
    sparsity: users && items ? 1 - rows / (users * items) : 1,
    ratingMin: rows ? min : NaN,
    ratingMax: rows ? max : NaN,
    meanRating: rows ? sum / rows : NaN,
    timed,
  };
}

/** How many distinct values `column` takes over `rows` (values in 0..n−1). */
function distinct(column: Int32Array, rows: Int32Array, n: number): number {
  const seen = new Uint8Array(n);
  let count = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = column[rows[k]];
    if (!seen[v]) {
      seen[v] = 1;
      count++;
    }
  }
  return count;
}

/**
 * A new table holding `rows` (in that order), with id dictionaries shrunk to the
 * users and items that still occur — orphans are dropped. Indices are renumbered by
 * first appearance.
 */
export function selectRows(t: RatingsTable, rows: ArrayLike<number>): RatingsTable {
  const n = rows.length;
  const userMap = new Int32Array(t.userIds.length).fill(-1);
  const itemMap = new Int32Array(t.itemIds.length).fill(-1);
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const rating = new Float32Array(n);
  const time = new Float64Array(n);
  const verified = t.verified ? new Uint8Array(n) : null;
  for (let k = 0; k < n; k++) {
    const row = rows[k];
    const u = t.user[row];
    const i = t.item[row];
    if (userMap[u] < 0) {
      userMap[u] = userIds.length;
      userIds.push(t.userIds[u]);
    }
    if (itemMap[i] < 0) {
      itemMap[i] = itemIds.length;
      itemIds.push(t.itemIds[i]);
    }
    user[k] = userMap[u];
    item[k] = itemMap[i];
    rating[k] = t.rating[row];
    time[k] = t.time[row];
    if (verified) verified[k] = t.verified![row];
  }
  return { user, item, rating, time, verified, ...(t.reviews ? { reviews: selectReviews(t.reviews, rows) } : {}), userIds, itemIds };
}

/**
 * Resolve repeated (user, item) pairs by keeping the latest rating (largest time;
 * on equal or missing times, the later row). Returns the table and how many rows
 * were dropped. Row order of the kept rows is preserved, and so are the id
 * dictionaries and indices: every user and item keeps at least its winning row, so
 * only the columns change (import relies on this to make the id strings last).
 */
export function dedupeKeepLatest(t: RatingsTable): { table: RatingsTable; duplicates: number } {
  // Rows grouped by user (counting sort, row order kept within a user); inside a group,
  // lastUser/winner per item find repeats. O(rows + users + items), no hashing — a
  // Map keyed by user × items is seconds and gigabytes at 7.8M rows.
  const n = t.rating.length;
  const nUsers = t.userIds.length;
  const start = new Int32Array(nUsers + 1);
  for (let k = 0; k < n; k++) start[t.user[k] + 1]++;
  for (let u = 0; u < nUsers; u++) start[u + 1] += start[u];
  const byUser = new Int32Array(n);
  const fill = start.slice(0, nUsers);
  // A user with one rating has no repeat; most users in sparse data are such users.
  for (let k = 0; k < n; k++) {
    const u = t.user[k];
    if (start[u + 1] - start[u] > 1) byUser[fill[u]++] = k;
  }

  const lastUser = new Int32Array(t.itemIds.length).fill(-1);
  const winner = new Int32Array(t.itemIds.length);
  const drop = new Uint8Array(n);
  let duplicates = 0;
  for (let u = 0; u < nUsers; u++) {
    if (start[u + 1] - start[u] < 2) continue;
    for (let p = start[u]; p < start[u + 1]; p++) {
      const k = byUser[p];
      const i = t.item[k];
      if (lastUser[i] !== u) {
        lastUser[i] = u;
        winner[i] = k;
        continue;
      }
      duplicates++;
      const prev = winner[i];
      if (t.time[prev] > t.time[k]) {
        drop[k] = 1;
      } else {
        drop[prev] = 1;
        winner[i] = k;
      }
    }
  }
  if (duplicates === 0) return { table: t, duplicates: 0 };
  // Every user and item keeps its winning row, so no id is orphaned: the dictionaries
  // and indices stay as they are and only the columns are compacted.
  const m = n - duplicates;
  const table: RatingsTable = {
    user: new Int32Array(m),
    item: new Int32Array(m),
    rating: new Float32Array(m),
    time: new Float64Array(m),
    verified: t.verified ? new Uint8Array(m) : null,
    userIds: t.userIds,
    itemIds: t.itemIds,
  };
  const kept = new Int32Array(m);
  for (let k = 0, j = 0; k < n; k++) {
    if (drop[k]) continue;
    kept[j] = k;
    table.user[j] = t.user[k];
    table.item[j] = t.item[k];
    table.rating[j] = t.rating[k];
    table.time[j] = t.time[k];
    if (table.verified) table.verified[j] = t.verified![k];
    j++;
  }
  if (t.reviews) table.reviews = selectReviews(t.reviews, kept);
  return { table, duplicates };
}

/** The ArrayBuffers behind a table, for postMessage transfer lists. */
export function tableTransferables(t: RatingsTable): ArrayBuffer[] {
  const cols = [t.user, t.item, t.rating, t.time, t.verified, t.reviews?.bytes, t.reviews?.offsets].filter((c) => c != null);
  return cols.map((c) => c!.buffer as ArrayBuffer);
}
