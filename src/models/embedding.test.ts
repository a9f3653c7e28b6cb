import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRng } from '../core/rng.ts';
import { CHUNK_ROWS, EmbeddingTable, type EmbeddingInit } from './embedding.ts';

/** Buffers the tables handed back early (a no-op in Node 20 itself, so recorded here). */
const released = vi.hoisted(() => new Set<ArrayBufferLike>());
vi.mock('../core/release.ts', () => ({ releaseBuffer: (b: ArrayBufferLike) => released.add(b) }));
import { DenseParam, type OptimizerName, optimizerConfig } from './optimizer.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ROWS = 6;
const DIM = 3;
const target = tf.tensor1d([1, -2, 0.5, 3, 0, 2, -1, 1]);

/** A loss over the rows `index` names: Σ (Σ_j row_j · w_j − target)² with fixed weights. */
const lossOf = (rows: tf.Tensor2D): tf.Scalar =>
  tf.tidy(() => tf.sum(tf.square(tf.sum(rows.mul(tf.tensor1d([0.5, -1, 2])), 1).sub(target.slice(0, rows.shape[0])))));

/**
 * Train the same table two ways: sparse (gather on the JS side, gradient w.r.t. the
 * gathered rows, per-row sums, lazy update) and dense (tf.gather on a tf.Variable,
 * whose gradient is a full-table UnsortedSegmentSum, and the tf optimiser).
 */
async function both(name: OptimizerName, batches: number[][], wd: number, momentum = 0.9) {
  const cfg = optimizerConfig(name, wd, momentum);
  const sparse = new EmbeddingTable('t', ROWS, DIM, cfg, { kind: 'normal', std: 0.5 }, createRng(3));
  const dense = new DenseParam('t', tf.variable(tf.tensor2d(sparse.read(), [ROWS, DIM])), cfg);
  for (const [k, b] of batches.entries()) {
    const index = Int32Array.from(b);
    const info = { lr: 0.05, t: k + 1 };
    const rows = tf.tensor2d(sparse.gather(index), [index.length, DIM]);
    const g = tf.grad((r: tf.Tensor) => lossOf(r as tf.Tensor2D))(rows);
    sparse.accumulate(index, (await g.data()) as Float32Array);
    sparse.step(cfg, info);
    tf.dispose([rows, g]);
    const dg = tf.grad((v: tf.Tensor) => lossOf(tf.gather(v, tf.tensor1d(index, 'int32')) as tf.Tensor2D))(dense.variable);
    dense.update(cfg, info, dg);
    dg.dispose();
  }
  const out = { sparse: Array.from(sparse.read()), dense: Array.from(await dense.variable.data()) };
  dense.dispose();
  return out;
}

describe('sparse embedding updates', () => {
  // Every row in every batch (with repeats): lazy and dense optimisers coincide exactly.
  const everyRow = [
    [0, 1, 2, 3, 4, 5, 2, 2],
    [5, 4, 3, 2, 1, 0, 0, 5],
    [1, 0, 3, 2, 5, 4, 4, 1],
  ];
  for (const name of ['adam', 'adamw', 'sgd', 'adagrad'] as const) {
    it(`${name}: equals the dense update when every row is touched, repeated rows summed`, async () => {
      const { sparse, dense } = await both(name, everyRow, 0.01);
      sparse.forEach((x, k) => expect(x).toBeCloseTo(dense[k], 5));
    });
  }

  it('draws a normal init row by row, one normal() per value in turn (odd dims, non-negative, more rows than one block)', () => {
    for (const [rows, dim, nonNeg] of [[ROWS, DIM, false], [40_000, 3, true]] as const) {
      const t = new EmbeddingTable('t', rows, dim, optimizerConfig('adam', 0, 0), { kind: 'normal', std: 0.1 }, createRng(4), nonNeg);
      const r = createRng(4);
      expect(t.read()).toEqual(Float32Array.from({ length: rows * dim }, () => (nonNeg ? Math.abs(r.normal(0, 0.1)) : r.normal(0, 0.1))));
    }
  });

  it('frees its rows on dispose and refuses to be read afterwards', () => {
    const t = new EmbeddingTable('t', ROWS, DIM, optimizerConfig('adam', 0, 0), { kind: 'normal', std: 0.1 }, createRng(4));
    t.dispose();
    expect(() => t.gather(Int32Array.of(0))).toThrow(/disposed/);
  });

  it('plain SGD equals the dense update on partial batches', async () => {
    const { sparse, dense } = await both('sgd', [[0, 0, 2], [2, 3, 3, 3], [0, 2]], 0, 0);
    sparse.forEach((x, k) => expect(x).toBeCloseTo(dense[k], 5));
  });

  it('row-wise Adagrad: one accumulator per row, G += mean g², x −= lr·g/(√G + ε), untouched rows keep theirs', () => {
    const cfg = optimizerConfig('adagrad', 0, 0);
    const table = new EmbeddingTable('t', 3, 2, cfg, { kind: 'constant', value: 0 }, createRng(3));
    const steps = [
      { index: [0, 2], g: [3, 4, 1, 1] },
      { index: [0], g: [0, 5] },
    ];
    for (const [k, { index, g }] of steps.entries()) {
      table.accumulate(Int32Array.from(index), Float32Array.from(g));
      table.step(cfg, { lr: 0.5, t: k + 1 });
    }
    // Row 0: G = 12.5 then 25; row 2: G = 1; row 1 never touched.
    const row0 = [-0.5 * (3 / Math.sqrt(12.5)), -0.5 * (4 / Math.sqrt(12.5)) - 0.5 * (5 / 5)];
    const expected = [...row0, 0, 0, -0.5, -0.5];
    Array.from(table.read()).forEach((x, k) => expect(x).toBeCloseTo(expected[k], 6));
  });

  it('sums the gradients of repeated rows and leaves untouched rows alone', () => {
    const cfg = optimizerConfig('sgd', 0, 0);
    const table = new EmbeddingTable('t', ROWS, DIM, cfg, { kind: 'normal', std: 0.5 }, createRng(3));
    const before = table.read();
    const index = Int32Array.from([0, 0, 2]);
    table.accumulate(index, new Float32Array(index.length * DIM).fill(1));
    table.step(cfg, { lr: 0.1, t: 1 });
    const moved = [0.2, 0, 0.1, 0, 0, 0];
    const after = table.read();
    for (let r = 0; r < ROWS; r++) {
      for (let j = 0; j < DIM; j++) expect(after[r * DIM + j]).toBeCloseTo(before[r * DIM + j] - moved[r], 6);
    }
  });

  it('sums repeats across many touched rows (the per-step map grows) and starts each step clean', () => {
    // Momentum makes a row's update depend on its summed gradient, not on how it was split.
    const mu = 0.9;
    const cfg = optimizerConfig('sgd', 0, mu);
    const rows = 5000;
    const table = new EmbeddingTable('t', rows, 1, cfg, { kind: 'constant', value: 0 }, createRng(3));
    const rng = createRng(4);
    const x = new Float64Array(rows);
    const buf = new Float64Array(rows);
    for (let step = 1; step <= 2; step++) {
      const index = Int32Array.from({ length: 3000 }, () => rng.int(rows));
      const g = Float32Array.from(index, (_, k) => ((k % 7) - 3) / 4);
      table.accumulate(index.subarray(0, 1000), g.subarray(0, 1000));
      table.accumulate(index.subarray(1000), g.subarray(1000));
      table.step(cfg, { lr: 1, t: step });
      const sums = new Map<number, number>();
      index.forEach((r, k) => sums.set(r, (sums.get(r) ?? 0) + g[k]));
      for (const [r, s] of sums) {
        buf[r] = mu * buf[r] + s;
        x[r] -= buf[r];
      }
    }
    const after = table.read();
    x.forEach((v, r) => expect(after[r]).toBeCloseTo(v, 4));
  });

  describe('a big table starts each row when it is first used', () => {
    const lazy = (init: EmbeddingInit = { kind: 'normal', std: 0.1 }, rows = 1000, dim = 5, nonNeg = false) =>
      new EmbeddingTable('t', rows, dim, optimizerConfig('adam', 0, 0), init, createRng(7), nonNeg, 1);

    it('gives every row the same start in whatever order rows are first used', () => {
      const all = lazy().read();
      const a = lazy();
      const index = Int32Array.from([999, 3, 500, 3, 0]);
      const rows = a.gather(index);
      index.forEach((r, k) => expect(rows.subarray(k * 5, k * 5 + 5)).toEqual(all.subarray(r * 5, r * 5 + 5)));
      expect(a.read()).toEqual(all);
      // Another seed, other values; rows differ from each other.
      const other = new EmbeddingTable('t', 1000, 5, optimizerConfig('adam', 0, 0), { kind: 'normal', std: 0.1 }, createRng(8), false, 1).read();
      expect(other).not.toEqual(all);
      expect(all.subarray(0, 5)).not.toEqual(all.subarray(5, 10));
    });

    it('draws nothing up front: the seed stream moves by one draw (the key), whatever the size', () => {
      const rng = createRng(7);
      new EmbeddingTable('t', 100_000, 8, optimizerConfig('adam', 0, 0), { kind: 'normal', std: 0.1 }, rng, false, 1);
      const fresh = createRng(7);
      fresh.uint32();
      expect(rng.uint32()).toBe(fresh.uint32());
    });

    it('draws normal(0, std), uniform and constant starts, non-negative when asked', () => {
      const values = lazy({ kind: 'normal', std: 0.1 }, 20_000, 7).read();
      const mean = values.reduce((s, x) => s + x, 0) / values.length;
      const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / values.length);
      expect(Math.abs(mean)).toBeLessThan(0.002);
      expect(sd).toBeCloseTo(0.1, 2);
      const u = lazy({ kind: 'uniform', low: -0.5, high: 0.5 }, 2000, 3).read();
      expect(Math.min(...u)).toBeGreaterThanOrEqual(-0.5);
      expect(Math.max(...u)).toBeLessThan(0.5);
      expect(Math.abs(u.reduce((s, x) => s + x, 0) / u.length)).toBeLessThan(0.02);
      expect(Array.from(lazy({ kind: 'constant', value: 0.3 }, 10, 2).read()).every((x) => Math.abs(x - 0.3) < 1e-7)).toBe(true);
      expect(lazy({ kind: 'normal', std: 0.1 }, 2000, 4, true).read().every((x) => x >= 0)).toBe(true);
    });

    it('is eager below the threshold: the same numbers as before', () => {
      const cfg = optimizerConfig('adam', 0, 0);
      const eager = new EmbeddingTable('t', 1000, 5, cfg, { kind: 'normal', std: 0.1 }, createRng(7));
      const r = createRng(7);
      expect(eager.read()).toEqual(Float32Array.from({ length: 5000 }, () => r.normal(0, 0.1)));
    });

    it('trains a row from its start, and a gradient for a row never gathered starts it first', () => {
      const cfg = optimizerConfig('sgd', 0, 0);
      const start = lazy().read();
      const t = lazy({ kind: 'normal', std: 0.1 }, 1000, 5);
      t.accumulate(Int32Array.of(42), new Float32Array(5).fill(1));
      t.step(cfg, { lr: 0.5, t: 1 });
      const after = t.read();
      for (let j = 0; j < 5; j++) expect(after[42 * 5 + j]).toBeCloseTo(start[42 * 5 + j] - 0.5, 6);
      expect(after.subarray(0, 5)).toEqual(start.subarray(0, 5));
    });

    it('takes written values for every row, and scores the whole catalog from started rows', () => {
      const t = lazy();
      const values = Float32Array.from({ length: 5000 }, (_, k) => k / 5000);
      t.write(values);
      expect(t.gather(Int32Array.of(7))).toEqual(values.subarray(35, 40));
      const u = lazy();
      const all = lazy().read();
      const x = [1, 0, 0, 0, 0];
      const out = u.dotAll(x, new Float64Array(1000));
      out.forEach((s, r) => expect(s).toBeCloseTo(all[r * 5], 6));
    });
  });

  describe('rows in chunks, frozen when training ends', () => {
    const rows = 2 * CHUNK_ROWS + 1000;
    const edges = Int32Array.from([0, CHUNK_ROWS - 1, CHUNK_ROWS, 2 * CHUNK_ROWS - 1, 2 * CHUNK_ROWS, rows - 1]);
    const table = (cfg = optimizerConfig('sgd', 0, 0)) => new EmbeddingTable('t', rows, 2, cfg, { kind: 'normal', std: 0.1 }, createRng(5));

    it('reads, writes, gathers and updates rows either side of a chunk edge', () => {
      const cfg = optimizerConfig('sgd', 0, 0);
      const t = table(cfg);
      const r = createRng(5);
      const start = Float32Array.from({ length: rows * 2 }, () => r.normal(0, 0.1));
      expect(t.read()).toEqual(start);
      t.accumulate(edges, new Float32Array(edges.length * 2).fill(1));
      t.step(cfg, { lr: 0.5, t: 1 });
      const after = t.read();
      for (const e of edges) for (let j = 0; j < 2; j++) expect(after[e * 2 + j]).toBeCloseTo(start[e * 2 + j] - 0.5, 6);
      expect(after[2 * 5]).toBe(start[2 * 5]);
      expect(Array.from(t.gather(edges))).toEqual(Array.from(edges).flatMap((e) => [after[e * 2], after[e * 2 + 1]]));
      const values = Float32Array.from({ length: rows * 2 }, (_, k) => k);
      t.write(values);
      expect(t.read()).toEqual(values);
      const dots = t.dotAll([1, 10], new Float64Array(rows));
      for (const e of edges) expect(dots[e]).toBe(values[e * 2] + 10 * values[e * 2 + 1]);
    });

    it('frozen: the same values and predictions without the optimiser slots, freed chunk by chunk; no more training', () => {
      const cfg = optimizerConfig('adam', 0, 0);
      const t = table(cfg);
      t.accumulate(edges, new Float32Array(edges.length * 2).fill(1));
      t.step(cfg, { lr: 0.5, t: 1 });
      const before = t.read();
      const gathered = t.gather(edges);
      released.clear();
      t.freeze();
      expect(released.size).toBe(3); // the three training chunks, values and slots
      expect(t.read()).toEqual(before);
      expect(t.gather(edges)).toEqual(gathered);
      expect(() => t.step(cfg, { lr: 0.5, t: 2 })).toThrow(/frozen/);
    });

    it("hands its chunks of values to a saved model as they are: their concatenation is the table, and dispose leaves them to the saved model", () => {
      const t = table();
      const values = t.read();
      const buffers = t.valueBuffers();
      expect(buffers).toHaveLength(3);
      const joined = new Float32Array(buffers.reduce((n, b) => n + b.byteLength, 0) / 4);
      let at = 0;
      for (const b of buffers) {
        joined.set(new Float32Array(b), at);
        at += b.byteLength / 4;
      }
      expect(joined).toEqual(values);
      released.clear();
      t.dispose();
      expect(released.size).toBe(0);
      const unsaved = table();
      unsaved.dispose();
      expect(released.size).toBe(3);
    });
  });
});
