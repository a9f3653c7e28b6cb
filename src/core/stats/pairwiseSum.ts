/**
 * Sum in exactly NumPy's order (`np.add.reduce` on a contiguous float64 array: the
 * pairwise summation of ../surprise/numpy.ts), so means and variances round bit for
 * bit like SciPy's. This matters beyond the last digit in degenerate cases: SciPy's
 * ttest_rel gives t = ±inf for ten differences of 0.1 (the pairwise mean is exactly
 * 0.1) but t ≈ 1e16 for three (the mean rounds off 0.1), and a naive left-to-right
 * sum would not reproduce either.
 *
 * Verified bit-exact against NumPy 2.4 for n up to 70 000. NumPy 1.x (e.g. Debian's
 * 1.24) fed the pairwise routine 8192-element buffers and added the chunk sums left to
 * right, so for n > 8192 it can differ from this in the last bit.
 */
import { npSum } from '../surprise/numpy.ts';

export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return npSum(a, start, n);
}

/** NumPy's float64 `np.mean`: the pairwise sum divided by n (0 + sum, as the reduction does). */
export function numpyMean(a: ArrayLike<number>): number {
  return (0 + pairwiseSum(a)) / a.length;
}
