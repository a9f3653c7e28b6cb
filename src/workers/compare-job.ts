/**
 * Run against run, in the training worker: a run's per-user values as one table
 * (rating errors for every test user, ranking metrics for every ranked user, NaN
 * where a user has none), its CSV, the paired tests of runs against a reference run
 * on the same split, and how well two protocols agree on the order of the runs.
 */
import { METRICS, perUserCsv } from '../core/ranking/index.ts';
import type { PerUserRanking } from '../core/ranking/index.ts';
import type { RankMeasure } from '../core/selection/search.ts';
import { compareUsers, drillDown, kendallTau, type Comparison, type DrillDown } from '../core/stats/index.ts';
import type { RunDetails } from '../storage/details.ts';
import type { RunRecord } from '../storage/runs.ts';

/** The union of the users of a run's per-user results, ascending, with every column aligned to it. */
export function detailsTable(d: RunDetails): { user: Int32Array; columns: Record<string, Float64Array> } {
  const parts: { user: Int32Array; columns: Record<string, Float64Array> }[] = [{ user: d.ratings.user, columns: { rmse: d.ratings.rmse, mae: d.ratings.mae } }];
  const ranked = (r: PerUserRanking, prefix: string) => ({ user: r.user, columns: Object.fromEntries(METRICS.map((m) => [prefix + m, r[m]])) });
  if (d.ranking) parts.push(ranked(d.ranking.full, ''));
  if (d.ranking?.sampled) parts.push(ranked(d.ranking.sampled, 'sampled_'));
  const users = Int32Array.from(new Set(parts.flatMap((p) => Array.from(p.user)))).sort();
  const at = new Map<number, number>();
  users.forEach((u, k) => at.set(u, k));
  const columns: Record<string, Float64Array> = {};
  for (const p of parts) {
    for (const [name, values] of Object.entries(p.columns)) {
      const col = new Float64Array(users.length).fill(NaN);
      p.user.forEach((u, j) => (col[at.get(u)!] = values[j]));
      columns[name] = col;
    }
  }
  return { user: users, columns };
}

/** A run's per-user values as the statistics read them: user keys and columns. */
function table(d: RunDetails): { users: Int32Array; columns: Record<string, Float64Array> } {
  const t = detailsTable(d);
  return { users: t.user, columns: t.columns };
}

/** `user,rmse,mae[,hr,…][,sampled_hr,…]` with the raw user ids. */
export function detailsCsv(d: RunDetails, userIds: readonly string[]): Blob {
  const t = detailsTable(d);
  return new Blob([perUserCsv(userIds, t.user, t.columns)], { type: 'text/csv' });
}

/** Two runs user by user on one metric (see core/stats/drillDown.ts), the users named by their raw ids. */
export function drillDownRuns(a: RunDetails, b: RunDetails, metric: string, userIds: readonly string[]): DrillDown {
  const d = drillDown(table(a), table(b), metric);
  return { ...d, largest: d.largest.map((u) => ({ ...u, user: userIds[u.user as number] })) };
}

/** Runs whose per-user values can be paired with the reference's: the same split (fingerprint) and ranking protocol. */
export function comparable(ref: RunRecord, run: RunRecord): boolean {
  return run.id !== ref.id && sameSetting(ref, run);
}

/** The same split (fingerprint) and ranking protocol (K, relevance, negatives and their seed). */
export function sameSetting(a: RunRecord, b: RunRecord): boolean {
  const rb = b.ranking;
  const protocol = a.ranking?.full.k === rb?.full.k && sameNegatives(a, rb?.sampled?.negatives, rb?.sampled?.seed, rb?.relevance);
  return !!a.split && b.split?.fingerprint === a.split.fingerprint && protocol;
}

/** Whether `run` drew (or lacks, like the rest) the sampled protocol's negatives with these settings: relevance, N and seed. */
export function sameNegatives(run: RunRecord, negatives: number | undefined, seed: number | undefined, relevance: number | undefined): boolean {
  const r = run.ranking;
  return r?.relevance === relevance && r?.sampled?.negatives === negatives && r?.sampled?.seed === seed;
}

/** Every run against the reference: `a` is the run, `b` the reference. */
export function compareToReference(ref: RunDetails, runs: RunDetails[]): Record<string, Comparison> {
  const b = table(ref);
  return Object.fromEntries(
    runs.map((d) => {
      const a = table(d);
      // Only the metrics both have with at least one value: a reference ranker has no rating errors worth testing.
      const metrics = Object.keys(a.columns).filter((m) => m in b.columns && a.columns[m].some((x) => !Number.isNaN(x)) && b.columns[m].some((x) => !Number.isNaN(x)));
      return [d.id, compareUsers(a, b, metrics)];
    }),
  );
}

/**
 * Kendall's tau-b between the orders two protocols give the same runs (full and
 * sampled ranking of one metric): 1 when they agree, lower when sampling reorders models.
 */
export function protocolAgreement(runs: RunRecord[], metric: RankMeasure): { tau: number; runs: number } {
  const both = runs.filter((r) => r.ranking?.sampled && !Number.isNaN(r.ranking.full[metric]));
  return { tau: kendallTau(both.map((r) => r.ranking!.full[metric]), both.map((r) => r.ranking!.sampled![metric])), runs: both.length };
}
