import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deepModels } from '../core/registry/deep.ts';
import { toyData } from './testing/toy.ts';
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { createRng } from '../core/rng.ts';
import { buildModel } from './builders.ts';
import { optimizerConfig } from './optimizer.ts';
import { lookupRows } from './predict.ts';
import { type EpochReport, trainModel, trainStep } from './train.ts';
import { loadModel } from './trained.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = toyData();
// Small enough for the cpu backend: a few epochs, small layers.
const small: Record<string, Record<string, number | string>> = {
  LSTM: { units: 8, seq_len: 4, factors: 4 },
  AutoRec: { hidden: 8, batch_size: 8 },
};

describe.each(deepModels.map((s) => s.id))('%s', (id) => {
  const params = { epochs: 3, batch_size: 32, patience: 0, lr_patience: 0, ...(id === 'LSTM' || id === 'AutoRec' ? {} : { factors: 8 }), ...small[id] };
  it('predicts one clipped rating per pair, lowers its loss, and repeats itself for a seed', async () => {
    const reports: EpochReport[] = [];
    const m = await trainModel(id, params, data, 5, { onEpoch: (r) => reports.push(r) });
    const pred = await m.predict(data.valUser, data.valItem);
    expect(pred).toHaveLength(data.valUser.length);
    expect(pred.every((p) => p >= 1 && p <= 5)).toBe(true);
    expect(reports[2].trainLoss).toBeLessThan(reports[0].trainLoss);
    const again = await trainModel(id, params, data, 5);
    expect(Array.from(await again.predict(data.valUser, data.valItem))).toEqual(Array.from(pred));
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const loaded = await loadModel(tf.io.fromMemory(saved!));
    expect(Array.from(await loaded.predict(data.valUser, data.valItem))).toEqual(Array.from(pred));
    for (const x of [m, again, loaded]) x.dispose();
  });
});

describe.each(['logistic', 'bpr', 'hinge'])('NeuMF with %s loss on implicit feedback', (loss) => {
  it('lowers its loss', async () => {
    const reports: EpochReport[] = [];
    const m = await trainModel('NeuMF', { factors: 8, epochs: 3, batch_size: 32, patience: 0, lr_patience: 0, loss, negatives: 2 }, data, 5, {
      onEpoch: (r) => reports.push(r),
    });
    expect(reports[2].trainLoss).toBeLessThan(reports[0].trainLoss);
    m.dispose();
  });
});

it('NNMF keeps its factors non-negative', async () => {
  const m = await trainModel('NNMF', { factors: 4, epochs: 2, batch_size: 32, patience: 0, lr_patience: 0 }, data, 1);
  let saved: tf.io.ModelArtifacts | undefined;
  await m.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  const weights = new Float32Array(tf.io.CompositeArrayBuffer.join(saved!.weightData));
  expect(weights.length).toBeGreaterThan(0);
  expect(weights.every((w) => w >= 0)).toBe(true);
  m.dispose();
});

describe("the matrix-factorisation family's written-out step", () => {
  const variants: [string, Record<string, number | string | boolean>][] = [
    ['MF', {}],
    ['SigmoidMF', {}],
    ['BiasMF', {}],
    ['BiasMF', { sigmoid_range: true }],
    ['NNMF', {}],
  ];
  const build = (id: string, extra: Record<string, number | string | boolean>, opt = optimizerConfig('adam', 0, 0)) =>
    buildModel(id, { params: resolveParams(findAlgorithm(id), { factors: 6, l2: 0.05, ...extra }), data, mean: 3.2, optimizer: opt, rng: createRng(9) });
  // Repeated users and items, so per-row sums matter.
  const examples = Int32Array.from({ length: 48 }, (_, k) => (k * 7) % 40);

  it.each(variants)("%s %j: its loss and gradients are tf's of its loss", (id, extra) => {
    const model = build(id, extra);
    const batch = model.trainBatch(examples, createRng(1));
    const rows = lookupRows(batch).map((r) => r.slice());
    const tensors = rows.map((r, k) => tf.tensor2d(r, [examples.length, batch.lookups[k].table.dim]));
    const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => model.loss(xs as tf.Tensor2D[], batch, 0))(tensors);
    const written = model.lossAndGrads!(rows, batch);
    expect(written.loss).toBeCloseTo(value.dataSync()[0], 5);
    expect(written.grads).toHaveLength(grads.length);
    grads.forEach((g, k) => Array.from(g.dataSync()).forEach((x, j) => expect(written.grads[k][j]).toBeCloseTo(x, 6)));
    tf.dispose([value, ...grads, ...tensors]);
  });

  it.each(variants)('%s %j: trains to the same weights as through tf, to float32 rounding', async (id, extra) => {
    const opt = optimizerConfig('adam', 0, 0);
    const written = build(id, extra, opt);
    const taped = { ...build(id, extra, opt), lossAndGrads: undefined };
    const shuffle = createRng(3);
    for (let t = 1; t <= 30; t++) {
      const batch = shuffle.shuffle(Int32Array.from(data.rating.keys())).subarray(0, 64);
      const a = await trainStep(written, written.trainBatch(batch, shuffle), opt, 0.01, t, 0);
      const b = await trainStep(taped, taped.trainBatch(batch, shuffle), opt, 0.01, t, 0);
      expect(a).toBeCloseTo(b, 4);
    }
    written.tables.forEach((table, k) => {
      const other = taped.tables[k].read();
      Array.from(table.read()).forEach((x, j) => expect(x).toBeCloseTo(other[j], 4));
    });
  });
});
