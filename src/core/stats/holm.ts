/**
 * Holm–Bonferroni step-down adjustment, with the semantics of statsmodels'
 * `multipletests(p, method='holm')[1]`: sort ascending, multiply the k-th smallest
 * (k = 0…m−1) by m − k, take the running maximum so the adjusted values are monotone
 * in the raw ones, cap at 1, and return them in input order.
 *
 * NaN p-values (e.g. a test that could not be computed) are passed through as NaN and
 * not counted in m — statsmodels has no NaN handling (its sort puts NaN last and the
 * running maximum turns everything after it into NaN), so this is the same as calling it
 * on the non-NaN values. Anything else outside [0, 1] is a caller bug and throws.
 */
export function holm(pValues: readonly number[]): number[] {
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value out of [0, 1] at index ${i}: ${p}`);
    idx.push(i);
  }
  // Ties need no stable order: tied raw values get the same adjusted value either way.
  idx.sort((i, j) => pValues[i] - pValues[j]);
  const m = idx.length;
  const out = pValues.map(() => NaN);
  let running = 0;
  for (let k = 0; k < m; k++) {
    running = Math.max(running, pValues[idx[k]] * (m - k));
    out[idx[k]] = Math.min(running, 1);
  }
  return out;
}
