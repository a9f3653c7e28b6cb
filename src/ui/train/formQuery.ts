/**
 * The Train form's settings besides the hyperparameters (which go through
 * src/core/registry/query.ts): how to evaluate, whether to filter after the split,
 * train or search and how. Read from and written to the page URL, so a reload or a
 * shared link restores the whole form. Values that do not fit fall back to defaults.
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

type Limit = { min: number; max: number; integer: boolean };

function num(q: URLSearchParams, key: string, fallback: number, l: Limit): number {
  const text = q.get(key);
  if (text === null || text.trim() === '') return fallback;
  const v = Number(text);
  return Number.isFinite(v) && v >= l.min && v <= l.max && (!l.integer || Number.isInteger(v)) ? v : fallback;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

const TRY = 'try.';

function relevanceFrom(q: URLSearchParams, fallback: number | null): number | null {
  const v = num(q, 'rel', NaN, LIMITS.relevance);
  return Number.isNaN(v) ? fallback : v;
}

/** The settings a URL holds, over `defaults`. The older `eval=split|cv|search` links still read. */
export function settingsFromQuery(q: URLSearchParams, defaults: FormSettings): FormSettings {
  const legacy: Record<string, EvalKind> = { split: 'random', cv: 'kfold', search: 'random' };
  const evalText = q.get('eval');
  const evalKind = evalText && evalText in legacy ? legacy[evalText] : oneOf(evalText, EVAL_KINDS, defaults.evalKind);
  const tries: Record<string, string> = {};
  for (const [key, text] of q) if (key.startsWith(TRY) && text.trim()) tries[key.slice(TRY.length)] = text;
  return {
    evalKind,
    testPercent: num(q, 'test', defaults.testPercent, LIMITS.testPercent),
    splitSeed: num(q, 'split_seed', defaults.splitSeed, LIMITS.seed),
    folds: num(q, 'folds', defaults.folds, LIMITS.folds),
    quantile: num(q, 'quantile', defaults.quantile, LIMITS.quantile),
    userPercent: num(q, 'users', defaults.userPercent, LIMITS.userPercent),
    revealPercent: num(q, 'reveal', defaults.revealPercent, LIMITS.revealPercent),
    filter: q.has('filter') ? q.get('filter') === '1' : defaults.filter,
    minUser: num(q, 'min_user', defaults.minUser, LIMITS.minRatings),
    minItem: num(q, 'min_item', defaults.minItem, LIMITS.minRatings),
    mode: evalText === 'search' ? 'search' : oneOf(q.get('mode'), ['train', 'search'] as const, defaults.mode),
    strategy: oneOf(q.get('search'), ['grid', 'random'] as const, defaults.strategy),
    draws: num(q, 'draws', defaults.draws, LIMITS.draws),
    metric: oneOf(q.get('metric'), SEARCH_METRICS, defaults.metric),
    searchFolds: num(q, 'vfolds', defaults.searchFolds, LIMITS.searchFolds),
    seed: num(q, 'seed', defaults.seed, LIMITS.seed),
    tries,
    rank: q.get('rank') === '1' ? true : q.get('rank') === '0' ? false : defaults.rank,
    k: num(q, 'k', defaults.k, LIMITS.k),
    relevance: relevanceFrom(q, defaults.relevance),
    protocol: oneOf(q.get('proto'), ['full', 'sampled'] as const, defaults.protocol),
    negatives: num(q, 'neg', defaults.negatives, LIMITS.negatives),
    references: q.has('refs') ? q.get('refs') !== '0' : defaults.references,
  };
}

const OWN_KEYS = [
  'eval', 'test', 'split_seed', 'folds', 'quantile', 'users', 'reveal', 'filter', 'min_user', 'min_item', 'mode', 'search', 'draws', 'metric', 'vfolds', 'seed',
  'rank', 'k', 'rel', 'proto', 'neg', 'refs',
];

/** Write `s` into `q`: only what the chosen evaluation and mode use, so links stay short. */
export function settingsToQuery(s: FormSettings, q: URLSearchParams): void {
  for (const key of [...q.keys()]) if (OWN_KEYS.includes(key) || key.startsWith(TRY)) q.delete(key);
  q.set('eval', s.evalKind);
  if (s.evalKind === 'random') q.set('test', String(s.testPercent));
  if (s.evalKind === 'kfold') q.set('folds', String(s.folds));
  if (s.evalKind === 'time') q.set('quantile', String(s.quantile));
  if (s.evalKind === 'users') {
    q.set('users', String(s.userPercent));
    q.set('reveal', String(s.revealPercent));
  }
  if (s.evalKind === 'random' || s.evalKind === 'kfold' || s.evalKind === 'users') q.set('split_seed', String(s.splitSeed));
  if (s.filter) {
    q.set('filter', '1');
    q.set('min_user', String(s.minUser));
    q.set('min_item', String(s.minItem));
  }
  q.set('mode', s.mode);
  if (s.mode === 'search') {
    q.set('search', s.strategy);
    if (s.strategy === 'random') q.set('draws', String(s.draws));
    q.set('metric', s.metric);
    q.set('vfolds', String(s.searchFolds));
    for (const [key, text] of Object.entries(s.tries)) if (text.trim()) q.set(TRY + key, text);
  }
  q.set('seed', String(s.seed));
  if (s.rank !== null) q.set('rank', s.rank ? '1' : '0');
  if (rankingOn(s)) {
    q.set('k', String(s.k));
    if (s.relevance !== null) q.set('rel', String(s.relevance));
    q.set('proto', s.protocol);
    if (s.protocol === 'sampled') q.set('neg', String(s.negatives));
    if (!s.references) q.set('refs', '0');
  }
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
