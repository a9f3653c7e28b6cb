/**
 * Item-based AutoRec (Sedhain et al. 2015): each item's vector of training ratings
 * over users is encoded h = σ(W·r + b) and decoded r̂_u = V_u·h + c_u, with the loss
 * only on observed ratings.
 *
 * W's and V's rows are per-user embedding rows. A batch of items looks up once the
 * rows of the users who rated any of them and runs dense products over those users:
 * (items × users)·(users × hidden) to encode, its transpose to decode. The loss
 * masks what nobody rated, so it and its gradients are those of the per-item sums,
 * and only those users' rows move (lazily, like any embedding row).
 */
import * as tf from '@tensorflow/tfjs';
import { EmbeddingTable } from './embedding.ts';
import { matMul } from './layers.ts';
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

  /** Column of each user in the current batch (−1: none); reset after every batch. */
  const column = new Int32Array(data.nUsers).fill(-1);

  /**
   * The users who rated any of `items` (in first-seen order), and the items' ratings
   * over them: ratings and a 1/0 mask (items × users), and per user how many of the
   * items they rated.
   */
  const itemVectors = (items: Int32Array) => {
    const users: number[] = [];
    for (const i of items) {
      for (let p = start[i]; p < start[i + 1]; p++) {
        const u = raters[p];
        if (column[u] < 0) column[u] = users.push(u) - 1;
      }
    }
    // Items nobody rated still encode (to σ(b)): one all-zero column keeps the products non-empty.
    if (users.length === 0) users.push(0);
    const n = users.length;
    const r = new Float32Array(items.length * n);
    const mask = new Float32Array(items.length * n);
    const count = new Float32Array(n);
    items.forEach((i, b) => {
      for (let p = start[i]; p < start[i + 1]; p++) {
        const c = column[raters[p]];
        r[b * n + c] = rated[p];
        mask[b * n + c] = 1;
        count[c]++;
      }
    });
    for (const u of users) column[u] = -1;
    return { users: Int32Array.from(users), r, mask, count };
  };

  /** h = σ(R·W + b): the items' codes from their ratings (items × users) and the users' encoder rows. */
  const encode = (r: tf.Tensor2D, wRows: tf.Tensor2D): tf.Tensor2D => tf.sigmoid(tf.add<tf.Tensor2D>(matMul(r, wRows), encBias.variable));

  return {
    tables: [enc, dec, decBias],
    dense: [encBias],
    examples: trainedItems.length,
    // Pairs come sorted by item: a chunk of 4096 encodes each of its few hundred items once.
    predictChunk: 4096,
    trainBatch: (examples) => {
      const items = Int32Array.from(examples, (e) => trainedItems[e]);
      const v = itemVectors(items);
      const n = v.users.length;
      return {
        size: examples.length,
        lookups: [
          { table: enc, index: v.users },
          { table: dec, index: v.users },
          { table: decBias, index: v.users },
        ],
        inputs: [tf.tensor2d(v.r, [items.length, n]), tf.tensor2d(v.mask, [items.length, n]), tf.tensor2d(v.count, [n, 1])],
      };
    },
    loss: (rows, batch) => {
      const [wRows, vRows, cRows] = rows;
      const [r, mask, count] = batch.inputs as tf.Tensor2D[];
      const out = tf.add(matMul(encode(r, wRows), tf.transpose(vRows)), tf.reshape(cRows, [1, -1]));
      const sse = tf.sum(tf.mul(tf.square(tf.sub(out, r)), mask));
      // L2 on the rows of real raters, once per item they rated.
      const sq = (x: tf.Tensor2D) => tf.sum(tf.mul(tf.sum(tf.square(x), 1, true), count));
      const penalty = tf.addN([sq(wRows), sq(vRows), sq(cRows)]).mul(l2 / batch.size);
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
        lookups: [
          { table: enc, index: v.users },
          { table: dec, index: user },
          { table: decBias, index: user },
        ],
        inputs: [tf.tensor2d(v.r, [distinct.length, v.users.length]), pairSlot],
      };
    },
    predict: (rows, batch: Batch) => {
      const [wRows, vRows, cRows] = rows;
      const [r, pairSlot] = batch.inputs as [tf.Tensor2D, tf.Tensor1D];
      const h = tf.gather(encode(r, wRows), pairSlot) as tf.Tensor2D;
      return tf.sum(tf.mul(vRows, h), 1).add(cRows.reshape([-1])) as tf.Tensor1D;
    },
  };
};
