/**
 * Kendall's tau-b, as `scipy.stats.kendalltau(x, y).statistic` (variant 'b', the
 * default): (concordant − discordant) / √((P − X)(P − Y)), with P = n(n−1)/2 pairs and
 * X, Y the pairs tied in x, in y. Used to compare two model orderings.
 *
 * O(n log n) like SciPy (Knight's algorithm): sort by (x, y), count tie groups, then
 * count discordant pairs as the inversions of y in that order with a merge sort. Pair
 * counts stay exact integers up to n ≈ 1.3e8 (2^53 pairs).
 *
 * Edge cases as SciPy: length mismatch throws; NaN when n < 2, when either input is
 * constant (all pairs tied: 0/0), or when any value is NaN (nan_policy='propagate').
 * The result is clamped to [−1, 1] against rounding, as SciPy does.
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`kendallTau: lengths differ (${n} vs ${y.length})`);
  for (let i = 0; i < n; i++) if (Number.isNaN(x[i]) || Number.isNaN(y[i])) return NaN;
  if (n < 2) return NaN;

  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j] || y[i] - y[j]);
  const xs = Float64Array.from(order, (i) => x[i]);
  const ys = Float64Array.from(order, (i) => y[i]);

  // Pairs tied in x, and tied in both (runs of equal (x, y) within an x run).
  let xTie = 0;
  let bothTie = 0;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && xs[e] === xs[s]) e++;
    xTie += ((e - s) * (e - s - 1)) / 2;
    for (let s2 = s; s2 < e; ) {
      let e2 = s2 + 1;
      while (e2 < e && ys[e2] === ys[s2]) e2++;
      bothTie += ((e2 - s2) * (e2 - s2 - 1)) / 2;
      s2 = e2;
    }
    s = e;
  }

  // Discordant pairs: i < j in (x, y) order with y_i > y_j strictly. Pairs tied in x
  // are already in y order, so they add no inversions; equal y's are not inversions.
  const dis = countInversions(ys);

  // ys is now sorted: pairs tied in y.
  let yTie = 0;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && ys[e] === ys[s]) e++;
    yTie += ((e - s) * (e - s - 1)) / 2;
    s = e;
  }

  const tot = (n * (n - 1)) / 2;
  if (xTie === tot || yTie === tot) return NaN;
  const conMinusDis = tot - xTie - yTie + bothTie - 2 * dis;
  const tau = conMinusDis / Math.sqrt(tot - xTie) / Math.sqrt(tot - yTie); // SciPy's order
  return Math.min(1, Math.max(-1, tau));
}

/** Sorts `a` ascending in place (bottom-up merge sort) and returns its strict inversion count. */
function countInversions(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // Take from the left on equality so equal values never count as inversions.
        if (src[i] <= src[j]) dst[k++] = src[i++];
        else {
          inversions += mid - i;
          dst[k++] = src[j++];
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    [src, dst] = [dst, src];
  }
  if (src !== a) a.set(src);
  return inversions;
}
