import { tableCounts, type RatingsTable, type TableCounts } from '../ratings.ts';

/**
 * Exploration statistics for the charts: plain serialisable objects of small arrays,
 * computed in a few linear passes (no sorting, no per-row objects) so that a 7.8M-row
 * table is summarised in well under a second in the worker.
 */
export interface Bin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge (inclusive for the last bin). */
  to: number;
  count: number;
}

export interface CountDistribution {
  /** Log2 bins: [1, 2), [2, 4), [4, 8), … */
  bins: Bin[];
  /** Ratings per user (or item) at the 10/25/50/75/90/95/99 % quantiles. */
  quantiles: { q: number; value: number }[];
  min: number;
  max: number;
  mean: number;
}

export interface DatasetStats {
  counts: TableCounts;
  /** One bar per rating value when ratings are whole or half steps, else 20 equal bins. */
  ratingHistogram: Bin[];
  ratingsPerUser: CountDistribution;
  ratingsPerItem: CountDistribution;
  /** Average rating of each user (item), in 20 equal bins over the rating range. */
  meanRatingPerUser: Bin[];
  meanRatingPerItem: Bin[];
  /** Ratings per calendar month (UTC), every month from the first to the last. */
  ratingsPerMonth: { month: string; count: number }[];
  /** Rows without a timestamp. */
  undated: number;
}

export const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
const MEAN_BINS = 20;

export function datasetStats(t: RatingsTable): DatasetStats {
  const counts = tableCounts(t);
  const users = perKey(t.user, t.userIds.length, t.rating);
  const items = perKey(t.item, t.itemIds.length, t.rating);
  const lo = counts.ratingMin;
  const hi = counts.ratingMax;
  const { months, undated } = ratingsPerMonth(t.time);
  return {
    counts,
    ratingHistogram: ratingHistogram(t.rating, lo, hi),
    ratingsPerUser: countDistribution(users.count),
    ratingsPerItem: countDistribution(items.count),
    meanRatingPerUser: meanHistogram(users, lo, hi),
    meanRatingPerItem: meanHistogram(items, lo, hi),
    ratingsPerMonth: months,
    undated,
  };
}

/** Ratings count and sum per user (or item): `key` is the table's user (item) column. */
export function perKey(key: Int32Array, n: number, rating: Float32Array): { count: Int32Array; sum: Float64Array } {
  const count = new Int32Array(n);
  const sum = new Float64Array(n);
  for (let k = 0; k < key.length; k++) {
    count[key[k]]++;
    sum[key[k]] += rating[k];
  }
  return { count, sum };
}

function ratingHistogram(rating: Float32Array, lo: number, hi: number): Bin[] {
  if (rating.length === 0) return [];
  let halfSteps = true;
  for (let k = 0; k < rating.length && halfSteps; k++) halfSteps = Number.isInteger(rating[k] * 2);
  if (!halfSteps) return equalBins(rating, lo, hi, MEAN_BINS);
  // Whole-step scales (1–5) get one bar per whole value, half-step ones per half.
  let whole = true;
  for (let k = 0; k < rating.length && whole; k++) whole = Number.isInteger(rating[k]);
  const step = whole ? 1 : 0.5;
  const bars = Math.round((hi - lo) / step) + 1;
  const c = new Array<number>(bars).fill(0);
  for (let k = 0; k < rating.length; k++) c[Math.round((rating[k] - lo) / step)]++;
  return c.map((count, b) => ({ from: lo + b * step, to: lo + (b + 1) * step, count }));
}

function equalBins(values: ArrayLike<number>, lo: number, hi: number, bins: number): Bin[] {
  const width = hi > lo ? (hi - lo) / bins : 1;
  const c = new Array<number>(bins).fill(0);
  for (let k = 0; k < values.length; k++) c[Math.min(bins - 1, Math.floor((values[k] - lo) / width))]++;
  return c.map((count, b) => ({ from: lo + b * width, to: lo + (b + 1) * width, count }));
}

function meanHistogram(g: { count: Int32Array; sum: Float64Array }, lo: number, hi: number): Bin[] {
  if (!(hi >= lo)) return [];
  const means = new Float64Array(g.count.length);
  let m = 0;
  for (let k = 0; k < g.count.length; k++) if (g.count[k] > 0) means[m++] = g.sum[k] / g.count[k];
  return equalBins(means.subarray(0, m), lo, hi, MEAN_BINS);
}

/** Log2 bins and quantiles of per-user (per-item) counts, via a histogram of count values. */
export function countDistribution(count: Int32Array): CountDistribution {
  let max = 0;
  let min = Infinity;
  let total = 0;
  let present = 0;
  for (let k = 0; k < count.length; k++) {
    const c = count[k];
    if (c === 0) continue;
    present++;
    total += c;
    if (c > max) max = c;
    if (c < min) min = c;
  }
  if (present === 0) return { bins: [], quantiles: QUANTILES.map((q) => ({ q, value: NaN })), min: NaN, max: NaN, mean: NaN };
  const freq = new Int32Array(max + 1);
  for (let k = 0; k < count.length; k++) freq[count[k]]++;
  const bins: Bin[] = [];
  for (let from = 1; from <= max; from *= 2) {
    let c = 0;
    for (let v = from; v < Math.min(2 * from, max + 1); v++) c += freq[v];
    bins.push({ from, to: 2 * from, count: c });
  }
  // Nearest-rank quantiles over the users (items) that have at least one rating.
  const quantiles = QUANTILES.map((q) => {
    const rank = Math.max(1, Math.ceil(q * present));
    let seen = 0;
    for (let v = 1; v <= max; v++) {
      seen += freq[v];
      if (seen >= rank) return { q, value: v };
    }
    return { q, value: max };
  });
  return { bins, quantiles, min, max, mean: total / present };
}

/** Months since 1970-01 (UTC) of a unix time in seconds, by civil-from-days arithmetic. */
export function monthIndex(seconds: number): number {
  // Howard Hinnant's days → civil date, avoiding a Date object per row.
  const z = Math.floor(seconds / 86400) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return (year - 1970) * 12 + (month - 1);
}

function ratingsPerMonth(time: Float64Array): { months: { month: string; count: number }[]; undated: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let undated = 0;
  for (let k = 0; k < time.length; k++) {
    const t = time[k];
    if (Number.isNaN(t)) {
      undated++;
      continue;
    }
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  if (lo > hi) return { months: [], undated };
  const first = monthIndex(lo);
  const c = new Array<number>(monthIndex(hi) - first + 1).fill(0);
  for (let k = 0; k < time.length; k++) if (!Number.isNaN(time[k])) c[monthIndex(time[k]) - first]++;
  const label = (m: number) => `${1970 + Math.floor(m / 12)}-${String((m % 12 + 12) % 12 + 1).padStart(2, '0')}`;
  return { months: c.map((count, k) => ({ month: label(first + k), count })), undated };
}
