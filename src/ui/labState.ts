/**
 * The lab's state in the page URL, so a reload or a shared link comes back to the
 * same screen, dataset, model, hyperparameters and evaluation. Every query key the
 * lab uses is read and written here and nowhere else: the hyperparameters through
 * the registry's own codec (p.<key>), the rest by the tables below. Values that do
 * not fit are dropped (falling back to defaults) rather than trusted. Written with
 * replaceState: tweaking a slider adds no history entries.
 */
import type { FilterRecipe } from '../core/ingest/filter.ts';
import { sampleFractionProblem, type UserSampleRule } from '../core/ingest/userSample.ts';
import { ALGORITHMS, findAlgorithm, type FlatParams } from '../core/registry/index.ts';
import { paramsFromQuery, paramsToQuery } from '../core/registry/query.ts';
import { chainText, type DatasetLink } from './data/datasetLink.ts';
import { EVAL_KINDS, LIMITS, rankingOn, SEARCH_METRICS, type EvalKind, type FormSettings } from './train/formSettings.ts';

export const SCREENS = ['data', 'explore', 'train', 'recommend', 'studies', 'history'] as const;
export type Screen = (typeof SCREENS)[number];

/** The Train form: the model, its hyperparameters and everything else the form sets. */
export interface TrainForm {
  algo: string;
  params: FlatParams;
  settings: FormSettings;
}

export interface LabState {
  screen: Screen;
  /** The selected dataset; null when there is none. */
  dataset: DatasetLink | null;
  /** Null when the Train form has not been opened. */
  form: TrainForm | null;
}

const SCREEN = 'screen';
const ALGO = 'algo';
const DATASET = { sha256: 'ds', fileName: 'ds_file', name: 'ds_name', filters: 'ds_filters', sample: 'ds_sample' } as const;
/** The form's keys besides the hyperparameters; `try.<param>` holds a search box. */
const FORM = {
  evalKind: 'eval', testPercent: 'test', splitSeed: 'split_seed', folds: 'folds', quantile: 'quantile', userPercent: 'users', revealPercent: 'reveal',
  filter: 'filter', minUser: 'min_user', minItem: 'min_item', mode: 'mode', strategy: 'search', draws: 'draws', metric: 'metric', searchFolds: 'vfolds',
  seed: 'seed', rank: 'rank', k: 'k', relevance: 'rel', protocol: 'proto', negatives: 'neg', references: 'refs',
} as const satisfies Partial<Record<keyof FormSettings, string>>;
const TRY = 'try.';
const SHA256 = /^[0-9a-f]{64}$/;

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

export function screenFromQuery(q: URLSearchParams): Screen | null {
  return oneOf<Screen | ''>(q.get(SCREEN), SCREENS, '') || null;
}

function isRecipe(v: unknown): v is FilterRecipe {
  const r = v as FilterRecipe;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.minUserRatings) &&
    Number.isInteger(r.minItemRatings) &&
    typeof r.verifiedOnly === 'boolean' &&
    Number.isInteger(r.seed) &&
    (['ratingMin', 'ratingMax', 'timeFrom', 'timeTo', 'sampleUsers'] as const).every((k) => r[k] === undefined || Number.isFinite(r[k]))
  );
}

/** The dataset a URL names, or null when it names none (or names one in a way that cannot be read). */
export function datasetFromQuery(q: URLSearchParams): DatasetLink | null {
  const sha256 = q.get(DATASET.sha256)?.toLowerCase() ?? '';
  if (!SHA256.test(sha256)) return null;
  let filters: unknown = [];
  try {
    filters = JSON.parse(q.get(DATASET.filters) ?? '[]');
  } catch {
    return null;
  }
  if (!Array.isArray(filters) || !filters.every(isRecipe)) return null;
  let sample: unknown;
  try {
    sample = JSON.parse(q.get(DATASET.sample) ?? 'null');
  } catch {
    return null;
  }
  if (sample !== null && !isSample(sample)) return null;
  return { sha256, fileName: q.get(DATASET.fileName) ?? 'unknown file', name: q.get(DATASET.name) ?? 'unnamed dataset', filters, ...(sample ? { sample } : {}) };
}

function isSample(x: unknown): x is UserSampleRule {
  const s = x as UserSampleRule;
  return typeof x === 'object' && x !== null && sampleFractionProblem(s.fraction) === null && Number.isInteger(s.seed);
}

function relevanceFrom(q: URLSearchParams, fallback: number | null): number | null {
  const v = num(q, FORM.relevance, NaN, LIMITS.relevance);
  return Number.isNaN(v) ? fallback : v;
}

/** The form's settings a URL holds, over `defaults`. The older `eval=split|cv|search` links still read. */
export function settingsFromQuery(q: URLSearchParams, defaults: FormSettings): FormSettings {
  const legacy: Record<string, EvalKind> = { split: 'random', cv: 'kfold', search: 'random' };
  const evalText = q.get(FORM.evalKind);
  const evalKind = evalText && evalText in legacy ? legacy[evalText] : oneOf(evalText, EVAL_KINDS, defaults.evalKind);
  const tries: Record<string, string> = {};
  for (const [key, text] of q) if (key.startsWith(TRY) && text.trim()) tries[key.slice(TRY.length)] = text;
  const rank = q.get(FORM.rank);
  return {
    evalKind,
    testPercent: num(q, FORM.testPercent, defaults.testPercent, LIMITS.testPercent),
    splitSeed: num(q, FORM.splitSeed, defaults.splitSeed, LIMITS.seed),
    folds: num(q, FORM.folds, defaults.folds, LIMITS.folds),
    quantile: num(q, FORM.quantile, defaults.quantile, LIMITS.quantile),
    userPercent: num(q, FORM.userPercent, defaults.userPercent, LIMITS.userPercent),
    revealPercent: num(q, FORM.revealPercent, defaults.revealPercent, LIMITS.revealPercent),
    filter: q.has(FORM.filter) ? q.get(FORM.filter) === '1' : defaults.filter,
    minUser: num(q, FORM.minUser, defaults.minUser, LIMITS.minRatings),
    minItem: num(q, FORM.minItem, defaults.minItem, LIMITS.minRatings),
    mode: evalText === 'search' ? 'search' : oneOf(q.get(FORM.mode), ['train', 'search'] as const, defaults.mode),
    strategy: oneOf(q.get(FORM.strategy), ['grid', 'random'] as const, defaults.strategy),
    draws: num(q, FORM.draws, defaults.draws, LIMITS.draws),
    metric: oneOf(q.get(FORM.metric), SEARCH_METRICS, defaults.metric),
    searchFolds: num(q, FORM.searchFolds, defaults.searchFolds, LIMITS.searchFolds),
    seed: num(q, FORM.seed, defaults.seed, LIMITS.seed),
    tries,
    rank: rank === '1' ? true : rank === '0' ? false : defaults.rank,
    k: num(q, FORM.k, defaults.k, LIMITS.k),
    relevance: relevanceFrom(q, defaults.relevance),
    protocol: oneOf(q.get(FORM.protocol), ['full', 'sampled'] as const, defaults.protocol),
    negatives: num(q, FORM.negatives, defaults.negatives, LIMITS.negatives),
    references: q.has(FORM.references) ? q.get(FORM.references) !== '0' : defaults.references,
  };
}

/** The Train form a URL holds, over `defaults` (SVD when it names no known model). */
export function formFromQuery(q: URLSearchParams, defaults: FormSettings): TrainForm {
  const algo = ALGORITHMS.find((a) => a.id === q.get(ALGO))?.id ?? 'SVD';
  return { algo, params: paramsFromQuery(findAlgorithm(algo), q).params, settings: settingsFromQuery(q, defaults) };
}

function datasetToQuery(link: DatasetLink | null, q: URLSearchParams): void {
  for (const key of Object.values(DATASET)) q.delete(key);
  if (!link) return;
  q.set(DATASET.sha256, link.sha256);
  q.set(DATASET.fileName, link.fileName);
  q.set(DATASET.name, link.name);
  if (link.filters.length) q.set(DATASET.filters, chainText(link.filters));
  if (link.sample) q.set(DATASET.sample, JSON.stringify({ fraction: link.sample.fraction, seed: link.sample.seed }));
}

/** Write the form's settings: only what the chosen evaluation and mode use, so links stay short. */
function settingsToQuery(s: FormSettings, q: URLSearchParams): void {
  const own: readonly string[] = Object.values(FORM);
  for (const key of [...q.keys()]) if (own.includes(key) || key.startsWith(TRY)) q.delete(key);
  const set = (key: keyof typeof FORM, value: string | number) => q.set(FORM[key], String(value));
  set('evalKind', s.evalKind);
  if (s.evalKind === 'random') set('testPercent', s.testPercent);
  if (s.evalKind === 'kfold') set('folds', s.folds);
  if (s.evalKind === 'time') set('quantile', s.quantile);
  if (s.evalKind === 'users') {
    set('userPercent', s.userPercent);
    set('revealPercent', s.revealPercent);
  }
  if (s.evalKind === 'random' || s.evalKind === 'kfold' || s.evalKind === 'users') set('splitSeed', s.splitSeed);
  if (s.filter) {
    set('filter', '1');
    set('minUser', s.minUser);
    set('minItem', s.minItem);
  }
  set('mode', s.mode);
  if (s.mode === 'search') {
    set('strategy', s.strategy);
    if (s.strategy === 'random') set('draws', s.draws);
    set('metric', s.metric);
    set('searchFolds', s.searchFolds);
    for (const [key, text] of Object.entries(s.tries)) if (text.trim()) q.set(TRY + key, text);
  }
  set('seed', s.seed);
  if (s.rank !== null) set('rank', s.rank ? '1' : '0');
  if (rankingOn(s)) {
    set('k', s.k);
    if (s.relevance !== null) set('relevance', s.relevance);
    set('protocol', s.protocol);
    if (s.protocol === 'sampled') set('negatives', s.negatives);
    if (!s.references) set('references', '0');
  }
}

/** Write the parts of the state given into `q`, leaving the others as they are. */
export function labToQuery(state: Partial<LabState>, q: URLSearchParams): void {
  if (state.screen) q.set(SCREEN, state.screen);
  if (state.dataset !== undefined) datasetToQuery(state.dataset, q);
  if (state.form) {
    q.set(ALGO, state.form.algo);
    settingsToQuery(state.form.settings, q);
    paramsToQuery(findAlgorithm(state.form.algo), state.form.params, q);
  }
}

/** The page's current query. */
export function pageQuery(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** Put the parts of the state given into the page URL. */
export function updateLab(state: Partial<LabState>): void {
  const q = pageQuery();
  labToQuery(state, q);
  const search = q.toString();
  // replaceState costs milliseconds of main-thread time: skip it when nothing changed.
  if (search === window.location.search.replace(/^\?/, '')) return;
  window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
}
