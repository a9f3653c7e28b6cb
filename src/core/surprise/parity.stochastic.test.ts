/**
 * Parity with Surprise 1.1.4 on MovieLens-100k for the stochastic algorithms. They
 * cannot share NumPy's random stream, so the check is statistical: with seed 0, the
 * mean RMSE over Surprise's five KFold folds is within 0.005 of Surprise's (its
 * random_state=0 run), and SVD on the 80/20 split within 0.01.
 */
import { describe, expect, it } from 'vitest';
import { rmse } from '../metrics.ts';
import { ml100kAnchorFolds, ml100kAvailable, ml100kFolds, ml100kSplit80 } from '../testing/ml100k.ts';
import { createAlgorithm } from './index.ts';
import { buildTestset, buildTrainset } from './trainset.ts';

const SEED = 0;
const ALGORITHMS = ['NormalPredictor', 'SVD', 'SVDpp', 'NMF', 'CoClustering'];

describe.runIf(ml100kAvailable())('Surprise parity on MovieLens-100k (stochastic algorithms)', () => {
  const anchors = ml100kAnchorFolds();
  const folds = ml100kFolds();

  for (const id of ALGORITHMS) {
    it(`${id}: mean RMSE over the 5 folds within 0.005 of Surprise's`, () => {
      const expected = anchors.filter((a) => a.algo === id);
      expect(expected).toHaveLength(5);
      const surprise = expected.reduce((s, a) => s + a.rmse, 0) / 5;
      const ours = folds.reduce((s, { ts, test }) => s + rmse(createAlgorithm(id, {}, SEED).fit(ts).test(test).est, test.r), 0) / 5;
      expect(Math.abs(ours - surprise), `${id}: ${ours.toFixed(4)} vs Surprise ${surprise.toFixed(4)}`).toBeLessThan(0.005);
    });
  }
});

describe.runIf(ml100kAvailable())('Surprise parity on the 80/20 split (SVD)', () => {
  it("SVD's RMSE is within 0.01 of Surprise's 0.9462", () => {
    const { table, split } = ml100kSplit80();
    const ts = buildTrainset(table, split.train, { min: 1, max: 5 });
    const test = buildTestset(table, split.test, ts);
    expect(test.r.length).toBe(20_000);
    const ours = rmse(createAlgorithm('SVD', {}, SEED).fit(ts).test(test).est, test.r);
    expect(Math.abs(ours - 0.9462), `SVD ${ours.toFixed(4)}`).toBeLessThan(0.01);
  });
});
