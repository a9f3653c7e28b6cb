/**
 * `reclab evaluate` for the TensorFlow.js models: per fold, train on the fold's
 * training rows and score its test rows exactly as the baselines are scored. Loaded
 * only when a deep model is asked for, so baseline runs never start TensorFlow.js.
 */
import * as tf from '@tensorflow/tfjs';
import type { RatingsTable } from '../core/ratings.ts';
import type { FlatParams } from '../core/registry/index.ts';
import { createRng } from '../core/rng.ts';
import { meanScores, scoreFold, testUsers, type CvResult, type FoldScores } from '../core/selection/crossValidate.ts';
import type { Split } from '../core/split.ts';
import type { RatingScale } from '../core/surprise/trainset.ts';
import { selectBackend, type BackendName } from '../models/backend.ts';
import { trainModel, type TrainData } from '../models/train.ts';

/** Share of a fold's training rows held back to drive early stopping and the LR schedule. */
const VALIDATION_SHARE = 0.1;

export interface DeepResult extends CvResult {
  backend: string;
  /** Means over folds. */
  epochsRun: number;
  samplesPerSec: number;
}

function gather<T extends Int32Array | Float32Array | Float64Array>(col: T, rows: Int32Array): T {
  const out = new (col.constructor as new (n: number) => T)(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]];
  return out;
}

/**
 * The fold's training data. When the params use validation (early stopping or the
 * LR schedule), a seeded share of the training rows becomes the validation set: the
 * test rows never steer training.
 */
function trainData(table: RatingsTable, train: Int32Array, params: FlatParams, seed: number, scale: RatingScale): TrainData {
  const usesValidation = (params.patience as number) > 0 || (params.lr_patience as number) > 0;
  let fit = train;
  let val = new Int32Array(0);
  if (usesValidation && train.length >= 20) {
    const shuffled = createRng(seed).shuffle(train.slice());
    const nVal = Math.ceil(train.length * VALIDATION_SHARE);
    val = shuffled.subarray(0, nVal);
    fit = shuffled.subarray(nVal);
  }
  return {
    user: gather(table.user, fit),
    item: gather(table.item, fit),
    rating: gather(table.rating, fit),
    time: gather(table.time, fit),
    valUser: gather(table.user, val),
    valItem: gather(table.item, val),
    valRating: gather(table.rating, val),
    valTime: gather(table.time, val),
    nUsers: table.userIds.length,
    nItems: table.itemIds.length,
    ratingMin: scale.min,
    ratingMax: scale.max,
  };
}

/**
 * Test pairs whose user or item has no training rating get the fold's mean training
 * rating, as the baselines' default prediction; returns how many did.
 */
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

export async function evaluateDeep(
  table: RatingsTable,
  folds: readonly Split[],
  id: string,
  params: FlatParams,
  seed: number,
  scale: RatingScale,
  backend: BackendName | undefined,
  onFold: (fold: number) => void,
): Promise<DeepResult> {
  // Production mode: no debug checks, and no "install tfjs-node" banner on the CLI's stderr.
  tf.env().set('PROD', true);
  // In Node, wasm (SIMD) is the fast backend; cpu is the fallback that always starts.
  const choice = await selectBackend({ prefer: backend ? [backend] : ['wasm', 'cpu'] });
  const scores: FoldScores[] = [];
  let epochs = 0;
  let samplesPerSec = 0;
  for (let f = 0; f < folds.length; f++) {
    onFold(f + 1);
    const split = folds[f];
    const data = trainData(table, split.train, params, seed, scale);
    const t0 = performance.now();
    const model = await trainModel(id, params, data, seed);
    const t1 = performance.now();
    try {
      const user = gather(table.user, split.test);
      const item = gather(table.item, split.test);
      const est = await model.predict(user, item);
      const impossible = fallBackForUnknown(table, split, est, scale);
      const t2 = performance.now();
      const truth = gather(table.rating, split.test);
      scores.push(scoreFold(testUsers(table, split), est, truth, impossible, (t1 - t0) / 1000, (t2 - t1) / 1000));
      epochs += model.epochsRun;
      samplesPerSec += model.samplesPerSec;
    } finally {
      model.dispose();
    }
  }
  return {
    ...meanScores(scores),
    folds: scores,
    backend: choice.name,
    epochsRun: epochs / folds.length,
    samplesPerSec: samplesPerSec / folds.length,
  };
}
