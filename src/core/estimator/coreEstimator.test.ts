import { describe, expect, it, vi } from 'vitest';
import { ALGORITHMS, resolveParams, findAlgorithm } from '../registry/index.ts';
import { fitAndScore, scoreFold, testUsers } from '../selection/crossValidate.ts';
import { kFold } from '../selection/splits.ts';
import { createAlgorithm } from '../surprise/index.ts';
import { SVD } from '../surprise/svd.ts';
import { buildTestset, buildTrainset } from '../surprise/trainset.ts';
import { syntheticTable } from '../testing/synthetic.ts';
import { coreEstimator } from './coreEstimator.ts';
import { predictRows } from './predict.ts';
import { Signal } from './signal.ts';
import { FitStopped } from './types.ts';

const table = syntheticTable(5);
const split = kFold(table.rating.length, { nSplits: 5, seed: 3 })[0];
const scale = { min: 1, max: 5 };
const CORE = ALGORITHMS.filter((a) => a.engine === 'core');
/** Reference rankers report no rating metrics: their scores are not ratings. */
const RATERS = CORE.filter((a) => !a.ranksOnly);
const settings = (id: string) => ({ algo: id, params: resolveParams(findAlgorithm(id), {}), seed: 4, scale });

describe('the TypeScript algorithms behind the estimator interface', () => {
  it('score exactly as a direct Surprise-style fit and test (the previous path)', async () => {
    for (const spec of RATERS) {
      const ts = buildTrainset(table, split.train, scale);
      const test = buildTestset(table, split.test, ts);
      const { est, impossible } = createAlgorithm(spec.id, {}, 4).fit(ts).test(test);
      const direct = scoreFold(testUsers(table, split), est, test.r, impossible, 0, 0);
      const { scores, model } = await fitAndScore(coreEstimator(), table, split, settings(spec.id));
      expect({ ...scores, fitSeconds: 0, testSeconds: 0 }, spec.id).toEqual(direct);
      model.dispose();
    }
    const ranker = await fitAndScore(coreEstimator(), table, split, settings('MostPop'));
    expect([ranker.scores.rmse, ranker.scores.mae, ranker.scores.fcp]).toEqual([NaN, NaN, NaN]);
  });

  it('estimateGrid, where a model has it, gives exactly estimate\'s numbers, unknown users and items included', async () => {
    const withGrid: string[] = [];
    for (const [id, params] of [['SVD', {}], ['SVD', { biased: false }], ['SVDpp', {}], ['NMF', {}], ['NMF', { biased: true }], ['KNNBasic', {}]] as const) {
      const model = await coreEstimator().fit({ table, train: split.train, ...settings(id), params: resolveParams(findAlgorithm(id), params) });
      if (!model.estimateGrid) continue;
      withGrid.push(id);
      // Every table user plus one beyond it (a visitor added later); every table item (some only in test rows).
      const users = Int32Array.from({ length: table.userIds.length + 1 }, (_, u) => u);
      const items = Int32Array.from({ length: table.itemIds.length }, (_, i) => i);
      const grid = await model.estimateGrid(users, items);
      const u = Int32Array.from({ length: grid.length }, (_, p) => users[Math.floor(p / items.length)]);
      const i = Int32Array.from({ length: grid.length }, (_, p) => items[p % items.length]);
      expect(Array.from(grid), id).toEqual(Array.from(await model.estimate(u, i)));
      // One user's row alone (a recommendation) is the same row.
      expect(Array.from(await model.estimateGrid(Int32Array.of(1), items)), id).toEqual(Array.from(grid.subarray(items.length, 2 * items.length)));
      // And in another item order, with an item past the table (not the whole catalog in table order).
      const some = Int32Array.from([...items].reverse().slice(1).concat(table.itemIds.length + 3));
      expect(Array.from(await model.estimateGrid(Int32Array.of(1), some)), id).toEqual(Array.from(await model.estimate(new Int32Array(some.length).fill(1), some)));
      model.dispose();
    }
    expect(new Set(withGrid)).toEqual(new Set(['SVD', 'SVDpp', 'NMF']));
  });

  it('save and load give the same estimates, from stored state or from a recorded refit', async () => {
    const est = coreEstimator();
    for (const spec of CORE) {
      const model = await est.fit({ ...settings(spec.id), table, train: split.train });
      const before = await predictRows(model, table, split.test);
      const saved = await model.save();
      expect(saved.payload, spec.id).not.toBeNull();
      expect(saved.bytes).toBeGreaterThanOrEqual(split.train.byteLength);
      const loaded = await est.load(structuredClone(saved), table);
      expect(await predictRows(loaded, table, split.test), spec.id).toEqual(before);
      const refit = await est.load({ ...saved, payload: null }, table);
      expect(await predictRows(refit, table, split.test), `${spec.id} refit`).toEqual(before);
    }
  });

  it('a stop keeps the last complete epoch of an iterative algorithm, and is FitStopped otherwise', async () => {
    const signal = new Signal();
    let epochs = 0;
    const model = await coreEstimator().fit({
      ...settings('SVD'),
      table,
      train: split.train,
      signal,
      onProgress: (p) => p.kind === 'epoch' && ++epochs === 3 && signal.stop(),
    });
    expect(model.info).toMatchObject({ epochsRun: 3, stoppedEarly: true });
    const stopped = new Signal();
    stopped.stop();
    await expect(coreEstimator().fit({ ...settings('KNNBasic'), table, train: split.train, signal: stopped })).rejects.toThrow(FitStopped);
    await expect(coreEstimator().fit({ ...settings('SlopeOne'), table, train: split.train, signal: stopped })).rejects.toThrow(FitStopped);
  });

  it('draws a curve for iterative algorithms only, on the monitored rows', async () => {
    const points: number[] = [];
    await fitAndScore(coreEstimator(), table, split, { ...settings('SVD'), params: { ...settings('SVD').params, n_epochs: 4 }, onProgress: (p) => p.kind === 'epoch' && points.push(p.valRmse) });
    expect(points).toHaveLength(4);
    expect(points.every((v) => v > 0 && v < 3)).toBe(true);
    const none: unknown[] = [];
    await fitAndScore(coreEstimator(), table, split, { ...settings('KNNBasic'), onProgress: (p) => p.kind === 'epoch' && none.push(p) });
    expect(none).toEqual([]);
  });

  it('without a curve (cross-validation), reports each epoch and scores no rows for it', async () => {
    const epochs: [number, number, number][] = [];
    const test = vi.spyOn(SVD.prototype, 'test');
    await fitAndScore(coreEstimator(), table, split, {
      ...settings('SVD'),
      params: { ...settings('SVD').params, n_epochs: 3 },
      curve: false,
      onProgress: (p) => p.kind === 'epoch' && epochs.push([p.epoch, p.trainRmse, p.valRmse]),
    });
    // A curve point scores rows through test(); the fold's test rows go through estimate().
    expect(test).toHaveBeenCalledTimes(0);
    test.mockRestore();
    expect(epochs).toEqual([
      [1, NaN, NaN],
      [2, NaN, NaN],
      [3, NaN, NaN],
    ]);
  });
});
