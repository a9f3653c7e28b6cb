/**
 * The damped mean rating of an item (a Bayesian average): its ratings' sum plus
 * `weight` phantom ratings at the global mean, over its count plus `weight`. An item
 * with few ratings stays near the global mean; one with many reads as its own mean.
 * What the popularity list of a new visitor and the "worst products" list rank by.
 */
import type { RatingsTable } from './ratings.ts';
import { topKById } from './topk.ts';

/** (sum + weight · prior) / (count + weight); NaN for no rating and weight 0. */
export function dampedMean(sum: number, count: number, prior: number, weight: number): number {
  return (sum + weight * prior) / (count + weight);
}

/** Per table item, over the given rows: the evidence a list shows beside each item. */
export interface ItemEvidence {
  count: Int32Array;
  /** Plain mean rating (NaN for an item without ratings here). */
  mean: Float64Array;
  /** Damped mean with the global mean as prior. */
  damped: Float64Array;
  /** Mean of all the rows' ratings (the prior). */
  globalMean: number;
  weight: number;
}

/** Counts, means and damped means of every item over `rows` (e.g. a model's training rows). */
export function itemEvidence(table: RatingsTable, rows: ArrayLike<number>, weight: number): ItemEvidence {
  if (!(weight >= 0)) throw new RangeError(`the prior weight must be ≥ 0, got ${weight}`);
  const n = table.itemIds.length;
  const count = new Int32Array(n);
  const sum = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    count[table.item[row]]++;
    sum[table.item[row]] += table.rating[row];
    total += table.rating[row];
  }
  const globalMean = rows.length ? total / rows.length : NaN;
  const mean = new Float64Array(n);
  const damped = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mean[i] = count[i] ? sum[i] / count[i] : NaN;
    damped[i] = dampedMean(sum[i], count[i], globalMean, weight);
  }
  return { count, mean, damped, globalMean, weight };
}

/**
 * The n items with the highest (or lowest) damped mean among those with at least
 * `minCount` ratings; equal damped means by raw item id ascending.
 */
export function rankByDampedMean(evidence: ItemEvidence, minCount: number, n: number, order: 'highest' | 'lowest', ids: readonly string[]): Int32Array {
  const key = new Float64Array(evidence.damped.length);
  for (let i = 0; i < key.length; i++) {
    key[i] = evidence.count[i] >= Math.max(1, minCount) ? (order === 'highest' ? evidence.damped[i] : -evidence.damped[i]) : NaN;
  }
  return topKById(key, n, ids);
}
