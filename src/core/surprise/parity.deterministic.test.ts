/**
 * Parity with Surprise 1.1.4 on MovieLens-100k: every deterministic algorithm, on
 * Surprise's five KFold folds, reproduces Surprise's per-fold RMSE and MAE to 1e-9,
 * and on the 80/20 split each single prediction and its impossible flag.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mae, rmse } from '../metrics.ts';
import type { FlatParams } from '../registry/index.ts';
import { ANCHORS_DIR, ml100kAnchorFolds, ml100kAvailable, ml100kFolds, ml100kSplit80 } from '../testing/ml100k.ts';
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
  let folds: { ts: Trainset; test: Testset }[] | undefined;
  const fold = (f: number) => (folds ??= ml100kFolds())[f];

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

describe.runIf(ml100kAvailable())('Surprise parity on the 80/20 split, prediction by prediction', () => {
  const { table, split } = ml100kSplit80();
  const ts = buildTrainset(table, split.train, { min: 1, max: 5 });
  const test = buildTestset(table, split.test, ts);
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
