/**
 * NumPy's float64 reductions, reproduced so that means and standard deviations round
 * exactly as Surprise's `np.mean` / `np.std` calls do. NumPy sums a contiguous array
 * by pairwise summation (numpy/core/src/umath/loops_utils.h.src, PW_BLOCKSIZE 128,
 * eight-way unrolled leaves), not left to right.
 */
const PW_BLOCKSIZE = 128;

/** np.add.reduce(a[start : start + n]). */
export function npSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let k = 0; k < n; k++) res += a[start + k];
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = a[start];
    let r1 = a[start + 1];
    let r2 = a[start + 2];
    let r3 = a[start + 3];
    let r4 = a[start + 4];
    let r5 = a[start + 5];
    let r6 = a[start + 6];
    let r7 = a[start + 7];
    let k = 8;
    for (const end = n - (n % 8); k < end; k += 8) {
      const p = start + k;
      r0 += a[p];
      r1 += a[p + 1];
      r2 += a[p + 2];
      r3 += a[p + 3];
      r4 += a[p + 4];
      r5 += a[p + 5];
      r6 += a[p + 6];
      r7 += a[p + 7];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; k < n; k++) res += a[start + k];
    return res;
  }
  // Halve, keeping the first half a multiple of the unroll factor.
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return npSum(a, start, n2) + npSum(a, start + n2, n - n2);
}

/** np.mean(a[start : start + n]). */
export function npMean(a: ArrayLike<number>, start: number, n: number): number {
  return npSum(a, start, n) / n;
}

/**
 * np.std(a[start : start + n]) (population, ddof 0): the mean, then the pairwise sum
 * of squared deviations. `scratch` holds the deviations (length ≥ n), so callers
 * looping over many lists allocate it once.
 */
export function npStd(a: ArrayLike<number>, start: number, n: number, scratch: Float64Array): number {
  const mean = npMean(a, start, n);
  for (let k = 0; k < n; k++) {
    const d = a[start + k] - mean;
    scratch[k] = d * d;
  }
  return Math.sqrt(npSum(scratch, 0, n) / n);
}
