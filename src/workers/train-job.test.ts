import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Signal } from '../core/estimator/signal.ts';
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { fitAndScore, tableScale } from '../core/selection/crossValidate.ts';
import { evaluationFolds } from '../core/selection/evaluation.ts';
import { splitFingerprint } from '../core/selection/splits.ts';
import { syntheticTable } from '../core/testing/synthetic.ts';
import { estimatorLoaders } from '../models/estimators.ts';
import type { RunRecord } from '../storage/runs.ts';
import { validationFolds } from '../core/selection/folds.ts';
import { fitOnAllRatings, runJob, type JobContext } from './train-job.ts';
import type { EpochEvent, JobProgress, TrainEvents, TrainRequest } from './protocol.ts';

const loaders = estimatorLoaders(() => tf.setBackend('cpu'));
const events: TrainEvents = { onStatus() {}, onEpoch() {}, onBatch() {}, onProgress() {} };
const ctx = (signal = new Signal()): JobContext => ({ events, signal, estimator: (spec) => loaders[spec.engine]() });

/** A synthetic table with a timestamp per row (row k at time k, so file order is time order). */
const table = (() => {
  const t = syntheticTable(11);
  return { ...t, time: Float64Array.from(t.time, (_, k) => 1_000 + k) };
})();
const request = (over: Partial<TrainRequest>): TrainRequest => ({
  runId: 'r',
  datasetId: 'd',
  algo: 'SVD',
  params: {},
  seed: 1,
  evaluation: { kind: 'random', testFraction: 0.2, seed: 0 },
  ...over,
});

describe('a training job', () => {
  it('stores the winner of a search with its own params, scored on validation folds of the training rows', async () => {
    const live: JobProgress[] = [];
    const job = { ...ctx(), events: { ...events, onProgress: (p: JobProgress) => p.candidate && live.push(p) } };
    const { run, model } = await runJob(table, request({ search: { grid: { n_epochs: [1, 30], lr_all: [0.002, 0.02] }, metric: 'rmse', folds: 3 } }), job);
    const s = run.search!;
    expect(s.candidates).toHaveLength(4);
    // Each candidate was reported once as it was scored, exactly as the run records it.
    expect(live.map((p) => [p.combination, p.combinations])).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    expect(live.map((p) => p.candidate)).toEqual(s.candidates);
    const best = s.candidates.reduce((b, c, k) => (c.rmse < s.candidates[b].rmse ? k : b), 0);
    expect(s.best).toBe(best);
    expect(run.params).toEqual(s.candidates[best].params);
    expect(run.params).toEqual(resolveParams(findAlgorithm('SVD'), { n_epochs: s.candidates[best].params.n_epochs, lr_all: s.candidates[best].params.lr_all }));
    // The run's test figures are those of the winner's params trained on all training rows.
    const split = evaluationFolds(table, { kind: 'random', testFraction: 0.2, seed: 0 })[0];
    const direct = await fitAndScore(await loaders.core(), table, split, { algo: 'SVD', params: run.params, seed: 1, scale: tableScale(table) });
    expect(run.rmse).toBe(direct.scores.rmse);
    expect(model?.params).toEqual(run.params);
    // Validation folds never hold a test row.
    const test = new Set(split.test);
    for (const f of validationFolds(split.train, 3, 1)) expect([...f.train, ...f.test].some((r) => test.has(r))).toBe(false);
  });

  it('searches a TensorFlow.js model the same way', async () => {
    const { run } = await runJob(
      table,
      request({ algo: 'BiasMF', params: { epochs: 1, factors: 4, batch_size: 64, patience: 0, lr_patience: 0 }, search: { grid: { factors: [2, 8] }, metric: 'mae', folds: 2 } }),
      ctx(),
    );
    expect(run.search!.candidates.map((c) => c.params.factors)).toEqual([2, 8]);
    expect(run.params.factors).toBe(run.search!.candidates[run.search!.best].params.factors);
    expect(run.backend).toBe('cpu');
    expect(run.model?.fittedOn).toBe('train');
  });

  it('says what each epoch\'s second RMSE was computed on: the test rows, or 10% of the training rows held out', async () => {
    const seen = (out: EpochEvent[]): JobContext => ({ ...ctx(), events: { ...events, onEpoch: (e) => out.push(e) } });
    const svd: EpochEvent[] = [];
    await runJob(table, request({ params: { n_epochs: 2 } }), seen(svd));
    expect(svd.map((e) => e.validation)).toEqual(['test', 'test']);
    const early: EpochEvent[] = [];
    const { run } = await runJob(table, request({ algo: 'BiasMF', params: { epochs: 2, factors: 4, batch_size: 64, patience: 2 } }), seen(early));
    expect(early.map((e) => e.validation)).toEqual(['holdout', 'holdout']);
    expect(run.validation).toBe('holdout');
  });

  it('refuses a search over cross-validation folds', async () => {
    await expect(runJob(table, request({ evaluation: { kind: 'kfold', folds: 3, seed: 0 }, search: { grid: { n_epochs: [1, 2] }, metric: 'rmse', folds: 2 } }), ctx())).rejects.toThrow(
      /pick a train\/test split/,
    );
  });

  it('records each split by kind and fingerprint; cross-validated runs keep no model until fitted on all ratings', async () => {
    const last = await runJob(table, request({ evaluation: { kind: 'last' } }), ctx());
    const time = await runJob(table, request({ evaluation: { kind: 'time', quantile: 0.8 } }), ctx());
    expect(last.run.split!.fingerprint).toBe(splitFingerprint(evaluationFolds(table, { kind: 'last' })[0]));
    expect(time.run.split!.test).toBe(evaluationFolds(table, { kind: 'time', quantile: 0.8 })[0].test.length);
    expect(time.run.evaluation).toEqual({ kind: 'time', quantile: 0.8 });
    expect(last.model).toBeDefined();
    const cv = await runJob(table, request({ algo: 'KNNBaseline', evaluation: { kind: 'kfold', folds: 3, seed: 0 } }), ctx());
    expect(cv.model).toBeUndefined();
    expect(cv.run.folds).toHaveLength(3);
    const all = await fitOnAllRatings(table, { ...(cv.run as RunRecord) }, ctx());
    expect(all.train.length).toBe(table.rating.length);
  });

  it('filters after the split: the k-core of the training rows only, unscorable test rows counted', async () => {
    const { run } = await runJob(table, request({ evaluation: { kind: 'time', quantile: 0.8 }, filterAfterSplit: { minUserRatings: 8, minItemRatings: 8 } }), ctx());
    expect(run.filterAfterSplit).toEqual({ minUserRatings: 8, minItemRatings: 8 });
    expect(run.split!.unscorable).toBeGreaterThan(0);
    expect(run.split!.test + run.split!.unscorable).toBe(evaluationFolds(table, { kind: 'time', quantile: 0.8 })[0].test.length);
  });

  it('stops a KNN between users without a model, and keeps an SVD stopped between epochs', async () => {
    const stopped = new Signal();
    stopped.stop();
    await expect(runJob(table, request({ algo: 'KNNBasic' }), ctx(stopped))).rejects.toThrow(/stopped/);
    const signal = new Signal();
    let epochs = 0;
    const svd = await runJob(table, request({}), {
      ...ctx(signal),
      events: { ...events, onEpoch: () => ++epochs === 2 && signal.stop() },
    });
    expect(svd.run).toMatchObject({ epochsRun: 2, stoppedEarly: true });
    expect(svd.run.curve).toHaveLength(2);
  });

  it('ranks the test users with both protocols, keeps per-user values, and reuses frozen negatives', async () => {
    const ranking = { k: 5, negatives: 10, seed: 3 };
    const first = await runJob(table, request({ evaluation: { kind: 'last' }, ranking }), ctx());
    const r = first.run.ranking!;
    expect(r.full.k).toBe(5);
    expect(r.sampled).toMatchObject({ negatives: 10, seed: 3 });
    expect(r.sampled!.hr).toBeGreaterThanOrEqual(r.full.hr); // ranked against 10 negatives instead of every candidate
    const d = first.details!;
    expect(d.ranking!.full.user.length).toBe(r.full.users);
    expect(d.ratings.user.length).toBeGreaterThan(0);
    expect(d.negatives!.n).toBe(10);
    // Another model on the same split gets the same negatives from the context.
    let asked: string | undefined;
    const second = await runJob(table, request({ algo: 'BaselineOnly', evaluation: { kind: 'last' }, ranking: { ...ranking, seed: 99 } }), {
      ...ctx(),
      frozenNegatives: async (fingerprint) => ((asked = fingerprint), d.negatives),
    });
    expect(asked).toBe(first.run.split!.fingerprint);
    expect(second.details!.negatives).toEqual(d.negatives);
  });

  it('searches on a ranking objective at the run\'s K', async () => {
    const { run } = await runJob(
      table,
      request({ evaluation: { kind: 'last' }, ranking: { k: 5 }, search: { grid: { n_epochs: [1, 20] }, metric: 'ndcg', folds: 2 } }),
      ctx(),
    );
    const c = run.search!.candidates;
    expect(c.every((x) => x.score >= 0 && x.score <= 1)).toBe(true);
    expect(run.search!.best).toBe(c[0].score >= c[1].score ? 0 : 1);
  });
});
