import { selectRows, tableCounts, type RatingsTable, type TableCounts } from '../ratings.ts';
import { compareCodePoints, keyInto, smallestKeys } from '../keys.ts';

/**
 * The cleaning steps of the source studies, in a fixed order (after import has kept
 * the latest of repeated user–item pairs): verified only → rating range → date range
 * → sampling of N users by seeded key → iterative k-core to a fixed point. The Dask
 * job (src/core/scale/job.py) follows the same order. Everything a saved dataset
 * needs to be rebuilt is in here.
 */
export interface FilterRecipe {
  /** Keep users with at least this many ratings (k-core, applied to a fixed point). */
  minUserRatings: number;
  minItemRatings: number;
  verifiedOnly: boolean;
  /** Inclusive rating range. */
  ratingMin?: number;
  ratingMax?: number;
  /** Inclusive range of unix seconds; rows without a time are dropped when either is set. */
  timeFrom?: number;
  timeTo?: number;
  /** Keep the ratings of this many users, those with the smallest seeded keys (before the k-core). */
  sampleUsers?: number;
  seed: number;
}

/** Counts after one k-core round: rows, users and items still present. */
export interface KcoreRound {
  round: number;
  rows: number;
  users: number;
  items: number;
}

export interface FilterResult {
  table: RatingsTable;
  /** The input rows kept, in input order (the new table's row k is input row rows[k]). */
  rows: Int32Array;
  /** One entry per k-core round that removed something; empty when nothing was removed. */
  rounds: KcoreRound[];
  before: TableCounts;
  after: TableCounts;
}

/** A recipe that cannot be applied to this table (message for the user). */
export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

/**
 * The version of these rules. 1: users were sampled by a seeded shuffle (recipes
 * saved before versions were recorded); 2: by the smallest key("<seed>:<user id>").
 */
export const RECIPE_VERSION = 2;

export const DEFAULT_RECIPE: FilterRecipe = { minUserRatings: 5, minItemRatings: 10, verifiedOnly: false, seed: 42 };

export function applyRecipe(t: RatingsTable, recipe: FilterRecipe): FilterResult {
  const preview = previewRecipe(t, recipe);
  return { ...preview, table: selectRows(t, preview.rows) };
}

/**
 * Whether `r` keeps every row of any table: no row filter, no sample, a k-core of at
 * most 1 (every user and item of a table has a rating). The Data screen opens on such
 * a recipe, and its preview is the table's own counts: no need to read millions of rows.
 */
export function keepsEveryRow(r: FilterRecipe): boolean {
  const atMostOne = (n: number) => n === 0 || n === 1;
  return (
    atMostOne(r.minUserRatings) &&
    atMostOne(r.minItemRatings) &&
    !r.verifiedOnly &&
    r.ratingMin === undefined &&
    r.ratingMax === undefined &&
    r.timeFrom === undefined &&
    r.timeTo === undefined &&
    r.sampleUsers === undefined &&
    Number.isFinite(r.seed)
  );
}

/**
 * What applyRecipe keeps and its counts, without building the filtered table: the
 * live preview, which on a large table would otherwise copy it for every slider move.
 */
export function previewRecipe(t: RatingsTable, recipe: FilterRecipe): Omit<FilterResult, 'table'> {
  checkRecipe(t, recipe);
  let rows = rowFilter(t, recipe);
  if (recipe.sampleUsers !== undefined) rows = sampleUsers(t, rows, recipe.sampleUsers, recipe.seed);
  const { rows: kept, rounds } = kcore(t, rows, recipe.minUserRatings, recipe.minItemRatings);
  return { rows: kept, rounds, before: tableCounts(t), after: tableCounts(t, kept) };
}

function checkRecipe(t: RatingsTable, r: FilterRecipe): void {
  const count = (v: number | undefined, what: string) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new FilterError(`${what} must be a whole number ≥ 0, got ${v}`);
  };
  count(r.minUserRatings, 'minimum ratings per user');
  count(r.minItemRatings, 'minimum ratings per item');
  count(r.sampleUsers, 'the number of sampled users');
  if (!Number.isFinite(r.seed)) throw new FilterError(`the seed must be a number, got ${r.seed}`);
  if (r.verifiedOnly && !t.verified) {
    throw new FilterError('"verified purchases only" needs a verified flag, and this dataset has none (only Amazon review files carry it)');
  }
}

/** Rows passing the per-row filters, as input row indices. */
function rowFilter(t: RatingsTable, r: FilterRecipe): Int32Array {
  const n = t.rating.length;
  const lo = r.ratingMin ?? -Infinity;
  const hi = r.ratingMax ?? Infinity;
  const byTime = r.timeFrom !== undefined || r.timeTo !== undefined;
  const from = r.timeFrom ?? -Infinity;
  const to = r.timeTo ?? Infinity;
  const verified = r.verifiedOnly ? t.verified : null;
  const out = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const rating = t.rating[k];
    if (rating < lo || rating > hi) continue;
    // NaN times fail both comparisons' complement, so rows without a time drop out here.
    if (byTime && !(t.time[k] >= from && t.time[k] <= to)) continue;
    if (verified && verified[k] !== 1) continue;
    out[m++] = k;
  }
  return m === n ? out : out.slice(0, m);
}

/**
 * The rows of the `n` users with the smallest key("<seed>:<user id>") among those
 * present in `rows` (ties by user id): a rule the Dask job applies identically.
 */
function sampleUsers(t: RatingsTable, rows: Int32Array, n: number, seed: number): Int32Array {
  const present = new Uint8Array(t.userIds.length);
  for (let k = 0; k < rows.length; k++) present[t.user[rows[k]]] = 1;
  const users: number[] = [];
  for (let u = 0; u < present.length; u++) if (present[u]) users.push(u);
  if (n >= users.length) return rows;
  const keys = new Uint32Array(2 * users.length);
  for (let k = 0; k < users.length; k++) keyInto(`${seed}:${t.userIds[users[k]]}`, keys, k);
  const picked = smallestKeys(keys, n, (a, b) => compareCodePoints(t.userIds[users[a]], t.userIds[users[b]]));
  const chosen = new Uint8Array(t.userIds.length);
  for (let k = 0; k < users.length; k++) chosen[users[k]] = picked[k];
  let m = 0;
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) if (chosen[t.user[rows[k]]]) out[m++] = rows[k];
  return out.slice(0, m);
}

/**
 * Drop users with fewer than minUser rows and items with fewer than minItem rows,
 * repeatedly, until nothing changes: removing an item can push a user below the
 * minimum and vice versa. Works in place on `rows` (owned here), one counting pass per
 * round over the shrinking row list.
 */
export function kcore(
  t: RatingsTable,
  rows: Int32Array,
  minUser: number,
  minItem: number,
): { rows: Int32Array; rounds: KcoreRound[] } {
  const uc = new Int32Array(t.userIds.length);
  const ic = new Int32Array(t.itemIds.length);
  const user = t.user;
  const item = t.item;
  const count = (active: Int32Array) => {
    uc.fill(0);
    ic.fill(0);
    let users = 0;
    let items = 0;
    for (let k = 0; k < active.length; k++) {
      const row = active[k];
      if (uc[user[row]]++ === 0) users++;
      if (ic[item[row]]++ === 0) items++;
    }
    return { users, items };
  };
  const rounds: KcoreRound[] = [];
  let active = rows;
  count(active);
  for (;;) {
    let m = 0;
    for (let k = 0; k < active.length; k++) {
      const row = active[k];
      if (uc[user[row]] >= minUser && ic[item[row]] >= minItem) active[m++] = row;
    }
    if (m === active.length) break;
    active = active.subarray(0, m);
    const { users, items } = count(active);
    rounds.push({ round: rounds.length + 1, rows: m, users, items });
  }
  return { rows: active.length === rows.length ? rows : active.slice(), rounds };
}
