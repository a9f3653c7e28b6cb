import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deepModels } from '../core/registry/deep.ts';
import { toyData } from './testing/toy.ts';
import { type EpochReport, trainModel } from './train.ts';
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
  const weights = new Float32Array(saved!.weightData as ArrayBuffer);
  expect(weights.length).toBeGreaterThan(0);
  expect(weights.every((w) => w >= 0)).toBe(true);
  m.dispose();
});
