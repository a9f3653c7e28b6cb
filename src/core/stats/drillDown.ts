/**
 * Two runs user by user on one metric: how the metric spreads over the users both
 * runs scored (one histogram each, on shared bins), and the users where the runs
 * differ most. What a mean hides — a model that wins on average and fails a group.
 */
import { userPairs, type PerUserTable } from './compare.ts';

export interface UserDifference {
  /** The user's key in the tables (an index into the dataset's user ids). */
  user: string | number;
  a: number;
  b: number;
}

export interface DrillDown {
  /** Users with a value in both runs. */
  users: number;
  /** Bin edges, `bins + 1` of them, over the values of both runs. */
  edges: number[];
  countsA: number[];
  countsB: number[];
  meanA: number;
  meanB: number;
  /** Users where |a − b| is largest, largest first (ties by user key, ascending). */
  largest: UserDifference[];
}

export function drillDown(a: PerUserTable, b: PerUserTable, metric: string, opts: { bins?: number; top?: number } = {}): DrillDown {
  const bins = opts.bins ?? 10;
  const top = opts.top ?? 10;
  const ca = a.columns[metric];
  const cb = b.columns[metric];
  if (!ca || !cb) throw new RangeError(`metric "${metric}" is not in both runs`);
  const pairs: UserDifference[] = [];
  for (const [j, k] of userPairs(a, b)) if (!Number.isNaN(ca[j]) && !Number.isNaN(cb[k])) pairs.push({ user: a.users[j], a: ca[j], b: cb[k] });
  let lo = Infinity;
  let hi = -Infinity;
  let sumA = 0;
  let sumB = 0;
  for (const p of pairs) {
    lo = Math.min(lo, p.a, p.b);
    hi = Math.max(hi, p.a, p.b);
    sumA += p.a;
    sumB += p.b;
  }
  // One value everywhere (or no users): a single bin around it.
  const n = pairs.length === 0 ? 0 : hi > lo ? bins : 1;
  const width = hi > lo ? (hi - lo) / n : 1;
  const edges = Array.from({ length: n + 1 }, (_, k) => (hi > lo ? lo + k * width : lo - 0.5 + k));
  const countsA = new Array<number>(n).fill(0);
  const countsB = new Array<number>(n).fill(0);
  // The top edge belongs to the last bin, as numpy.histogram counts it.
  const bin = (v: number) => (hi > lo ? Math.min(n - 1, Math.floor((v - lo) / width)) : 0);
  for (const p of pairs) {
    countsA[bin(p.a)]++;
    countsB[bin(p.b)]++;
  }
  const byKey = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  const largest = [...pairs].sort((x, y) => Math.abs(y.a - y.b) - Math.abs(x.a - x.b) || byKey(x.user, y.user)).slice(0, top);
  return { users: pairs.length, edges, countsA, countsB, meanA: pairs.length ? sumA / pairs.length : NaN, meanB: pairs.length ? sumB / pairs.length : NaN, largest };
}
