/**
 * The fixed micro-benchmark that picks the default backend by measurement: Bias MF
 * training steps (batch 1024, 32 factors) through the training step's tf path (its
 * loss taped and differentiated on the current tf backend: the MF family's own
 * written-out step runs no tf op, so it would time every backend alike). It measures
 * what a run of the other models will feel, JS-side table work and the per-step
 * read-back included, which is where a GPU backend on a software adapter loses to wasm.
 */
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { createRng } from '../core/rng.ts';
import { buildModel } from './builders.ts';
import { uniformTrainData } from './data.ts';
import { optimizerConfig } from './optimizer.ts';
import { trainStep } from './train.ts';

export interface MicrobenchOptions {
  /** Steps timed after the warm-up (fewer if the time budget runs out first). */
  steps?: number;
  /** Untimed steps first: shader compilation, JIT and allocation warm-up. */
  warmup?: number;
  batch?: number;
  /** Stop timing after this many milliseconds, however many steps are done. */
  budgetMs?: number;
}

const USERS = 2000;
const ITEMS = 2000;

/** Training samples per second of Bias MF steps on the current backend. */
export async function biasMfSamplesPerSec({ steps = 15, warmup = 3, batch = 1024, budgetMs = 300 }: MicrobenchOptions = {}): Promise<number> {
  const rng = createRng(7);
  const n = batch * (warmup + steps);
  const data = uniformTrainData(rng, n, USERS, ITEMS);
  const opt = optimizerConfig('adam', 0, 0);
  const params = resolveParams(findAlgorithm('BiasMF'), { factors: 32 });
  const model = { ...buildModel('BiasMF', { params, data, mean: 3, optimizer: opt, rng }), lossAndGrads: undefined };
  let t0 = 0;
  let timed = 0;
  try {
    for (let s = 0; s < warmup + steps; s++) {
      if (s === warmup) t0 = performance.now();
      const rows = Int32Array.from({ length: batch }, (_, k) => s * batch + k);
      await trainStep(model, model.trainBatch(rows, rng), opt, 1e-3, s + 1, s);
      if (s < warmup) continue;
      timed++;
      if (performance.now() - t0 > budgetMs) break;
    }
  } finally {
    for (const d of model.dense) d.dispose();
  }
  return (timed * batch) / ((performance.now() - t0) / 1000);
}
