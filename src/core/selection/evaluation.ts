/**
 * How a run is scored, as data: the split protocol and an optional k-core applied
 * to the training rows after splitting. Stored with every run and written in URLs
 * and the CLI, so labels and the migration of old shapes live here too.
 */
import type { RatingsTable } from '../ratings.ts';
import { randomSplit } from '../split.ts';
import { globalTimeSplit, heldOutUsers, kFold, temporalLeaveLastOut, trainOnlyKcore, type Split } from './splits.ts';

/** How a run is scored; stored with every run and written in URLs and the CLI. */
export type Evaluation =
  | { kind: 'random'; testFraction: number; seed: number }
  | { kind: 'kfold'; folds: number; seed: number }
  /** Temporal leave-last-out. */
  | { kind: 'last' }
  /** Global time cut at a quantile of the timestamps. */
  | { kind: 'time'; quantile: number }
  /** Held-out users; revealFraction of each one's ratings goes to training. */
  | { kind: 'users'; userFraction: number; revealFraction: number; seed: number }
  /** Train and test files (CLI): the caller gives the rows. */
  | { kind: 'predefined' };

export interface TrainFilter {
  minUserRatings: number;
  minItemRatings: number;
}

export interface EvaluationSpec {
  split: Evaluation;
  /** k-core applied to the training rows only */
  filterAfterSplit?: TrainFilter;
}

export function evaluationFolds(table: RatingsTable, ev: Evaluation): Split[] {
  const n = table.user.length;
  switch (ev.kind) {
    case 'random':
      return [randomSplit(table, ev.testFraction, ev.seed)];
    case 'kfold':
      return kFold(n, { nSplits: ev.folds, seed: ev.seed });
    case 'last':
      return [temporalLeaveLastOut(table)];
    case 'time': {
      const { train, test } = globalTimeSplit(table, { quantile: ev.quantile });
      return [{ train, test }];
    }
    case 'users':
      return [heldOutUsers(table, { userFraction: ev.userFraction, inputFraction: ev.revealFraction, seed: ev.seed })];
    case 'predefined':
      throw new Error('a predefined evaluation has no split to compute: the caller gives the train and test rows');
  }
}

/** Each fold through trainOnlyKcore; the folds unchanged (and nothing unscorable) without a filter. */
export function applyTrainFilter(
  table: RatingsTable,
  folds: Split[],
  f?: TrainFilter,
): { folds: Split[]; unscorable: number[] } {
  if (!f) return { folds, unscorable: folds.map(() => 0) };
  const out = folds.map((fold) => trainOnlyKcore(table, fold, f));
  return { folds: out.map((o) => o.split), unscorable: out.map((o) => o.unscorable) };
}

/** Whether training can contain ratings made after some test rating (a leak in time). */
export function seesFuture(ev: Evaluation): boolean {
  switch (ev.kind) {
    case 'random':
    case 'kfold':
    case 'last': // other users' later ratings still train
    case 'users': // the other users train whole
      return true;
    case 'time':
    case 'predefined':
      return false;
  }
}

/** A share as a percentage without float noise: 0.2 → "20%", 0.125 → "12.5%". */
function percent(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`;
}

export function evaluationLabel(ev: Evaluation): string {
  switch (ev.kind) {
    case 'random':
      return `random ${percent(ev.testFraction)} test, seed ${ev.seed}`;
    case 'kfold':
      return `${ev.folds}-fold CV, seed ${ev.seed}`;
    case 'last':
      return 'leave last out (by time)';
    case 'time':
      return `global time cut at the ${percent(ev.quantile)} quantile`;
    case 'users':
      return `held-out users ${percent(ev.userFraction)}, ${percent(ev.revealFraction)} revealed, seed ${ev.seed}`;
    case 'predefined':
      return 'train/test files';
  }
}

/** The leak-free time cut when every row has a time, else a seeded 80/20 random split. */
export function defaultEvaluation(table: RatingsTable): Evaluation {
  const time = table.time;
  let timed = time.length > 0;
  for (let k = 0; timed && k < time.length; k++) if (Number.isNaN(time[k])) timed = false;
  return timed ? { kind: 'time', quantile: 0.8 } : { kind: 'random', testFraction: 0.2, seed: 0 };
}

const KINDS = new Set(['random', 'kfold', 'last', 'time', 'users', 'predefined']);

/**
 * Reads a stored evaluation: the earlier shapes {kind:'split', testFraction, seed}
 * and {kind:'cv', folds, seed} become 'random' and 'kfold'; current shapes pass
 * through unchanged.
 */
export function normalizeEvaluation(old: unknown): Evaluation {
  if (typeof old !== 'object' || old === null) throw new TypeError(`not an evaluation: ${JSON.stringify(old)}`);
  const o = old as Record<string, unknown>;
  if (o.kind === 'split') return { kind: 'random', testFraction: o.testFraction as number, seed: o.seed as number };
  if (o.kind === 'cv') return { kind: 'kfold', folds: o.folds as number, seed: o.seed as number };
  if (typeof o.kind === 'string' && KINDS.has(o.kind)) return old as Evaluation;
  throw new TypeError(`unknown evaluation kind: ${JSON.stringify(o.kind)}`);
}
