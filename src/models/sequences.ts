/**
 * Users' time-ordered training histories for sequence models, built so that nothing
 * leaks: the window feeding the prediction of an event holds only the same user's
 * training events strictly earlier in time, oldest first.
 */
import { groupByKey } from '../core/order.ts';

export interface Histories {
  /** Training rows grouped by user, each user's in time order (ties keep row order). */
  rows: Int32Array;
  /** User u's rows are rows[start[u] .. start[u + 1]). */
  start: Int32Array;
  /** The ordering time of each training row: its timestamp, or its row index when any is missing. */
  time: Float64Array;
  /** True when `time` holds row indices: query times then mean nothing, and queries take whole histories. */
  byRowOrder: boolean;
  /** Per user, the time of the first training event (NaN for users without one). */
  first: Float64Array;
  /** The largest time since a user's first event over the training rows (min-max scale), at least 1e-9. */
  span: number;
}

export function buildHistories(user: Int32Array, nUsers: number, time?: Float64Array): Histories {
  const n = user.length;
  const byRowOrder = !time || time.some(Number.isNaN);
  const t = byRowOrder ? Float64Array.from({ length: n }, (_, k) => k) : time;
  const { order: rows, start } = groupByKey(user, nUsers);
  const first = new Float64Array(nUsers).fill(NaN);
  let span = 1e-9;
  for (let u = 0; u < nUsers; u++) {
    const own = rows.subarray(start[u], start[u + 1]);
    own.sort((a, b) => t[a] - t[b] || a - b);
    if (own.length === 0) continue;
    first[u] = t[own[0]];
    span = Math.max(span, t[own[own.length - 1]] - first[u]);
  }
  return { rows, start, time: t, byRowOrder, first, span };
}

/** How many of user u's rows come strictly before time `at` (binary search over the sorted rows). */
export function countBefore(h: Histories, u: number, at: number): number {
  let lo = h.start[u];
  let hi = h.start[u + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (h.time[h.rows[mid]] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo - h.start[u];
}

/**
 * For each query (user, time), the last `len` training rows of that user strictly
 * earlier than the time, oldest first, padded after with −1: a (queries × len) array.
 * A query time of +Infinity takes the whole history.
 */
export function historyWindows(h: Histories, user: Int32Array, at: Float64Array, len: number): Int32Array {
  const out = new Int32Array(user.length * len).fill(-1);
  for (let q = 0; q < user.length; q++) {
    const u = user[q];
    const n = countBefore(h, u, at[q]);
    const take = Math.min(n, len);
    const from = h.start[u] + n - take;
    out.set(h.rows.subarray(from, from + take), q * len);
  }
  return out;
}

/** Training windows over the histories: spans of `Histories.rows`, each inside one user's. */
export interface Windows {
  /** Window w covers rows[from[w] .. to[w]); its events from rows[target[w]] on are training targets, the ones before only context. */
  from: Int32Array;
  target: Int32Array;
  to: Int32Array;
}

/**
 * Windows of at most `len` events that make every training event a target exactly
 * once: a user's first `len` events form one window, all targets; each later block
 * of `len − context` events is a window with the `context` events before it as
 * context, so a target late in a long history still reads at least that many
 * earlier events.
 */
export function trainingWindows(h: Histories, len: number, context: number): Windows {
  const from: number[] = [];
  const target: number[] = [];
  const to: number[] = [];
  for (let u = 0; u + 1 < h.start.length; u++) {
    const end = h.start[u + 1];
    for (let t = h.start[u], first = true; t < end; first = false) {
      const f = first ? t : t - Math.min(context, len - 1);
      const e = Math.min(end, f + len);
      from.push(f);
      target.push(t);
      to.push(e);
      t = e;
    }
  }
  return { from: Int32Array.from(from), target: Int32Array.from(target), to: Int32Array.from(to) };
}

/** Min-max scaled time since the user's first training event (0 for users without one). */
export function scaledTime(h: Histories, u: number, t: number): number {
  const f = h.first[u];
  return Number.isNaN(f) ? 0 : (t - f) / h.span;
}

/**
 * Queries that read the same history: pairs with the same user and time. `first`
 * holds one pair of each distinct (user, time), in order of first appearance, and
 * `history[k]` the position in `first` of pair k's: a scoring batch runs each
 * history once and reads its state for every pair that shares it.
 */
export function distinctQueries(user: Int32Array, at: Float64Array): { first: Int32Array; history: Int32Array } {
  const seen = new Map<number, Map<number, number>>();
  const first: number[] = [];
  const history = new Int32Array(user.length);
  for (let k = 0; k < user.length; k++) {
    let times = seen.get(user[k]);
    if (!times) seen.set(user[k], (times = new Map()));
    let q = times.get(at[k]);
    if (q === undefined) {
      q = first.length;
      times.set(at[k], q);
      first.push(k);
    }
    history[k] = q;
  }
  return { first: Int32Array.from(first), history };
}
