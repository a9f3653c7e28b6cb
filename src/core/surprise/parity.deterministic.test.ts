/**
 * Parity with Surprise 1.1.4 on MovieLens-100k: every deterministic algorithm, on
 * Surprise's five KFold folds, reproduces Surprise's per-fold RMSE and MAE to 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { mae, rmse } from '../metrics.ts';
import type { FlatParams } from '../registry/index.ts';
import {
  loadMl100k,
  ml100kAnchorFolds,
  ml100kAvailable,
  ml100kFold,
  ml100kKfoldOrder,
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
