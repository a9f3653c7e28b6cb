import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { lstmReads, type Steps } from './recurrence.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const b = 3;
const t = 4;
const d = 2;
const f = 2;
const units = 3;
const rng = createRng(11);
const normal = (shape: [number, number], std = 0.5) => tf.tensor2d(Float32Array.from({ length: shape[0] * shape[1] }, () => rng.normal(0, std)), shape);

/** The same cell through plain ops, autograd's gradient: what the hand-written pass must reproduce. */
function reference(xs: tf.Tensor2D[], w: tf.Tensor2D, steps: Steps): tf.Tensor2D {
  const [wi, wf, wg, wo] = tf.split(w, 4, 1);
  let h = tf.zeros([b, units]) as tf.Tensor2D;
  let c = h;
  let r = h;
  const reads: tf.Tensor2D[] = [];
  xs.forEach((x, s) => {
    reads.push(r);
    const xh = tf.concat([x, steps.feats[s], h], 1);
    c = tf.add(tf.mul(tf.sigmoid(tf.matMul(xh, wf)), c), tf.mul(tf.sigmoid(tf.matMul(xh, wi)), tf.tanh(tf.matMul(xh, wg))));
    h = tf.mul(tf.sigmoid(tf.matMul(xh, wo)), tf.tanh(c));
    r = tf.add(r, tf.mul(steps.advance[s], tf.sub(h, r)));
  });
  return steps.read === 'each' ? tf.concat(reads, 0) : r;
}

const close = (a: tf.Tensor, e: tf.Tensor) => {
  const [x, y] = [a.dataSync(), e.dataSync()];
  expect(a.shape).toEqual(e.shape);
  for (let k = 0; k < x.length; k++) expect(x[k]).toBeCloseTo(y[k], 5);
};

describe('lstmReads', () => {
  const xs = Array.from({ length: t }, () => normal([b, d]));
  const w = normal([d + f + units, 4 * units]);
  const feats = Array.from({ length: t }, () => normal([b, f]));
  // Sequence 0 advances every step, 1 has a tie after step 1, 2 is padding after step 1.
  const flags = [
    [1, 1, 1, 1],
    [1, 0, 1, 1],
    [1, 0, 0, 0],
  ];
  const advance = Array.from({ length: t }, (_, s) => tf.tensor2d(flags.map((q) => q[s]), [b, 1]));

  for (const read of ['each', 'last'] as const) {
    it(`reads (${read}) and their gradients match autograd through the same cell`, () => {
      const steps: Steps = { feats, advance, read };
      const rows = read === 'each' ? t * b : b;
      // A fixed random weighting of the reads, so every read's gradient counts.
      const weight = normal([rows, units]);
      // Reads before each step never see the last step's input: 0·Σx keeps autograd from refusing it.
      const loss =
        (fn: typeof lstmReads) =>
        (...v: tf.Tensor[]) =>
          tf.add(tf.sum(tf.mul(fn(v.slice(0, t) as tf.Tensor2D[], v[t] as tf.Tensor2D, steps), weight)), tf.mul(tf.sum(v[t - 1]), 0));
      close(lstmReads(xs, w, steps), reference(xs, w, steps));
      const ours = tf.grads(loss(lstmReads))([...xs, w]);
      const theirs = tf.grads(loss(reference))([...xs, w]);
      ours.forEach((g, k) => close(g, theirs[k]));
      expect(Math.max(...ours.map((g) => tf.max(tf.abs(g)).dataSync()[0]))).toBeGreaterThan(0);
    });
  }

  it('leaves the read state where it was across a tie and after padding', () => {
    const last = lstmReads(xs, w, { feats, advance, read: 'last' }).arraySync();
    const each = lstmReads(xs, w, { feats, advance, read: 'each' }).arraySync();
    // Sequence 2 reads only step 0: its last read equals the read before step 1 (row 1·b + 2).
    expect(last[2]).toEqual(each[1 * b + 2]);
    // Sequence 1's tie: before step 2 it still reads step 0's state, as before step 1.
    expect(each[2 * b + 1]).toEqual(each[1 * b + 1]);
    expect(each[0]).toEqual([0, 0, 0]);
  });
});
