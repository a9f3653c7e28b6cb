import { describe, expect, it } from 'vitest';
import { tinyTrainset } from '../testing/tiny.ts';
import { NormalPredictor } from './normal.ts';

// μ = 3, Σ(r − μ)² = 4 + 0 + 4 + 0 = 8 over 4 ratings: σ = √2 (population), not √(8/3).
const rows = [
  ['u0', 'i0', 1],
  ['u1', 'i0', 3],
  ['u0', 'i1', 5],
  ['u2', 'i1', 3],
] as const;

describe('NormalPredictor', () => {
  it('uses the population standard deviation of the training ratings', () => {
    expect(new NormalPredictor(0).fit(tinyTrainset(rows)).sigma).toBeCloseTo(Math.SQRT2, 15);
  });

  it('draws from N(μ, σ²), for known and unknown pairs alike', () => {
    const algo = new NormalPredictor(1).fit(tinyTrainset(rows));
    const n = 20_000;
    const draws = Float64Array.from({ length: n }, () => algo.estimate());
    const mean = draws.reduce((s, x) => s + x, 0) / n;
    const std = Math.sqrt(draws.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(3, 1);
    expect(std).toBeCloseTo(Math.SQRT2, 1);
    expect(algo.predict(-1, -1).impossible).toBe(false);
  });

  it('clips its draws to the rating scale', () => {
    const algo = new NormalPredictor(2).fit(tinyTrainset(rows));
    const est = Array.from({ length: 500 }, () => algo.predict(0, 0).est);
    expect(Math.min(...est)).toBe(1);
    expect(Math.max(...est)).toBe(5);
  });

  it('restarts its stream at every fit', () => {
    const algo = new NormalPredictor(3);
    const first = algo.fit(tinyTrainset(rows)).estimate();
    expect(algo.fit(tinyTrainset(rows)).estimate()).toBe(first);
  });
});
