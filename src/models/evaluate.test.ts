import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kFold } from '../core/selection/splits.ts';
import { syntheticTable } from '../core/testing/synthetic.ts';
import { crossValidateDeep, evaluateDeepFold, foldTrainData } from './evaluate.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const table = syntheticTable(3);
const scale = { min: 1, max: 5 };
const quick = { factors: 4, epochs: 2, batch_size: 64, patience: 0, lr_patience: 0 };

describe('deep-model evaluation', () => {
  it('holds validation rows out of training when early stopping or the LR schedule is on', () => {
    const split = kFold(table.rating.length, { nSplits: 5, seed: 1 })[0];
    const plain = foldTrainData(table, split, quick, 0, scale);
    expect(plain.validation).toBe('test');
    expect(plain.data.rating.length).toBe(split.train.length);
    const held = foldTrainData(table, split, { ...quick, patience: 2 }, 0, scale);
    expect(held.validation).toBe('holdout');
    expect(held.data.rating.length + held.data.valRating.length).toBe(split.train.length);
  });

  it('cross-validates fold by fold, means over the folds, deterministically', async () => {
    const folds = kFold(table.rating.length, { nSplits: 3, seed: 2 });
    const seen: number[] = [];
    const cv = await crossValidateDeep(table, folds, 'BiasMF', quick, 7, scale, { onFold: (f) => seen.push(f) });
    expect(seen).toEqual([1, 2, 3]);
    expect(cv.folds).toHaveLength(3);
    expect(cv.rmse).toBeCloseTo(cv.folds.reduce((s, f) => s + f.rmse, 0) / 3, 12);
    expect(cv.epochsRun).toBe(2);
    expect(cv.stopped).toBe(false);
    const one = await evaluateDeepFold(table, folds[1], 'BiasMF', quick, 7, scale);
    one.model.dispose();
    expect(one.scores.rmse).toBe(cv.folds[1].rmse);
  });
});
