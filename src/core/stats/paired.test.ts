import { describe, expect, it } from 'vitest';
import { pairedTTest, wilcoxon } from './paired.ts';
import { pairwiseSum } from './pairwiseSum.ts';
import { PAIRED, VERSIONS, type PairedCase } from './scipyFixtures.ts';
import { pairedData, plainSum } from './testData.ts';

/** |actual − expected| ≤ tol·|expected|; NaN, ±∞ and 0 must match exactly. */
function expectRel(actual: number, expected: number, tol: number): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected) || expected === 0) {
    expect(actual).toBe(expected);
    return;
  }
  const err = Math.abs(actual - expected) / Math.abs(expected);
  if (err > tol) expect.fail(`${actual} vs ${expected}: relative error ${err} > ${tol}`);
}

function data(c: PairedCase): [number[], number[]] {
  if (!c.data) return [c.a!, c.b!];
  const [a, b] = pairedData(c.data.kind, c.data.n, c.data.seed);
  // The TS rebuild of the seeded data must be bit-identical to what SciPy saw.
  expect([plainSum(a), plainSum(b)]).toEqual(c.sums);
  return [a, b];
}

describe(`pairedTTest matches scipy.stats.ttest_rel (SciPy ${VERSIONS.scipy})`, () => {
  for (const [name, c] of Object.entries(PAIRED)) {
    it(name, () => {
      const [a, b] = data(c);
      const r = pairedTTest(a, b);
      const e = c.ttest;
      expect(r.n).toBe(e.n);
      // Means use NumPy's pairwise summation: bit-identical up to n = 8192. Beyond, the
      // fixtures' NumPy 1.24 summed 8192-element chunks left to right, 1 ulp away at most
      // (this follows NumPy 2, and matches SciPy 1.17.1 + NumPy 2.4.6 bit for bit there).
      expectRel(r.meanA, e.meanA, e.n <= 8192 ? 0 : 2.3e-16);
      expectRel(r.meanB, e.meanB, e.n <= 8192 ? 0 : 2.3e-16);
      // t: SciPy's operations in SciPy's order; identical to the last bit in practice.
      expectRel(r.t, e.t, 1e-15);
      // p: our Student t tail vs cephes' stdtr. Both are ~1e-14 from a 40-digit mpmath
      // value (special.test.ts); the largest gap, 1.5e-13 at p = 5e-259, is the tail's
      // own conditioning (relative error ~ t²·ε).
      expectRel(r.p, e.p, 1e-12);
      // CI: SciPy 1.10's cephes stdtrit is only good to ~5e-10 for some df (T975 in
      // special.test.ts; SciPy ≥ 1.12 uses Boost and agrees with us to 1e-15), so compare
      // in units of the half-width; measured ≤ 2e-11.
      if (Number.isNaN(e.ci95[0])) {
        expect(r.ci95[0]).toBeNaN();
        expect(r.ci95[1]).toBeNaN();
      } else if (e.ci95[0] === e.ci95[1]) {
        expect(r.ci95).toEqual(e.ci95); // zero variance: the CI collapses to the mean
      } else {
        const scale = (e.ci95[1] - e.ci95[0]) / 2;
        expect(Math.abs(r.ci95[0] - e.ci95[0]) / scale).toBeLessThanOrEqual(1e-10);
        expect(Math.abs(r.ci95[1] - e.ci95[1]) / scale).toBeLessThanOrEqual(1e-10);
      }
    });
  }

  it('reports df, se and the mean difference consistently', () => {
    const r = pairedTTest(PAIRED.n5.a!, PAIRED.n5.b!);
    expect(r.df).toBe(4);
    expect(r.t).toBe(r.diff / r.se);
    expect(r.ci95[0] + r.ci95[1]).toBeCloseTo(2 * r.diff, 15);
  });

  it('follows SciPy on the degenerate cases', () => {
    // n = 0: everything NaN.
    expect(pairedTTest([], [])).toEqual({
      n: 0, meanA: NaN, meanB: NaN, diff: NaN, se: NaN, df: NaN, ci95: [NaN, NaN], t: NaN, p: NaN,
    });
    // n = 1: the mean is defined, the variance (×1/0) is not.
    const one = pairedTTest([0.5], [0.25]);
    expect([one.diff, one.df]).toEqual([0.25, 0]);
    expect([one.se, one.t, one.p, ...one.ci95].every(Number.isNaN)).toBe(true);
    // All differences zero: t = 0/0 = NaN, p = NaN, CI [0, 0].
    const zero = pairedTTest([0.3, 0.5, 0.7], [0.3, 0.5, 0.7]);
    expect([zero.t, zero.p]).toEqual([NaN, NaN]);
    expect(zero.ci95).toEqual([0, 0]);
    // All differences exactly 0.5: zero variance, t = +∞, p = 0, CI [0.5, 0.5]
    // (SciPy does not return NaN here; only all-zero differences give NaN).
    const c = pairedTTest([1.5, 2.5, 3.5, 4.5], [1, 2, 3, 4]);
    expect([c.t, c.p, ...c.ci95]).toEqual([Infinity, 0, 0.5, 0.5]);
    const neg = pairedTTest([1, 2, 3, 4], [1.5, 2.5, 3.5, 4.5]);
    expect([neg.t, neg.p]).toEqual([-Infinity, 0]);
  });

  it('is antisymmetric in its arguments and accepts typed arrays', () => {
    const [a, b] = pairedData('continuous', 200, 42);
    const ab = pairedTTest(Float64Array.from(a), Float64Array.from(b));
    const ba = pairedTTest(b, a);
    expect(ba.t).toBe(-ab.t);
    expect(ba.p).toBe(ab.p);
    expect(ba.ci95[0]).toBeCloseTo(-ab.ci95[1], 15);
  });

  it('propagates NaN and refuses mismatched lengths', () => {
    const r = pairedTTest([1, NaN, 3], [0, 1, 2]);
    expect([r.t, r.p, r.diff]).toEqual([NaN, NaN, NaN]);
    expect(() => pairedTTest([1, 2], [1])).toThrow(RangeError);
  });
});

describe(`wilcoxon matches scipy.stats.wilcoxon(zero_method='wilcox', correction=True, method='approx') (SciPy ${VERSIONS.scipy})`, () => {
  for (const [name, c] of Object.entries(PAIRED)) {
    it(name, () => {
      const [a, b] = data(c);
      const r = wilcoxon(a, b);
      if ('raises' in c.wilcoxon) {
        // All differences zero. SciPy 1.10 raises ValueError; current SciPy (checked in
        // 1.17.1) returns statistic 0 with z = p = NaN, which is what we follow.
        expect(c.wilcoxon.raises).toMatch(/zero for all elements/);
        expect(r).toEqual({ n: 0, statistic: 0, rPlus: 0, rMinus: 0, z: NaN, p: NaN });
        return;
      }
      const e = c.wilcoxon;
      // Rank sums are exact multiples of ½, so the statistic is exact.
      expect(r.statistic).toBe(e.statistic);
      // z: one subtraction and one division of exact quantities, as in SciPy.
      expectRel(r.z, e.z, 1e-15);
      // p: our erfc vs cephes' (both within ~2e-15 of mpmath); measured ≤ 5e-15,
      // including p = 1.5e-227 (cont20000).
      expectRel(r.p, e.p, 1e-13);
      if (a.length > 0) {
        expect(r.rPlus + r.rMinus).toBe((r.n * (r.n + 1)) / 2);
        expect(r.n).toBe(a.filter((x, i) => x - b[i] !== 0).length);
      }
    });
  }

  it('drops zeros, averages tied ranks and corrects the variance for ties', () => {
    // d = 1, 0, 1, 0, −1, 2, 1, 1, 0, 1, 1, 2 (n12hits): zeros dropped → n = 9;
    // |d| = 1 ×7 (ranks 1–7, average 4), 2 ×2 (ranks 8–9, average 8.5).
    const r = wilcoxon(PAIRED.n12hits.a!, PAIRED.n12hits.b!);
    expect(r.n).toBe(9);
    expect([r.rPlus, r.rMinus, r.statistic]).toEqual([41, 4, 4]);
    // σ² = [9·10·19 − ½(7·48 + 2·3)]/24 = (1710 − 171)/24; z = (4 − 22.5 + 0.5)/σ.
    expect(r.z).toBe(-18 / Math.sqrt(1539 / 24));
  });

  it('reports direction through rPlus / rMinus; z is never positive', () => {
    const [a, b] = pairedData('discrete', 200, 7);
    const ab = wilcoxon(a, b);
    const ba = wilcoxon(b, a);
    expect(ab.rPlus).toBeGreaterThan(ab.rMinus); // run A is better
    expect([ba.rPlus, ba.rMinus]).toEqual([ab.rMinus, ab.rPlus]);
    expect([ba.statistic, ba.z, ba.p]).toEqual([ab.statistic, ab.z, ab.p]);
    expect(ab.z).toBeLessThan(0);
    // A single difference: statistic 0 sits exactly half a unit from the mean ½, so the
    // continuity correction gives z = 0 (+0, not −0), p = 1.
    expect(wilcoxon([1], [0])).toEqual({ n: 1, statistic: 0, rPlus: 1, rMinus: 0, z: 0, p: 1 });
  });

  it('handles empty input, NaN and mismatched lengths', () => {
    expect(wilcoxon([], [])).toEqual({ n: 0, statistic: NaN, rPlus: NaN, rMinus: NaN, z: NaN, p: NaN });
    const r = wilcoxon([1, NaN, 3], [0, 0, 0]);
    expect([r.statistic, r.z, r.p]).toEqual([NaN, NaN, NaN]);
    expect(() => wilcoxon([1], [1, 2])).toThrow(RangeError);
  });
});

describe('pairwiseSum', () => {
  it("adds in NumPy's order, not left to right", () => {
    const tenth = new Array<number>(10).fill(0.1);
    expect(plainSum(tenth)).toBe(0.9999999999999999);
    expect(pairwiseSum(tenth)).toBe(1); // np.sum([0.1] * 10) == 1.0
    expect(pairwiseSum([0.1, 0.1, 0.1])).toBe(0.30000000000000004); // n < 8: sequential
    expect(pairwiseSum([])).toBe(0);
  });
});
