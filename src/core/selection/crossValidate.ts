/**
 * Scoring any estimator on row-index splits: one fold (fit on its training rows,
 * predict its test rows with Surprise's fallback-and-clip rule, RMSE/MAE/MSE/FCP with
 * fit and test times), and Surprise's cross_validate over folds. Written once against
 * the estimator interface, so the TypeScript algorithms and the TensorFlow.js models
 * share every line of it.
 */
import { coreEstimator, type AlgorithmFactory } from '../estimator/coreEstimator.ts';
import { predictRows, ratingsOf } from '../estimator/predict.ts';
import type { RunSignal } from '../estimator/signal.ts';
import { FitStopped, type Estimator, type FitInfo, type FitProgress, type FitRequest, type FittedModel } from '../estimator/types.ts';
import { fcp, mae, mse } from '../metrics.ts';
import type { Scale } from '../predict.ts';
import { tableCounts, type RatingsTable } from '../ratings.ts';
import { findAlgorithm, resolveParams, type FlatParams } from '../registry/index.ts';
import type { Split } from '../split.ts';
import { FitCancelled, type AlgoBase } from '../surprise/algo.ts';

export type { AlgorithmFactory };

export interface FoldScores {
  rmse: number;
  mae: number;
  mse: number;
  /** NaN when no test user has two ratings to rank. */
  fcp: number;
  fitSeconds: number;
  testSeconds: number;
  /** Test predictions that fell back to the default. */
  impossible: number;
}

export interface CvResult extends FoldScores {
  /** The top-level figures are means over these. */
  folds: FoldScores[];
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
  return { rmse: Math.sqrt(err), mae: mae(est, truth), mse: err, fcp: fcp(users, est, truth), fitSeconds, testSeconds, impossible };
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

/** Means of each figure over folds (FCP over the folds where it is defined). */
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
}

/** Fit on the split's training rows (its test rows only draw the curve), then score its test rows. */
export async function fitAndScore(estimator: Estimator, table: RatingsTable, split: Split, fit: FitSettings): Promise<ScoredFold> {
  const t0 = performance.now();
  const model = await estimator.fit({ ...fit, table, train: split.train, monitor: split.test });
  try {
    const t1 = performance.now();
    fit.onProgress?.({ kind: 'status', text: 'testing' });
    const { est, impossible } = await predictRows(model, table, split.test);
    const t2 = performance.now();
    const scores = scoreFold(testUsers(table, split), est, ratingsOf(table, split.test), impossible, (t1 - t0) / 1000, (t2 - t1) / 1000);
    return { scores, model };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

export interface CvOptions {
  /** Rating scale predictions clip to; default the whole table's range (Surprise's Reader scale). */
  scale?: Scale;
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
  { scale, signal, onProgress, onFitProgress }: CvOptions = {},
): Promise<CvRun> {
  if (folds.length === 0) throw new RangeError('no folds to cross-validate');
  const clipTo = scale ?? tableScale(table);
  const scores: FoldScores[] = [];
  const infos: FitInfo[] = [];
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
        onProgress: (p) => {
          if (p.kind === 'epoch') onProgress?.({ fold, folds: folds.length, phase: 'fit', epoch: p.epoch, epochs: p.epochs });
          if (p.kind === 'status' && p.text === 'testing') onProgress?.({ fold, folds: folds.length, phase: 'test' });
          onFitProgress?.(p);
        },
      });
    } catch (err) {
      if (err instanceof FitStopped) break;
      throw err;
    }
    run.model.dispose();
    scores.push(run.scores);
    infos.push(run.model.info);
  }
  if (scores.length === 0) throw new FitStopped();
  return { ...meanScores(scores), folds: scores, info: meanInfo(infos), stopped: signal?.stopped ?? false };
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
