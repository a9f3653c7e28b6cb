/**
 * The Train form's settings besides the hyperparameters: how to evaluate, whether to
 * filter after the split, train or search and how, and what they ask of the worker.
 * They travel in the page URL through ../labState.ts.
 */
import type { Evaluation, TrainFilter } from '../../core/selection/evaluation.ts';
import { RANK_MEASURES } from '../../core/selection/crossValidate.ts';
import type { Measure, RankMeasure } from '../../core/selection/search.ts';
import type { TrainRequest } from '../../workers/protocol.ts';

export type EvalKind = 'random' | 'kfold' | 'last' | 'time' | 'users';
export const EVAL_KINDS: readonly EvalKind[] = ['random', 'kfold', 'last', 'time', 'users'];
export type Mode = 'train' | 'search';
export type Strategy = 'grid' | 'random';
export type SearchMetric = Extract<Measure, 'rmse' | 'mae' | 'fcp'> | RankMeasure;
/** Rating objectives, then ranking objectives (at the run's K, full protocol), in the order the select lists them. */
export const RATING_METRICS: readonly SearchMetric[] = ['rmse', 'mae', 'fcp'];
export const RANKING_METRICS: readonly RankMeasure[] = ['hr', 'ndcg', 'map', 'precision', 'recall', 'mrr'];
export const SEARCH_METRICS: readonly SearchMetric[] = [...RATING_METRICS, ...RANKING_METRICS];
export const isRankingMetric = (m: SearchMetric): m is RankMeasure => (RANK_MEASURES as readonly string[]).includes(m);
/** How the test users are ranked: the full ranking only, or the sampled protocol beside it. */
export type Protocol = 'full' | 'sampled';

/** Bounds of every number the form holds (hyperparameters have the registry's). */
export const LIMITS = {
  testPercent: { min: 1, max: 90, integer: false },
  folds: { min: 2, max: 20, integer: true },
  quantile: { min: 0.01, max: 0.99, integer: false },
  userPercent: { min: 1, max: 90, integer: false },
  revealPercent: { min: 1, max: 99, integer: false },
  minRatings: { min: 1, max: 1000, integer: true },
  draws: { min: 1, max: 200, integer: true },
  searchFolds: { min: 2, max: 10, integer: true },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  k: { min: 1, max: 1000, integer: true },
  negatives: { min: 1, max: 100_000, integer: true },
  relevance: { min: -1e9, max: 1e9, integer: false },
} as const;

export interface FormSettings {
  evalKind: EvalKind;
  testPercent: number;
  /** Seed of the random split, the folds, or the held-out users. */
  splitSeed: number;
  folds: number;
  quantile: number;
  userPercent: number;
  revealPercent: number;
  filter: boolean;
  minUser: number;
  minItem: number;
  mode: Mode;
  strategy: Strategy;
  draws: number;
  metric: SearchMetric;
  searchFolds: number;
  /** The model's own seed (stochastic models). */
  seed: number;
  /** The search boxes of the current model: a list, or for a random search a range min..max. */
  tries: Record<string, string>;
  /** Rank the test users: null is the default (on for a single split, off for k-fold). */
  rank: boolean | null;
  /** Cut-off K of the ranking metrics. */
  k: number;
  /** Ratings at or above it are relevant; null: every held-out item is. */
  relevance: number | null;
  protocol: Protocol;
  /** Negatives per relevant item of the sampled protocol. */
  negatives: number;
  /** Queue MostPop and Random beside a ranked run when its evaluation has none yet. */
  references: boolean;
}

/** What the form starts from when the URL says nothing. */
export function defaultSettings(evalKind: EvalKind, filter: TrainFilter): FormSettings {
  return {
    evalKind,
    testPercent: 20,
    splitSeed: 0,
    folds: 5,
    quantile: 0.8,
    userPercent: 20,
    revealPercent: 50,
    filter: false,
    minUser: filter.minUserRatings,
    minItem: filter.minItemRatings,
    mode: 'train',
    strategy: 'grid',
    draws: 10,
    metric: 'rmse',
    searchFolds: 3,
    seed: 0,
    tries: {},
    rank: null,
    k: 10,
    relevance: null,
    protocol: 'full',
    negatives: 100,
    references: true,
  };
}

/** Whether the runs rank their test users: as chosen, or by default on a single split (not k-fold). */
export function rankingOn(s: Pick<FormSettings, 'rank' | 'evalKind'>): boolean {
  return s.rank ?? s.evalKind !== 'kfold';
}

/** The ranking the worker is asked for, or undefined when the runs do not rank. The negatives' seed stays 0, so every run on a split shares them. */
export function rankingOf(s: FormSettings): TrainRequest['ranking'] {
  if (!rankingOn(s)) return undefined;
  return {
    k: s.k,
    ...(s.relevance !== null ? { relevance: s.relevance } : {}),
    ...(s.protocol === 'sampled' ? { negatives: s.negatives, seed: 0 } : {}),
  };
}

/** Percent → fraction without float noise (20 → 0.2, 12.5 → 0.125). */
const fraction = (percent: number): number => Number((percent / 100).toPrecision(12));

/** The evaluation the settings describe, as the worker takes it. */
export function evaluationOf(s: FormSettings): Evaluation {
  switch (s.evalKind) {
    case 'random':
      return { kind: 'random', testFraction: fraction(s.testPercent), seed: s.splitSeed };
    case 'kfold':
      return { kind: 'kfold', folds: s.folds, seed: s.splitSeed };
    case 'last':
      return { kind: 'last' };
    case 'time':
      return { kind: 'time', quantile: s.quantile };
    case 'users':
      return { kind: 'users', userFraction: fraction(s.userPercent), revealFraction: fraction(s.revealPercent), seed: s.splitSeed };
  }
}

export function trainFilterOf(s: FormSettings): TrainFilter | undefined {
  return s.filter ? { minUserRatings: s.minUser, minItemRatings: s.minItem } : undefined;
}

const percentOf = (f: number): number => Number((f * 100).toPrecision(12));

/**
 * `base` set to evaluate by `ev` and rank as `ranking` asks (the inverse of
 * evaluationOf and rankingOf): what a study writes into the form before it opens.
 */
export function settingsFor(base: FormSettings, ev: Evaluation, ranking: TrainRequest['ranking']): FormSettings {
  const s: FormSettings = { ...base, mode: 'train', filter: false, rank: ranking !== undefined };
  switch (ev.kind) {
    case 'random':
      Object.assign(s, { evalKind: 'random', testPercent: percentOf(ev.testFraction), splitSeed: ev.seed });
      break;
    case 'kfold':
      Object.assign(s, { evalKind: 'kfold', folds: ev.folds, splitSeed: ev.seed });
      break;
    case 'last':
      s.evalKind = 'last';
      break;
    case 'time':
      Object.assign(s, { evalKind: 'time', quantile: ev.quantile });
      break;
    case 'users':
      Object.assign(s, { evalKind: 'users', userPercent: percentOf(ev.userFraction), revealPercent: percentOf(ev.revealFraction), splitSeed: ev.seed });
      break;
    case 'predefined':
      throw new Error('the form has no train/test files evaluation');
  }
  if (ranking) {
    Object.assign(s, { k: ranking.k, relevance: ranking.relevance ?? null, protocol: ranking.negatives === undefined ? 'full' : 'sampled' });
    if (ranking.negatives !== undefined) s.negatives = ranking.negatives;
  }
  return s;
}
