/**
 * Positions 0..n−1 grouped by a small non-negative integer key (a user or item
 * index), ties in position order: a counting sort, giving the order a comparison
 * sort by (key, position) gives in linear time (a comparator sort of millions of
 * test rows took seconds).
 */
export function orderByKey(keys: ArrayLike<number>): Int32Array {
  let max = -1;
  for (let k = 0; k < keys.length; k++) {
    const x = keys[k];
    if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`key ${x} is not a non-negative integer`);
    if (x > max) max = x;
  }
  const start = new Int32Array(max + 2);
  for (let k = 0; k < keys.length; k++) start[keys[k] + 1]++;
  for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
  const order = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) order[start[keys[k]]++] = k;
  return order;
}
