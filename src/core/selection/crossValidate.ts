/**
 * Scoring any estimator on row-index splits: one fold (fit on its training rows,
 * predict its test rows with Surprise's fallback-and-clip rule, RMSE/MAE/MSE/FCP/Pearson with
 * fit and test times), and Surprise's cross_validate over folds. Written once against
 * the estimator interface, so the TypeScript algorithms and the TensorFlow.js models
 * share every line of it.
 */
import { coreEstimator, type AlgorithmFactory } from '../estimator/coreEstimator.ts';
import { predictRows, ratingsOf } from '../estimator/predict.ts';
import type { RunSignal } from '../estimator/signal.ts';
import { FitStopped, type Estimator, type FitInfo, type FitProgress, type FitRequest, type FittedModel } from '../estimator/types.ts';
import { fcp, mae, mse, pearson } from '../metrics.ts';
import type { Scale } from '../predict.ts';
import { tableCounts, type RatingsTable } from '../ratings.ts';
import { perUserRatingErrors, rankModel, type Negatives, type PerUserErrors, type RankingResult } from '../ranking/index.ts';
import { ALGORITHMS, findAlgorithm, resolveParams, type FlatParams } from '../registry/index.ts';
import type { Split } from '../split.ts';
import { FitCancelled, type AlgoBase } from '../surprise/algo.ts';

export type { AlgorithmFactory };

export interface FoldScores {
  rmse: number;
  mae: number;
  mse: number;
  /** NaN when no test user has two ratings to rank. */
  fcp: number;
  /** Pearson correlation of the test estimates and ratings (NaN when either is constant); absent from runs stored before it was computed. */
  pearson: number;
  fitSeconds: number;
  testSeconds: number;
  /** Test predictions that fell back to the default. */
  impossible: number;
}

/** What a ranking evaluation asks for: the cut-off, an optional relevance threshold, and the sampled protocol's negatives. */
export interface RankingRequest {
  k: number;
  relevance?: number;
  /** N negatives per user: the sampled protocol, computed beside the full ranking. */
  negatives?: number;
  /** Seed of the negatives (default 0). */
  seed?: number;
  /** Negatives an earlier run drew on this split: rank on exactly these. */
  frozen?: Negatives;
}

/** The ranking metrics' means (per-user values and negatives left out): what folds average and searches compare. */
export type RankingMeans = Omit<RankingResult, 'perUser' | 'negatives'>;

export const RANK_MEASURES = ['hr', 'precision', 'recall', 'map', 'ndcg', 'mrr'] as const;

/** The full ranking, and the sampled one beside it when negatives were asked for. */
export interface RankingScores {
  full: RankingResult;
  sampled?: RankingResult;
}

export interface CvResult extends FoldScores {
  /** The top-level figures are means over these. */
  folds: FoldScores[];
  /** Means over the folds, when rankings were asked for. */
  ranking?: { full: RankingMeans; sampled?: RankingMeans };
}

export interface CvProgress {
  /** 1-based fold. */
  fold: number;
  folds: number;
  phase: 'fit' | 'test';
  /** Set during the fit of an iterative model. */
  epoch?: number;
  epochs?: number;
}

/**
 * The figures of one fold from its test estimates. `users` are the test rows' table
 * users: FCP groups by them (unknown test users all share inner id −1).
 */
export function scoreFold(
  users: Int32Array,
  est: ArrayLike<number>,
  truth: ArrayLike<number>,
  impossible: number,
  fitSeconds: number,
  testSeconds: number,
): FoldScores {
  const err = mse(est, truth);
  return { rmse: Math.sqrt(err), mae: mae(est, truth), mse: err, fcp: fcp(users, est, truth), pearson: pearson(est, truth), fitSeconds, testSeconds, impossible };
}

/** The table users of a split's test rows. */
export function testUsers(table: RatingsTable, split: Split): Int32Array {
  const users = new Int32Array(split.test.length);
  for (let k = 0; k < users.length; k++) users[k] = table.user[split.test[k]];
  return users;
}

/** The whole table's observed rating range: the scale Surprise's Reader would declare. */
export function tableScale(table: RatingsTable): Scale {
  const counts = tableCounts(table);
  return { min: counts.ratingMin, max: counts.ratingMax };
}

/** Means of each figure over folds (FCP and Pearson over the folds where they are defined). */
export function meanScores(folds: FoldScores[]): FoldScores {
  const mean = (key: keyof FoldScores): number => {
    const vals = folds.map((f) => f[key]).filter((v) => !Number.isNaN(v));
    return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN;
  };
  return {
    rmse: mean('rmse'),
    mae: mean('mae'),
    mse: mean('mse'),
    fcp: mean('fcp'),
    pearson: mean('pearson'),
    fitSeconds: mean('fitSeconds'),
    testSeconds: mean('testSeconds'),
    impossible: mean('impossible'),
  };
}

/** What every fit of a run shares: the model, its params and seed, the scale, the signal. */
export type FitSettings = Omit<FitRequest, 'table' | 'train' | 'monitor'>;

export interface ScoredFold {
  scores: FoldScores;
  /** The fitted model; the caller saves or disposes it. */
  model: FittedModel;
  /** RMSE and MAE per test user (for per-user exports and paired tests). */
  perUser: PerUserErrors;
  ranking?: RankingScores;
}

/** Models whose scores only rank (reference rankers) get no rating metrics. */
function ranksOnly(algo: string): boolean {
  return ALGORITHMS.find((a) => a.id === algo)?.ranksOnly ?? false;
}

const NO_RATINGS = { rmse: NaN, mae: NaN, mse: NaN, fcp: NaN, pearson: NaN };

/** Both protocols when negatives are asked for, the full one otherwise. */
export async function rankBoth(model: FittedModel, table: RatingsTable, split: Split, req: RankingRequest): Promise<RankingScores> {
  const full = await rankModel(model, table, split, { k: req.k, relevance: req.relevance });
  if (req.negatives === undefined && !req.frozen) return { full };
  const sampled = await rankModel(model, table, split, { k: req.k, relevance: req.relevance, negatives: req.negatives, seed: req.seed, frozen: req.frozen });
  return { full, sampled };
}

/**
 * Fit on the split's training rows (its test rows only draw the curve), then score its
 * test rows: rating metrics with Surprise's fallback-and-clip rule, and rankings of the
 * raw estimates when asked.
 */
export async function fitAndScore(estimator: Estimator, table: RatingsTable, split: Split, fit: FitSettings, ranking?: RankingRequest): Promise<ScoredFold> {
  const t0 = performance.now();
  const model = await estimator.fit({ ...fit, table, train: split.train, monitor: split.test });
  try {
    const t1 = performance.now();
    fit.onProgress?.({ kind: 'status', text: 'testing' });
    const { est, impossible } = await predictRows(model, table, split.test);
    const t2 = performance.now();
    let scores = scoreFold(testUsers(table, split), est, ratingsOf(table, split.test), impossible, (t1 - t0) / 1000, (t2 - t1) / 1000);
    fit.onProgress?.({ kind: 'status', text: `per-user errors of ${split.test.length.toLocaleString('en-US')} test rows` });
    const perUser = perUserRatingErrors(table, split, est);
    if (ranksOnly(fit.algo)) {
      scores = { ...scores, ...NO_RATINGS };
      perUser.rmse.fill(NaN);
      perUser.mae.fill(NaN);
    }
    if (!ranking) return { scores, model, perUser };
    fit.onProgress?.({ kind: 'status', text: 'ranking' });
    return { scores, model, perUser, ranking: await rankBoth(model, table, split, ranking) };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

/** A ranking result's means, without its per-user arrays and negatives. */
export function rankingMeans({ perUser: _p, negatives: _n, ...means }: RankingResult): RankingMeans {
  return means;
}

function meanRanking(runs: RankingMeans[]): RankingMeans {
  const out = { ...runs[0] };
  for (const key of Object.keys(out) as (keyof RankingMeans)[]) {
    if (key === 'k') continue;
    const vals = runs.map((r) => r[key] as number).filter((v) => !Number.isNaN(v));
    (out as Record<string, number>)[key] = vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN;
  }
  return out;
}

export interface CvOptions {
  /** Rating scale predictions clip to; default the whole table's range (Surprise's Reader scale). */
  scale?: Scale;
  /** Rank every fold's test users too (means over folds in the result). */
  ranking?: RankingRequest;
  signal?: RunSignal;
  onProgress?(p: CvProgress): void;
  /** Every fit's own progress (epochs, batches, status). */
  onFitProgress?(p: FitProgress): void;
}

export interface CvRun extends CvResult {
  /** Means over the folds of what the fits reported (epochs, throughput, validation). */
  info: FitInfo;
  /** Stopped by hand: `folds` are the folds that finished. */
  stopped: boolean;
}

/** Let queued messages land between folds. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Cross-validate an estimator over `folds`: a fresh fit per fold with the same seed,
 * as Surprise reuses one random_state. A stop ends it after the fold in progress
 * (scored with what that fold's fit kept); a stop before any fold finished is FitStopped.
 */
export async function crossValidateModel(
  estimator: Estimator,
  table: RatingsTable,
  folds: readonly Split[],
  fit: Omit<FitSettings, 'scale' | 'signal' | 'onProgress'>,
  { scale, signal, onProgress, onFitProgress, ranking }: CvOptions = {},
): Promise<CvRun> {
  if (folds.length === 0) throw new RangeError('no folds to cross-validate');
  const clipTo = scale ?? tableScale(table);
  const scores: FoldScores[] = [];
  const infos: FitInfo[] = [];
  const full: RankingMeans[] = [];
  const sampled: RankingMeans[] = [];
  for (let f = 0; f < folds.length; f++) {
    await yieldToEvents();
    if (signal?.stopped) break;
    const fold = f + 1;
    onProgress?.({ fold, folds: folds.length, phase: 'fit' });
    let run: ScoredFold;
    try {
      run = await fitAndScore(estimator, table, folds[f], {
        ...fit,
        scale: clipTo,
        signal,
        curve: false,
        onProgress: (p) => {
          if (p.kind === 'epoch') onProgress?.({ fold, folds: folds.length, phase: 'fit', epoch: p.epoch, epochs: p.epochs });
          if (p.kind === 'status' && p.text === 'testing') onProgress?.({ fold, folds: folds.length, phase: 'test' });
          onFitProgress?.(p);
        },
      }, ranking && { ...ranking, frozen: undefined });
    } catch (err) {
      if (err instanceof FitStopped) break;
      throw err;
    }
    run.model.dispose();
    scores.push(run.scores);
    infos.push(run.model.info);
    if (run.ranking) full.push(rankingMeans(run.ranking.full));
    if (run.ranking?.sampled) sampled.push(rankingMeans(run.ranking.sampled));
  }
  if (scores.length === 0) throw new FitStopped();
  const ranked = full.length ? { ranking: { full: meanRanking(full), ...(sampled.length ? { sampled: meanRanking(sampled) } : {}) } } : {};
  return { ...meanScores(scores), folds: scores, ...ranked, info: meanInfo(infos), stopped: signal?.stopped ?? false };
}

function meanInfo(infos: FitInfo[]): FitInfo {
  const mean = (get: (i: FitInfo) => number | undefined): number | undefined => {
    const v = infos.map(get).filter((x): x is number => x !== undefined);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined;
  };
  const out: FitInfo = { backend: infos[0].backend };
  const epochsRun = mean((i) => i.epochsRun);
  const samplesPerSec = mean((i) => i.samplesPerSec);
  if (epochsRun !== undefined) out.epochsRun = epochsRun;
  if (samplesPerSec !== undefined) out.samplesPerSec = samplesPerSec;
  if (infos[0].validation) out.validation = infos[0].validation;
  return out;
}

/**
 * Cross-validate the TypeScript algorithm `create` builds (tests and custom
 * algorithms); a stop (signal) is FitCancelled, as Surprise has no partial results.
 */
export async function crossValidateWith(
  table: RatingsTable,
  create: (seed: number) => AlgoBase,
  folds: readonly Split[],
  { seed = 0, ...options }: CvOptions & { seed?: number } = {},
): Promise<CvResult> {
  const res = await crossValidateModel(coreEstimator((_id, _p, s) => create(s)), table, folds, { algo: 'custom', params: {}, seed }, options);
  if (res.stopped) throw new FitCancelled();
  return { ...meanScores(res.folds), folds: res.folds };
}

/**
 * Cross-validate a registry algorithm: `params` are flat registry params (checked and
 * completed with the registry's defaults).
 */
export async function crossValidate(
  table: RatingsTable,
  algoId: string,
  params: FlatParams,
  folds: readonly Split[],
  { seed = 0, ...options }: CvOptions & { seed?: number } = {},
): Promise<CvResult> {
  const resolved = resolveParams(findAlgorithm(algoId), params);
  const res = await crossValidateModel(coreEstimator(), table, folds, { algo: algoId, params: resolved, seed }, options);
  return { ...meanScores(res.folds), folds: res.folds };
}
