import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendallTau } from './kendall.ts';
import { KENDALL, VERSIONS } from './scipyFixtures.ts';
import { kendallData, plainSum } from './testData.ts';

/** tau-b straight from the definition, O(n²). */
function bruteTauB(x: number[], y: number[]): number {
  let con = 0;
  let dis = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (s > 0) con++;
      else if (s < 0) dis++;
      if (x[i] === x[j]) tx++;
      if (y[i] === y[j]) ty++;
    }
  }
  const tot = (x.length * (x.length - 1)) / 2;
  return (con - dis) / Math.sqrt((tot - tx) * (tot - ty));
}

describe(`kendallTau matches scipy.stats.kendalltau(x, y).statistic (SciPy ${VERSIONS.scipy})`, () => {
  for (const [name, c] of Object.entries(KENDALL)) {
    it(name, () => {
      let x = c.x!;
      let y = c.y!;
      if (c.data) {
        [x, y] = kendallData(c.data.kind, c.data.n, c.data.seed, c.data.levels);
        expect([plainSum(x), plainSum(y)]).toEqual(c.sums);
      }
      // Same integer pair counts and SciPy's order of division: identical in practice.
      const tau = kendallTau(x, y);
      if (Number.isNaN(c.tau)) expect(tau).toBeNaN();
      else expect(Math.abs(tau - c.tau)).toBeLessThanOrEqual(1e-15 * Math.abs(c.tau));
    });
  }

  it('equals the O(n²) definition on random data with many ties', () => {
    const small = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 60 });
    fc.assert(
      fc.property(small, small, (xs, ys) => {
        const n = Math.min(xs.length, ys.length);
        const x = xs.slice(0, n);
        const y = ys.slice(0, n);
        const expected = bruteTauB(x, y);
        const tau = kendallTau(x, y);
        if (!Number.isFinite(expected)) return Number.isNaN(tau);
        return Math.abs(tau - expected) <= 1e-12;
      }),
    );
  });

  it('is symmetric, flips sign with one ordering reversed, and handles edge cases', () => {
    const [x, y] = kendallData('discrete', 200, 11, 6);
    expect(kendallTau(y, x)).toBe(kendallTau(x, y));
    expect(kendallTau(x, y.map((v) => -v))).toBeCloseTo(-kendallTau(x, y), 15);
    expect(kendallTau([], [])).toBeNaN();
    expect(kendallTau([1], [1])).toBeNaN();
    expect(kendallTau([1, 2, 3], [5, 5, 5])).toBeNaN(); // one ordering constant
    expect(kendallTau([1, NaN, 3], [1, 2, 3])).toBeNaN(); // nan_policy='propagate'
    expect(() => kendallTau([1, 2], [1])).toThrow(RangeError);
  });
});
