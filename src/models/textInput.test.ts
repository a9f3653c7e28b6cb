import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictRows } from '../core/estimator/predict.ts';
import type { SavedModel } from '../core/estimator/types.ts';
import { findAlgorithm, resolveParams, type FlatParams } from '../core/registry/index.ts';
import { createRng } from '../core/rng.ts';
import { reviewTexts, tinyTable, type Triple } from '../core/testing/tiny.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { foldTrainData, tfjsEstimator } from './estimator.ts';

/** The table with row k's review text set to texts[k]. */
const withReviews = (table: RatingsTable, texts: string[]): RatingsTable => ({ ...table, reviews: reviewTexts(texts) });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 40 items rated by 20 users, titled "good …" or "bad …" by their ratings. */
function titled() {
  const rng = createRng(9);
  const rows: Triple[] = [];
  for (let k = 0; k < 300; k++) {
    const i = rng.int(40);
    rows.push([`u${rng.int(20)}`, `i${i}`, i % 2 ? 1 + rng.int(2) : 4 + rng.int(2)]);
  }
  const table = tinyTable(rows);
  const titles = table.itemIds.map((id) => `${Number(id.slice(1)) % 2 ? 'bad' : 'good'} album ${id}`);
  const all = Int32Array.from(table.rating.keys());
  return { table, train: all.filter((r) => r % 5 !== 0), test: all.filter((r) => r % 5 === 0), itemText: { titles } };
}

const data = titled();
const params = (algo: string, extra: FlatParams = {}) =>
  resolveParams(findAlgorithm(algo), { factors: 8, epochs: 2, batch_size: 32, patience: 0, lr_patience: 0, text: 'titles', text_dim: 8, ...extra });
/** Fit on `data` with its titles, or with `itemText` in their place (null: none at all). */
const fit = (algo: string, extra: FlatParams = {}, itemText: { titles: string[] } | null = data.itemText) =>
  tfjsEstimator.fit({ table: data.table, train: data.train, algo, params: params(algo, extra), seed: 4, scale: { min: 1, max: 5 }, ...(itemText ? { itemText } : {}) });

/** The saved model with its item text vectors replaced by `f(values)`. */
function withFeatures(saved: SavedModel, f: (v: Float32Array, dim: number) => void): SavedModel {
  const art = structuredClone(saved.payload) as tf.io.ModelArtifacts;
  const weights = tf.io.CompositeArrayBuffer.join(art.weightData);
  let off = 0;
  for (const spec of art.weightSpecs!) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.name === 'features/item') f(new Float32Array(weights, off, n), spec.shape[1]);
    off += 4 * n;
  }
  return { ...saved, payload: { ...art, weightData: weights } };
}

describe('item text as a model input', () => {
  for (const algo of ['MLP', 'NeuMF']) {
    it(`${algo}: the title vectors feed the MLP tower, are saved with the model, and move its predictions`, async () => {
      const model = await fit(algo);
      const saved = await model.save();
      const specs = (saved.payload as tf.io.ModelArtifacts).weightSpecs!;
      // [p_u, q_i] (8 + 8) and the 8-wide text vector into the first Dense layer.
      expect(specs.find((w) => w.name === 'dense/mlp_0/kernel')!.shape).toEqual([8 + 8 + 8, 64]);
      expect(specs.find((w) => w.name === 'features/item')!.shape).toEqual([data.table.itemIds.length, 8]);
      const before = await predictRows(model, data.table, data.test);
      model.dispose();

      const loaded = await tfjsEstimator.load(structuredClone(saved), data.table);
      expect(await predictRows(loaded, data.table, data.test)).toEqual(before);
      loaded.dispose();
      // Zero text vectors: the same weights predict otherwise.
      const blank = await tfjsEstimator.load(withFeatures(saved, (v) => v.fill(0)), data.table);
      expect((await predictRows(blank, data.table, data.test)).est).not.toEqual(before.est);
      blank.dispose();
      // Without the switch, no text input at all.
      const plain = await fit(algo, { text: 'none' });
      const plainSpecs = ((await plain.save()).payload as tf.io.ModelArtifacts).weightSpecs!;
      expect(plainSpecs.find((w) => w.name === 'dense/mlp_0/kernel')!.shape).toEqual([16, 64]);
      expect(plainSpecs.some((w) => w.name === 'features/item')).toBe(false);
      plain.dispose();
    });
  }

  it("reads review text of the rows it learns from only: the test and validation rows' reviews change nothing", async () => {
    const extra = { text: 'reviews', patience: 1 };
    const { learn } = foldTrainData(data.table, { train: data.train, test: new Int32Array(0) }, params('MLP', extra), 4, { min: 1, max: 5 });
    expect(learn.length).toBeLessThan(data.train.length);
    const learns = new Uint8Array(data.table.rating.length);
    for (const r of learn) learns[r] = 1;
    const texts = Array.from(data.table.rating, (r, k) => `${r > 3 ? 'lovely' : 'awful'} record number ${k % 7}`);
    const itemVectors = async (t: string[]) => {
      const model = await tfjsEstimator.fit({ table: withReviews(data.table, t), train: data.train, algo: 'MLP', params: params('MLP', extra), seed: 4, scale: { min: 1, max: 5 } });
      const saved = await model.save();
      model.dispose();
      let got: number[] = [];
      withFeatures(saved, (v) => (got = Array.from(v)));
      return got;
    };
    const base = await itemVectors(texts);
    expect(base.some((v) => v !== 0)).toBe(true);
    // A word planted in every test and validation row's review: the vectors stay bit for bit.
    expect(await itemVectors(texts.map((t, k) => (learns[k] ? t : `${t} zzplanted`)))).toEqual(base);
    // Planted in one row it learns from, they move.
    expect(await itemVectors(texts.map((t, k) => (k === learn[0] ? `${t} zzplanted` : t)))).not.toEqual(base);
  });

  it('says what is missing when a model asks for titles the data has not', async () => {
    await expect(fit('MLP', {}, null)).rejects.toThrow('MLP with text input (text=titles) needs item titles: attach item metadata to the dataset (on the command line: --meta FILE).');
    await expect(fit('MLP', {}, { titles: data.table.itemIds.map(() => '') })).rejects.toThrow('needs item titles');
  });
});
