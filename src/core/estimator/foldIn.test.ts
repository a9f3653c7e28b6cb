import { describe, expect, it } from 'vitest';
import { ALGORITHMS, findAlgorithm, resolveParams, type FlatParams } from '../registry/index.ts';
import { userScores } from '../recommend.ts';
import { syntheticTable } from '../testing/synthetic.ts';
import type { AlgoBase } from '../surprise/algo.ts';
import { NMF, SVD, SVDpp } from '../surprise/svd.ts';
import { coreEstimator } from './coreEstimator.ts';
import type { FittedModel, Visitor } from './types.ts';

const table = syntheticTable(5, 60, 40, 0.5);
const all = Int32Array.from(table.rating.keys());
const scale = { min: 1, max: 5 };

async function fit(algo: string, params: FlatParams = {}): Promise<FittedModel> {
  return coreEstimator().fit({ table, train: all, algo, params: resolveParams(findAlgorithm(algo), params), seed: 1, scale });
}

/** User u's own ratings, in table (= trainset) order, as a visitor. */
function ratingsOf(u: number): Visitor {
  const rows = all.filter((r) => table.user[r] === u);
  return { item: Int32Array.from(rows, (r) => table.item[r]), rating: Float32Array.from(rows, (r) => table.rating[r]) };
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, x, k) => Math.max(m, Math.abs(x - b[k])), 0);

describe('fold-in through the estimator interface (TypeScript algorithms)', () => {
  it('is offered by the factor models, BaselineOnly and item-based KNN; not by the rest', async () => {
    const offered: string[] = [];
    for (const spec of ALGORITHMS.filter((a) => a.engine === 'core')) {
      const model = await fit(spec.id, spec.id.startsWith('KNN') ? { 'sim_options.user_based': false } : {});
      if (model.foldIn) offered.push(spec.id);
    }
    expect(offered).toEqual(['BaselineOnly', 'KNNBasic', 'KNNWithMeans', 'KNNWithZScore', 'KNNBaseline', 'SVD', 'SVDpp', 'NMF']);
    expect((await fit('KNNBasic')).foldIn).toBeUndefined(); // user-based by default
  });

  it("reproduces an existing user's estimates exactly where the fit's user step is closed-form (ALS baselines, item-based KNN)", async () => {
    const cases: [string, FlatParams][] = [
      ['BaselineOnly', {}],
      ['KNNBasic', { 'sim_options.user_based': false }],
      ['KNNWithMeans', { 'sim_options.user_based': false, 'sim_options.name': 'pearson' }],
      ['KNNWithZScore', { 'sim_options.user_based': false }],
      ['KNNBaseline', { 'sim_options.user_based': false, 'sim_options.name': 'pearson_baseline' }],
    ];
    for (const [algo, params] of cases) {
      const model = await fit(algo, params);
      for (const u of [0, 17, 42]) {
        const folded = await model.foldIn!(ratingsOf(u));
        expect(maxDiff(folded, await userScores(model, table, u)), algo).toBeLessThan(1e-9);
      }
    }
  });

  it("matches a converged fit's own user: SVD, PMF, SVD++ and NMF trained long enough reach the fold-in's optimum", async () => {
    // Beyond the registry's 200-epoch cap, so the SGD settles: the gap then shrinks with more epochs.
    const cases: [string, () => AlgoBase, number][] = [
      ['SVD', () => new SVD({ n_factors: 5, n_epochs: 2000, lr_all: 0.01 }, 1), 0.04],
      ['PMF', () => new SVD({ n_factors: 5, n_epochs: 2000, lr_all: 0.01, biased: false }, 1), 0.08],
      ['SVDpp', () => new SVDpp({ n_factors: 5, n_epochs: 2000, lr_all: 0.01 }, 1), 0.06],
      ['NMF', () => new NMF({ n_factors: 5, n_epochs: 1000 }, 1), 0.01],
    ];
    for (const [name, make, tolerance] of cases) {
      const model = await coreEstimator(make).fit({ table, train: all, algo: 'SVD', params: {}, seed: 1, scale });
      for (const u of [0, 17, 42]) {
        const diff = maxDiff(await model.foldIn!(ratingsOf(u)), await userScores(model, table, u));
        expect(diff, `${name} user ${u}`).toBeLessThan(tolerance);
      }
    }
  });

  it('moves towards what the visitor rated, ignores items the fit never saw, and leaves them impossible', async () => {
    const model = await fit('SVD', { n_factors: 5 });
    const likes = (await model.foldIn!({ item: Int32Array.of(3, 7), rating: Float32Array.of(5, 5) }))[3];
    const hates = (await model.foldIn!({ item: Int32Array.of(3, 7), rating: Float32Array.of(1, 1) }))[3];
    expect(likes).toBeGreaterThan(hates + 1);
    // Item 39 has no training row in this fit.
    const partial = await coreEstimator().fit({ table, train: all.filter((r) => table.item[r] !== 39), algo: 'SVD', params: resolveParams(findAlgorithm('SVD'), { n_factors: 5 }), seed: 1, scale });
    const withUnseen = await partial.foldIn!({ item: Int32Array.of(3, 39), rating: Float32Array.of(5, 1) });
    const without = await partial.foldIn!({ item: Int32Array.of(3), rating: Float32Array.of(5) });
    expect(withUnseen[39]).toBeNaN();
    expect(withUnseen).toEqual(without);
  });
});
