import { describe, expect, it } from 'vitest';
import { mae, mse, rmse } from './metrics.ts';

describe('metrics', () => {
  it('match hand-computed values', () => {
    const est = [3, 4, 2.5, 5];
    const truth = [4, 4, 1.5, 3];
    // errors: -1, 0, 1, 2 → squares 1, 0, 1, 4
    expect(mse(est, truth)).toBe(1.5);
    expect(rmse(est, truth)).toBeCloseTo(Math.sqrt(1.5), 15);
    expect(mae(est, truth)).toBe(1);
  });

  it('are zero for perfect predictions', () => {
    expect(rmse([1, 2], [1, 2])).toBe(0);
  });

  it('refuse empty or mismatched input', () => {
    expect(() => rmse([], [])).toThrow(/no predictions/);
    expect(() => mae([1], [1, 2])).toThrow(/length/);
  });
});
