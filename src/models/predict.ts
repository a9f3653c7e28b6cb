/** Batched inference shared by validation, trained models and loaded models. */
import * as tf from '@tensorflow/tfjs';
import type { Batch, Model } from './model.ts';

const CHUNK = 16384;

/** The rows a batch looks up, as tensors (index.length × dim), in lookup order. */
export function lookupTensors(batch: Batch): tf.Tensor2D[] {
  return batch.lookups.map((l) => tf.tensor2d(l.table.gather(l.index), [l.index.length, l.table.dim]));
}

export function disposeBatch(batch: Batch, rows: tf.Tensor[]): void {
  tf.dispose(rows);
  tf.dispose(batch.inputs);
}

/** Predicted ratings of (user, item) pairs, clipped to [lo, hi] like the baselines. */
export async function predictPairs(
  model: Model,
  user: Int32Array,
  item: Int32Array,
  lo: number,
  hi: number,
  time?: Float64Array,
): Promise<Float32Array> {
  if (user.length !== item.length) throw new RangeError(`user (${user.length}) and item (${item.length}) differ in length`);
  const out = new Float32Array(user.length);
  for (let start = 0; start < user.length; start += CHUNK) {
    const end = Math.min(user.length, start + CHUNK);
    const batch = model.pairBatch(user.subarray(start, end), item.subarray(start, end), time?.subarray(start, end));
    const rows = lookupTensors(batch);
    const pred = tf.tidy(() => model.predict(rows, batch).clipByValue(lo, hi));
    disposeBatch(batch, rows);
    out.set((await pred.data()) as Float32Array, start);
    pred.dispose();
  }
  return out;
}
