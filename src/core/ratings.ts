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
}

export function tableCounts(t: RatingsTable): TableCounts {
  const rows = t.rating.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let k = 0; k < rows; k++) {
    const r = t.rating[k];
    if (r < min) min = r;
    if (r > max) max = r;
    sum += r;
  }
  const users = t.userIds.length;
  const items = t.itemIds.length;
  return {
    rows,
    users,
    items,
    sparsity: users && items ? 1 - rows / (users * items) : 1,
    ratingMin: rows ? min : NaN,
    ratingMax: rows ? max : NaN,
    meanRating: rows ? sum / rows : NaN,
  };
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
  return { user, item, rating, time, verified, userIds, itemIds };
}

/**
 * Resolve repeated (user, item) pairs by keeping the latest rating (largest time;
 * on equal or missing times, the later row). Returns the table and how many rows
 * were dropped. Row order of the kept rows is preserved.
 */
export function dedupeKeepLatest(t: RatingsTable): { table: RatingsTable; duplicates: number } {
  const n = t.rating.length;
  const nItems = t.itemIds.length;
  const winner = new Map<number, number>();
  let duplicates = 0;
  for (let k = 0; k < n; k++) {
    const key = t.user[k] * nItems + t.item[k];
    const prev = winner.get(key);
    if (prev === undefined) {
      winner.set(key, k);
      continue;
    }
    duplicates++;
    const tPrev = t.time[prev];
    const tNow = t.time[k];
    if (!(tPrev > tNow)) winner.set(key, k);
  }
  if (duplicates === 0) return { table: t, duplicates: 0 };
  const keep = new Int32Array(n - duplicates);
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (winner.get(t.user[k] * nItems + t.item[k]) === k) keep[j++] = k;
  }
  return { table: selectRows(t, keep), duplicates };
}

/** The ArrayBuffers behind a table, for postMessage transfer lists. */
export function tableTransferables(t: RatingsTable): ArrayBuffer[] {
  const cols = [t.user, t.item, t.rating, t.time, t.verified].filter((c) => c !== null);
  return cols.map((c) => c!.buffer as ArrayBuffer);
}
