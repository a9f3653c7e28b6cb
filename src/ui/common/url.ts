/**
 * The lab's form state in the page URL, so a reload (or a shared link) comes back to
 * the same screen, model, hyperparameters and evaluation. Written with
 * replaceState: tweaking a slider does not add history entries.
 */
export function readQuery(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

export function writeQuery(update: (q: URLSearchParams) => void): void {
  const q = readQuery();
  update(q);
  const search = q.toString();
  // replaceState costs milliseconds of main-thread time: skip it when nothing changed.
  if (search === window.location.search.replace(/^\?/, '')) return;
  window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
}

/** An integer from the query, or `fallback` when absent or not an integer in [min, max]. */
export function queryInt(q: URLSearchParams, key: string, fallback: number, min = -Infinity, max = Infinity): number {
  const v = Number(q.get(key));
  return q.has(key) && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}
