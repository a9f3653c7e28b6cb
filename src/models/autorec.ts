/**
 * Item-based AutoRec (Sedhain et al. 2015): each item's vector of training ratings
 * over users is encoded h = σ(W·r + b) and decoded r̂_u = V_u·h + c_u, with the loss
 * only on observed ratings. W's and V's rows are per-user embedding rows, so a batch
 * of items touches only its raters' rows: O(ratings × hidden), not O(users × hidden).
 */
import * as tf from '@tensorflow/tfjs';
import { EmbeddingTable } from './embedding.ts';
import type { Batch, ModelBuilder } from './model.ts';
import { DenseParam } from './optimizer.ts';

export const autorecBuilder: ModelBuilder = ({ data, params, optimizer, rng, mean }) => {
  const hidden = params.hidden as number;
  const l2 = params.l2 as number;
  const init = { kind: 'normal', std: 0.05 } as const;
  const enc = new EmbeddingTable('encoder', data.nUsers, hidden, optimizer, init, rng);
  const dec = new EmbeddingTable('decoder', data.nUsers, hidden, optimizer, init, rng);
  // Decoder bias per user starts at the mean so the first reconstructions are sensible.
  const decBias = new EmbeddingTable('decoder_bias', data.nUsers, 1, optimizer, { kind: 'constant', value: mean }, rng);
  const encBias = new DenseParam('encoder_bias', tf.variable(tf.zeros([hidden])), optimizer);

  // Each item's training raters and ratings (CSR by item).
  const start = new Int32Array(data.nItems + 1);
  for (let k = 0; k < data.item.length; k++) start[data.item[k] + 1]++;
  for (let i = 0; i < data.nItems; i++) start[i + 1] += start[i];
  const fill = start.slice(0, data.nItems);
  const raters = new Int32Array(data.item.length);
  const rated = new Float32Array(data.item.length);
  for (let k = 0; k < data.item.length; k++) {
    const at = fill[data.item[k]]++;
    raters[at] = data.user[k];
    rated[at] = data.rating[k];
  }
  const trainedItems = Int32Array.from({ length: data.nItems }, (_, i) => i).filter((i) => start[i + 1] > start[i]);

  /** Raters of `items`, padded to the longest: index (items × len), ratings and 1/0 mask. */
  const itemVectors = (items: Int32Array) => {
    let len = 1;
    for (const i of items) len = Math.max(len, start[i + 1] - start[i]);
    const index = new Int32Array(items.length * len);
    const r = new Float32Array(items.length * len);
    const mask = new Float32Array(items.length * len);
    items.forEach((i, b) => {
      const n = start[i + 1] - start[i];
      index.set(raters.subarray(start[i], start[i + 1]), b * len);
      r.set(rated.subarray(start[i], start[i + 1]), b * len);
      mask.fill(1, b * len, b * len + n);
    });
    return { len, index, r: tf.tensor2d(r, [items.length, len]), mask: tf.tensor2d(mask, [items.length, len]) };
  };

  /** h = σ(Σ_u r_u·W_u + b) for items with rows (items·len × hidden) and ratings (items × len). */
  const encode = (wRows: tf.Tensor2D, r: tf.Tensor2D): tf.Tensor2D => {
    const [b, len] = r.shape;
    return tf.sigmoid(tf.sum(wRows.reshape([b, len, hidden]).mul(r.reshape([b, len, 1])), 1).add(encBias.variable)) as tf.Tensor2D;
  };

  return {
    tables: [enc, dec, decBias],
    dense: [encBias],
    examples: trainedItems.length,
    // Each distinct item of a chunk is encoded over all its raters: keep chunks small.
    predictChunk: 512,
    trainBatch: (examples) => {
      const v = itemVectors(Int32Array.from(examples, (e) => trainedItems[e]));
      return {
        size: examples.length,
        lookups: [{ table: enc, index: v.index }, { table: dec, index: v.index }, { table: decBias, index: v.index }],
        inputs: [v.r, v.mask],
      };
    },
    loss: (rows, batch) => {
      const [wRows, vRows, cRows] = rows;
      const [r, mask] = batch.inputs as tf.Tensor2D[];
      const [b, len] = r.shape;
      const h = encode(wRows, r);
      const out = tf.sum(vRows.reshape([b, len, hidden]).mul(h.reshape([b, 1, hidden])), 2).add(cRows.reshape([b, len]));
      const sse = tf.sum(tf.square(tf.sub(out, r)).mul(mask));
      // L2 on the rows of real raters only (padding reads user 0's rows), per item.
      const m3 = mask.reshape([b, len, 1]);
      const sq = (x: tf.Tensor2D, dim: number) => tf.sum(tf.square(x.reshape([b, len, dim])).mul(m3));
      const penalty = tf.addN([sq(wRows, hidden), sq(vRows, hidden), sq(cRows, 1)]).mul(l2 / b);
      return sse.div(tf.sum(mask)).add(penalty) as tf.Scalar;
    },
    // Encode each distinct item of the chunk once, then decode at every pair's user.
    pairBatch: (user, item) => {
      const distinct = Int32Array.from(new Set(item));
      const slot = new Map(Array.from(distinct, (i, k) => [i, k]));
      const v = itemVectors(distinct);
      const pairSlot = tf.tensor1d(Int32Array.from(item, (i) => slot.get(i)!), 'int32');
      return {
        size: user.length,
        lookups: [{ table: enc, index: v.index }, { table: dec, index: user }, { table: decBias, index: user }],
        inputs: [v.r, pairSlot],
      };
    },
    predict: (rows, batch: Batch) => {
      const [wRows, vRows, cRows] = rows;
      const [r, pairSlot] = batch.inputs as [tf.Tensor2D, tf.Tensor1D];
      const h = tf.gather(encode(wRows, r), pairSlot) as tf.Tensor2D;
      return tf.sum(tf.mul(vRows, h), 1).add(cRows.reshape([-1])) as tf.Tensor1D;
    },
  };
};
