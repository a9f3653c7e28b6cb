import { describe, expect, it } from 'vitest';
import { Signal } from '../estimator/signal.ts';
import { FitStopped } from '../estimator/types.ts';
import { FitCancelled } from '../surprise/algo.ts';
import { loadMl100k, ml100kAnchorFolds, ml100kAvailable, ml100kKfoldOrder } from '../testing/ml100k.ts';
import { crossValidate, crossValidateWith, type CvProgress } from './crossValidate.ts';
import { kFoldFromOrder } from './splits.ts';
import { tinyTable, UserMean } from './testAlgos.ts';

// rows: 0 (u0,i0,1) 1 (u0,i1,3) 2 (u0,i2,5) 3 (u1,i0,2) 4 (u1,i1,4) 5 (u2,i0,5)
const table = tinyTable([0, 0, 0, 1, 1, 2], [0, 1, 2, 0, 1, 0], [1, 3, 5, 2, 4, 5]);
const folds = [
  { train: Int32Array.of(0, 1, 3), test: Int32Array.of(2, 4, 5) },
  { train: Int32Array.of(2, 4, 5), test: Int32Array.of(0, 1, 3) },
];

describe('crossValidateWith', () => {
  it('scores each fold and averages, by hand', async () => {
    const res = await crossValidateWith(table, () => new UserMean(), folds);
    // Fold 1: u0 mean 2, u1 mean 2, u2 unknown → global mean 2: errors −3, −2, −3.
    expect(res.folds[0].mse).toBeCloseTo(22 / 3, 12);
    expect(res.folds[0].mae).toBeCloseTo(8 / 3, 12);
    expect(res.folds[0].impossible).toBe(1);
    expect(res.folds[0].fcp).toBeNaN(); // one test rating per user
    // Fold 2: u0 mean 5 (truths 1 and 3, tied estimates → discordant), u1 mean 4: errors 4, 2, 2.
    expect(res.folds[1].mse).toBeCloseTo(8, 12);
    expect(res.folds[1].rmse).toBeCloseTo(Math.sqrt(8), 12);
    expect(res.folds[1].fcp).toBe(0);
    expect(res.folds[1].impossible).toBe(0);
    expect(res.mse).toBeCloseTo(23 / 3, 12);
    expect(res.rmse).toBeCloseTo((Math.sqrt(22 / 3) + Math.sqrt(8)) / 2, 12);
    expect(res.impossible).toBe(0.5);
    expect(res.fcp).toBe(0); // mean over the folds where it is defined
    // Pearson: fold 1's estimates are constant (undefined); fold 2's [5, 5, 4] against [1, 3, 2] do not co-vary.
    expect(res.folds[0].pearson).toBeNaN();
    expect(res.folds[1].pearson).toBeCloseTo(0, 12);
    expect(res.pearson).toBeCloseTo(0, 12);
    for (const f of res.folds) expect(f.fitSeconds).toBeGreaterThanOrEqual(0);
  });

  it("clips to the whole table's scale, not the fold's", async () => {
    // Fold 1 trains on ratings 1..3 only; a shift of +10 must clip to the table's max 5.
    const res = await crossValidateWith(table, () => new UserMean(10), folds.slice(0, 1));
    // Unknown u2 gets the global mean 2 (no shift); u0 and u1 clip to 5: errors 0, 1, −3.
    expect(res.mse).toBeCloseTo(10 / 3, 12);
  });

  it('builds a fresh algorithm per fold with the seed, and reports fold and epoch progress', async () => {
    const seeds: number[] = [];
    const events: CvProgress[] = [];
    await crossValidateWith(
      table,
      (seed) => {
        seeds.push(seed);
        return new UserMean(0, 2);
      },
      folds,
      { seed: 42, onProgress: (p) => events.push(p) },
    );
    expect(seeds).toEqual([42, 42]);
    expect(events.slice(0, 4)).toEqual([
      { fold: 1, folds: 2, phase: 'fit' },
      { fold: 1, folds: 2, phase: 'fit', epoch: 1, epochs: 2 },
      { fold: 1, folds: 2, phase: 'fit', epoch: 2, epochs: 2 },
      { fold: 1, folds: 2, phase: 'test' },
    ]);
    expect(events).toHaveLength(8);
  });

  it('stops when asked, between folds or inside a fit', async () => {
    // Stopped before the first fold: nothing to report.
    const early = new Signal();
    early.stop();
    await expect(crossValidateWith(table, () => new UserMean(), folds, { signal: early })).rejects.toThrow(FitStopped);
    // Stopped during fold 1 (after its last epoch): fold 1 finishes, fold 2 never starts.
    const late = new Signal();
    const events: CvProgress[] = [];
    await expect(
      crossValidateWith(table, () => new UserMean(0, 2), folds, {
        signal: late,
        onProgress: (p) => {
          events.push(p);
          if (p.epoch === 2) late.stop();
        },
      }),
    ).rejects.toThrow(FitCancelled);
    expect(events.at(-1)).toEqual({ fold: 1, folds: 2, phase: 'test' });
    await expect(crossValidateWith(table, () => new UserMean(), [])).rejects.toThrow(/no folds/);
  });
});

describe.runIf(ml100kAvailable())("crossValidate on Surprise's ML-100k folds", () => {
  it("reproduces Surprise's per-fold BaselineOnly RMSE and MAE", async () => {
    const folds = kFoldFromOrder(ml100kKfoldOrder(), 5);
    const res = await crossValidate(loadMl100k(), 'BaselineOnly', {}, folds);
    const anchors = ml100kAnchorFolds().filter((a) => a.algo === 'BaselineOnly');
    expect(anchors).toHaveLength(5);
    for (const a of anchors) {
      expect(Math.abs(res.folds[a.fold].rmse - a.rmse)).toBeLessThan(1e-9);
      expect(Math.abs(res.folds[a.fold].mae - a.mae)).toBeLessThan(1e-9);
    }
  });
});
