/**
 * Paired significance tests for two runs scored on the same users: a[i] and b[i] are
 * the metric values of user i under run A and run B.
 *
 * Both follow SciPy operation for operation (checked against SciPy 1.10.1 and 1.17.1;
 * fixtures in paired.test.ts), so a p-value here is the p-value a Python user gets.
 * NaN anywhere in the input propagates to NaN statistics (SciPy's nan_policy='propagate').
 */
import { numpyMean } from './pairwiseSum.ts';
import { normalTwoSidedP, studentTQuantile, studentTTwoSidedP } from './special.ts';

export interface PairedTTestResult {
  /** Number of pairs. */
  n: number;
  meanA: number;
  meanB: number;
  /** Mean of the differences a − b (the estimate the CI is about). */
  diff: number;
  /** Standard error of diff: sd(a − b) / √n. */
  se: number;
  /** Degrees of freedom, n − 1. */
  df: number;
  /** Two-sided 95% t interval for the mean difference. */
  ci95: [number, number];
  t: number;
  /** Two-sided p-value. */
  p: number;
}

export interface WilcoxonResult {
  /** Number of non-zero differences (zeros are dropped: zero_method='wilcox'). */
  n: number;
  /** min(R+, R−), SciPy's two-sided statistic. */
  statistic: number;
  /** Rank sums of the positive and negative differences (R+ > R− ⇔ A tends to beat B). */
  rPlus: number;
  rMinus: number;
  /**
   * Normal deviate of the statistic with continuity correction; ≤ 0 because the
   * statistic is the smaller rank sum (SciPy's sign convention). Read direction from
   * rPlus vs rMinus.
   */
  z: number;
  /** Two-sided p-value. */
  p: number;
}

function differences(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) {
    throw new RangeError(`paired samples differ in length: ${a.length} vs ${b.length}`);
  }
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) d[i] = a[i] - b[i];
  return d;
}

/**
 * Paired t-test, as `scipy.stats.ttest_rel(a, b)` (two-sided) and its
 * `.confidence_interval(0.95)`.
 *
 * SciPy's arithmetic, kept in order: d = a − b; mean by NumPy's pairwise sum; variance
 * as the mean squared deviation times n/(n−1); t = mean / √(var/n); p = 2·P(T_{n−1} >
 * |t|); CI = mean ± t_{0.975, n−1}·se.
 *
 * Edge cases, as SciPy gives them:
 * - n = 0: everything NaN.
 * - n = 1: means and diff defined; se, t, p, CI NaN (the n/(n−1) factor is 1/0 and
 *   0·∞ = NaN).
 * - All differences equal to 0: t = 0/0 = NaN, p = NaN, CI [0, 0].
 * - All differences equal to c ≠ 0 (zero variance, if the sum rounds exactly): t = ±∞,
 *   p = 0, CI [c, c]. When c·n does not round back to c (e.g. three differences of
 *   0.1), the variance is a tiny non-zero and t is huge but finite — as in SciPy.
 */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>): PairedTTestResult {
  const d = differences(a, b);
  const n = d.length;
  if (n === 0) {
    return { n, meanA: NaN, meanB: NaN, diff: NaN, se: NaN, df: NaN, ci95: [NaN, NaN], t: NaN, p: NaN };
  }
  const dm = numpyMean(d);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = d[i] - dm;
    sq[i] = e * e;
  }
  const v = numpyMean(sq) * (n / (n - 1)); // _var(ddof=1): moment, then × n/(n−1)
  const se = Math.sqrt(v / n);
  const t = dm / se;
  const df = n - 1;
  const p = studentTTwoSidedP(t, df);
  // SciPy evaluates stdtrit at (1 − 0.95)/2 and 1 − that; the quantiles are exact
  // negatives of each other up to rounding of 0.025, far below 1e-15.
  const q = studentTQuantile(0.975, df);
  const ci95: [number, number] = [-q * se + dm, q * se + dm];
  return { n, meanA: numpyMean(a), meanB: numpyMean(b), diff: dm, se, df, ci95, t, p };
}

/**
 * Wilcoxon signed-rank test, as `scipy.stats.wilcoxon(a, b, zero_method='wilcox',
 * correction=True, method='approx')`, two-sided ('approx' is now an alias of 'asymptotic').
 *
 * Zero differences are dropped; |d| is ranked with average ranks for ties; statistic =
 * min(R+, R−); z = (statistic − n(n+1)/4 − c) / σ with continuity correction
 * c = ½·sign(statistic − n(n+1)/4) and σ² = [n(n+1)(2n+1) − ½Σ(t³ − t)]/24 over tie
 * groups of size t; p = 2·(1 − Φ(|z|)) = erfc(|z|/√2).
 *
 * SciPy 1.10.1 (_morestats.wilcoxon, used for the fixtures) computes exactly this.
 * Current SciPy (the _wilcoxon.py rewrite; read and run in 1.17.1) computes z from R+,
 * z = (R+ − mean)/σ − sign(z)·½/σ, then reports −|z|: the same value, since
 * |R+ − mean| = |R− − mean|, up to the last bit, and p = 2·ndtr(−|z|) as before. The two
 * differ only when no non-zero difference remains: 1.10 raises ValueError, 1.17 returns
 * statistic 0, z = p = NaN; this follows 1.17. Empty input: statistic = z = p = NaN in both.
 */
export function wilcoxon(a: ArrayLike<number>, b: ArrayLike<number>): WilcoxonResult {
  const all = differences(a, b);
  if (all.length === 0) return { n: 0, statistic: NaN, rPlus: NaN, rMinus: NaN, z: NaN, p: NaN };
  const nonZero: number[] = [];
  let hasNaN = false;
  for (const x of all) {
    if (Number.isNaN(x)) hasNaN = true;
    if (x !== 0) nonZero.push(x);
  }
  const n = nonZero.length;
  if (hasNaN) return { n, statistic: NaN, rPlus: NaN, rMinus: NaN, z: NaN, p: NaN };
  if (n === 0) return { n: 0, statistic: 0, rPlus: 0, rMinus: 0, z: NaN, p: NaN };

  const abs = Float64Array.from(nonZero, Math.abs);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => abs[i] - abs[j]);
  let rPlus = 0;
  let rMinus = 0;
  let tieTerm = 0; // Σ t(t² − 1) over tie groups
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && abs[order[end]] === abs[order[start]]) end++;
    const size = end - start;
    const rank = (start + 1 + end) / 2; // average of ranks start+1 … end
    for (let k = start; k < end; k++) {
      if (nonZero[order[k]] > 0) rPlus += rank;
      else rMinus += rank;
    }
    if (size > 1) tieTerm += size * (size * size - 1);
    start = end;
  }
  // Rank sums are multiples of ½ well below 2^53, so they are exact in any order.
  const statistic = Math.min(rPlus, rMinus);
  const mean = n * (n + 1) * 0.25;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1) - 0.5 * tieTerm) / 24);
  const correction = 0.5 * Math.sign(statistic - mean);
  const z = (statistic - mean - correction) / sigma;
  return { n, statistic, rPlus, rMinus, z: z === 0 ? 0 : z, p: normalTwoSidedP(z) };
}
