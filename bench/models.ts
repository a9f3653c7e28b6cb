/**
 * Deep-model figures in Node: per model and backend (cpu, wasm) training samples/s and
 * MovieLens-100k 80/20 validation RMSE after N epochs, and Bias MF's step time with 1k
 * versus 1M items (the sparse embedding path should make them about equal).
 *
 *   npm run bench:models -- [--epochs 3] [--models BiasMF,NN] [--backends wasm,cpu] [--no-step]
 */
import { parseArgs } from 'node:util';
import { deepModels } from '../src/core/registry/deep.ts';
import { createRng } from '../src/core/rng.ts';
import { type BackendName, selectBackend } from '../src/models/backend.ts';
import type { TrainData } from '../src/models/model.ts';
import { trainModel } from '../src/models/train.ts';
import { ml100kSplit80 } from './ml100k-split.ts';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '3' },
    models: { type: 'string', default: deepModels.map((m) => m.id).join(',') },
    backends: { type: 'string', default: 'wasm,cpu' },
    'no-step': { type: 'boolean', default: false },
  },
});
const epochs = Number(args.epochs);

/** n random ratings over nUsers × nItems, none held out. */
function synthetic(n: number, nUsers: number, nItems: number): TrainData {
  const rng = createRng(9);
  return {
    user: Int32Array.from({ length: n }, () => rng.int(nUsers)),
    item: Int32Array.from({ length: n }, () => rng.int(nItems)),
    rating: Float32Array.from({ length: n }, () => 1 + rng.int(5)),
    valUser: new Int32Array(0),
    valItem: new Int32Array(0),
    valRating: new Float32Array(0),
    nUsers,
    nItems,
    ratingMin: 1,
    ratingMax: 5,
  };
}

const ml = ml100kSplit80();
for (const backend of args.backends.split(',') as BackendName[]) {
  const choice = await selectBackend({ prefer: [backend] });
  console.log(`\n## ${choice.name}: ML-100k 80/20, ${epochs} epoch(s) (early stopping off)`);
  console.log('model      samples/s   val RMSE   seconds');
  for (const id of args.models.split(',')) {
    const t0 = performance.now();
    let last = NaN;
    const m = await trainModel(id, { epochs, patience: 0 }, ml, 0, { onEpoch: (r) => (last = r.valRmse) });
    const s = (performance.now() - t0) / 1000;
    console.log(`${id.padEnd(10)} ${Math.round(m.samplesPerSec).toString().padStart(9)}   ${last.toFixed(4)}   ${s.toFixed(1)}`);
    m.dispose();
  }
  if (args['no-step']) continue;
  console.log(`\n## ${choice.name}: Bias MF step time (batch 1024, 32 factors, 50k ratings, 10k users)`);
  const stepMs: number[] = [];
  for (const nItems of [1_000, 1_000_000]) {
    let sps = 0;
    const m = await trainModel('BiasMF', { factors: 32, epochs: 2, patience: 0, lr_patience: 0 }, synthetic(50_000, 10_000, nItems), 0, {
      onEpoch: (r) => (sps = r.samplesPerSec), // the second epoch: warmed up
    });
    m.dispose();
    stepMs.push((1024 / sps) * 1000);
    console.log(`${nItems.toLocaleString('en').padStart(9)} items: ${stepMs.at(-1)!.toFixed(2)} ms/step (${Math.round(sps)} samples/s)`);
  }
  console.log(`ratio 1M/1k: ${(stepMs[1] / stepMs[0]).toFixed(2)}`);
}
