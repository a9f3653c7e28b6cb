/**
 * Top-k selection without sorting the whole array: a k-sized binary heap whose root is
 * the worst score kept. A scan costs O(n log k) at worst and about one comparison per
 * score in practice (most scores lose to the root), so picking the top items of a
 * million-item catalog, or of every user in a ranking evaluation, stays cheap.
 */

/**
 * The indices of the k largest scores, best first (ties: lower index first). NaN
 * never ranks: it is left out, so fewer than k come back when too few are numbers.
 */
export function topK(scores: ArrayLike<number>, k: number): Int32Array {
  const out = new Int32Array(Math.max(0, Math.min(Math.floor(k), scores.length)));
  const m = topKInto(out, scores, 0, scores.length, false);
  return m === out.length ? out : out.slice(0, m);
}

/**
 * The indices of the k largest scores, best first, equal scores by raw id ascending
 * (`ids[i]`, plain JS string order: UTF-16 code units, so "10" < "9"), NaN left out:
 * the order recommendations and the ranking evaluation use. topK by index does the
 * heavy scan; only the scores tied with the last kept one are sorted by id.
 */
export function topKById(scores: ArrayLike<number>, k: number, ids: readonly string[]): Int32Array {
  const top = topK(scores, k);
  if (top.length === 0) return top;
  const byId = (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b);
  const bar = scores[top[top.length - 1]];
  let above = 0;
  while (above < top.length && scores[top[above]] > bar) above++;
  // Every score equal to the bar competes for the last places, whatever its index.
  const tied: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] === bar) tied.push(i);
  tied.sort(byId);
  const out = new Int32Array(top.length);
  out.set(Array.from(top.subarray(0, above)).sort((a, b) => scores[b] - scores[a] || byId(a, b)));
  out.set(tied.slice(0, top.length - above), above);
  return out;
}

/**
 * The best `out.length` positions of `scores[start, end)` written into `out`, best
 * first; returns how many were written (fewer when the range is shorter, or when NaNs
 * are dropped). Positions are absolute (start ≤ p < end). Order: larger score first;
 * equal scores, lower position first. NaN: dropped, or with `nanLast` kept and ranked
 * below every number (−Infinity included), NaNs among themselves by position. Callers
 * that want another tie order lay the scores out in that order (the ranking
 * evaluation lays candidates out in item-id order).
 */
export function topKInto(out: Int32Array, scores: ArrayLike<number>, start: number, end: number, nanLast: boolean): number {
  const k = out.length;
  if (k === 0) return 0;
  let size = 0;
  let p = start;
  // Fill the heap with the first k eligible positions, sifting each up (the heap
  // keeps its worst element at the root).
  for (; p < end && size < k; p++) {
    if (!nanLast && scores[p] !== scores[p]) continue;
    let c = size++;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      const q = out[parent];
      if (!below(scores, p, q)) break;
      out[c] = q;
      c = parent;
    }
    out[c] = p;
  }
  // From here p comes after every kept position, so it loses every tie: it enters only
  // with a strictly larger number, or a number over a NaN root. While the root is NaN
  // (only with nanLast), any number enters; once it is a number it never turns NaN
  // again, and the tight loop below costs one compare per score (NaN > x is false).
  let bar = size === k ? scores[out[0]] : 0;
  for (; p < end && bar !== bar; p++) {
    const s = scores[p];
    if (s === s) {
      siftDown(out, scores, p, 0, size);
      bar = scores[out[0]];
    }
  }
  for (; p < end; p++) {
    if (scores[p] > bar) {
      siftDown(out, scores, p, 0, size);
      bar = scores[out[0]];
    }
  }
  // Heap sort in place: moving the worst to the back each time leaves best-first order.
  for (let last = size - 1; last > 0; last--) {
    const worst = out[0];
    siftDown(out, scores, out[last], 0, last);
    out[last] = worst;
  }
  return size;
}

/** Whether position a ranks below position b: a smaller number, NaN under numbers, then the later position. */
function below(scores: ArrayLike<number>, a: number, b: number): boolean {
  const sa = scores[a];
  const sb = scores[b];
  if (sa < sb) return true;
  if (sa > sb) return false;
  // Equal numbers, or at least one NaN.
  const na = sa !== sa;
  const nb = sb !== sb;
  if (na !== nb) return na;
  return a > b;
}

/** Put `p` at heap slot `c` of out[0, size) and sift it down past better children. */
function siftDown(out: Int32Array, scores: ArrayLike<number>, p: number, c: number, size: number): void {
  for (;;) {
    let child = 2 * c + 1;
    if (child >= size) break;
    if (child + 1 < size && below(scores, out[child + 1], out[child])) child++;
    if (!below(scores, out[child], p)) break;
    out[c] = out[child];
    c = child;
  }
  out[c] = p;
}
