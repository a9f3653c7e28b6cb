/**
 * Two runs compared user by user: for each metric, over the users both runs have a
 * value for, the mean difference with its 95% confidence interval, the paired
 * t-test and the Wilcoxon signed-rank test, and Holm's correction of the Wilcoxon
 * p-values across the metrics compared (Elliot's habit: tests across users, not seeds).
 */
import { holm } from './holm.ts';
import { pairedTTest, wilcoxon } from './paired.ts';

/** Per-user values of one run: user keys (ids or table indices) and one column per metric. */
export interface PerUserTable {
  users: ArrayLike<string | number>;
  columns: Readonly<Record<string, ArrayLike<number>>>;
}

export interface MetricComparison {
  /** Users with a value in both runs. */
  users: number;
  meanA: number;
  meanB: number;
  /** Mean of a − b. */
  diff: number;
  ci95: [number, number];
  tP: number;
  wilcoxonP: number;
  /** Wilcoxon p after Holm's correction across the metrics compared. */
  holmP: number;
}

export interface Comparison {
  /** Users present in both runs. */
  users: number;
  metrics: Record<string, MetricComparison>;
}

/** Significant at `alpha` after the correction. */
export function significant(m: MetricComparison, alpha = 0.05): boolean {
  return m.holmP < alpha;
}

/** The users both tables have, as [position in a, position in b], in a's order. */
export function userPairs(a: PerUserTable, b: PerUserTable): [number, number][] {
  const atB = new Map<string | number, number>();
  for (let j = 0; j < b.users.length; j++) atB.set(b.users[j], j);
  const pairs: [number, number][] = [];
  for (let j = 0; j < a.users.length; j++) {
    const k = atB.get(a.users[j]);
    if (k !== undefined) pairs.push([j, k]);
  }
  return pairs;
}

/** Compare `a` with `b` on the metrics both have (or the ones named). */
export function compareUsers(a: PerUserTable, b: PerUserTable, metrics?: readonly string[]): Comparison {
  const names = metrics ?? Object.keys(a.columns).filter((m) => m in b.columns);
  for (const m of names) if (!(m in a.columns) || !(m in b.columns)) throw new RangeError(`metric "${m}" is not in both runs`);
  const pairs = userPairs(a, b);
  const raw = names.map((m) => {
    const ca = a.columns[m];
    const cb = b.columns[m];
    const xa: number[] = [];
    const xb: number[] = [];
    for (const [j, k] of pairs) {
      if (Number.isNaN(ca[j]) || Number.isNaN(cb[k])) continue;
      xa.push(ca[j]);
      xb.push(cb[k]);
    }
    const t = pairedTTest(Float64Array.from(xa), Float64Array.from(xb));
    const w = wilcoxon(Float64Array.from(xa), Float64Array.from(xb));
    return { users: xa.length, meanA: t.meanA, meanB: t.meanB, diff: t.diff, ci95: t.ci95, tP: t.p, wilcoxonP: w.p };
  });
  const adjusted = holm(raw.map((r) => r.wilcoxonP));
  return { users: pairs.length, metrics: Object.fromEntries(names.map((m, k) => [m, { ...raw[k], holmP: adjusted[k] }])) };
}
