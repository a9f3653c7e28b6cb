/**
 * Accuracy by split on MovieLens-100k, every model through the one estimator: RMSE and
 * MAE on Surprise's 80/20 anchor split (random, so it sees the future) and on the
 * global time cut at the 0.8 quantile of u.data's timestamps (leak-free), default
 * parameters, seed 0, with the test predictions that fell back to the mean (unknown
 * user or item). The TensorFlow.js models run on wasm in Node, early-stopping on
 * 10% of the training rows; the test rows are scored once. Times are fit seconds.
 *
 *   npm run bench:splits -- [--algos BaselineOnly,SVD,…] [--backend wasm|cpu]
 */
import { parseArgs } from 'node:util';
import { findAlgorithm, resolveParams } from '../src/core/registry/index.ts';
import { fitAndScore, tableScale } from '../src/core/selection/crossValidate.ts';
import { evaluationFolds, evaluationLabel, type Evaluation } from '../src/core/selection/evaluation.ts';
import type { RatingsTable } from '../src/core/ratings.ts';
import type { Split } from '../src/core/split.ts';
import { loadMl100k, ml100kAvailable, ml100kSplit80 } from '../src/core/testing/ml100k.ts';
import { selectBackend, type BackendName } from '../src/models/backend.ts';
import { estimatorLoaders } from '../src/models/estimators.ts';

const { values: args } = parseArgs({
  options: {
    algos: { type: 'string', default: 'BaselineOnly,SVD,KNNBaseline,BiasMF,NeuMF,AutoRec' },
    backend: { type: 'string', default: 'wasm' },
  },
});
if (!ml100kAvailable()) throw new Error('MovieLens-100k and the Surprise anchors are needed beside the checkout (../shared)');

const loaders = estimatorLoaders(() => selectBackend({ prefer: [args.backend as BackendName] }));
const time: Evaluation = { kind: 'time', quantile: 0.8 };
const u = loadMl100k();
const splits: { label: string; table: RatingsTable; split: Split }[] = [
  { label: "Surprise's 80/20 (random; sees the future)", ...ml100kSplit80() },
  { label: evaluationLabel(time), table: u, split: evaluationFolds(u, time)[0] },
];

console.log('| model | split | train | test | RMSE | MAE | impossible | fit s | epochs |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const id of args.algos.split(',')) {
  const spec = findAlgorithm(id);
  const estimator = await loaders[spec.engine]();
  for (const { label, table, split } of splits) {
    const { scores, model } = await fitAndScore(estimator, table, split, { algo: id, params: resolveParams(spec, {}), seed: 0, scale: tableScale(table) });
    model.dispose();
    const epochs = model.info.epochsRun === undefined ? '—' : String(model.info.epochsRun);
    console.log(`| ${id} | ${label} | ${split.train.length} | ${split.test.length} | ${scores.rmse.toFixed(4)} | ${scores.mae.toFixed(4)} | ${scores.impossible} | ${scores.fitSeconds.toFixed(2)} | ${epochs} |`);
  }
}
