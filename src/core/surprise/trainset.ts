import type { RatingsTable } from '../ratings.ts';

/**
 * Surprise's Trainset, columnar. Users and items get inner ids in order of first
 * appearance among the training rows (as Surprise numbers them), and the per-user
 * (`ur`) and per-item (`ir`) lists are CSR arrays filled in row order, so sums and
 * neighbour ties run in the same order as Surprise's and reproduce its numbers.
 */
export interface Trainset {
  nUsers: number;
  nItems: number;
  nRatings: number;
  globalMean: number;
  ratingMin: number;
  ratingMax: number;
  /** Inner user, inner item and rating per training rating, in trainset order. */
  u: Int32Array;
  i: Int32Array;
  r: Float64Array;
  /** ur: ratings of user u are urItem/urRating[urStart[u] .. urStart[u+1]). */
  urStart: Int32Array;
  urItem: Int32Array;
  urRating: Float64Array;
  /** ir: ratings of item i are irUser/irRating[irStart[i] .. irStart[i+1]). */
  irStart: Int32Array;
  irUser: Int32Array;
  irRating: Float64Array;
  /** Inner id → table index, and table index → inner id (−1 when not in the trainset). */
  userOfInner: Int32Array;
  itemOfInner: Int32Array;
  innerOfUser: Int32Array;
  innerOfItem: Int32Array;
}

/** The rating scale the trainset is clipped to. Defaults to the table's observed range. */
export interface RatingScale {
  min: number;
  max: number;
}

function csr(
  n: number,
  key: Int32Array,
  other: Int32Array,
  r: Float64Array,
): { start: Int32Array; other: Int32Array; rating: Float64Array } {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < key.length; k++) start[key[k] + 1]++;
  for (let k = 0; k < n; k++) start[k + 1] += start[k];
  const fill = start.slice(0, n);
  const o = new Int32Array(key.length);
  const rr = new Float64Array(key.length);
  for (let k = 0; k < key.length; k++) {
    const p = fill[key[k]]++;
    o[p] = other[k];
    rr[p] = r[k];
  }
  return { start, other: o, rating: rr };
}

export function buildTrainset(
  table: RatingsTable,
  rows: ArrayLike<number>,
  scale?: RatingScale,
): Trainset {
  const n = rows.length;
  const innerOfUser = new Int32Array(table.userIds.length).fill(-1);
  const innerOfItem = new Int32Array(table.itemIds.length).fill(-1);
  const userOf: number[] = [];
  const itemOf: number[] = [];
  const u = new Int32Array(n);
  const i = new Int32Array(n);
  const r = new Float64Array(n);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const row = rows[k];
    const tu = table.user[row];
    const ti = table.item[row];
    if (innerOfUser[tu] < 0) {
      innerOfUser[tu] = userOf.length;
      userOf.push(tu);
    }
    if (innerOfItem[ti] < 0) {
      innerOfItem[ti] = itemOf.length;
      itemOf.push(ti);
    }
    u[k] = innerOfUser[tu];
    i[k] = innerOfItem[ti];
    const rating = table.rating[row];
    r[k] = rating;
    sum += rating;
    if (rating < min) min = rating;
    if (rating > max) max = rating;
  }
  const nUsers = userOf.length;
  const nItems = itemOf.length;
  const byUser = csr(nUsers, u, i, r);
  const byItem = csr(nItems, i, u, r);
  return {
    nUsers,
    nItems,
    nRatings: n,
    globalMean: n ? sum / n : NaN,
    ratingMin: scale?.min ?? min,
    ratingMax: scale?.max ?? max,
    u,
    i,
    r,
    urStart: byUser.start,
    urItem: byUser.other,
    urRating: byUser.rating,
    irStart: byItem.start,
    irUser: byItem.other,
    irRating: byItem.rating,
    userOfInner: Int32Array.from(userOf),
    itemOfInner: Int32Array.from(itemOf),
    innerOfUser,
    innerOfItem,
  };
}

/** Test pairs for a trainset: inner ids (−1 for unknown) and true ratings. */
export interface Testset {
  u: Int32Array;
  i: Int32Array;
  r: Float64Array;
}

export function buildTestset(table: RatingsTable, rows: ArrayLike<number>, ts: Trainset): Testset {
  const n = rows.length;
  const u = new Int32Array(n);
  const i = new Int32Array(n);
  const r = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const row = rows[k];
    u[k] = ts.innerOfUser[table.user[row]];
    i[k] = ts.innerOfItem[table.item[row]];
    r[k] = table.rating[row];
  }
  return { u, i, r };
}
