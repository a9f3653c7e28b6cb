/**
 * `npm run bench:speed [-- --models LSTM,AutoRec --surprise SVD,NMF --folds 5]`: the
 * slow models' figures on MovieLens-100k, with wall and CPU time side by side (the
 * shared 2-core machine often runs at a load of 10–20, which stretches wall time and
 * not CPU time).
 *
 * - LSTM and AutoRec on Surprise's 80/20 split, default settings, wasm in Node, as
 *   the estimator fits them: early stopping and the LR schedule on a seeded 10% of
 *   the training rows, the test rows scored once (each at its own time). Prints the
 *   training samples/s (steps only), seconds per epoch (steps, and with the epoch's
 *   evaluation), epochs, and test RMSE.
 * - With --before DIR (a checkout of an earlier commit, e.g. from `git archive`): one
 *   epoch of the LSTM and two of AutoRec on all 80k training rows by that checkout's
 *   training loop and by this one, one after the other, for a before/after pair under
 *   the same load.
 * - SVD and NMF fit seconds per 5-fold fold beside Surprise 1.1.4's from
 *   ../shared/anchors (Surprise is not installed here: its times are the anchors'),
 *   as cross-validation fits them (trainset built, no learning curve, as Surprise's
 *   cross_validate times its fit); then each fit alone, its WebAssembly SIMD kernel
 *   against its JS loop on the same trainsets.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { rmse } from '../src/core/metrics.ts';
import { pick } from '../src/core/pick.ts';
import { findAlgorithm, resolveParams } from '../src/core/registry/index.ts';
import { crossValidate } from '../src/core/selection/crossValidate.ts';
import { kFoldFromOrder } from '../src/core/selection/splits.ts';
import { NMF, SVD } from '../src/core/surprise/svd.ts';
import { buildTrainset } from '../src/core/surprise/trainset.ts';
import { ml100kAnchorFolds, loadMl100k, ml100kAvailable, ml100kKfoldOrder, ml100kSplit80 } from '../src/core/testing/ml100k.ts';
import { selectBackend } from '../src/models/backend.ts';
import { trainDataFromSplit } from '../src/models/data.ts';
import { foldTrainData } from '../src/models/estimator.ts';
import { type EpochReport, trainModel } from '../src/models/train.ts';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'LSTM,AutoRec' },
    surprise: { type: 'string', default: 'SVD,NMF' },
    folds: { type: 'string', default: '5' },
    before: { type: 'string' },
  },
});
if (!ml100kAvailable()) throw new Error('MovieLens-100k and the Surprise anchors are needed beside the checkout (../shared)');

/** Wall and CPU seconds of `f`. */
async function timed<T>(f: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - w0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

tf.env().set('PROD', true);
const models = args.models.split(',').filter(Boolean);
if (models.length || args.before) await selectBackend({ prefer: ['wasm'] });
if (models.length) {
  const { table, split } = ml100kSplit80();
  console.log(`\n## ${tf.getBackend()} in Node: Surprise's ML-100k 80/20, defaults, early stopping on 10% of the training rows\n`);
  console.log('| model | samples/s (steps) | s/epoch steps | s/epoch with evaluation | epochs (best) | fit s wall | fit s CPU | test RMSE |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const id of models) {
    const params = resolveParams(findAlgorithm(id), {});
    const { data } = foldTrainData(table, split, params, 0, { min: 1, max: 5 });
    const epochs: EpochReport[] = [];
    const fit = await timed(() => trainModel(id, params, data, 0, { onEpoch: (r) => epochs.push(r) }));
    const m = fit.value;
    const est = await m.estimate(pick(table.user, split.test), pick(table.item, split.test), pick(table.time, split.test));
    // Surprise's rule, as the estimator applies it: a pair whose user or item has no training row gets the mean.
    const trainRatings = pick(table.rating, split.train);
    const users = new Set(pick(table.user, split.train));
    const items = new Set(pick(table.item, split.train));
    const meanRating = trainRatings.reduce((s, r) => s + r, 0) / trainRatings.length;
    const testUser = pick(table.user, split.test);
    const testItem = pick(table.item, split.test);
    const pred = est.map((e, k) => (users.has(testUser[k]) && items.has(testItem[k]) ? Math.min(5, Math.max(1, e)) : meanRating));
    const test = rmse(pred, pick(table.rating, split.test));
    m.dispose();
    // An epoch's samples: every training row (the LSTM predicts each once), or every trained item (AutoRec).
    const perEpoch = id === 'AutoRec' ? new Set(data.item).size : data.rating.length;
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const sps = mean(epochs.map((e) => e.samplesPerSec));
    console.log(
      `| ${id} | ${Math.round(sps).toLocaleString('en')} | ${(perEpoch / sps).toFixed(2)} | ${mean(epochs.map((e) => e.seconds)).toFixed(2)} | ${m.epochsRun} (${m.bestEpoch}) | ${fit.wall.toFixed(1)} | ${fit.cpu.toFixed(1)} | ${test.toFixed(4)} |`,
    );
  }
}

if (args.before) {
  const before = (await import(`${args.before}/src/models/train.ts`)) as { trainModel: typeof trainModel };
  const { table, split } = ml100kSplit80();
  const data = trainDataFromSplit(table, split.train, new Int32Array(0));
  console.log(`\n## before (${args.before}) and after, the same load: each side's defaults, no validation\n`);
  console.log('| model | side | epoch s (samples/s) | fit s wall | fit s CPU |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [id, epochs] of [['LSTM', 1], ['AutoRec', 2]] as const) {
    for (const [side, train] of [['before', before.trainModel], ['after', trainModel]] as const) {
      const reports: EpochReport[] = [];
      const run = await timed(() => train(id, { epochs, patience: 0, lr_patience: 0 }, data, 0, { onEpoch: (r) => reports.push(r) }));
      run.value.dispose();
      const perEpoch = reports.map((r) => `${r.seconds.toFixed(1)} (${Math.round(r.samplesPerSec).toLocaleString('en')})`).join(', ');
      console.log(`| ${id} | ${side} | ${perEpoch} | ${run.wall.toFixed(1)} | ${run.cpu.toFixed(1)} |`);
    }
  }
}

const surprise = args.surprise.split(',').filter(Boolean);
if (surprise.length) {
  const table = loadMl100k();
  const folds = kFoldFromOrder(ml100kKfoldOrder(), 5).slice(0, Number(args.folds));
  const anchors = ml100kAnchorFolds();
  console.log(`\n## 5-fold CV on ML-100k, Surprise's folds: fit seconds per fold (Surprise 1.1.4 from the anchors, measured on a quiet machine)\n`);
  console.log('| algorithm | fold | fit s wall | fit s CPU | Surprise fit s | ratio wall | ratio CPU | RMSE | Surprise RMSE |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const id of surprise) {
    for (let f = 0; f < folds.length; f++) {
      const run = await timed(() => crossValidate(table, id, {}, [folds[f]], { seed: 0, scale: { min: 1, max: 5 } }));
      // The fit alone: crossValidate's fit seconds are wall; its CPU share is the run's, scaled by the fit's share of wall.
      const fitWall = run.value.fitSeconds;
      const fitCpu = run.cpu * (fitWall / run.wall);
      const a = anchors.find((x) => x.algo === id && x.fold === f)!;
      console.log(
        `| ${id} | ${f + 1} | ${fitWall.toFixed(3)} | ${fitCpu.toFixed(3)} | ${a.fit_s.toFixed(3)} | ${(fitWall / a.fit_s).toFixed(2)}× | ${(fitCpu / a.fit_s).toFixed(2)}× | ${run.value.rmse.toFixed(4)} | ${a.rmse.toFixed(4)} |`,
      );
    }
  }
  // Each fit alone on each fold's trainset, its WebAssembly SIMD kernel against its JS loop
  // (same seed, same bits), one after the other: what the kernel itself gains.
  const kernels = { SVD: (simd: boolean) => new SVD({ simd }, 0), NMF: (simd: boolean) => new NMF({ simd }, 0) };
  const withKernel = surprise.filter((id): id is keyof typeof kernels => id in kernels);
  if (withKernel.length) {
    console.log(`\n## fit alone on each fold's trainset: WebAssembly SIMD kernel vs JS loop (wall s, same factors bit for bit)\n`);
    console.log('| algorithm | fold | kernel | JS loop | JS / kernel |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const id of withKernel) {
      for (let f = 0; f < folds.length; f++) {
        const ts = buildTrainset(table, folds[f].train, { min: 1, max: 5 });
        const kernel = await timed(async () => kernels[id](true).fit(ts));
        const loop = await timed(async () => kernels[id](false).fit(ts));
        console.log(`| ${id} | ${f + 1} | ${kernel.wall.toFixed(3)} | ${loop.wall.toFixed(3)} | ${(loop.wall / kernel.wall).toFixed(2)}× |`);
      }
    }
  }
}
