import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { fitAndScore } from '../core/selection/crossValidate.ts';
import { randomSplit } from '../core/split.ts';
import { syntheticTable } from '../core/testing/synthetic.ts';
import type { FitProgress } from '../core/estimator/types.ts';
import { tfjsEstimator } from './estimator.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** FNV-1a over bytes: one number that changes when any saved weight does. */
function fnv(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k], 0x01000193) >>> 0;
  return h;
}

// Figures of the path as it was before the big-table work (commit f0e2447), on the cpu
// backend: any change to the draws, the row orders or the arithmetic changes them. The
// MF family's written-out step (float64 loops instead of tf's float32 kernels) moved
// them by rounding only: test RMSE 1.1066758631771834 → 1.106675865408131, MAE the same.
it('fits, scores and saves Bias MF with early stopping bit for bit as before', async () => {
  const table = syntheticTable(3);
  const split = randomSplit(table, 0.2, 0);
  const params = resolveParams(findAlgorithm('BiasMF'), { factors: 8, epochs: 3, batch_size: 64 });
  const curve: number[] = [];
  const onProgress = (p: FitProgress) => p.kind === 'epoch' && curve.push(p.trainRmse, p.valRmse);
  const { scores, model, perUser } = await fitAndScore(tfjsEstimator, table, split, { algo: 'BiasMF', params, seed: 7, scale: { min: 1, max: 5 }, onProgress });
  const saved = await model.save();
  model.dispose();
  const art = saved.payload as tf.io.ModelArtifacts;
  const got = { rmse: scores.rmse, mae: scores.mae, curve, perUserRmse: perUser.rmse.reduce((s, x) => s + (Number.isNaN(x) ? 0 : x), 0), weights: fnv(new Uint8Array(tf.io.CompositeArrayBuffer.join(art.weightData))), bytes: saved.bytes };
  expect(got).toEqual({
    rmse: 1.106675865408131,
    mae: 0.842431991331039,
    // Validation gets worse after epoch 1: the model saved is epoch 1's, restored.
    curve: [1.1269161699398706, 0.9896463160129929, 1.1160084796407146, 0.9954592745389182, 1.1121386227758476, 0.997487037462933],
    perUserRmse: 36.42797170127235,
    weights: 617744685,
    bytes: 4004,
  });
});
