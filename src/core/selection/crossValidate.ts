/**
 * Surprise's cross_validate over row-index folds: fit a fresh algorithm per fold on
 * that fold's trainset, test it, and score RMSE/MAE/MSE/FCP with fit and test times.
 */
import { fcp, mae, mse } from '../metrics.ts';
import { tableCounts, type RatingsTable } from '../ratings.ts';
import type { FlatParams } from '../registry/index.ts';
import type { Split } from '../split.ts';
import { FitCancelled, type AlgoBase, type FitHooks } from '../surprise/algo.ts';
import { createAlgorithm } from '../surprise/index.ts';
import { buildTestset, buildTrainset, type RatingScale } from '../surprise/trainset.ts';

/** Builds an algorithm from resolved flat params and a seed (src/core/surprise's createAlgorithm). */
export type AlgorithmFactory = (id: string, params: FlatParams, seed: number) => AlgoBase;

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
  /** Set during the fit of an iterative algorithm. */
  epoch?: number;
  epochs?: number;
}

export interface CvOptions {
  /** Seed each fold's algorithm gets (Surprise passes the same random_state to every fold). */
  seed?: number;
  /** Rating scale predictions clip to; default the whole table's range (Surprise's Reader scale). */
  scale?: RatingScale;
  onProgress?(p: CvProgress): void;
  /** Polled before each fold and between epochs; true cancels with FitCancelled. */
  shouldStop?(): boolean;
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

/** Score one fold: fit, test, and the metrics over its test rows. */
export function evaluateFold(
  table: RatingsTable,
  algo: AlgoBase,
  split: Split,
  scale: RatingScale,
  hooks: FitHooks & { beforeTest?(): void } = {},
): FoldScores {
  const trainset = buildTrainset(table, split.train, scale);
  const testset = buildTestset(table, split.test, trainset);
  const t0 = performance.now();
  algo.fit(trainset, hooks);
  hooks.beforeTest?.();
  const t1 = performance.now();
  const { est, impossible } = algo.test(testset);
  const t2 = performance.now();
  return scoreFold(testUsers(table, split), est, testset.r, impossible, (t1 - t0) / 1000, (t2 - t1) / 1000);
}

/** The whole table's observed rating range: the scale Surprise's Reader would declare. */
export function tableScale(table: RatingsTable): RatingScale {
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

/** Let queued messages (a Cancel from the UI) land between folds. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Cross-validate the algorithm `create` builds over `folds`. A fresh algorithm is
 * built per fold with the same seed, as Surprise reuses one random_state.
 */
export async function crossValidateWith(
  table: RatingsTable,
  create: (seed: number) => AlgoBase,
  folds: readonly Split[],
  { seed = 0, scale, onProgress, shouldStop }: CvOptions = {},
): Promise<CvResult> {
  if (folds.length === 0) throw new RangeError('no folds to cross-validate');
  const clipTo = scale ?? tableScale(table);
  const scores: FoldScores[] = [];
  for (let f = 0; f < folds.length; f++) {
    await yieldToEvents();
    if (shouldStop?.()) throw new FitCancelled();
    const fold = f + 1;
    onProgress?.({ fold, folds: folds.length, phase: 'fit' });
    const s = evaluateFold(table, create(seed), folds[f], clipTo, {
      onEpoch: (epoch, epochs) => onProgress?.({ fold, folds: folds.length, phase: 'fit', epoch, epochs }),
      shouldStop,
      beforeTest: () => onProgress?.({ fold, folds: folds.length, phase: 'test' }),
    });
    scores.push(s);
  }
  return { ...meanScores(scores), folds: scores };
}

/**
 * Cross-validate a registry algorithm: `params` are flat registry params (checked and
 * completed with defaults by the factory).
 */
export function crossValidate(
  table: RatingsTable,
  algoId: string,
  params: FlatParams,
  folds: readonly Split[],
  options: CvOptions = {},
): Promise<CvResult> {
  return crossValidateWith(table, (seed) => createAlgorithm(algoId, params, seed), folds, options);
}
