import { describe, expect, it } from 'vitest';
import { tinyTrainset } from '../testing/tiny.ts';
import { createAlgorithm } from './index.ts';

describe('SlopeOne', () => {
  // u0: a 5, b 3 · u1: a 4, b 1, c 2 · u2: b 2, c 5 · u3: d 3 (shares no user with a).
  // dev(a, b) = (2 + 3) / 2, dev(c, b) = (1 + 3) / 2, dev(c, a) = −2.
  const ts = tinyTrainset([
    ['u0', 'a', 5],
    ['u0', 'b', 3],
    ['u1', 'a', 4],
    ['u1', 'b', 1],
    ['u1', 'c', 2],
    ['u2', 'b', 2],
    ['u2', 'c', 5],
    ['u3', 'd', 3],
  ]);
  const algo = createAlgorithm('SlopeOne', {}, 0).fit(ts);
  const [a, c] = [0, 2];

  it('adds the mean deviation over the relevant items to the user’s mean', () => {
    expect(algo.estimate(0, c)).toBe(4 + (-2 + 2) / 2);
    expect(algo.estimate(2, a)).toBe(3.5 + (2.5 + 2) / 2);
    expect(algo.predict(2, a).est).toBe(5); // clipped
  });

  it('falls back to the user’s mean when no rated item shares a user with the target', () => {
    expect(algo.predict(3, a)).toEqual({ est: 3, impossible: false, reason: undefined });
  });

  it('is impossible for unknown users or items', () => {
    expect(algo.predict(-1, a)).toEqual({ est: ts.globalMean, impossible: true, reason: 'User and/or item is unknown.' });
    expect(algo.predict(0, -1).impossible).toBe(true);
  });

  it('truncates ratings in the deviations as Surprise does (its Cython declares them int)', () => {
    const half = tinyTrainset([
      ['u0', 'a', 4.5],
      ['u0', 'b', 3],
      ['u1', 'b', 2],
    ]);
    // dev(a, b) = trunc(4.5) − 3 = 1; u1's mean 2.
    expect(createAlgorithm('SlopeOne', {}, 0).fit(half).estimate(1, 0)).toBe(3);
  });
});
