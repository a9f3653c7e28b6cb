/**
 * LSTM over each user's time-ordered history. Every step of the window is a past
 * training event: item embedding, min-max-scaled rating and min-max-scaled time since
 * the user's first rating. The last hidden state, the target item's embedding and the
 * target's scaled time go through Dense 64 ReLU → 1 to predict the rating. Windows
 * come from sequences.ts, which only lets strictly earlier events in.
 */
import * as tf from '@tensorflow/tfjs';
import { pick } from '../core/pick.ts';
import { rowPenalty } from './batches.ts';
import { EmbeddingTable } from './embedding.ts';
import { applyDense, denseLayer, layerParams } from './layers.ts';
import type { Batch, Lookup, ModelBuilder } from './model.ts';
import { buildHistories, historyWindows, scaledTime } from './sequences.ts';

/** Features per history step besides the embedding: scaled rating and scaled time. */
const FEATURES = 2;

export const lstmBuilder: ModelBuilder = ({ data, params, optimizer, rng, mean }) => {
  const d = params.factors as number;
  const units = params.units as number;
  const len = params.seq_len as number;
  const dropout = params.dropout as number;
  const l2 = params.l2 as number;
  const lo = data.ratingMin;
  const span = data.ratingMax - data.ratingMin || 1;
  const h = buildHistories(data.user, data.nUsers, data.time);
  const items = new EmbeddingTable('item_embedding', data.nItems, d, optimizer, { kind: 'normal', std: 0.05 }, rng);

  // One [input + state, units] kernel per gate rather than one fused [.., 4·units]:
  // tfjs-wasm copies a whole tensor for every slice, so splitting a fused product
  // four ways per step cost more than the three extra (small) products. Forget-gate
  // bias 1 (Jozefowicz et al.).
  const gate = (name: string, bias = 0) => denseLayer(`lstm/${name}`, d + FEATURES + units, units, optimizer, rng, bias);
  const [inGate, forgetGate, cellGate, outGate] = [gate('input'), gate('forget', 1), gate('cell'), gate('output')];
  const hidden = denseLayer('dense', units + d + 1, 64, optimizer, rng);
  const output = denseLayer('output', 64, 1, optimizer, rng, mean);

  /**
   * Queries (user, item) asked at times `at`: one item lookup and one feature and
   * mask tensor per window step (separate tensors, so the forward pass never slices),
   * then the target item's lookup; inputs end with the target time and the rating.
   */
  const seqBatch = (user: Int32Array, item: Int32Array, at: Float64Array, targetTime: Float32Array, rating?: Float32Array): Batch => {
    const b = user.length;
    const win = historyWindows(h, user, at, len);
    const lookups: Lookup[] = [];
    const inputs: tf.Tensor[] = [];
    for (let t = 0; t < len; t++) {
      const index = new Int32Array(b);
      const feat = new Float32Array(b * FEATURES);
      const mask = new Float32Array(b);
      for (let q = 0; q < b; q++) {
        const row = win[q * len + t];
        if (row < 0) continue; // padding before a short history: row 0, masked out
        index[q] = data.item[row];
        feat[q * FEATURES] = (data.rating[row] - lo) / span;
        feat[q * FEATURES + 1] = scaledTime(h, data.user[row], h.time[row]);
        mask[q] = 1;
      }
      lookups.push({ table: items, index });
      inputs.push(tf.tensor2d(feat, [b, FEATURES]), tf.tensor2d(mask, [b, 1]));
    }
    lookups.push({ table: items, index: item });
    inputs.push(tf.tensor2d(targetTime, [b, 1]));
    if (rating) inputs.push(tf.tensor1d(rating));
    return { size: b, lookups, inputs };
  };

  const forward = (rows: tf.Tensor2D[], batch: Batch, seed: number | null): tf.Tensor1D => {
    const b = batch.size;
    let state = tf.zeros([b, units]) as tf.Tensor2D;
    let cell = tf.zeros([b, units]) as tf.Tensor2D;
    for (let t = 0; t < len; t++) {
      const [feat, m] = batch.inputs.slice(2 * t, 2 * t + 2) as tf.Tensor2D[];
      const xh = tf.concat<tf.Tensor2D>([tf.mul<tf.Tensor2D>(rows[t], m), feat, state], 1);
      const c = tf.add(tf.mul(tf.sigmoid(applyDense(forgetGate, xh)), cell), tf.mul(tf.sigmoid(applyDense(inGate, xh)), tf.tanh(applyDense(cellGate, xh))));
      const hNew = tf.mul(tf.sigmoid(applyDense(outGate, xh)), tf.tanh(c));
      // Padding steps (before a short history starts) leave the state as it was.
      cell = tf.add(cell, tf.mul(m, tf.sub(c, cell)));
      state = tf.add(state, tf.mul(m, tf.sub(hNew, state)));
    }
    const drop = (y: tf.Tensor2D, k: number) => (seed !== null && dropout > 0 ? (tf.dropout(y, dropout, undefined, seed + k) as tf.Tensor2D) : y);
    const joined = drop(tf.concat<tf.Tensor2D>([state, rows[len], batch.inputs[2 * len] as tf.Tensor2D], 1), 0);
    const z = drop(applyDense(hidden, joined, 'relu'), 1);
    return tf.reshape(applyDense(output, z), [-1]);
  };

  const lastTime = (u: number): number => {
    const end = h.start[u + 1];
    return end > h.start[u] ? h.time[h.rows[end - 1]] : NaN;
  };

  return {
    tables: [items],
    dense: layerParams([inGate, forgetGate, cellGate, outGate, hidden, output]),
    examples: data.rating.length,
    trainBatch: (examples) => {
      const user = pick(data.user, examples);
      const at = Float64Array.from(examples, (r) => h.time[r]);
      const tt = Float32Array.from(examples, (r, k) => scaledTime(h, user[k], h.time[r]));
      return seqBatch(user, pick(data.item, examples), at, tt, pick(data.rating, examples));
    },
    loss: (rows, batch, seed) => tf.losses.meanSquaredError(batch.inputs[2 * len + 1], forward(rows, batch, seed)).add(rowPenalty(rows, l2, batch.size)) as tf.Scalar,
    // Without usable times a query sees the user's whole history, at the time of its last event.
    pairBatch: (user, item, time) => {
      const timed = time && !h.byRowOrder;
      const at = timed ? time : new Float64Array(user.length).fill(Infinity);
      const tt = Float32Array.from(user, (u, k) => scaledTime(h, u, timed ? time[k] : lastTime(u)));
      return seqBatch(user, item, at, tt);
    },
    predict: (rows, batch) => forward(rows, batch, null),
  };
};
