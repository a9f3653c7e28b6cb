import { describe, expect, it } from 'vitest';
import { tinyTrainset } from '../testing/tiny.ts';
import { FitCancelled } from './algo.ts';
import { computeBaselines, type BaselineOptions } from './baseline.ts';
import { createAlgorithm } from './index.ts';

const defaults: BaselineOptions = { method: 'als', n_epochs: null, reg_i: 10, reg_u: 15, reg: 0.02, learning_rate: 0.005 };

// u0 rates i0 = 5 and i1 = 3, u1 rates i0 = 4; μ = 4. Rows interleave users so that
// SGD's user-by-user order differs from row order.
const rows = [
  ['u0', 'i0', 5],
  ['u1', 'i0', 4],
  ['u0', 'i1', 3],
] as const;

describe('computeBaselines', () => {
  it('ALS: item biases from user biases, then user biases from the new item biases', () => {
    const { bu, bi } = computeBaselines(tinyTrainset(rows), { ...defaults, n_epochs: 1 });
    expect(bi[0]).toBeCloseTo(1 / 12, 15); // (1 + 0) / (10 + 2)
    expect(bi[1]).toBeCloseTo(-1 / 11, 15); // −1 / (10 + 1)
    expect(bu[0]).toBeCloseTo((1 - 1 / 12 + (-1 + 1 / 11)) / 17, 15);
    expect(bu[1]).toBeCloseTo(-1 / 12 / 16, 15);
  });

  it('SGD walks ratings user by user, not in row order', () => {
    const { bu, bi } = computeBaselines(tinyTrainset(rows), { ...defaults, method: 'sgd', n_epochs: 1, learning_rate: 0.1, reg: 0.5 });
    // u0/i0: err 1 → bu0 = bi0 = 0.1. u0/i1: err −1.1 → bu0 = 0.1 + 0.1(−1.1 − 0.05), bi1 = −0.11.
    // u1/i0: err 4 − 4.1 = −0.1 → bu1 = −0.01, bi0 = 0.1 + 0.1(−0.1 − 0.05).
    expect(bu[0]).toBeCloseTo(-0.015, 15);
    expect(bi[1]).toBeCloseTo(-0.11, 15);
    expect(bu[1]).toBeCloseTo(-0.01, 15);
    expect(bi[0]).toBeCloseTo(0.085, 15);
  });

  it('reports epochs (ALS default 10, SGD default 20) and stops when asked', () => {
    const ts = tinyTrainset(rows);
    const seen: number[] = [];
    computeBaselines(ts, defaults, { onEpoch: (e, n) => seen.push(e * 100 + n) });
    expect(seen).toEqual(Array.from({ length: 10 }, (_, e) => (e + 1) * 100 + 10));
    let epochs = 0;
    computeBaselines(ts, { ...defaults, method: 'sgd' }, { onEpoch: () => epochs++ });
    expect(epochs).toBe(20);
    expect(() => computeBaselines(ts, defaults, { shouldStop: () => true })).toThrow(FitCancelled);
  });
});

describe('BaselineOnly', () => {
  it('adds whichever biases are known and never falls back', () => {
    const ts = tinyTrainset(rows);
    const algo = createAlgorithm('BaselineOnly', { 'bsl_options.n_epochs': 1 }, 0).fit(ts);
    const { bu, bi } = computeBaselines(ts, { ...defaults, n_epochs: 1 });
    expect(algo.predict(0, 1)).toEqual({ est: 4 + bu[0] + bi[1], impossible: false, reason: undefined });
    expect(algo.predict(-1, 0).est).toBe(4 + bi[0]);
    expect(algo.predict(1, -1).est).toBe(4 + bu[1]);
    expect(algo.predict(-1, -1)).toMatchObject({ est: 4, impossible: false });
  });

  it('clips to the rating scale', () => {
    // One user who rates everything 5 on a 1–5 scale with tiny regularisation: μ + b_u + b_i > 5.
    const ts = tinyTrainset([
      ['a', 'x', 5],
      ['a', 'y', 5],
      ['b', 'x', 1],
      ['c', 'y', 5],
    ]);
    const algo = createAlgorithm('BaselineOnly', { 'bsl_options.reg_i': 0, 'bsl_options.reg_u': 0 }, 0).fit(ts);
    expect(algo.estimate(0, 1)).toBeGreaterThan(5);
    expect(algo.predict(0, 1).est).toBe(5);
  });
});
