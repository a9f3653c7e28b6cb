import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Visitor } from '../core/estimator/types.ts';
import { ALGORITHMS, findAlgorithm, resolveParams, type FlatParams } from '../core/registry/index.ts';
import { userScores } from '../core/recommend.ts';
import { gaussJordan } from '../core/testing/gaussJordan.ts';
import { syntheticTable } from '../core/testing/synthetic.ts';
import { tfjsEstimator } from './estimator.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const table = syntheticTable(5, 40, 30, 0.5);
const all = Int32Array.from(table.rating.keys());
const scale = { min: 1, max: 5 };
const K = 3;
const L2 = 0.03;

function fit(algo: string, extra: FlatParams = {}) {
  const params = resolveParams(findAlgorithm(algo), { factors: K, l2: L2, epochs: 5, batch_size: 64, patience: 0, lr_patience: 0, ...extra });
  return tfjsEstimator.fit({ table, train: all, algo, params, seed: 2, scale });
}

/** The saved weights by table name (user_factors, item_factors, user_bias, item_bias). */
async function tables(model: Awaited<ReturnType<typeof fit>>): Promise<Map<string, Float32Array>> {
  const art = (await model.save()).payload as tf.io.ModelArtifacts;
  const weights = tf.io.CompositeArrayBuffer.join(art.weightData);
  const out = new Map<string, Float32Array>();
  let off = 0;
  for (const s of art.weightSpecs!) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    out.set(s.name.replace('table/', ''), new Float32Array(weights.slice(off, off + 4 * n)));
    off += 4 * n;
  }
  return out;
}

function ratingsOf(u: number): Visitor {
  const rows = all.filter((r) => table.user[r] === u);
  return { item: Int32Array.from(rows, (r) => table.item[r]), rating: Float32Array.from(rows, (r) => table.rating[r]) };
}

interface Head {
  algo: string;
  extra?: FlatParams;
  bias: boolean;
  /** Prediction from the linear part (q·p + b + b_i, plus μ for the plain bias head). */
  link(raw: number): number;
  inverse(pred: number): number;
  mean?: boolean;
  nonNegative?: boolean;
}

const logit = (p: number) => Math.log(p / (1 - p));
const HEADS: Head[] = [
  { algo: 'MF', bias: false, link: (x) => x, inverse: (y) => y },
  { algo: 'SigmoidMF', bias: false, link: (x) => 1 + 4 / (1 + Math.exp(-x)), inverse: (y) => logit((y - 1) / 4) },
  { algo: 'BiasMF', bias: true, mean: true, link: (x) => x, inverse: (y) => y },
  { algo: 'BiasMF', extra: { sigmoid_range: true }, bias: true, link: (x) => 0.5 + 5 / (1 + Math.exp(-x)), inverse: (y) => logit((y - 0.5) / 5) },
  { algo: 'NNMF', bias: false, nonNegative: true, link: (x) => x, inverse: (y) => y },
];

describe('fold-in of the TensorFlow.js factor models', () => {
  it('is offered by the MF family only', async () => {
    const offered: string[] = [];
    for (const spec of ALGORITHMS.filter((a) => a.family === 'deep-mf' || a.id === 'NN' || a.id === 'GMF')) {
      const model = await fit(spec.id, { epochs: 1 });
      if (model.foldIn) offered.push(spec.id);
      model.dispose();
    }
    expect(offered).toEqual(['MF', 'SigmoidMF', 'BiasMF', 'NNMF']);
  });

  for (const head of HEADS) {
    it(`${head.algo}${head.extra ? ' ' + JSON.stringify(head.extra) : ''}: solves the loss's own per-user problem, at least as well as the trained user row`, async () => {
      const model = await fit(head.algo, head.extra);
      const w = await tables(model);
      const Q = w.get('item_factors')!;
      const bi = w.get('item_bias');
      const mu = head.mean ? table.rating.reduce((s, r) => s + r, 0) / table.rating.length : 0;
      const dims = K + (head.bias ? 1 : 0);
      const predict = (x: number[], i: number) => {
        let raw = (head.bias ? x[K] + bi![i] : 0) + mu;
        for (let f = 0; f < K; f++) raw += Q[i * K + f] * x[f];
        return head.link(raw);
      };
      const u = 7;
      const mine = ratingsOf(u);
      // The per-user part of the training loss: Σ err² + n·l2·(‖p‖² + b²).
      const objective = (x: number[]) => {
        let loss = 0;
        mine.item.forEach((i, k) => (loss += (mine.rating[k] - predict(x, i)) ** 2));
        return loss + mine.item.length * L2 * x.reduce((s, v) => s + v * v, 0);
      };
      const trained = Array.from(w.get('user_factors')!.subarray(u * K, u * K + K) as Float32Array, Number);
      if (head.bias) trained.push(w.get('user_bias')![u]);
      // The test's prediction formula is the model's own.
      const modelScores = await userScores(model, table, u);
      modelScores.forEach((s, i) => expect(predict(trained, i)).toBeCloseTo(s, 4));

      // Recover the folded user from its scores (least squares of the link's inverse over every item).
      const scores = await model.foldIn!(mine);
      const a = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
      const b = new Array<number>(dims).fill(0);
      scores.forEach((s, i) => {
        const z = [...Q.subarray(i * K, i * K + K), ...(head.bias ? [1] : [])];
        const y = head.inverse(s) - mu - (head.bias ? bi![i] : 0);
        for (let r = 0; r < dims; r++) {
          b[r] += z[r] * y;
          for (let c = 0; c < dims; c++) a[r][c] += z[r] * z[c];
        }
      });
      const folded = gaussJordan(a, b);
      scores.forEach((s, i) => expect(predict(folded, i)).toBeCloseTo(s, 6));

      const best = objective(folded);
      expect(best).toBeLessThanOrEqual(objective(trained) + 1e-9);
      for (let f = 0; f < dims; f++) {
        for (const h of [1e-3, -1e-3]) {
          const moved = folded.slice();
          moved[f] += h;
          if (head.nonNegative && moved[f] < 0) continue;
          expect(objective(moved)).toBeGreaterThanOrEqual(best - 1e-9);
        }
      }
      if (head.nonNegative) expect(Math.min(...folded.slice(0, K))).toBeGreaterThanOrEqual(-1e-9);
      model.dispose();
    });
  }
});
