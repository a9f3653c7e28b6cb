/** `a` at positions `rows`, in a new array of the same type: a table column gathered for a set of rows. */
export function pick<T extends Int32Array | Float32Array | Float64Array>(a: T, rows: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]];
  return out;
}
