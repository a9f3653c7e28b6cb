/**
 * One training job over a stored table: a seeded split with a live learning curve,
 * seeded k-fold cross-validation, or a cross-validated grid search. The TypeScript
 * algorithms fit synchronously with per-epoch hooks; the TensorFlow.js models train
 * in an async loop with per-epoch reports.
 */
import { rmse } from '../core/metrics.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { findAlgorithm, resolveParams, type AlgorithmSpec, type FlatParams } from '../core/registry/index.ts';
import { crossValidate, gridCandidates, kFold, searchCandidates, tableScale } from '../core/selection/index.ts';
import { scoreFold, testUsers, type FoldScores } from '../core/selection/crossValidate.ts';
import { randomSplit, type Split } from '../core/split.ts';
import { createAlgorithm } from '../core/surprise/index.ts';
import { buildTestset, buildTrainset } from '../core/surprise/trainset.ts';
import type { BackendChoice } from '../models/backend.ts';
import { crossValidateDeep, evaluateDeepFold } from '../models/evaluate.ts';
import type { TrainControl } from '../models/train.ts';
import type { CurvePoint, RunRecord } from '../storage/runs.ts';
import type { TrainEvents, TrainRequest } from './protocol.ts';

/** Rows used to draw the training curve: enough for a smooth line, bounded for huge tables. */
const CURVE_TRAIN_ROWS = 50_000;
/** Batch reports cross to the UI at most this often. */
const BATCH_EVENT_MS = 200;

/** What a job needs from its worker besides the data: the backend, the pause/stop flags, where to keep a model. */
export interface JobContext {
  events: TrainEvents;
  backend(): Promise<BackendChoice>;
  control: TrainControl;
  modelUrl: string;
}

export type JobResult = Omit<RunRecord, 'id' | 'datasetId' | 'createdAt'>;

type Outcome = Pick<
  JobResult,
  'backend' | 'curve' | 'folds' | 'search' | 'epochsRun' | 'bestEpoch' | 'samplesPerSec' | 'validation' | 'modelUrl' | 'stoppedEarly'
> &
  FoldScores;

export async function runJob(table: RatingsTable, req: TrainRequest, ctx: JobContext): Promise<JobResult> {
  const { events } = ctx;
  const spec = findAlgorithm(req.algo);
  const params = resolveParams(spec, req.params);
  const ev = req.evaluation;
  const base = { algo: spec.id, params, seed: req.seed, evaluation: ev, status: 'done' as const };
  if (spec.engine === 'tfjs') {
    if (req.grid) throw new Error(`Grid search runs the TypeScript algorithms; ${spec.id} trains on a split or by cross-validation.`);
    if (ev.kind === 'cv') return { ...base, ...(await deepCrossValidated(table, spec.id, params, req.seed, ev.folds, ev.seed, ctx)) };
    const split = randomSplit(table.rating.length, ev.testFraction, ev.seed);
    return { ...base, ...(await deepOnSplit(table, split, spec.id, params, req.seed, ctx)) };
  }
  if (req.grid) return { ...base, ...(await search(table, req, params, events)) };
  if (ev.kind === 'cv') return { ...base, ...(await crossValidated(table, spec.id, params, req.seed, ev.folds, ev.seed, events)) };
  const split = randomSplit(table.rating.length, ev.testFraction, ev.seed);
  return { ...base, ...coreOnSplit(table, split, spec, params, req.seed, events) };
}

function coreOnSplit(table: RatingsTable, split: Split, spec: AlgorithmSpec, params: FlatParams, seed: number, events: TrainEvents): Outcome {
  const ts = buildTrainset(table, split.train, tableScale(table));
  const test = buildTestset(table, split.test, ts);
  const probe = buildTestset(table, split.train.subarray(0, CURVE_TRAIN_ROWS), ts);
  const algo = createAlgorithm(spec.id, params, seed);
  const curve: CurvePoint[] = [];
  let evalMs = 0;
  const start = performance.now();
  const drawPoint = (epoch: number, epochs: number): void => {
    const e0 = performance.now();
    const val = algo.test(test).est;
    const point = { epoch, trainRmse: rmse(algo.test(probe).est, probe.r), valRmse: rmse(val, test.r) };
    curve.push(point);
    evalMs += performance.now() - e0;
    events.onEpoch({ ...point, epochs, seconds: (performance.now() - start - evalMs) / 1000 });
  };
  events.onStatus('training');
  // Only iterative algorithms promise a usable state after each epoch (a KNN's
  // baseline epochs come before its similarities exist).
  algo.fit(ts, spec.iterative ? { onEpoch: drawPoint } : {});
  const fitSeconds = (performance.now() - start - evalMs) / 1000;
  events.onStatus('testing');
  const t0 = performance.now();
  const { est, impossible } = algo.test(test);
  const testSeconds = (performance.now() - t0) / 1000;
  return { backend: 'js', curve, ...scoreFold(testUsers(table, split), est, test.r, impossible, fitSeconds, testSeconds) };
}

async function crossValidated(
  table: RatingsTable,
  id: string,
  params: FlatParams,
  seed: number,
  nFolds: number,
  foldSeed: number,
  events: TrainEvents,
): Promise<Outcome> {
  const cv = await crossValidate(table, id, params, kFold(table.rating.length, { nSplits: nFolds, seed: foldSeed }), {
    seed,
    onProgress: (p) => events.onProgress(p),
  });
  const { folds, ...means } = cv;
  return { backend: 'js', curve: [], folds, ...means };
}

async function search(table: RatingsTable, req: TrainRequest, params: FlatParams, events: TrainEvents): Promise<Outcome> {
  const ev = req.evaluation;
  const nFolds = ev.kind === 'cv' ? ev.folds : 3;
  const folds = kFold(table.rating.length, { nSplits: nFolds, seed: ev.seed });
  const varied = gridCandidates(req.algo, req.grid!);
  const candidates = varied.map((v) => ({ ...params, ...v }));
  const outcome = await searchCandidates(table, req.algo, candidates, folds, {
    seed: req.seed,
    onProgress: (p) => events.onProgress(p),
  });
  const bestIndex = outcome.best.rmse?.index ?? 0;
  const best = outcome.results[bestIndex];
  const { folds: bestFolds, ...means } = best.cv;
  return {
    backend: 'js',
    curve: [],
    folds: bestFolds,
    ...means,
    search: outcome.results.map((r) => ({ params: r.params, rmse: r.cv.rmse, mae: r.cv.mae })),
  };
}

async function deepCrossValidated(
  table: RatingsTable,
  id: string,
  params: FlatParams,
  seed: number,
  nFolds: number,
  foldSeed: number,
  ctx: JobContext,
): Promise<Outcome> {
  const { events, control } = ctx;
  const choice = await ctx.backend();
  const folds = kFold(table.rating.length, { nSplits: nFolds, seed: foldSeed });
  let fold = 0;
  const res = await crossValidateDeep(table, folds, id, params, seed, tableScale(table), {
    control,
    onFold: (f) => {
      fold = f;
      events.onProgress({ fold, folds: nFolds, phase: 'fit' });
    },
    onEpoch: (r) => events.onProgress({ fold, folds: nFolds, epoch: r.epoch, epochs: r.epochs, phase: 'fit' }),
  });
  const { folds: scores, epochsRun, samplesPerSec, validation, stopped, ...means } = res;
  return {
    backend: choice.name,
    curve: [],
    folds: scores,
    epochsRun,
    samplesPerSec,
    validation,
    ...(stopped ? { stoppedEarly: true } : {}),
    ...means,
  };
}

async function deepOnSplit(table: RatingsTable, split: Split, id: string, params: FlatParams, seed: number, ctx: JobContext): Promise<Outcome> {
  const { events, control } = ctx;
  events.onStatus('starting TensorFlow.js');
  const choice = await ctx.backend();
  const curve: CurvePoint[] = [];
  const start = performance.now();
  let lastBatch = 0;
  events.onStatus(`training on ${choice.name}`);
  const { scores, validation, model } = await evaluateDeepFold(table, split, id, params, seed, tableScale(table), {
    control,
    onEpoch(r) {
      const point = { epoch: r.epoch, trainRmse: r.trainRmse, valRmse: r.valRmse };
      curve.push(point);
      events.onEpoch({ ...point, epochs: r.epochs, seconds: (performance.now() - start) / 1000 });
    },
    onBatch(b) {
      const now = performance.now();
      if (now - lastBatch < BATCH_EVENT_MS && b.batch < b.batches) return;
      lastBatch = now;
      events.onBatch(b);
    },
  });
  try {
    events.onStatus('saving the model');
    await model.save(ctx.modelUrl);
    return {
      backend: model.backend,
      curve,
      epochsRun: model.epochsRun,
      bestEpoch: model.bestEpoch,
      samplesPerSec: model.samplesPerSec,
      validation,
      modelUrl: ctx.modelUrl,
      ...(control.stopped ? { stoppedEarly: true } : {}),
      ...scores,
    };
  } finally {
    model.dispose();
  }
}
