/** Batch building blocks shared by the models that score (user, item) pairs. */
import * as tf from '@tensorflow/tfjs';
import { pick } from '../core/pick.ts';
import type { EmbeddingTable } from './embedding.ts';
import type { Batch, Lookup, TrainData } from './model.ts';

/** Tables indexed by user, and tables indexed by item, that one (user, item) pair reads. */
export interface PairTables {
  user: EmbeddingTable[];
  item: EmbeddingTable[];
}

export function pairLookups(tables: PairTables, user: Int32Array, item: Int32Array): Lookup[] {
  return [...tables.user.map((table) => ({ table, index: user })), ...tables.item.map((table) => ({ table, index: item }))];
}

/** The batch of training rows `examples`: their pairs' lookups and their ratings as targets, no tensor. */
export function ratingRows(tables: PairTables, data: TrainData, examples: Int32Array): Batch & { targets: Float32Array } {
  const user = pick(data.user, examples);
  const item = pick(data.item, examples);
  return { size: examples.length, lookups: pairLookups(tables, user, item), inputs: [], targets: pick(data.rating, examples) };
}

/** ratingRows with the ratings as inputs[0] too, for a loss written in tf ops. */
export function ratingBatch(tables: PairTables, data: TrainData, examples: Int32Array): Batch {
  const batch = ratingRows(tables, data, examples);
  return { ...batch, inputs: [tf.tensor1d(batch.targets)] };
}

export function pairBatch(tables: PairTables, user: Int32Array, item: Int32Array): Batch {
  return { size: user.length, lookups: pairLookups(tables, user, item), inputs: [] };
}

/** l2 · Σ‖row‖² / batch: the L2 penalty on the embeddings a batch read, per sample. */
export function rowPenalty(rows: tf.Tensor2D[], l2: number, batchSize: number): tf.Scalar {
  if (!l2) return tf.scalar(0);
  return tf.addN(rows.map((r) => tf.sum(tf.square(r)))).mul(l2 / batchSize);
}
