/**
 * Embedding + dense-layer models: NN (user and item embeddings concatenated → Dense
 * 64 ReLU → Dense 32 ReLU → 1), and neural collaborative filtering's GMF (p ⊙ q → 1),
 * MLP (concatenation → 64 → 32 → 16 → 1) and NeuMF (both, fused in one output layer).
 * Explicit ratings train on MSE; implicit feedback (every rating a positive) on
 * logistic, BPR or hinge loss against seeded sampled negatives.
 */
import * as tf from '@tensorflow/tfjs';
import { pick } from '../core/pick.ts';
import { readsText } from '../core/text/itemText.ts';
import { type PairTables, pairBatch, pairLookups, ratingBatch, rowPenalty } from './batches.ts';
import { EmbeddingTable } from './embedding.ts';
import { type DenseLayer, applyDense, denseLayer, layerParams, tower } from './layers.ts';
import type { Batch, Model, ModelBuilder } from './model.ts';
import { NegativeSampler } from './negatives.ts';

export type NcfLoss = 'mse' | 'logistic' | 'bpr' | 'hinge';

interface Shape {
  gmf: boolean;
  /** Widths of the MLP tower, or null for none. */
  mlp: number[] | null;
}

function ncfModel(shape: Shape): ModelBuilder {
  return ({ data, params, optimizer, rng, mean }) => {
    const d = params.factors as number;
    const l2 = params.l2 as number;
    const dropout = params.dropout as number;
    const loss = (params.loss ?? 'mse') as NcfLoss;
    const k = (params.negatives ?? 1) as number;
    const lo = data.ratingMin;
    const hi = data.ratingMax;
    const init = { kind: 'normal', std: 0.05 } as const;
    const table = (name: string, rows: number) => new EmbeddingTable(name, rows, d, optimizer, init, rng);
    const tables: PairTables = { user: [], item: [] };
    if (shape.gmf) {
      tables.user.push(table('gmf_user', data.nUsers));
      tables.item.push(table('gmf_item', data.nItems));
    }
    if (shape.mlp) {
      tables.user.push(table('mlp_user', data.nUsers));
      tables.item.push(table('mlp_item', data.nItems));
    }
    // The item's text vector joins the MLP tower's input, as the batch's last input.
    const text = shape.mlp && readsText(params) ? data.itemFeatures : undefined;
    if (shape.mlp && readsText(params) && !text) throw new Error('this model reads item text, but no text features were given');
    const layers: DenseLayer[] = (shape.mlp ?? []).map((w, j, ws) => denseLayer(`mlp_${j}`, j ? ws[j - 1] : 2 * d + (text?.dim ?? 0), w, optimizer, rng));
    const headIn = (shape.gmf ? d : 0) + (shape.mlp ? shape.mlp[shape.mlp.length - 1] : 0);
    // Explicit ratings: start the output at the mean rating.
    const head = denseLayer('output', headIn, 1, optimizer, rng, loss === 'mse' ? mean : 0);

    /** The batch with its items' text rows appended as the last input, when the model reads text. */
    const withText = (batch: Batch, item: Int32Array): Batch => {
      if (text) batch.inputs.push(tf.tensor2d(featureRows(text.values, text.dim, item), [item.length, text.dim]));
      return batch;
    };

    /** Scores of the looked-up pairs; seed null when predicting (no dropout). */
    const score = (rows: tf.Tensor2D[], batch: Batch, seed: number | null): tf.Tensor1D => {
      const nUserTables = tables.user.length;
      const users = rows.slice(0, nUserTables);
      const items = rows.slice(nUserTables);
      const parts: tf.Tensor2D[] = [];
      if (shape.gmf) parts.push(tf.mul(users[0], items[0]));
      if (shape.mlp) {
        const j = shape.gmf ? 1 : 0;
        const input = [users[j], items[j], ...(text ? [batch.inputs[batch.inputs.length - 1] as tf.Tensor2D] : [])];
        parts.push(tower(layers, tf.concat(input, 1), dropout, seed));
      }
      const x = parts.length === 1 ? parts[0] : tf.concat(parts, 1);
      return tf.reshape(applyDense(head, x), [-1]);
    };

    const sampler = loss === 'mse' ? null : new NegativeSampler(data);
    /** Positives first, then k blocks of one sampled negative per positive. */
    const implicitBatch = (examples: Int32Array, r: Parameters<Model['trainBatch']>[1]): Batch => {
      const b = examples.length;
      const user = new Int32Array(b * (1 + k));
      const item = new Int32Array(b * (1 + k));
      user.set(pick(data.user, examples));
      item.set(pick(data.item, examples));
      for (let m = 1; m <= k; m++) {
        for (let j = 0; j < b; j++) {
          user[m * b + j] = user[j];
          item[m * b + j] = sampler!.sample(user[j], r);
        }
      }
      return withText({ size: b, lookups: pairLookups(tables, user, item), inputs: [] }, item);
    };

    const trainLoss = (rows: tf.Tensor2D[], batch: Batch, seed: number): tf.Scalar => {
      const s = score(rows, batch, seed);
      const b = batch.size;
      const penalty = rowPenalty(rows, l2, b);
      if (loss === 'mse') return tf.losses.meanSquaredError(batch.inputs[0], s).add(penalty) as tf.Scalar;
      if (loss === 'logistic') {
        const labels = tf.concat([tf.ones([b]), tf.zeros([b * k])]);
        return tf.losses.sigmoidCrossEntropy(labels, s).add(penalty) as tf.Scalar;
      }
      const margin = tf.sub(s.slice(0, b).reshape([1, b]), s.slice(b).reshape([k, b]));
      // BPR: −log σ(margin) = softplus(−margin) (tf.logSigmoid's gradient fails on wasm).
      const pairwise = loss === 'bpr' ? tf.mean(tf.softplus(tf.neg(margin))) : tf.mean(tf.relu(tf.sub(1, margin)));
      return pairwise.add(penalty) as tf.Scalar;
    };

    return {
      tables: [...tables.user, ...tables.item],
      dense: layerParams([...layers, head]),
      examples: data.rating.length,
      trainBatch: (examples, r) => (loss === 'mse' ? withText(ratingBatch(tables, data, examples), pick(data.item, examples)) : implicitBatch(examples, r)),
      loss: trainLoss,
      pairBatch: (user, item) => withText(pairBatch(tables, user, item), item),
      // Implicit scores are preferences, not ratings: squashed onto the scale so they rank and clip like one.
      predict: (rows, batch) => (loss === 'mse' ? score(rows, batch, null) : tf.sigmoid(score(rows, batch, null)).mul(hi - lo).add(lo)),
    };
  };
}

/** Rows `index` of a row-major matrix `width` wide. */
function featureRows(values: Float32Array, width: number, index: Int32Array): Float32Array {
  const out = new Float32Array(index.length * width);
  for (let k = 0; k < index.length; k++) out.set(values.subarray(index[k] * width, (index[k] + 1) * width), k * width);
  return out;
}

export const ncfBuilders: Record<string, ModelBuilder> = {
  NN: ncfModel({ gmf: false, mlp: [64, 32] }),
  GMF: ncfModel({ gmf: true, mlp: null }),
  MLP: ncfModel({ gmf: false, mlp: [64, 32, 16] }),
  NeuMF: ncfModel({ gmf: true, mlp: [64, 32, 16] }),
};
