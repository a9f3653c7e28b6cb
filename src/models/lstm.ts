/**
 * LSTM over each user's time-ordered history. Every step of the window is a past
 * training event: item embedding, min-max-scaled rating and min-max-scaled time since
 * the user's first rating. The last hidden state, the target item's embedding and the
 * target's scaled time go through Dense 64 ReLU → 1 to predict the rating. Windows
 * come from sequences.ts, which only lets strictly earlier events in.
 */
import * as tf from '@tensorflow/tfjs';
import { pick, rowPenalty } from './batches.ts';
import { EmbeddingTable } from './embedding.ts';
import { applyDense, denseLayer, layerParams } from './layers.ts';
import type { Batch, ModelBuilder } from './model.ts';
import { DenseParam } from './optimizer.ts';
import { buildHistories, historyWindows, scaledTime } from './sequences.ts';

/** Features per history step besides the embedding: scaled rating, scaled time, and a 1/0 real-event mask. */
const FEATURES = 3;

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

  // Input and recurrent kernels of the four gates (i, f, g, o); forget-gate bias 1 (Jozefowicz et al.).
  const inDim = d + 2;
  const glorot = (rows: number, cols: number) => {
    const limit = Math.sqrt(6 / (rows + cols));
    return tf.tensor2d(Float32Array.from({ length: rows * cols }, () => (2 * rng.next() - 1) * limit), [rows, cols]);
  };
  const gateBias = new Float32Array(4 * units);
  gateBias.fill(1, units, 2 * units);
  const kernel = new DenseParam('lstm/kernel', tf.variable(glorot(inDim, 4 * units)), optimizer);
  const recurrent = new DenseParam('lstm/recurrent_kernel', tf.variable(glorot(units, 4 * units)), optimizer);
  const bias = new DenseParam('lstm/bias', tf.variable(tf.tensor1d(gateBias)), optimizer);
  const hidden = denseLayer('dense', units + d + 1, 64, optimizer, rng);
  const output = denseLayer('output', 64, 1, optimizer, rng, mean);

  /** Windows, features and target time of queries (user, item) asked at times `at`. */
  const seqBatch = (user: Int32Array, item: Int32Array, at: Float64Array, targetTime: Float32Array, rating?: Float32Array): Batch => {
    const b = user.length;
    const win = historyWindows(h, user, at, len);
    const histItem = new Int32Array(b * len);
    const feat = new Float32Array(b * len * FEATURES);
    for (let k = 0; k < win.length; k++) {
      const row = win[k];
      if (row < 0) continue;
      histItem[k] = data.item[row];
      feat[k * FEATURES] = (data.rating[row] - lo) / span;
      feat[k * FEATURES + 1] = scaledTime(h, data.user[row], h.time[row]);
      feat[k * FEATURES + 2] = 1;
    }
    const inputs: tf.Tensor[] = [tf.tensor3d(feat, [b, len, FEATURES]), tf.tensor2d(targetTime, [b, 1])];
    if (rating) inputs.push(tf.tensor1d(rating));
    return { size: b, lookups: [{ table: items, index: histItem }, { table: items, index: item }], inputs };
  };

  const forward = (rows: tf.Tensor2D[], batch: Batch, seed: number | null): tf.Tensor1D => {
    const [histRows, target] = rows;
    const [feat, targetTime] = batch.inputs as [tf.Tensor3D, tf.Tensor2D];
    const b = batch.size;
    const mask = feat.slice([0, 0, 2], [b, len, 1]);
    const x = tf.concat([histRows.reshape([b, len, d]).mul(mask), feat.slice([0, 0, 0], [b, len, 2])], 2);
    const xw = tf.matMul(x.reshape([b * len, inDim]), kernel.variable as tf.Tensor2D).add(bias.variable).reshape([b, len, 4 * units]);
    let state = tf.zeros([b, units]) as tf.Tensor2D;
    let cell = tf.zeros([b, units]) as tf.Tensor2D;
    for (let t = 0; t < len; t++) {
      const z = tf.add(xw.slice([0, t, 0], [b, 1, 4 * units]).reshape([b, 4 * units]), tf.matMul(state, recurrent.variable as tf.Tensor2D));
      const [i, f, g, o] = tf.split(z, 4, 1);
      const c = tf.add(tf.mul(tf.sigmoid(f), cell), tf.mul(tf.sigmoid(i), tf.tanh(g)));
      const hNew = tf.mul(tf.sigmoid(o), tf.tanh(c));
      // Padding steps (before a short history starts) leave the state as it was.
      const m = mask.slice([0, t, 0], [b, 1, 1]).reshape([b, 1]);
      const keep = tf.sub(1, m);
      cell = tf.add(tf.mul(m, c), tf.mul(keep, cell)) as tf.Tensor2D;
      state = tf.add(tf.mul(m, hNew), tf.mul(keep, state)) as tf.Tensor2D;
    }
    const drop = (y: tf.Tensor2D, k: number) => (seed !== null && dropout > 0 ? (tf.dropout(y, dropout, undefined, seed + k) as tf.Tensor2D) : y);
    const joined = drop(tf.concat([state, target, targetTime], 1), 0);
    const z = drop(applyDense(hidden, joined, 'relu'), 1);
    return tf.reshape(applyDense(output, z), [-1]);
  };

  const lastTime = (u: number): number => {
    const end = h.start[u + 1];
    return end > h.start[u] ? h.time[h.rows[end - 1]] : NaN;
  };

  return {
    tables: [items],
    dense: [kernel, recurrent, bias, ...layerParams([hidden, output])],
    examples: data.rating.length,
    trainBatch: (examples) => {
      const user = pick(data.user, examples);
      const at = Float64Array.from(examples, (r) => h.time[r]);
      const tt = Float32Array.from(examples, (r, k) => scaledTime(h, user[k], h.time[r]));
      return seqBatch(user, pick(data.item, examples), at, tt, pick(data.rating, examples));
    },
    loss: (rows, batch, seed) => tf.losses.meanSquaredError(batch.inputs[2], forward(rows, batch, seed)).add(rowPenalty(rows, l2, batch.size)) as tf.Scalar,
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
