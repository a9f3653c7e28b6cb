/**
 * Train and score a TensorFlow.js model on one fold, the same way for the CLI and the
 * lab's worker, and the same way the baselines are scored:
 * - the test rows never steer training: when the params use validation (early
 *   stopping or the LR schedule), a seeded 10% of the training rows is held out for
 *   it; otherwise the test rows only draw the validation curve;
 * - test pairs whose user or item has no training rating get the fold's mean training
 *   rating and count as impossible, like the baselines' default prediction.
 */
import type { RatingsTable } from '../core/ratings.ts';
import type { FlatParams } from '../core/registry/index.ts';
import { createRng } from '../core/rng.ts';
import { meanScores, scoreFold, testUsers, type CvResult, type FoldScores } from '../core/selection/crossValidate.ts';
import type { Split } from '../core/split.ts';
import type { RatingScale } from '../core/surprise/trainset.ts';
import { pick } from './batches.ts';
import { trainDataFromSplit } from './data.ts';
import type { TrainData } from './model.ts';
import { trainModel, type TrainHooks, type TrainedModel } from './train.ts';

/** Share of a fold's training rows held back to drive early stopping and the LR schedule. */
export const VALIDATION_SHARE = 0.1;

export interface DeepFold {
  scores: FoldScores;
  /** What the validation curve was computed on. */
  validation: 'holdout' | 'test';
  /** The trained model; the caller disposes it (or saves it first). */
  model: TrainedModel;
}

export function usesValidation(params: FlatParams): boolean {
  return (params.patience as number) > 0 || (params.lr_patience as number) > 0;
}

/** The fold's training columns and what its validation rows are. */
export function foldTrainData(
  table: RatingsTable,
  split: Split,
  params: FlatParams,
  seed: number,
  scale: RatingScale,
): { data: TrainData; validation: DeepFold['validation'] } {
  if (usesValidation(params) && split.train.length >= 20) {
    const shuffled = createRng(seed).shuffle(split.train.slice());
    const nVal = Math.ceil(split.train.length * VALIDATION_SHARE);
    return { data: trainDataFromSplit(table, shuffled.subarray(nVal), shuffled.subarray(0, nVal), scale), validation: 'holdout' };
  }
  return { data: trainDataFromSplit(table, split.train, split.test, scale), validation: 'test' };
}

/** Replace estimates of pairs unknown to the training rows by their mean rating; returns how many. */
function fallBackForUnknown(table: RatingsTable, split: Split, est: Float32Array, scale: RatingScale): number {
  const seenUser = new Uint8Array(table.userIds.length);
  const seenItem = new Uint8Array(table.itemIds.length);
  let sum = 0;
  for (const row of split.train) {
    seenUser[table.user[row]] = 1;
    seenItem[table.item[row]] = 1;
    sum += table.rating[row];
  }
  const mean = Math.min(scale.max, Math.max(scale.min, sum / split.train.length));
  let impossible = 0;
  for (let k = 0; k < split.test.length; k++) {
    const row = split.test[k];
    if (!seenUser[table.user[row]] || !seenItem[table.item[row]]) {
      est[k] = mean;
      impossible++;
    }
  }
  return impossible;
}

export async function evaluateDeepFold(
  table: RatingsTable,
  split: Split,
  id: string,
  params: FlatParams,
  seed: number,
  scale: RatingScale,
  hooks: TrainHooks = {},
): Promise<DeepFold> {
  const { data, validation } = foldTrainData(table, split, params, seed, scale);
  const t0 = performance.now();
  const model = await trainModel(id, params, data, seed, hooks);
  const t1 = performance.now();
  try {
    const est = await model.predict(pick(table.user, split.test), pick(table.item, split.test));
    const impossible = fallBackForUnknown(table, split, est, scale);
    const t2 = performance.now();
    const scores = scoreFold(testUsers(table, split), est, pick(table.rating, split.test), impossible, (t1 - t0) / 1000, (t2 - t1) / 1000);
    return { scores, validation, model };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

export interface DeepCvResult extends CvResult {
  /** Means over the folds run. */
  epochsRun: number;
  samplesPerSec: number;
  validation: DeepFold['validation'];
  /** Set when training was stopped by hand: the folds run so far. */
  stopped: boolean;
}

/**
 * Cross-validate a TensorFlow.js model: a fresh model per fold, scored as above.
 * `hooks` reach every fold's training loop (pause and stop included); a stop ends
 * the cross-validation after the fold in progress.
 */
export async function crossValidateDeep(
  table: RatingsTable,
  folds: readonly Split[],
  id: string,
  params: FlatParams,
  seed: number,
  scale: RatingScale,
  { onFold, ...hooks }: TrainHooks & { onFold?(fold: number, folds: number): void } = {},
): Promise<DeepCvResult> {
  const scores: FoldScores[] = [];
  let epochs = 0;
  let samplesPerSec = 0;
  let validation: DeepFold['validation'] = 'test';
  for (let f = 0; f < folds.length && !hooks.control?.stopped; f++) {
    onFold?.(f + 1, folds.length);
    const fold = await evaluateDeepFold(table, folds[f], id, params, seed, scale, hooks);
    fold.model.dispose();
    scores.push(fold.scores);
    epochs += fold.model.epochsRun;
    samplesPerSec += fold.model.samplesPerSec;
    validation = fold.validation;
  }
  return {
    ...meanScores(scores),
    folds: scores,
    epochsRun: epochs / scores.length,
    samplesPerSec: samplesPerSec / scores.length,
    validation,
    stopped: hooks.control?.stopped ?? false,
  };
}
