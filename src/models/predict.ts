/** Batched inference shared by validation, trained models and loaded models. */
import * as tf from '@tensorflow/tfjs';
import { orderByKey } from '../core/order.ts';
import { pick } from '../core/pick.ts';
import type { EmbeddingTable } from './embedding.ts';
import type { Batch, Model } from './model.ts';

const CHUNK = 16384;

/** The rows a batch looks up (index.length × dim each), in lookup order; valid until the tables' next gather. */
export function lookupRows(batch: Batch): Float32Array[] {
  // A table's reused buffer serves its first lookup in the batch only: backends keep a new
  // tensor's values by reference (cpu; WebGL and WebGPU until they upload), so a second
  // gather into it would overwrite the first.
  const reused = new Set<EmbeddingTable>();
  return batch.lookups.map((l) => (reused.has(l.table) ? l.table.gather(l.index) : (reused.add(l.table), l.table.gatherReused(l.index))));
}

/** The rows a batch looks up, as tensors (index.length × dim), in lookup order. */
export function lookupTensors(batch: Batch): tf.Tensor2D[] {
  const rows = lookupRows(batch);
  return batch.lookups.map((l, k) => tf.tensor2d(rows[k], [l.index.length, l.table.dim]));
}

export function disposeBatch(batch: Batch, rows: tf.Tensor[]): void {
  tf.dispose(rows);
  tf.dispose(batch.inputs);
}

/** Predicted ratings of (user, item) pairs, clipped to [lo, hi] (±Infinity: raw). */
export async function predictPairs(
  model: Model,
  user: Int32Array,
  item: Int32Array,
  lo: number,
  hi: number,
  time?: Float64Array,
): Promise<Float32Array> {
  if (user.length !== item.length) throw new RangeError(`user (${user.length}) and item (${item.length}) differ in length`);
  // Pairs go in item order (or user order, as the model asks), so a chunk holds few
  // distinct items (AutoRec encodes each once) or users (the LSTM reads each history once).
  const order = orderByKey(model.pairsBy === 'user' ? user : item);
  const chunk = model.predictChunk ?? CHUNK;
  const out = new Float32Array(user.length);
  for (let start = 0; start < user.length; start += chunk) {
    const rows = order.subarray(start, Math.min(user.length, start + chunk));
    const batch = model.pairBatch(pick(user, rows), pick(item, rows), time && pick(time, rows));
    const looked = lookupTensors(batch);
    const pred = tf.tidy(() => {
      const raw = model.predict(looked, batch);
      return Number.isFinite(lo) || Number.isFinite(hi) ? raw.clipByValue(lo, hi) : raw;
    });
    disposeBatch(batch, looked);
    const values = await pred.data();
    pred.dispose();
    for (let k = 0; k < rows.length; k++) out[rows[k]] = values[k];
  }
  return out;
}
