import { describe, expect, it } from 'vitest';
import { fcp, mae, mse, pearson, rmse } from './metrics.ts';

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

describe('fcp', () => {
  // user 1: truths 1,2,3 with estimates 1,3,2 → (1,2) and (1,3) concordant, (2,3) discordant: nc=2, nd=1.
  // user 2: truths 4,4,5 with estimates 2,3,3 → (4→2, 5→3) concordant, (4→3, 5→3) an estimate
  //   tie, so discordant; the equal truths are no pair: nc=1, nd=1.
  // user 3: truths 2,5 with estimates 4,1 → discordant: nc=0 (not averaged), nd=1.
  // Surprise: nc = mean(2, 1) = 1.5 over users with nc>0, nd = mean(1, 1, 1) = 1 → 0.6
  // (pooled sums would give 3/6 = 0.5). Users interleaved to check the grouping.
  const users = [1, 2, 3, 1, 2, 3, 1, 2];
  const truth = [1, 4, 2, 2, 4, 5, 3, 5];
  const est = [1, 2, 4, 3, 3, 1, 2, 3];

  it("follows Surprise's per-user averaging", () => {
    expect(fcp(users, est, truth)).toBeCloseTo(0.6, 15);
  });

  it('is 1 for a perfect ranking and NaN without ranked pairs', () => {
    expect(fcp([0, 0, 0], [1, 2, 3], [2, 3, 4])).toBe(1);
    expect(fcp([0, 1], [1, 2], [2, 3])).toBeNaN();
  });

  it('refuses mismatched users', () => {
    expect(() => fcp([0], [1, 2], [1, 2])).toThrow(/users/);
  });
});

describe('pearson', () => {
  it('matches hand-computed values', () => {
    // deviations (−1.5, −0.5, 0.5, 1.5) and (−1.5, 0.5, −0.5, 1.5): cov 4, variances 5 and 5.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
  });

  it('is NaN for a constant side', () => {
    expect(pearson([2, 2, 2], [1, 2, 3])).toBeNaN();
  });
});
