import { describe, expect, it } from 'vitest';
import { baselineAlgorithms } from '../registry/baselines.ts';
import { ALGORITHMS } from '../registry/index.ts';
import { tinyTrainset } from '../testing/tiny.ts';
import { createAlgorithm } from './index.ts';

describe('createAlgorithm', () => {
  const ts = tinyTrainset([
    ['u0', 'a', 5],
    ['u0', 'b', 3],
    ['u1', 'a', 4],
    ['u1', 'b', 1],
    ['u1', 'c', 2],
    ['u2', 'b', 2],
    ['u2', 'c', 5],
  ]);

  it('builds every baseline-family registry entry with its defaults', () => {
    for (const spec of baselineAlgorithms) {
      const est = createAlgorithm(spec.id, {}, 0).fit(ts).predict(0, 2).est;
      expect(est, spec.id).toBeGreaterThanOrEqual(1);
      expect(est, spec.id).toBeLessThanOrEqual(5);
    }
  });

  it('passes nested params through (sim_options, bsl_options)', () => {
    const user = createAlgorithm('KNNBasic', {}, 0).fit(ts).estimate(0, 2);
    const item = createAlgorithm('KNNBasic', { 'sim_options.user_based': false }, 0).fit(ts).estimate(0, 2);
    expect(item).not.toBe(user);
    const als = createAlgorithm('BaselineOnly', {}, 0).fit(ts).estimate(0, 2);
    const sgd = createAlgorithm('BaselineOnly', { 'bsl_options.method': 'sgd' }, 0).fit(ts).estimate(0, 2);
    expect(sgd).not.toBe(als);
  });

  it('rejects unknown algorithms, unknown params and out-of-range values', () => {
    expect(() => createAlgorithm('KNNMagic', {}, 0)).toThrow(/not a Surprise-style algorithm/);
    expect(() => createAlgorithm('BiasMF', {}, 0)).toThrow(/not a Surprise-style algorithm/);
    expect(() => createAlgorithm('KNNBasic', { 'sim_options.nme': 'cosine' }, 0)).toThrow(/no parameter "sim_options.nme"/);
    expect(() => createAlgorithm('KNNBasic', { k: 0 }, 0)).toThrow(/k must be between/);
    expect(() => createAlgorithm('KNNBasic', { 'sim_options.name': 'jaccard' }, 0)).toThrow(/must be one of/);
  });
});

describe('iterative algorithms', () => {
  // The lab draws a learning curve by predicting between epochs: every iterative
  // algorithm must be in a usable state whenever it reports an epoch.
  const rows = [
    ['a', 'x', 4], ['a', 'y', 2], ['b', 'x', 5], ['b', 'z', 3], ['c', 'y', 1], ['c', 'z', 4], ['d', 'x', 3], ['d', 'y', 5],
  ] as const;
  for (const spec of ALGORITHMS.filter((a) => a.engine === 'core' && a.iterative)) {
    it(`${spec.id} predicts after every reported epoch`, () => {
      const algo = createAlgorithm(spec.id, {}, 1);
      const seen: number[] = [];
      algo.fit(tinyTrainset(rows), {
        onEpoch(epoch) {
          const { est } = algo.predict(0, 1);
          expect(Number.isFinite(est)).toBe(true);
          seen.push(epoch);
        },
      });
      expect(seen.length).toBeGreaterThan(0);
    });
  }
});
