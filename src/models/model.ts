/**
 * What a model gives the one training loop (train.ts): its sparse embedding tables,
 * its dense variables, how to turn example indices into a batch, and its loss and
 * prediction as tf ops over the rows the batch looked up.
 */
import type * as tf from '@tensorflow/tfjs';
import type { FlatParams } from '../core/registry/types.ts';
import type { ItemFeatures } from '../core/text/itemText.ts';
import type { Rng } from '../core/rng.ts';
import type { EmbeddingTable } from './embedding.ts';
import type { DenseParam, OptimizerConfig } from './optimizer.ts';

/** Training and validation ratings as the loop takes them: parallel typed columns. */
export interface TrainData {
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array;
  valUser: Int32Array;
  valItem: Int32Array;
  valRating: Float32Array;
  nUsers: number;
  nItems: number;
  ratingMin: number;
  ratingMax: number;
  /** Unix seconds per training / validation row; sequence models (LSTM) need them, NaN where unknown. */
  time?: Float64Array;
  valTime?: Float64Array;
  /** Fixed inputs per item row (its title's Word2Vec vector), for models switched to read them. */
  itemFeatures?: ItemFeatures;
}

/** One table lookup of a batch: the rows of `table` named by `index`, in that order. */
export interface Lookup {
  table: EmbeddingTable;
  index: Int32Array;
}

export interface Batch {
  /** Samples it counts for throughput. */
  size: number;
  lookups: Lookup[];
  /** Dense inputs (targets, features, masks); the loop disposes them after the step. */
  inputs: tf.Tensor[];
  /** The ratings of a batch of rating rows, as plain values (a written-out step reads them). */
  targets?: Float32Array;
}

/** A batch's loss and its gradient with respect to each lookup's rows (index.length × dim, in lookup order). */
export interface LossAndGrads {
  loss: number;
  grads: Float32Array[];
}

/** What a model is built from. */
export interface ModelContext {
  params: FlatParams;
  data: TrainData;
  /** Mean training rating. */
  mean: number;
  optimizer: OptimizerConfig;
  /** For initialisation only; the loop owns the shuffling stream. */
  rng: Rng;
}

export interface Model {
  tables: EmbeddingTable[];
  dense: DenseParam[];
  /** How many examples an epoch permutes: training rows, or items for AutoRec. */
  examples: number;
  trainBatch(examples: Int32Array, rng: Rng): Batch;
  /** Mean loss of a training batch; rows[k] holds batch.lookups[k]'s rows (index.length × dim). */
  loss(rows: tf.Tensor2D[], batch: Batch, dropoutSeed: number): tf.Scalar;
  /**
   * The same loss and its gradient written out in plain loops, for a model with no
   * dense variables: the step then runs no tf op at all. On a batch of pairs, tf's
   * tape and per-kernel dispatch cost more than the arithmetic (a Bias MF step took
   * 8 ms in the lab's worker, mostly there). The arrays it returns may be reused by
   * its next call. models.test.ts checks it against tf's gradient of `loss`.
   */
  lossAndGrads?(rows: Float32Array[], batch: Batch): LossAndGrads;
  /** A batch for predicting the ratings of (user, item) pairs, at `time` for sequence models. */
  pairBatch(user: Int32Array, item: Int32Array, time?: Float64Array): Batch;
  /** Pairs per prediction batch when the default (16384) would need too much memory. */
  predictChunk?: number;
  /**
   * How prediction batches group pairs: by item (default: AutoRec encodes each item
   * once per batch), or by user (the LSTM reads each user's history once per batch).
   */
  pairsBy?: 'item' | 'user';
  /** Predicted ratings, before clipping, for a pairBatch. */
  predict(rows: tf.Tensor2D[], batch: Batch): tf.Tensor1D;
  /**
   * Fold-in (FittedModel.foldIn): a new user's raw predictions for every item row,
   * from their ratings of `item`, every weight fixed. Only models whose user part is
   * a vector their loss can solve for.
   */
  foldIn?(item: Int32Array, rating: Float64Array): Float64Array;
}

export type ModelBuilder = (ctx: ModelContext) => Model;
