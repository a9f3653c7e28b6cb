/**
 * The matrix-factorisation family: MF (p·q), SigmoidMF (σ(p·q) scaled to the rating
 * range), BiasMF (p·q + b_u + b_i + μ, optionally through a sigmoid range) and NNMF
 * (non-negative embeddings, projected after every update). Trained on MSE plus an L2
 * penalty on the rows each batch read.
 */
import * as tf from '@tensorflow/tfjs';
import { foldInUser } from '../core/foldIn.ts';
import { type PairTables, pairBatch, ratingRows, rowPenalty } from './batches.ts';
import { type EmbeddingInit, EmbeddingTable } from './embedding.ts';
import type { Batch, LossAndGrads, Model, ModelBuilder, ModelContext } from './model.ts';

type Head = 'dot' | 'sigmoid' | 'bias' | 'nonneg';

function init(ctx: ModelContext): EmbeddingInit {
  return ctx.params.init === 'uniform'
    ? { kind: 'uniform', low: 0, high: 0.05 }
    : { kind: 'normal', std: ctx.params.init_std as number };
}

function mfModel(head: Head): ModelBuilder {
  return (ctx) => {
    const { data, params, optimizer, rng, mean } = ctx;
    const d = params.factors as number;
    const l2 = params.l2 as number;
    const nonNeg = head === 'nonneg';
    // Non-negative factors start uniform with E[p·q] = μ, so the fit starts at the mean.
    const start: EmbeddingInit = nonNeg ? { kind: 'uniform', low: 0, high: Math.sqrt((4 * mean) / d) } : init(ctx);
    const p = new EmbeddingTable('user_factors', data.nUsers, d, optimizer, start, rng, nonNeg);
    const q = new EmbeddingTable('item_factors', data.nItems, d, optimizer, start, rng, nonNeg);
    const tables: PairTables = { user: [p], item: [q] };
    if (head === 'bias') {
      tables.user.push(new EmbeddingTable('user_bias', data.nUsers, 1, optimizer, { kind: 'constant', value: 0 }, rng));
      tables.item.push(new EmbeddingTable('item_bias', data.nItems, 1, optimizer, { kind: 'constant', value: 0 }, rng));
    }
    const lo = data.ratingMin;
    const hi = data.ratingMax;
    // fastai's sigmoid_range: half a star beyond the scale, so the ends are reachable.
    const sigmoidRange = head === 'bias' && params.sigmoid_range === true;

    const forward = (rows: tf.Tensor2D[]): tf.Tensor1D => {
      // Rows come user tables first (factors, bias), then item tables; bias rows are (batch, 1).
      const [pu, bu] = rows.slice(0, tables.user.length);
      const [qi, bi] = rows.slice(tables.user.length);
      const dot = tf.sum<tf.Tensor1D>(tf.mul(pu, qi), 1);
      switch (head) {
        case 'sigmoid':
          return tf.sigmoid(dot).mul(hi - lo).add(lo);
        case 'bias': {
          const raw = dot.add(tf.reshape(bu, [-1])).add(tf.reshape(bi, [-1]));
          return sigmoidRange ? tf.sigmoid(raw).mul(hi - lo + 1).add(lo - 0.5) : raw.add(mean);
        }
        default:
          return dot;
      }
    };

    // The link from the raw score to the rating, and its slope: for the written-out gradient.
    const linkSpan = head === 'sigmoid' ? hi - lo : sigmoidRange ? hi - lo + 1 : 0;
    const linkBase = head === 'sigmoid' ? lo : sigmoidRange ? lo - 0.5 : head === 'bias' ? mean : 0;
    const grads: Float32Array[] = [];

    /**
     * `loss` written out: MSE over the batch plus l2/B · Σ‖row‖² over every row read, and
     * its gradient. Per pair k, with e = pred − r and pred = link(raw):
     * ∂/∂p_u = (2e/B)·link′·q_i + (2·l2/B)·p_u, and alike for q_i and the biases.
     */
    const lossAndGrads = (rows: Float32Array[], batch: Batch): LossAndGrads => {
      const [pu, bu] = rows.slice(0, tables.user.length);
      const [qi, bi] = rows.slice(tables.user.length);
      rows.forEach((r, k) => {
        if (!grads[k] || grads[k].length < r.length) grads[k] = new Float32Array(r.length);
      });
      const [gp, gbu] = grads.slice(0, tables.user.length).map((g, k) => g.subarray(0, rows[k].length));
      const [gq, gbi] = grads.slice(tables.user.length).map((g, k) => g.subarray(0, rows[tables.user.length + k].length));
      const r = batch.targets!;
      const n = batch.size;
      const decay = (2 * l2) / n;
      let squared = 0;
      let norms = 0;
      for (let k = 0, o = 0; k < n; k++, o += d) {
        let raw = 0;
        for (let j = 0; j < d; j++) raw += pu[o + j] * qi[o + j];
        if (bu) raw += bu[k] + bi[k];
        let pred = raw + linkBase;
        let slope = 1;
        if (linkSpan) {
          const s = 1 / (1 + Math.exp(-raw));
          pred = linkBase + linkSpan * s;
          slope = linkSpan * s * (1 - s);
        }
        const e = pred - r[k];
        squared += e * e;
        const g = ((2 * e) / n) * slope;
        for (let j = 0; j < d; j++) {
          const p = pu[o + j];
          const q = qi[o + j];
          norms += p * p + q * q;
          gp[o + j] = g * q + decay * p;
          gq[o + j] = g * p + decay * q;
        }
        if (bu) {
          norms += bu[k] * bu[k] + bi[k] * bi[k];
          gbu[k] = g + decay * bu[k];
          gbi[k] = g + decay * bi[k];
        }
      }
      return { loss: squared / n + (l2 * norms) / n, grads: [gp, gbu, gq, gbi].filter((g) => g !== undefined) };
    };

    const model: Model = {
      tables: [...tables.user, ...tables.item],
      dense: [],
      examples: data.rating.length,
      trainBatch: (examples) => ratingRows(tables, data, examples),
      loss: (rows, batch) =>
        tf.losses.meanSquaredError(tf.tensor1d(batch.targets!), forward(rows)).add(rowPenalty(rows, l2, batch.size)) as tf.Scalar,
      lossAndGrads,
      pairBatch: (user, item) => pairBatch(tables, user, item),
      predict: (rows) => forward(rows),
      foldIn: (item, rating) => {
        // The loss's penalty is l2 per example on every row it reads: n·l2 on a user with n ratings.
        const bias = head === 'bias' ? tables.item[1] : null;
        const itemBias = bias ? bias.gather(item) : null;
        const link = head === 'sigmoid' ? { low: lo, span: hi - lo } : sigmoidRange ? { low: lo - 0.5, span: hi - lo + 1 } : undefined;
        const offset = head === 'bias' && !sigmoidRange ? mean : 0;
        const user = foldInUser({
          factors: q.gather(item),
          k: d,
          items: Int32Array.from(item.keys()),
          ratings: rating,
          offsets: Float64Array.from(item, (_, j) => offset + (itemBias ? itemBias[j] : 0)),
          reg: l2,
          regBias: bias ? l2 : null,
          nonNegative: nonNeg,
          sigmoid: link,
        });
        const out = q.dotAll(user.p, new Float64Array(data.nItems));
        const bi = bias?.dotAll([1], new Float64Array(data.nItems));
        for (let i = 0; i < out.length; i++) {
          const raw = out[i] + user.bias + (bi ? bi[i] : 0) + offset;
          out[i] = link ? link.low + link.span / (1 + Math.exp(-raw)) : raw;
        }
        return out;
      },
    };
    return model;
  };
}

export const mfBuilders: Record<string, ModelBuilder> = {
  MF: mfModel('dot'),
  SigmoidMF: mfModel('sigmoid'),
  BiasMF: mfModel('bias'),
  NNMF: mfModel('nonneg'),
};
