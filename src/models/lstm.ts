/**
 * LSTM over each user's time-ordered history. Every step reads one past training
 * event: item embedding, min-max-scaled rating and min-max-scaled time since the
 * user's first rating. A prediction reads the state after the user's last event
 * strictly earlier than its own time (recurrence.ts), and adds up: Dense 64 ReLU → 1
 * over [that state, the target item's embedding, the target's scaled time, the
 * user's earlier mean rating (shrunk) and count], a dot product of the state's user
 * vector with the item's embedding, and the item's bias. The earlier mean and the
 * item bias give the model the biases' view of the user and the item directly,
 * which an LSTM over the most recent window only estimates.
 *
 * Training runs a window of a user's history (sequences.ts) once and predicts every
 * target event in it from the states the LSTM passed through, rather than one
 * sequence per target: a window of n events trains n predictions for the price of
 * one pass. Events tied in time do not read each other, so in training as in
 * scoring a prediction reads only the user's strictly earlier events.
 */
import * as tf from '@tensorflow/tfjs';
import { pick } from '../core/pick.ts';
import { EmbeddingTable } from './embedding.ts';
import { applyDense, denseLayer, fastDropout, glorotKernel, layerParams, matMul } from './layers.ts';
import type { Batch, Lookup, ModelBuilder } from './model.ts';
import { lstmReads } from './recurrence.ts';
import { buildHistories, countBefore, distinctQueries, historyWindows, scaledTime, trainingWindows } from './sequences.ts';

/** Features per history step besides the embedding: scaled rating, scaled time, and a constant 1 (the gates' bias). */
const FEATURES = 3;
/** Share of a window (after a user's first) that is context: read, not trained on. */
const CONTEXT = 0.25;
/** Features of a prediction besides the read state and the item: scaled time, the user's earlier mean (shrunk) and count. */
const TARGET = 3;
/** Pseudo-ratings at the training mean that shrink a short history's mean. */
const SHRINK = 5;

export const lstmBuilder: ModelBuilder = ({ data, params, optimizer, rng, mean }) => {
  const d = params.factors as number;
  const units = params.units as number;
  const len = params.seq_len as number;
  const dropout = params.dropout as number;
  const l2 = params.l2 as number;
  const lo = data.ratingMin;
  const span = data.ratingMax - data.ratingMin || 1;
  const h = buildHistories(data.user, data.nUsers, data.time);
  const windows = trainingWindows(h, len, Math.round(len * CONTEXT));
  const items = new EmbeddingTable('item_embedding', data.nItems, d, optimizer, { kind: 'normal', std: 0.05 }, rng);

  // The gates' kernels side by side (input, forget, cell, output) over [step input,
  // features, state]; the bias is the constant feature's row, the forget gate's
  // starting at 1 (Jozefowicz et al.).
  const inputs = d + FEATURES + units;
  const kernel = glorotKernel('lstm', inputs, 4 * units, optimizer, rng);
  const forgetBias = new Float32Array(inputs * 4 * units);
  const biasRow = (d + FEATURES - 1) * 4 * units;
  forgetBias.fill(1, biasRow + units, biasRow + 2 * units);
  tf.tidy(() => kernel.variable.assign(kernel.variable.add(tf.tensor2d(forgetBias, [inputs, 4 * units]))));
  const hidden = denseLayer('dense', units + d + TARGET, 64, optimizer, rng);
  const output = denseLayer('output', 64, 1, optimizer, rng, mean);
  const toUser = glorotKernel('user_vector', units, d, optimizer, rng);
  const itemBias = new EmbeddingTable('item_bias', data.nItems, 1, optimizer, { kind: 'constant', value: 0 }, rng);

  const lastTime = (u: number): number => {
    const end = h.start[u + 1];
    return end > h.start[u] ? h.time[h.rows[end - 1]] : NaN;
  };
  // Running sums of the ratings in history order: a user's mean before a time in O(log n).
  const cum = new Float64Array(h.rows.length + 1);
  h.rows.forEach((r, p) => (cum[p + 1] = cum[p] + data.rating[r]));
  /** Writes the features of user u's prediction at time `at` (+Infinity: after everything) into out[k·TARGET …]. */
  const targetFeatures = (u: number, at: number, out: Float32Array, k: number) => {
    const n = countBefore(h, u, at);
    const sum = cum[h.start[u] + n] - cum[h.start[u]];
    out[k * TARGET] = scaledTime(h, u, at === Infinity ? lastTime(u) : at);
    out[k * TARGET + 1] = (sum - n * mean) / (n + SHRINK) / span;
    out[k * TARGET + 2] = Math.log1p(n) / 5;
  };

  /**
   * A batch's steps from b sequences of t training rows (row-major, −1: padding after
   * the events) and each step's advance flag (recurrence.ts): a lookup of the step's
   * items, and inputs of its features and flags.
   */
  const stepInputs = (seq: Int32Array, advance: Float32Array, b: number, t: number) => {
    const lookups: Lookup[] = [];
    const feats: tf.Tensor[] = [];
    const flags: tf.Tensor[] = [];
    for (let s = 0; s < t; s++) {
      const index = new Int32Array(b);
      const feat = new Float32Array(b * FEATURES);
      const flag = new Float32Array(b);
      for (let q = 0; q < b; q++) {
        feat[q * FEATURES + 2] = 1;
        flag[q] = advance[q * t + s];
        const row = seq[q * t + s];
        if (row < 0) continue;
        index[q] = data.item[row];
        feat[q * FEATURES] = (data.rating[row] - lo) / span;
        feat[q * FEATURES + 1] = scaledTime(h, data.user[row], h.time[row]);
      }
      lookups.push({ table: items, index });
      feats.push(tf.tensor2d(feat, [b, FEATURES]));
      flags.push(tf.tensor2d(flag, [b, 1]));
    }
    return { lookups, inputs: [...feats, ...flags] };
  };

  /**
   * Lookups: one per step, then the targets' items and their biases. Inputs: t
   * feature tensors, t advance flags, the targets' features, then for training the
   * ratings and weights. Training predicts at every step (time-major rows), scoring
   * after the last.
   */
  const forward = (rows: tf.Tensor2D[], batch: Batch, seed: number | null): tf.Tensor1D => {
    const t = batch.lookups.length - 2;
    // Training inputs end with the ratings and weights; scoring's with each pair's history row.
    const training = batch.inputs.length === 2 * t + 3;
    const steps = { feats: batch.inputs.slice(0, t) as tf.Tensor2D[], advance: batch.inputs.slice(t, 2 * t) as tf.Tensor2D[], read: training ? 'each' : 'last' } as const;
    const states = lstmReads(rows.slice(0, t), kernel.variable as tf.Tensor2D, steps);
    const reads = training ? states : tf.gather(states, batch.inputs[2 * t + 1] as tf.Tensor1D);
    const drop = (y: tf.Tensor2D, k: number) => (seed !== null && dropout > 0 ? fastDropout(y, dropout, seed + k) : y);
    // The hidden layer over [reads, target item, target features] as a sum of products,
    // one per part: concat's gradient would slice a large tensor row by row.
    const w = hidden.w.variable as tf.Tensor2D;
    const parts = [reads, rows[t], batch.inputs[2 * t] as tf.Tensor2D];
    let at = 0;
    const pre = parts.map((x, k) => {
      const n = x.shape[1];
      const wk = tf.slice(w, [at, 0], [n, w.shape[1]]);
      at += n;
      return matMul(drop(x, k), wk);
    });
    const z = drop(tf.relu(tf.add<tf.Tensor2D>(tf.addN(pre), hidden.b.variable)), parts.length);
    const dot = tf.sum(tf.mul(matMul(reads, toUser.variable as tf.Tensor2D), rows[t]), 1, true);
    return tf.reshape(tf.addN([applyDense(output, z), dot, rows[t + 1]]), [-1]);
  };

  return {
    tables: [items, itemBias],
    dense: [kernel, toUser, ...layerParams([hidden, output])],
    examples: windows.from.length,
    // A batch runs each (user, time) history once and reads it for all of that user's pairs.
    pairsBy: 'user',
    // Up to one history run per pair when every pair has its own time (MovieLens-100k's
    // test rows): 16k runs of 50 steps at once crashed tfjs-wasm (memory access out of bounds).
    predictChunk: 2048,
    // A window's events, each predicted from the state after its strictly earlier ones.
    trainBatch: (examples) => {
      const b = examples.length;
      let t = 1;
      for (const w of examples) t = Math.max(t, windows.to[w] - windows.from[w]);
      const seq = new Int32Array(b * t).fill(-1);
      const advance = new Float32Array(b * t);
      // Prediction rows are time-major: step s of window q is row s·b + q.
      const target = new Int32Array(t * b);
      const targetFeat = new Float32Array(t * b * TARGET);
      const rating = new Float32Array(t * b);
      const weight = new Float32Array(t * b);
      let size = 0;
      examples.forEach((w, q) => {
        const from = windows.from[w];
        const to = windows.to[w];
        for (let r = from; r < to; r++) {
          const s = r - from;
          const row = h.rows[r];
          seq[q * t + s] = row;
          // The next event reads this one only if strictly later.
          if (r + 1 < to && h.time[row] < h.time[h.rows[r + 1]]) advance[q * t + s] = 1;
          const k = s * b + q;
          target[k] = data.item[row];
          if (r < windows.target[w]) continue;
          targetFeatures(data.user[row], h.time[row], targetFeat, k);
          rating[k] = data.rating[row];
          weight[k] = 1;
          size++;
        }
      });
      const s = stepInputs(seq, advance, b, t);
      return {
        size,
        lookups: [...s.lookups, { table: items, index: target }, { table: itemBias, index: target }],
        inputs: [...s.inputs, tf.tensor2d(targetFeat, [t * b, TARGET]), tf.tensor1d(rating), tf.tensor1d(weight)],
      };
    },
    // Masked MSE over the targets, plus L2 on the target items' rows and biases.
    loss: (rows, batch, seed) => {
      const [rating, weight] = batch.inputs.slice(-2) as tf.Tensor1D[];
      const sse = tf.sum(tf.mul(weight, tf.square(tf.sub(forward(rows, batch, seed), rating))));
      const [target, bias] = rows.slice(-2);
      const penalty = tf.sum(tf.mul(weight, tf.add(tf.sum(tf.square(target), 1), tf.reshape(tf.square(bias), [-1])))).mul(l2);
      return tf.add(sse, penalty).div(Math.max(1, batch.size)) as tf.Scalar;
    },
    // A query without a usable time reads the user's whole history, at the time of its last event.
    // Pairs of the same user and time share one history run: `history[k]` is pair k's.
    pairBatch: (user, item, time) => {
      const b = user.length;
      const at = Float64Array.from(user, (_, k) => (time && !h.byRowOrder && !Number.isNaN(time[k]) ? time[k] : Infinity));
      const { first, history } = distinctQueries(user, at);
      const n = len - 1;
      const runs = first.length;
      const win = historyWindows(h, pick(user, first), pick(at, first), n);
      const reads = new Int32Array(runs);
      let t = 1;
      for (let q = 0; q < runs; q++) {
        while (reads[q] < n && win[q * n + reads[q]] >= 0) reads[q]++;
        t = Math.max(t, reads[q]);
      }
      const seq = new Int32Array(runs * t).fill(-1);
      const advance = new Float32Array(runs * t);
      for (let q = 0; q < runs; q++) {
        seq.set(win.subarray(q * n, q * n + reads[q]), q * t);
        advance.fill(1, q * t, q * t + reads[q]);
      }
      const targetFeat = new Float32Array(b * TARGET);
      user.forEach((u, k) => targetFeatures(u, at[k], targetFeat, k));
      const s = stepInputs(seq, advance, runs, t);
      return {
        size: b,
        lookups: [...s.lookups, { table: items, index: item }, { table: itemBias, index: item }],
        inputs: [...s.inputs, tf.tensor2d(targetFeat, [b, TARGET]), tf.tensor1d(history, 'int32')],
      };
    },
    predict: (rows, batch) => forward(rows, batch, null),
  };
};
