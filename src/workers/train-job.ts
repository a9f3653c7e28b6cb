/**
 * One training run on a seeded random split, for either engine: the TypeScript
 * algorithms (sync fit with per-epoch hooks) or the TensorFlow.js models (async
 * loop with per-epoch reports). Reports learning-curve points as they happen.
 */
import { mae, rmse } from '../core/metrics.ts';
import { tableCounts, type RatingsTable } from '../core/ratings.ts';
import { findAlgorithm, resolveParams, type FlatParams } from '../core/registry/index.ts';
import { randomSplit, type Split } from '../core/split.ts';
import { createAlgorithm } from '../core/surprise/index.ts';
import { buildTestset, buildTrainset } from '../core/surprise/trainset.ts';
import type { BackendChoice } from '../models/backend.ts';
import { trainModel, type TrainData } from '../models/train.ts';
import type { CurvePoint, RunRecord } from '../storage/runs.ts';
import type { TrainEvents, TrainRequest } from './protocol.ts';

/** Rows used to draw the training curve: enough for a smooth line, bounded for huge tables. */
const CURVE_TRAIN_ROWS = 50_000;

type RunResult = Omit<RunRecord, 'id' | 'datasetId' | 'createdAt'>;

export async function evaluateOnSplit(
  table: RatingsTable,
  req: TrainRequest,
  events: TrainEvents,
  backend: () => Promise<BackendChoice>,
): Promise<RunResult> {
  const spec = findAlgorithm(req.algo);
  const params = resolveParams(spec, req.params);
  const split = randomSplit(table.rating.length, req.testFraction, req.splitSeed);
  const base = {
    algo: spec.id,
    params,
    seed: req.seed,
    split: { kind: 'random' as const, testFraction: req.testFraction, seed: req.splitSeed },
    status: 'done' as const,
  };
  return spec.engine === 'core'
    ? { ...base, ...runCore(table, split, spec.id, params, req.seed, events) }
    : { ...base, ...(await runTfjs(table, split, spec.id, params, req.seed, events, backend)) };
}

type Outcome = Pick<RunRecord, 'backend' | 'curve' | 'rmse' | 'mae' | 'fitSeconds' | 'testSeconds' | 'impossible'>;

function runCore(
  table: RatingsTable,
  split: Split,
  id: string,
  params: FlatParams,
  seed: number,
  events: TrainEvents,
): Outcome {
  const counts = tableCounts(table);
  const ts = buildTrainset(table, split.train, { min: counts.ratingMin, max: counts.ratingMax });
  const test = buildTestset(table, split.test, ts);
  const probe = buildTestset(table, split.train.subarray(0, CURVE_TRAIN_ROWS), ts);
  const algo = createAlgorithm(id, params, seed);
  const curve: CurvePoint[] = [];
  let evalMs = 0;
  const start = performance.now();
  events.onStatus('training');
  algo.fit(ts, {
    onEpoch(epoch, epochs) {
      const e0 = performance.now();
      const val = algo.test(test).est;
      const point = { epoch, trainRmse: rmse(algo.test(probe).est, probe.r), valRmse: rmse(val, test.r) };
      curve.push(point);
      evalMs += performance.now() - e0;
      events.onEpoch({ ...point, epochs, valMae: mae(val, test.r), seconds: (performance.now() - start - evalMs) / 1000 });
    },
  });
  const fitSeconds = (performance.now() - start - evalMs) / 1000;
  events.onStatus('testing');
  const t0 = performance.now();
  const { est, impossible } = algo.test(test);
  const testSeconds = (performance.now() - t0) / 1000;
  return { backend: 'js', curve, rmse: rmse(est, test.r), mae: mae(est, test.r), fitSeconds, testSeconds, impossible };
}

function gather<T extends Int32Array | Float32Array>(col: T, rows: Int32Array): T {
  const out = new (col.constructor as { new (n: number): T })(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]];
  return out;
}

async function runTfjs(
  table: RatingsTable,
  split: Split,
  id: string,
  params: FlatParams,
  seed: number,
  events: TrainEvents,
  backend: () => Promise<BackendChoice>,
): Promise<Outcome> {
  events.onStatus('starting TensorFlow.js');
  const choice = await backend();
  const counts = tableCounts(table);
  const data: TrainData = {
    user: gather(table.user, split.train),
    item: gather(table.item, split.train),
    rating: gather(table.rating, split.train),
    valUser: gather(table.user, split.test),
    valItem: gather(table.item, split.test),
    valRating: gather(table.rating, split.test),
    nUsers: counts.users,
    nItems: counts.items,
    ratingMin: counts.ratingMin,
    ratingMax: counts.ratingMax,
  };
  const curve: CurvePoint[] = [];
  const start = performance.now();
  events.onStatus(`training on ${choice.name}`);
  const model = await trainModel(id, params, data, seed, {
    onEpoch(r) {
      const point = { epoch: r.epoch, trainRmse: r.trainRmse, valRmse: r.valRmse };
      curve.push(point);
      events.onEpoch({ ...point, epochs: r.epochs, valMae: r.valMae, seconds: (performance.now() - start) / 1000 });
    },
  });
  try {
    const fitSeconds = (performance.now() - start) / 1000;
    events.onStatus('testing');
    const t0 = performance.now();
    const est = await model.predict(data.valUser, data.valItem);
    const testSeconds = (performance.now() - t0) / 1000;
    return {
      backend: model.backend,
      curve,
      rmse: rmse(est, data.valRating),
      mae: mae(est, data.valRating),
      fitSeconds,
      testSeconds,
      impossible: 0,
    };
  } finally {
    model.dispose();
  }
}
