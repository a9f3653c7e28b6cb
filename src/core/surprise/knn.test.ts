import { describe, expect, it } from 'vitest';
import type { FlatParams } from '../registry/index.ts';
import { tinyTrainset, type Triple } from '../testing/tiny.ts';
import { computeBaselines } from './baseline.ts';
import { createAlgorithm } from './index.ts';

const knn = (id: string, params: FlatParams = {}) => createAlgorithm(id, params, 0);

describe('neighbour selection', () => {
  // u1, u2, u3 agree with u0 on a (msd similarity 1), u4 less (a = 2: 1 / 5). The
  // target item T lists u4, u3, u1, u2 in trainset order.
  const rows: Triple[] = [
    ['u0', 'a', 4],
    ['u1', 'a', 4],
    ['u2', 'a', 4],
    ['u3', 'a', 4],
    ['u4', 'a', 2],
    ['u4', 'T', 5],
    ['u3', 'T', 1],
    ['u1', 'T', 5],
    ['u2', 'T', 3],
  ];
  const ts = tinyTrainset(rows);
  const [u0, T] = [0, 1];

  it('keeps the k most similar, ties in trainset (ir) order, not by id', () => {
    expect(knn('KNNBasic', { k: 1 }).fit(ts).estimate(u0, T)).toBe(1); // u3
    expect(knn('KNNBasic', { k: 2 }).fit(ts).estimate(u0, T)).toBe(3); // u3, u1
    expect(knn('KNNBasic', { k: 3 }).fit(ts).estimate(u0, T)).toBe(3); // u3, u1, u2
    // All four: (5·0.2 + 1 + 5 + 3) / 3.2.
    expect(knn('KNNBasic', { k: 4 }).fit(ts).estimate(u0, T)).toBeCloseTo(10 / 3.2, 15);
  });

  it('min_k counts neighbours with positive similarity only', () => {
    // min_support 2 leaves every pair at similarity 0: no neighbour counts.
    const none = { 'sim_options.min_support': 2 };
    const basic = knn('KNNBasic', none).fit(ts);
    expect(basic.predict(u0, T)).toEqual({ est: ts.globalMean, impossible: true, reason: 'Not enough neighbors.' });
    expect(knn('KNNBasic', { min_k: 4 }).fit(ts).predict(u0, T).impossible).toBe(false);
    expect(knn('KNNBasic', { min_k: 5 }).fit(ts).predict(u0, T)).toMatchObject({ impossible: true, reason: 'Not enough neighbors.' });
    // The others fall back to their own first term, and are not "impossible".
    expect(knn('KNNWithMeans', { min_k: 5 }).fit(ts).predict(u0, T)).toMatchObject({ est: 4, impossible: false });
    expect(knn('KNNWithZScore', none).fit(ts).predict(u0, T)).toMatchObject({ est: 4, impossible: false });
    const b = computeBaselines(ts, { method: 'als', n_epochs: null, reg_i: 10, reg_u: 15, reg: 0.02, learning_rate: 0.005 });
    expect(knn('KNNBaseline', { min_k: 5 }).fit(ts).predict(u0, T)).toMatchObject({
      est: ts.globalMean + b.bu[u0] + b.bi[T],
      impossible: false,
    });
  });
});

describe('unknown users and items', () => {
  const ts = tinyTrainset([
    ['u0', 'a', 4],
    ['u1', 'a', 2],
    ['u1', 'b', 5],
  ]);

  it('are impossible for KNNBasic, KNNWithMeans and KNNWithZScore', () => {
    for (const id of ['KNNBasic', 'KNNWithMeans', 'KNNWithZScore']) {
      const algo = knn(id).fit(ts);
      for (const [u, i] of [[-1, 0], [0, -1], [-1, -1]]) {
        expect(algo.predict(u, i), id).toEqual({ est: ts.globalMean, impossible: true, reason: 'User and/or item is unknown.' });
      }
    }
  });

  it('give KNNBaseline the baseline of what is known', () => {
    const algo = knn('KNNBaseline').fit(ts);
    const b = computeBaselines(ts, { method: 'als', n_epochs: null, reg_i: 10, reg_u: 15, reg: 0.02, learning_rate: 0.005 });
    expect(algo.predict(-1, 1)).toMatchObject({ est: ts.globalMean + b.bi[1], impossible: false });
    expect(algo.predict(0, -1)).toMatchObject({ est: ts.globalMean + b.bu[0], impossible: false });
    expect(algo.predict(-1, -1)).toMatchObject({ est: ts.globalMean, impossible: false });
  });
});

describe('means, z-scores and baselines', () => {
  it('KNNWithMeans adds the neighbours’ weighted deviations to the mean, then clips', () => {
    // u1 agrees with u0 on a (similarity 1) and rated T 4/3 above their mean of 11/3.
    const ts = tinyTrainset([
      ['u0', 'a', 5],
      ['u0', 'b', 5],
      ['u1', 'a', 5],
      ['u1', 'T', 5],
      ['u1', 'c', 1],
    ]);
    const algo = knn('KNNWithMeans').fit(ts);
    expect(algo.estimate(0, 2)).toBeCloseTo(5 + 4 / 3, 14);
    expect(algo.predict(0, 2)).toEqual({ est: 5, impossible: false, reason: undefined });
  });

  it('KNNWithZScore uses the overall σ for a constant rater', () => {
    // u0 rates a and b 4 (σ = 0 → overall σ of [4, 4, 4, 4, 1] = 1.2); u1 (mean 3, σ √2)
    // agrees on a and b and rated T 1.
    const ts = tinyTrainset([
      ['u0', 'a', 4],
      ['u0', 'b', 4],
      ['u1', 'a', 4],
      ['u1', 'b', 4],
      ['u1', 'T', 1],
    ]);
    expect(knn('KNNWithZScore').fit(ts).estimate(0, 2)).toBeCloseTo(4 + (-2 / Math.SQRT2) * 1.2, 14);
  });

  it('KNNBaseline adds the neighbours’ deviations from their own baselines', () => {
    const ts = tinyTrainset([
      ['u0', 'a', 4],
      ['u1', 'a', 4],
      ['u1', 'T', 2],
      ['u2', 'a', 3],
      ['u2', 'T', 5],
    ]);
    const b = computeBaselines(ts, { method: 'als', n_epochs: null, reg_i: 10, reg_u: 15, reg: 0.02, learning_rate: 0.005 });
    const mu = ts.globalMean;
    const [s1, s2] = [1, 1 / 2]; // msd with u0 on a: 0 and 1
    const dev = (s1 * (2 - (mu + b.bu[1] + b.bi[1])) + s2 * (5 - (mu + b.bu[2] + b.bi[1]))) / (s1 + s2);
    expect(knn('KNNBaseline').fit(ts).estimate(0, 1)).toBeCloseTo(mu + b.bu[0] + b.bi[1] + dev, 14);
  });

  it('item-based works on the item side: similar items the user rated', () => {
    // Items a and T agree for u1 (msd 1), b and T disagree (1 / 11); u0 rated a and b.
    const ts = tinyTrainset([
      ['u1', 'a', 3],
      ['u1', 'b', 1],
      ['u1', 'T', 3],
      ['u2', 'b', 1],
      ['u2', 'T', 5],
      ['u0', 'a', 5],
      ['u0', 'b', 2],
    ]);
    const sAT = 1;
    const sBT = 1 / ((4 + 16) / 2 + 1);
    const est = knn('KNNBasic', { 'sim_options.user_based': false }).fit(ts).estimate(2, 2);
    expect(est).toBeCloseTo((sAT * 5 + sBT * 2) / (sAT + sBT), 14);
  });
});
