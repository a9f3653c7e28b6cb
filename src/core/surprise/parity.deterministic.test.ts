/**
 * Parity with Surprise 1.1.4 on MovieLens-100k: every deterministic algorithm, on
 * Surprise's five KFold folds, reproduces Surprise's per-fold RMSE and MAE to 1e-9,
 * and on the 80/20 split each single prediction and its impossible flag.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mae, rmse } from '../metrics.ts';
import type { RatingsTable } from '../ratings.ts';
import type { FlatParams } from '../registry/index.ts';
import {
  ANCHORS_DIR,
  loadMl100k,
  ml100kAnchorFolds,
  ml100kAvailable,
  ml100kFold,
  ml100kKfoldOrder,
  readUDataFile,
} from '../testing/ml100k.ts';
import { createAlgorithm } from './index.ts';
import { buildTestset, buildTrainset, type Testset, type Trainset } from './trainset.ts';

/** Anchor name → registry id and params. */
const CASES: Record<string, { id: string; params: FlatParams }> = {
  BaselineOnly: { id: 'BaselineOnly', params: {} },
  KNNBasic: { id: 'KNNBasic', params: {} },
  KNNWithMeans: { id: 'KNNWithMeans', params: {} },
  KNNWithZScore: { id: 'KNNWithZScore', params: {} },
  KNNBaseline: { id: 'KNNBaseline', params: {} },
  KNNBasic_item_cosine: { id: 'KNNBasic', params: { 'sim_options.name': 'cosine', 'sim_options.user_based': false } },
  KNNBaseline_item_pearson_baseline: {
    id: 'KNNBaseline',
    params: { 'sim_options.name': 'pearson_baseline', 'sim_options.user_based': false },
  },
  SlopeOne: { id: 'SlopeOne', params: {} },
};

describe.runIf(ml100kAvailable())('Surprise parity on MovieLens-100k (deterministic algorithms)', () => {
  const anchors = ml100kAnchorFolds();
  const folds: { ts: Trainset; test: Testset }[] = [];
  const fold = (f: number) => {
    if (!folds.length) {
      const table = loadMl100k();
      const order = ml100kKfoldOrder();
      for (let k = 0; k < 5; k++) {
        const { train, test } = ml100kFold(order, k);
        const ts = buildTrainset(table, train, { min: 1, max: 5 });
        folds.push({ ts, test: buildTestset(table, test, ts) });
      }
    }
    return folds[f];
  };

  for (const [name, { id, params }] of Object.entries(CASES)) {
    it(`${name}: per-fold RMSE and MAE equal Surprise's to 1e-9`, () => {
      const expected = anchors.filter((a) => a.algo === name);
      expect(expected).toHaveLength(5);
      for (const a of expected) {
        const { ts, test } = fold(a.fold);
        const { est } = createAlgorithm(id, params, 0).fit(ts).test(test);
        expect(Math.abs(rmse(est, test.r) - a.rmse), `${name} fold ${a.fold} RMSE`).toBeLessThan(1e-9);
        expect(Math.abs(mae(est, test.r) - a.mae), `${name} fold ${a.fold} MAE`).toBeLessThan(1e-9);
      }
    });
  }
});

/** `b`'s rows appended to `a`'s, with b's raw ids mapped into a's dictionaries. */
function concatTables(a: RatingsTable, b: RatingsTable): RatingsTable {
  const merge = (ids: string[], more: string[]): { ids: string[]; map: Int32Array } => {
    const index = new Map(ids.map((id, k) => [id, k]));
    const out = [...ids];
    const map = Int32Array.from(more, (id) => index.get(id) ?? (index.set(id, out.length), out.push(id) - 1));
    return { ids: out, map };
  };
  const users = merge(a.userIds, b.userIds);
  const items = merge(a.itemIds, b.itemIds);
  const cat = <T extends Int32Array | Float32Array | Float64Array>(x: T, y: T, make: (n: number) => T): T => {
    const out = make(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    user: cat(a.user, b.user.map((u) => users.map[u]), (n) => new Int32Array(n)),
    item: cat(a.item, b.item.map((i) => items.map[i]), (n) => new Int32Array(n)),
    rating: cat(a.rating, b.rating, (n) => new Float32Array(n)),
    time: cat(a.time, b.time, (n) => new Float64Array(n)),
    verified: null,
    userIds: users.ids,
    itemIds: items.ids,
  };
}

describe.runIf(ml100kAvailable())('Surprise parity on the 80/20 split, prediction by prediction', () => {
  const train = readUDataFile(`${ANCHORS_DIR}ml100k_split80_20.train.tsv`);
  const table = concatTables(train, readUDataFile(`${ANCHORS_DIR}ml100k_split80_20.test.tsv`));
  const nTrain = train.rating.length;
  const ts = buildTrainset(table, Int32Array.from({ length: nTrain }, (_, k) => k), { min: 1, max: 5 });
  const test = buildTestset(table, Int32Array.from({ length: table.rating.length - nTrain }, (_, k) => nTrain + k), ts);
  const [header, ...lines] = readFileSync(`${ANCHORS_DIR}ml100k_split80_20_test_predictions.csv`, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const rows = lines.map((l) => l.split(',').map(Number));

  for (const [name, { id, params }] of Object.entries(CASES)) {
    it(`${name}: every estimate within 1e-9 of Surprise's, the same ones impossible`, () => {
      const estCol = columns.indexOf(`est_${name}`);
      const impCol = columns.indexOf(`impossible_${name}`);
      expect(rows).toHaveLength(test.r.length);
      const algo = createAlgorithm(id, params, 0).fit(ts);
      let worst = 0;
      rows.forEach((row, k) => {
        const p = algo.predict(test.u[k], test.i[k]);
        worst = Math.max(worst, Math.abs(p.est - row[estCol]));
        expect(p.impossible, `${name} test pair ${k}`).toBe(row[impCol] === 1);
      });
      expect(worst).toBeLessThan(1e-9);
    });
  }
});
