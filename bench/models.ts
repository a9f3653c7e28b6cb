/**
 * Deep-model figures in Node: per model and backend (cpu, wasm) training samples/s and
 * MovieLens-100k 80/20 validation RMSE after N epochs, and Bias MF's step time with 1k
 * versus 1M items (the sparse embedding path should make them about equal).
 *
 * The cpu backend is pure JS and ~10-100x slower, so by default it trains one epoch on
 * the first --cpu-rows training rows without validation: a throughput column only.
 * Step times are medians over every step after the first epoch, the two catalog sizes
 * alternating over --rounds rounds, so a busy machine's stalls do not decide the ratio.
 *
 *   npm run bench:models -- [--epochs 3] [--models BiasMF,NN] [--backends wasm,cpu] [--cpu-rows 2048] [--rounds 2] [--no-step]
 */
import { parseArgs } from 'node:util';
import { deepModels } from '../src/core/registry/deep.ts';
import { createRng } from '../src/core/rng.ts';
import { ml100kSplit80 } from '../src/core/testing/ml100k.ts';
import { type BackendName, selectBackend } from '../src/models/backend.ts';
import { trainDataFromSplit, uniformTrainData } from '../src/models/data.ts';
import type { TrainData } from '../src/models/model.ts';
import { trainModel } from '../src/models/train.ts';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '3' },
    models: { type: 'string', default: deepModels.map((m) => m.id).join(',') },
    backends: { type: 'string', default: 'wasm,cpu' },
    'cpu-rows': { type: 'string', default: '2048' },
    rounds: { type: 'string', default: '2' },
    'no-step': { type: 'boolean', default: false },
  },
});
const epochs = Number(args.epochs);

const median = (a: number[]): number => a.slice().sort((x, y) => x - y)[a.length >> 1];

// Surprise's own 80/20 split: train rows then test rows in one table, so one id dictionary.
const ml100k = ml100kSplit80();
const ml = trainDataFromSplit(ml100k.table, ml100k.split.train, ml100k.split.test);
const cpuRows = Number(args['cpu-rows']);
/** The first `n` training rows of ML-100k, no validation: the cpu backend's throughput run. */
const mlHead: TrainData = {
  ...ml,
  user: ml.user.subarray(0, cpuRows),
  item: ml.item.subarray(0, cpuRows),
  rating: ml.rating.subarray(0, cpuRows),
  time: ml.time?.subarray(0, cpuRows),
  valUser: new Int32Array(0),
  valItem: new Int32Array(0),
  valRating: new Float32Array(0),
};
for (const backend of args.backends.split(',') as BackendName[]) {
  const choice = await selectBackend({ prefer: [backend] });
  const quick = choice.name === 'cpu';
  console.log(
    quick
      ? `\n## cpu: first ${cpuRows} ML-100k training rows, 1 epoch, no validation (throughput only)`
      : `\n## ${choice.name}: ML-100k 80/20, ${epochs} epoch(s) (early stopping and the LR schedule off: the test rows only draw the curve)`,
  );
  console.log('model      samples/s   val RMSE   seconds');
  for (const id of args.models.split(',')) {
    const t0 = performance.now();
    let last = NaN;
    const m = await trainModel(id, { epochs: quick ? 1 : epochs, patience: 0, lr_patience: 0 }, quick ? mlHead : ml, 0, { onEpoch: (r) => (last = r.valRmse) });
    const s = (performance.now() - t0) / 1000;
    const val = quick ? '     —' : last.toFixed(4);
    console.log(`${id.padEnd(10)} ${Math.round(m.samplesPerSec).toString().padStart(9)}   ${val}   ${s.toFixed(1)}`);
    m.dispose();
  }
  if (args['no-step']) continue;
  console.log(`\n## ${choice.name}: Bias MF step time (batch 1024, 32 factors, 50k ratings, 10k users; median step of epochs 2-3)`);
  const stepMs: Record<number, number[]> = { 1_000: [], 1_000_000: [] };
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const nItems of [1_000, 1_000_000]) {
      const ms: number[] = [];
      const m = await trainModel('BiasMF', { factors: 32, epochs: 3, patience: 0, lr_patience: 0 }, uniformTrainData(createRng(9), 50_000, 10_000, nItems), 0, {
        onBatch: (r) => r.epoch > 1 && ms.push((1024 / r.samplesPerSec) * 1000), // after the first epoch: warmed up
      });
      m.dispose();
      stepMs[nItems].push(median(ms));
    }
  }
  for (const [nItems, ms] of Object.entries(stepMs)) {
    const m = median(ms);
    console.log(`${Number(nItems).toLocaleString('en').padStart(9)} items: ${m.toFixed(2)} ms/step (${Math.round(1024 / (m / 1000))} samples/s; rounds ${ms.map((x) => x.toFixed(2)).join(', ')})`);
  }
  console.log(`ratio 1M/1k: ${(median(stepMs[1_000_000]) / median(stepMs[1_000])).toFixed(2)}`);
}
