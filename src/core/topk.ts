/**
 * The indices of the k largest scores, best first (ties: lower index first), in one
 * pass with a k-sized sorted buffer: no sort of the whole array, so picking the top
 * items of a million-item catalog stays cheap.
 */
export function topK(scores: ArrayLike<number>, k: number): Int32Array {
  const top: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(s === s)) continue; // NaN never ranks
    if (top.length === k) {
      if (k === 0 || s <= scores[top[k - 1]]) continue;
      top.pop();
    }
    let p = top.length;
    top.push(i);
    while (p > 0 && scores[top[p - 1]] < s) {
      top[p] = top[p - 1];
      p--;
    }
    top[p] = i;
  }
  return Int32Array.from(top);
}
