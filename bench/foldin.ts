/**
 * Fold-in against a full refit and against popularity, on MovieLens-100k held-out
 * users (heldOutUsers, seed 0: 20% of the users; each one's earliest half of ratings
 * revealed, the later half to predict):
 *
 * - refit: the model fitted on every other user's ratings plus the revealed halves
 *   (what "refit with the visitor" gives, at the price of a whole fit);
 * - fold-in: the model fitted on the other users alone, then each held-out user
 *   folded in from their revealed half (FittedModel.foldIn: their vector solved with
 *   everything else fixed);
 * - popularity: the damped mean (10 phantom ratings at the mean; items with at least
 *   5 ratings rank), what a visitor sees before rating anything.
 *
 * Scored on the held-out halves: RMSE, and HR@10 of the full ranking (every unrated
 * item a candidate, every held-out item relevant). The fold-in update time is one
 * foldIn call (solve + scores for all 1,682 items), per held-out user.
 *
 *   npm run bench:foldin [-- --algos SVD,BiasMF] [--backend wasm|cpu] [--seed 0]
 */
import { parseArgs } from 'node:util';
import { itemEvidence } from '../src/core/dampedMean.ts';
import { predictRows, ratingsOf } from '../src/core/estimator/predict.ts';
import type { FittedModel } from '../src/core/estimator/types.ts';
import { rmse } from '../src/core/metrics.ts';
import { fallbackAndClip } from '../src/core/predict.ts';
import { rankModel, type Scorer } from '../src/core/ranking/index.ts';
import type { RatingsTable } from '../src/core/ratings.ts';
import { findAlgorithm, resolveParams } from '../src/core/registry/index.ts';
import { tableScale } from '../src/core/selection/crossValidate.ts';
import { heldOutUsers } from '../src/core/selection/splits.ts';
import { loadMl100k, ml100kAvailable } from '../src/core/testing/ml100k.ts';
import { type BackendName, selectBackend } from '../src/models/backend.ts';
import { estimatorLoaders } from '../src/models/estimators.ts';

const { values: args } = parseArgs({
  options: {
    algos: { type: 'string', default: 'SVD,BiasMF' },
    backend: { type: 'string', default: 'wasm' },
    seed: { type: 'string', default: '0' },
  },
});

if (!ml100kAvailable()) {
  console.log('MovieLens-100k is not under ../shared/data: nothing to measure.');
  process.exit(0);
}

const K = 10;
const PRIOR_WEIGHT = 10;
const MIN_COUNT = 5;
const seed = Number(args.seed);
const table = loadMl100k();
const split = heldOutUsers(table, { seed });
const isInput = new Uint8Array(table.rating.length);
for (const r of split.input) isInput[r] = 1;
const others = split.train.filter((r) => !isInput[r]);
const scale = tableScale(table);
const truth = ratingsOf(table, split.test);
const loaders = estimatorLoaders(() => selectBackend({ prefer: [args.backend as BackendName] }));

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const quantile = (a: number[], q: number) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))];

/** A scorer that answers each held-out user from their own score vector over every item. */
function perUserScorer(scores: Map<number, Float64Array>): Scorer {
  return {
    async estimate(u, i) {
      return Float64Array.from(u, (user, k) => scores.get(user)![i[k]]);
    },
  };
}

/** RMSE on the held-out halves from per-user score vectors (impossible: the fallback), clipped to the scale. */
function rmseOf(scores: Map<number, Float64Array>, fallback: number): number {
  const est = Float64Array.from(split.test, (r) => fallbackAndClip(scores.get(table.user[r])![table.item[r]], fallback, scale));
  return rmse(est, truth);
}

async function hr(scorer: Scorer): Promise<number> {
  return (await rankModel(scorer, table, split, { k: K })).hr;
}

function row(name: string, r: number, h: number, note: string): void {
  console.log(`${name.padEnd(22)}${r.toFixed(4).padStart(8)}${h.toFixed(4).padStart(9)}   ${note}`);
}

/** The held-out users' revealed ratings, per user. */
function revealed(t: RatingsTable): Map<number, { item: Int32Array; rating: Float32Array }> {
  const out = new Map<number, { item: number[]; rating: number[] }>();
  for (const r of split.input) {
    const v = out.get(t.user[r]) ?? { item: [], rating: [] };
    v.item.push(t.item[r]);
    v.rating.push(t.rating[r]);
    out.set(t.user[r], v);
  }
  return new Map([...out].map(([u, v]) => [u, { item: Int32Array.from(v.item), rating: Float32Array.from(v.rating) }]));
}

console.log(
  `MovieLens-100k, held-out users (seed ${seed}): ${split.users.length} users, ${split.input.length} revealed ratings folded in, ${split.test.length} to predict; ` +
    `fold-in models fit on the other ${others.length} ratings, refits on ${split.train.length}.`,
);
console.log(`\n${'method'.padEnd(22)}${'RMSE'.padStart(8)}${`HR@${K}`.padStart(9)}   notes`);

const evidence = itemEvidence(table, others, PRIOR_WEIGHT);
const popular = Float64Array.from(evidence.damped, (d, i) => (evidence.count[i] >= MIN_COUNT ? d : NaN));
const popScores = new Map(Array.from(split.users, (u) => [u, popular] as const));
// The damped mean predicts a rating for any item it has seen; unseen items fall back to the mean.
const popRmse = rmse(
  Float64Array.from(split.test, (r) => fallbackAndClip(evidence.damped[table.item[r]], evidence.globalMean, scale)),
  truth,
);
row('popularity', popRmse, await hr(perUserScorer(popScores)), `damped mean, weight ${PRIOR_WEIGHT}, ranked with ≥ ${MIN_COUNT} ratings`);

const visitors = revealed(table);
const timings: string[] = [];
for (const algo of args.algos.split(',')) {
  const spec = findAlgorithm(algo);
  const estimator = await loaders[spec.engine]();
  const fit = async (train: Int32Array): Promise<{ model: FittedModel; s: number }> => {
    const t0 = performance.now();
    const model = await estimator.fit({ table, train, algo, params: resolveParams(spec, {}), seed, scale });
    return { model, s: seconds(t0) };
  };

  const refit = await fit(split.train);
  const { est } = await predictRows(refit.model, table, split.test);
  row(`${algo} refit`, rmse(est, truth), await hr(refit.model), `one fit with the revealed halves: ${refit.s.toFixed(1)} s`);
  refit.model.dispose();

  const base = await fit(others);
  if (!base.model.foldIn) throw new Error(`${algo} has no fold-in`);
  const scores = new Map<number, Float64Array>();
  const ms: number[] = [];
  for (const [u, v] of visitors) {
    const t0 = performance.now();
    scores.set(u, await base.model.foldIn(v));
    ms.push(performance.now() - t0);
  }
  row(`${algo} fold-in`, rmseOf(scores, base.model.defaultPrediction), await hr(perUserScorer(scores)), `fit without them: ${base.s.toFixed(1)} s; then ${visitors.size} fold-ins`);
  timings.push(`${algo.padEnd(8)} median ${quantile(ms, 0.5).toFixed(2)} ms, p95 ${quantile(ms, 0.95).toFixed(2)} ms, max ${Math.max(...ms).toFixed(2)} ms`);
  base.model.dispose();
}
console.log(`\nfold-in update time (one foldIn call: solve + scores for all ${table.itemIds.length} items), over ${visitors.size} users:`);
for (const t of timings) console.log(`  ${t}`);
