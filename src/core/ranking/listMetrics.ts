/**
 * Accuracy metrics of one ranked list with binary gains (see ./index.ts for the
 * definitions). The `Into` forms write into a caller's scratch array so the
 * evaluation allocates nothing per user; the object forms are for tests and readers.
 */

/** The order of the values in the scratch arrays. */
export const METRICS = ['hr', 'precision', 'recall', 'ap', 'ndcg', 'mrr'] as const;
export type MetricName = (typeof METRICS)[number];
export type ListMetrics = Record<MetricName, number>;

const HR = 0;
const PRECISION = 1;
const RECALL = 2;
const AP = 3;
const NDCG = 4;
const MRR = 5;

/**
 * Metrics@k of one top-k list into out[0..6) (METRICS order). `rel[r]` is 1 when the
 * item at rank r + 1 is relevant, for r < len (len ≤ k: a list shorter than k, when
 * the user has fewer candidates, still divides precision by k). `nRelevant` ≥ 1.
 */
export function listMetricsInto(out: Float64Array, rel: ArrayLike<number>, len: number, nRelevant: number, k: number): void {
  let hits = 0;
  let apSum = 0;
  let dcg = 0;
  let firstHit = 0;
  for (let r = 1; r <= len; r++) {
    if (!rel[r - 1]) continue;
    hits++;
    apSum += hits / r; // Precision@r at a relevant rank
    dcg += 1 / Math.log2(r + 1);
    if (firstHit === 0) firstHit = r;
  }
  const ideal = Math.min(nRelevant, k);
  let idcg = 0;
  for (let r = 1; r <= ideal; r++) idcg += 1 / Math.log2(r + 1);
  out[HR] = hits > 0 ? 1 : 0;
  out[PRECISION] = hits / k;
  out[RECALL] = hits / nRelevant;
  out[AP] = apSum / ideal;
  out[NDCG] = dcg / idcg;
  out[MRR] = firstHit > 0 ? 1 / firstHit : 0;
}

/**
 * Metrics@k of one sampled instance (1 positive among N negatives) whose positive
 * ranks at `rank` (1-based): hit = rank ≤ k; HR = hit; precision = hit/k; recall =
 * hit; AP = MRR = 1/rank on a hit; NDCG = 1/log2(rank + 1) on a hit; all 0 otherwise.
 */
export function instanceMetricsInto(out: Float64Array, rank: number, k: number): void {
  const hit = rank <= k ? 1 : 0;
  out[HR] = hit;
  out[PRECISION] = hit / k;
  out[RECALL] = hit;
  out[AP] = hit / rank;
  out[NDCG] = hit ? 1 / Math.log2(rank + 1) : 0;
  out[MRR] = hit / rank;
}

function toObject(v: Float64Array): ListMetrics {
  return { hr: v[HR], precision: v[PRECISION], recall: v[RECALL], ap: v[AP], ndcg: v[NDCG], mrr: v[MRR] };
}

/** listMetricsInto as an object; `rel` is the whole list (its length ≤ k). */
export function listMetrics(rel: ArrayLike<number>, nRelevant: number, k: number): ListMetrics {
  const out = new Float64Array(METRICS.length);
  listMetricsInto(out, rel, Math.min(rel.length, k), nRelevant, k);
  return toObject(out);
}

/** instanceMetricsInto as an object. */
export function instanceMetrics(rank: number, k: number): ListMetrics {
  const out = new Float64Array(METRICS.length);
  instanceMetricsInto(out, rank, k);
  return toObject(out);
}
