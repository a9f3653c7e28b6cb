/**
 * Surprise's GridSearchCV and RandomizedSearchCV over the registry's
 * hyperparameters: every candidate is cross-validated on the same folds, and the
 * best candidate per measure is reported (lowest RMSE/MAE/MSE, highest FCP).
 */
import {
  findAlgorithm,
  paramError,
  resolveParams,
  type AlgorithmSpec,
  type FlatParams,
  type ParamSpec,
  type ParamValue,
} from '../registry/index.ts';
import { coreEstimator } from '../estimator/coreEstimator.ts';
import type { Estimator, ItemText } from '../estimator/types.ts';
import type { RatingsTable } from '../ratings.ts';
import { createRng, type Rng } from '../rng.ts';
import type { Split } from '../split.ts';
import { FitCancelled } from '../surprise/algo.ts';
import { crossValidateModel, meanScores, RANK_MEASURES, type AlgorithmFactory, type CvOptions, type CvProgress, type CvResult } from './crossValidate.ts';

/**
 * Candidate values per registry key. Surprise's nested options may be given either
 * as dotted keys ('sim_options.name') or as a nested object ({sim_options: {name: […]}}).
 */
export type ParamGrid = { [key: string]: readonly ParamValue[] | { [inner: string]: readonly ParamValue[] } };

/** A value range to sample from: uniform, or log-uniform when `log`; ints are rounded. */
export interface ParamRange {
  min: number;
  max: number;
  log?: boolean;
}
type Distribution = readonly ParamValue[] | ParamRange;
export type ParamDistributions = { [key: string]: Distribution | { [inner: string]: Distribution } };

export type RankMeasure = (typeof RANK_MEASURES)[number];
/** What a search can optimise: a rating metric, or a ranking metric at the search's K (full protocol). */
export type Measure = 'rmse' | 'mae' | 'mse' | 'fcp' | 'pearson' | RankMeasure;
export const MEASURES: readonly Measure[] = ['rmse', 'mae', 'mse', 'fcp', 'pearson', ...RANK_MEASURES];

export function isRankMeasure(m: Measure): m is RankMeasure {
  return (RANK_MEASURES as readonly string[]).includes(m);
}

/** A candidate's figure for a measure (NaN when it was not computed). */
export function measureOf(cv: CvResult, m: Measure): number {
  return isRankMeasure(m) ? (cv.ranking?.full[m] ?? NaN) : cv[m];
}

/** Error measures fall; FCP, Pearson and the ranking metrics rise. */
export function higherIsBetter(m: Measure): boolean {
  return m !== 'rmse' && m !== 'mae' && m !== 'mse';
}

export interface SearchProgress extends CvProgress {
  /** 1-based candidate. */
  combination: number;
  combinations: number;
}

export interface SearchOptions extends Omit<CvOptions, 'onProgress'> {
  onProgress?(p: SearchProgress): void;
  /** A candidate's cross-validated result as soon as it is known (0-based index of `of`), so it can be shown while the rest run. */
  onCandidate?(result: SearchResult, index: number, of: number): void;
  /** Seed every candidate's fits get (Surprise's random_state). */
  seed?: number;
  /** Fits the candidates; default the TypeScript algorithms' adapter. */
  estimator?: Estimator;
  /** Builds the TypeScript algorithms (tests); ignored when `estimator` is given. */
  create?: AlgorithmFactory;
  /** Item text for candidates whose params read it. */
  itemText?: ItemText;
}

export interface SearchResult {
  /** The candidate's own values (flat keys), as given or drawn. */
  params: FlatParams;
  cv: CvResult;
}

export interface SearchOutcome {
  results: SearchResult[];
  /** Per measure: the best candidate (first on ties), or null when the measure is undefined for all. */
  best: Record<Measure, { params: FlatParams; score: number; index: number } | null>;
}

function specOf(algo: string | AlgorithmSpec): AlgorithmSpec {
  return typeof algo === 'string' ? findAlgorithm(algo) : algo;
}

/**
 * The grid's entries with flat keys, in the order given (nested groups expand in
 * place). An object is a nested group when its key is not itself a parameter.
 */
function flatEntries<V>(spec: AlgorithmSpec, grid: { [key: string]: V | { [inner: string]: V } }): [ParamSpec, V][] {
  const known = new Map(spec.params.map((p) => [p.key, p]));
  const out: [ParamSpec, V][] = [];
  const add = (key: string, value: V): void => {
    const p = known.get(key);
    if (!p) throw new Error(`${spec.id} has no parameter "${key}" (it has: ${[...known.keys()].join(', ')})`);
    out.push([p, value]);
  };
  for (const [key, value] of Object.entries(grid)) {
    if (!known.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as { [inner: string]: V })) add(`${key}.${inner}`, v);
    } else {
      add(key, value as V);
    }
  }
  return out;
}

function checkValue(spec: AlgorithmSpec, p: ParamSpec, value: ParamValue): void {
  const err = paramError(p, value);
  if (err) throw new Error(`${spec.id}: ${err} (got ${JSON.stringify(value)})`);
}

/** Every combination of the grid, the last key varying fastest (itertools.product's order). */
export function gridCandidates(algo: string | AlgorithmSpec, grid: ParamGrid): FlatParams[] {
  const spec = specOf(algo);
  const entries = flatEntries(spec, grid);
  for (const [p, values] of entries) {
    if (!Array.isArray(values) || values.length === 0) throw new Error(`${spec.id}: give ${p.key} a non-empty list of values`);
    for (const v of values) checkValue(spec, p, v);
  }
  let combos: FlatParams[] = [{}];
  for (const [p, values] of entries) {
    combos = combos.flatMap((c) => (values as readonly ParamValue[]).map((v) => ({ ...c, [p.key]: v })));
  }
  return combos;
}

function draw(p: ParamSpec, d: Distribution, rng: Rng): ParamValue {
  if (Array.isArray(d)) return d[rng.int(d.length)];
  const { min, max, log } = d as ParamRange;
  const x = log ? Math.exp(Math.log(min) + rng.next() * (Math.log(max) - Math.log(min))) : min + rng.next() * (max - min);
  return p.type === 'int' ? Math.min(max, Math.round(x)) : x;
}

/**
 * nIter candidates drawn independently per key from `distributions` (lists uniformly,
 * ranges uniformly or log-uniformly), seeded. Ranges are for numeric parameters and
 * must lie within the registry's bounds.
 */
export function randomCandidates(
  algo: string | AlgorithmSpec,
  distributions: ParamDistributions,
  nIter: number,
  seed: number,
): FlatParams[] {
  const spec = specOf(algo);
  const entries = flatEntries(spec, distributions);
  for (const [p, d] of entries) {
    if (Array.isArray(d)) {
      if (d.length === 0) throw new Error(`${spec.id}: give ${p.key} a non-empty list of values`);
      for (const v of d) checkValue(spec, p, v);
      continue;
    }
    const { min, max, log } = d as ParamRange;
    if (p.type !== 'int' && p.type !== 'float') throw new Error(`${spec.id}: ${p.key} takes a list of values, not a range`);
    checkValue(spec, p, min);
    checkValue(spec, p, max);
    if (!(min <= max) || (log && !(min > 0))) throw new Error(`${spec.id}: bad range for ${p.key}: ${JSON.stringify(d)}`);
  }
  const rng = createRng(seed);
  return Array.from({ length: nIter }, () => Object.fromEntries(entries.map(([p, d]) => [p.key, draw(p, d, rng)])));
}

/**
 * Cross-validate each candidate on the same folds, with any estimator, and pick the
 * best per measure. A stop ends the search with FitCancelled.
 */
export async function searchCandidates(
  table: RatingsTable,
  algo: string | AlgorithmSpec,
  candidates: readonly FlatParams[],
  folds: readonly Split[],
  { onProgress, onCandidate, create, estimator = coreEstimator(create), seed = 0, itemText, ...cv }: SearchOptions = {},
): Promise<SearchOutcome> {
  const spec = specOf(algo);
  const results: SearchResult[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const params = candidates[c];
    const res = await crossValidateModel(estimator, table, folds, { algo: spec.id, params: resolveParams(spec, params), seed, itemText }, {
      ...cv,
      onProgress: (p) => onProgress?.({ ...p, combination: c + 1, combinations: candidates.length }),
    });
    if (res.stopped) throw new FitCancelled();
    const result = { params, cv: { ...meanScores(res.folds), folds: res.folds, ...(res.ranking ? { ranking: res.ranking } : {}) } };
    results.push(result);
    onCandidate?.(result, c, candidates.length);
  }
  const best = {} as SearchOutcome['best'];
  for (const m of MEASURES) best[m] = bestBy(results, m);
  return { results, best };
}

/** Index of the best score by `m` (the first on ties, NaN never), or -1 when every score is NaN. */
export function bestIndex(scores: readonly number[], m: Measure): number {
  const sign = higherIsBetter(m) ? -1 : 1;
  let index = -1;
  scores.forEach((s, k) => {
    if (!Number.isNaN(s) && (index < 0 || sign * s < sign * scores[index])) index = k;
  });
  return index;
}

/** The best candidate by `m` (the first on ties); null when the measure is undefined for all. */
export function bestBy(results: readonly SearchResult[], m: Measure): SearchOutcome['best'][Measure] {
  const index = bestIndex(results.map((r) => measureOf(r.cv, m)), m);
  return index < 0 ? null : { params: results[index].params, score: measureOf(results[index].cv, m), index };
}
export function gridSearch(
  table: RatingsTable,
  algo: string | AlgorithmSpec,
  grid: ParamGrid,
  folds: readonly Split[],
  options: SearchOptions = {},
): Promise<SearchOutcome> {
  return searchCandidates(table, algo, gridCandidates(algo, grid), folds, options);
}

export function randomizedSearch(
  table: RatingsTable,
  algo: string | AlgorithmSpec,
  distributions: ParamDistributions,
  folds: readonly Split[],
  { nIter = 10, ...options }: SearchOptions & { nIter?: number } = {},
): Promise<SearchOutcome> {
  return searchCandidates(table, algo, randomCandidates(algo, distributions, nIter, options.seed ?? 0), folds, options);
}
