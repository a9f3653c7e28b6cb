import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { predictRows } from '../core/estimator/predict.ts';
import { Signal } from '../core/estimator/signal.ts';
import { FitStopped } from '../core/estimator/types.ts';
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { crossValidateModel, fitAndScore, scoreFold, testUsers } from '../core/selection/crossValidate.ts';
import { kFold } from '../core/selection/splits.ts';
import { syntheticTable } from '../core/testing/synthetic.ts';
import { pick } from '../core/pick.ts';
import { foldTrainData, tfjsEstimator } from './estimator.ts';
import { trainModel } from './train.ts';

/** Buffers handed back early (a no-op in Node 20 itself, so recorded here). */
const released = vi.hoisted(() => new Set<ArrayBufferLike>());
vi.mock('../core/release.ts', () => ({ releaseBuffer: (b: ArrayBufferLike) => released.add(b) }));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const table = syntheticTable(3);
const scale = { min: 1, max: 5 };
const quick = (extra = {}) => resolveParams(findAlgorithm('BiasMF'), { factors: 4, epochs: 2, batch_size: 64, patience: 0, lr_patience: 0, ...extra });
const folds = kFold(table.rating.length, { nSplits: 3, seed: 2 });

describe('the TensorFlow.js models behind the estimator interface', () => {
  it('holds validation rows out of training when early stopping or the LR schedule is on', () => {
    const plain = foldTrainData(table, folds[0], quick(), 0, scale);
    expect(plain.validation).toBe('test');
    expect(plain.data.rating.length).toBe(folds[0].train.length);
    const held = foldTrainData(table, folds[0], quick({ patience: 2 }), 0, scale);
    expect(held.validation).toBe('holdout');
    expect(held.data.rating.length + held.data.valRating.length).toBe(folds[0].train.length);
    // Times only for a model that reads them.
    expect(held.data.time).toHaveLength(held.data.rating.length);
    const timeless = foldTrainData(table, folds[0], quick({ patience: 2 }), 0, scale, false);
    expect(timeless.data.time).toBeUndefined();
    expect(timeless.data.valTime).toBeUndefined();
    expect(timeless.data.user).toEqual(held.data.user);
  });

  it('scores a fold exactly as training and predicting directly (the previous path)', async () => {
    // A fold whose test rows include an item no training row has: an impossible prediction.
    const split = { train: folds[1].train.filter((r) => table.item[r] !== 0), test: folds[1].test };
    const params = quick({ patience: 1 });
    const { scores, model } = await fitAndScore(tfjsEstimator, table, split, { algo: 'BiasMF', params, seed: 7, scale });
    model.dispose();
    const direct = await trainModel('BiasMF', params, foldTrainData(table, split, params, 7, scale).data, 7);
    const est = await direct.predict(pick(table.user, split.test), pick(table.item, split.test));
    direct.dispose();
    let mean = 0;
    for (const r of split.train) mean += table.rating[r] / split.train.length;
    let impossible = 0;
    split.test.forEach((r, k) => {
      if (table.item[r] === 0) (est[k] = mean), impossible++;
    });
    expect(impossible).toBeGreaterThan(0);
    const want = scoreFold(testUsers(table, split), est, pick(table.rating, split.test), impossible, 0, 0);
    expect(scores.impossible).toBe(impossible);
    expect(scores.rmse).toBeCloseTo(want.rmse, 6);
    expect(scores.mae).toBeCloseTo(want.mae, 6);
  });

  it('cross-validates fold by fold, deterministically, and saves and loads', async () => {
    const cv = await crossValidateModel(tfjsEstimator, table, folds, { algo: 'BiasMF', params: quick(), seed: 7 }, { scale });
    expect(cv.folds).toHaveLength(3);
    expect(cv.rmse).toBeCloseTo(cv.folds.reduce((s, f) => s + f.rmse, 0) / 3, 12);
    expect(cv.info.epochsRun).toBe(2);
    const one = await fitAndScore(tfjsEstimator, table, folds[1], { algo: 'BiasMF', params: quick(), seed: 7, scale });
    expect(one.scores.rmse).toBe(cv.folds[1].rmse);
    const saved = await one.model.save();
    const before = await predictRows(one.model, table, folds[1].test);
    one.model.dispose();
    const loaded = await tfjsEstimator.load(structuredClone(saved), table);
    expect(await predictRows(loaded, table, folds[1].test)).toEqual(before);
    loaded.dispose();
  });

  it("a fitted model's dispose hands back the training columns picked for it; a saved model keeps its own copies", async () => {
    const model = await tfjsEstimator.fit({ table, train: folds[0].train, algo: 'LSTM', params: resolveParams(findAlgorithm('LSTM'), { units: 8, seq_len: 4, factors: 4, epochs: 1, patience: 1 }), seed: 3, scale });
    const saved = await model.save();
    released.clear();
    model.dispose();
    // user, item, rating and time, for the training and the validation rows.
    expect(released.size).toBeGreaterThanOrEqual(8);
    const weights = [(saved.payload as tf.io.ModelArtifacts).weightData!].flat();
    expect(weights.some((b) => released.has(b))).toBe(false);
    const loaded = await tfjsEstimator.load(saved, table);
    expect((await predictRows(loaded, table, folds[0].test)).est.length).toBe(folds[0].test.length);
    loaded.dispose();
  });

  it('a stop before the first epoch ends is FitStopped', async () => {
    const signal = new Signal();
    signal.stop();
    await expect(tfjsEstimator.fit({ table, train: folds[0].train, algo: 'BiasMF', params: quick(), seed: 1, scale, signal })).rejects.toThrow(FitStopped);
  });
});
