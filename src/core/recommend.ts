/**
 * Top-N recommendations for one user from a fitted Surprise-style algorithm: every
 * item the user has not rated, ranked by the algorithm's raw estimate (before
 * clipping, so items past the top of the scale still rank apart). Items the
 * algorithm cannot estimate are left out.
 */
import type { AlgoBase } from './surprise/algo.ts';
import type { Trainset } from './surprise/trainset.ts';
import { topK } from './topk.ts';

export interface Recommendation {
  /** Inner item id of the trainset. */
  item: number;
  /** The estimate clipped to the rating scale, as predict() reports it. */
  rating: number;
}

/** Scores per item with the user's own items removed (NaN never ranks), then the best n. */
export function topUnseen(scores: Float64Array, seen: ArrayLike<number>, n: number): Int32Array {
  const s = Float64Array.from(scores);
  for (let k = 0; k < seen.length; k++) s[seen[k]] = NaN;
  return topK(s, n);
}

export function recommend(algo: AlgoBase, ts: Trainset, u: number, n: number): Recommendation[] {
  const scores = new Float64Array(ts.nItems);
  for (let i = 0; i < ts.nItems; i++) scores[i] = algo.estimate(u, i);
  const seen = ts.urItem.subarray(ts.urStart[u], ts.urStart[u + 1]);
  return Array.from(topUnseen(scores, seen, n), (item) => ({ item, rating: algo.predict(u, item).est }));
}
