/**
 * The TypeScript algorithms behind the one estimator interface. A fit is synchronous
 * (Surprise's loops, kept bit-exact); the run signal is polled between epochs and, for
 * the KNN family and SlopeOne, between users. A stopped iterative algorithm keeps its
 * last complete epoch, like the TensorFlow.js loop; any other stop is FitStopped.
 *
 * Saving keeps the algorithm's fitted fields (factors, biases, baselines,
 * similarities) when they are small enough, else only a recorded refit: the same
 * algorithm, params and seed over the same training rows, which is deterministic.
 */
import { ratingsIn } from '../foldIn.ts';
import { rmse } from '../metrics.ts';
import { ALGORITHMS, type FlatParams } from '../registry/index.ts';
import { FitCancelled, type AlgoBase } from '../surprise/algo.ts';
import { createAlgorithm } from '../surprise/index.ts';
import { buildTestset, buildTrainset, type Trainset } from '../surprise/trainset.ts';
import { checkpoint } from './signal.ts';
import { FitStopped, type Estimator, type FitInfo, type FitRequest, type FittedModel, type ModelFile, type SavedModel, type Visitor } from './types.ts';

/** Builds an algorithm from complete flat params and a seed. */
export type AlgorithmFactory = (id: string, params: FlatParams, seed: number) => AlgoBase;

/** Rows used to draw the training curve: enough for a smooth line, bounded for huge tables. */
const CURVE_TRAIN_ROWS = 50_000;
/** Fitted state above this is not stored; loading refits instead. */
export const MAX_STATE_BYTES = 256 * 2 ** 20;

type State = Record<string, unknown>;
type Field = number | boolean | string | null | ArrayBufferView;

function isField(v: unknown): v is Field {
  return v === null || ['number', 'boolean', 'string'].includes(typeof v) || ArrayBuffer.isView(v);
}

function fieldBytes(v: unknown): number {
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (v && typeof v === 'object') return Object.values(v).reduce((s: number, x) => s + fieldBytes(x), 0);
  return 0;
}

/**
 * The fitted fields of an algorithm: its own numbers, typed arrays and plain objects
 * of those (baselines, neighbour lists), not the trainset, which loading rebuilds.
 */
function captureState(algo: AlgoBase): State {
  const out: State = {};
  for (const [key, value] of Object.entries(algo)) {
    if (key === 'trainset') continue;
    if (isField(value)) out[key] = value;
    else if (value && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isField)) out[key] = value;
  }
  return out;
}

function iterative(id: string): boolean {
  return ALGORITHMS.find((a) => a.id === id)?.iterative ?? true;
}

function fitted(algo: AlgoBase, ts: Trainset, req: Omit<FitRequest, 'table'>, info: FitInfo, state: State | null): FittedModel {
  return {
    algo: req.algo,
    params: req.params,
    seed: req.seed,
    scale: req.scale,
    defaultPrediction: algo.defaultPrediction(),
    info,
    async estimate(user, item) {
      const out = new Float64Array(user.length);
      const { innerOfUser, innerOfItem } = ts;
      for (let k = 0; k < out.length; k++) {
        // Users added after the fit (a new visitor) are beyond the trainset's map: unknown.
        out[k] = algo.estimate(innerOfUser[user[k]] ?? -1, innerOfItem[item[k]] ?? -1);
      }
      return out;
    },
    ...(algo.canFoldIn() ? { foldIn: async (visitor: Visitor) => foldInTable(algo, ts, visitor) } : {}),
    ...(algo.estimateGrid && {
      async estimateGrid(users: Int32Array, items: Int32Array) {
        const u = innerIds(ts.innerOfUser, users);
        // The whole catalog in table order (a user's recommendations) maps through the trainset's own array.
        const i = isCatalog(items, ts.innerOfItem.length) ? ts.innerOfItem : innerIds(ts.innerOfItem, items);
        const out = new Float64Array(users.length * items.length);
        algo.estimateGrid!(u, i, out);
        return out;
      },
    }),
    async save(): Promise<SavedModel> {
      const s = state ?? captureState(algo);
      const bytes = fieldBytes(s);
      const keep = bytes <= MAX_STATE_BYTES;
      return {
        algo: req.algo,
        engine: 'core',
        params: req.params,
        seed: req.seed,
        scale: req.scale,
        train: req.train,
        info,
        payload: keep ? s : null,
        bytes: (keep ? bytes : 0) + req.train.byteLength,
      };
    },
    dispose() {},
  };
}

/**
 * Table indices → inner ids (−1 past the trainset's map: a user added after the fit).
 * A plain loop: Int32Array.from with a map function is an order of magnitude slower
 * over a million-item catalog.
 */
/** Whether `items` is 0, 1, …, n − 1. */
function isCatalog(items: Int32Array, n: number): boolean {
  if (items.length !== n) return false;
  for (let k = 0; k < n; k++) if (items[k] !== k) return false;
  return true;
}

function innerIds(inner: Int32Array, ids: Int32Array): Int32Array {
  const out = new Int32Array(ids.length);
  for (let k = 0; k < ids.length; k++) out[k] = inner[ids[k]] ?? -1;
  return out;
}

/** The algorithm's fold-in over inner ids, from and back to table items; items the fit never saw are impossible. */
function foldInTable(algo: AlgoBase, ts: Trainset, visitor: Visitor): Float64Array {
  const { items, ratings } = ratingsIn(visitor, (i) => ts.innerOfItem[i] ?? -1);
  const byInner = algo.foldIn(items, ratings);
  const out = new Float64Array(ts.innerOfItem.length).fill(NaN);
  for (let i = 0; i < byInner.length; i++) out[ts.itemOfInner[i]] = byInner[i];
  return out;
}

export function coreEstimator(create: AlgorithmFactory = createAlgorithm): Estimator {
  return {
    engine: 'core',
    async fit(req) {
      const { table, train, algo: id, params, seed, scale, signal, onProgress, monitor } = req;
      const ts = buildTrainset(table, train, scale);
      const algo = create(id, params, seed);
      const curve = onProgress && iterative(id) && req.curve !== false;
      const probe = curve ? buildTestset(table, train.subarray(0, CURVE_TRAIN_ROWS), ts) : null;
      const watched = curve && monitor ? buildTestset(table, monitor, ts) : null;
      let epochsRun = 0;
      let evalMs = 0;
      const start = performance.now();
      const onEpoch = (epoch: number, epochs: number): void => {
        epochsRun = epoch;
        if (!onProgress) return;
        const e0 = performance.now();
        const trainRmse = probe ? rmse(algo.test(probe).est, probe.r) : NaN;
        const valRmse = watched ? rmse(algo.test(watched).est, watched.r) : NaN;
        evalMs += performance.now() - e0;
        onProgress({ kind: 'epoch', epoch, epochs, trainRmse, valRmse, validation: 'test', seconds: (performance.now() - start - evalMs) / 1000 });
      };
      onProgress?.({ kind: 'status', text: 'training' });
      let stoppedEarly = false;
      try {
        // Only iterative algorithms promise a usable state after each epoch (a KNN's
        // baseline epochs come before its similarities exist).
        algo.fit(ts, { onEpoch: iterative(id) ? onEpoch : undefined, shouldStop: () => checkpoint(signal) });
      } catch (err) {
        if (!(err instanceof FitCancelled)) throw err;
        if (!iterative(id) || epochsRun === 0) throw new FitStopped();
        stoppedEarly = true;
      }
      const info: FitInfo = { backend: algo.ranOn, ...(iterative(id) ? { epochsRun } : {}), ...(stoppedEarly ? { stoppedEarly } : {}) };
      return fitted(algo, ts, req, info, null);
    },
    exportFiles(saved, baseName) {
      return exportState(saved, baseName);
    },
    async load(saved, table) {
      const ts = buildTrainset(table, saved.train, saved.scale);
      const req = { train: saved.train, algo: saved.algo, params: saved.params, seed: saved.seed, scale: saved.scale };
      const algo = create(saved.algo, saved.params, saved.seed);
      return fitted(restore(algo, ts, saved.payload as State | null), ts, req, saved.info, saved.payload as State | null);
    },
  };
}

/** Put saved fields back on a fresh algorithm over its trainset, or refit it when none were kept. */
function restore(algo: AlgoBase, ts: Trainset, state: State | null): AlgoBase {
  if (!state) return algo.fit(ts);
  Object.assign(algo, state, { trainset: ts });
  return algo;
}

/**
 * A TypeScript model as `<base>.json` (algorithm, params, seed, scale, scalars, and
 * a manifest of its arrays) and `<base>.bin` (the arrays, the training rows first).
 */
function exportState(saved: SavedModel, baseName: string): ModelFile[] {
  const arrays: { name: string; dtype: string; length: number; view: ArrayBufferView }[] = [];
  const scalars: Record<string, unknown> = {};
  const walk = (prefix: string, value: unknown): void => {
    if (ArrayBuffer.isView(value)) {
      arrays.push({ name: prefix, dtype: value.constructor.name, length: (value as Float64Array).length, view: value });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else scalars[prefix] = value;
  };
  walk('train', saved.train);
  walk('', saved.payload ?? {});
  const json = {
    format: 'reclab-core-model',
    version: 1,
    algo: saved.algo,
    params: saved.params,
    seed: saved.seed,
    scale: saved.scale,
    info: saved.info,
    refitOnLoad: saved.payload === null,
    scalars,
    arrays: arrays.map(({ name, dtype, length }) => ({ name, dtype, length })),
    weights: `${baseName}.bin`,
  };
  return [
    { name: `${baseName}.json`, blob: new Blob([JSON.stringify(json)], { type: 'application/json' }) },
    { name: `${baseName}.bin`, blob: new Blob(arrays.map((a) => new Uint8Array(a.view.buffer, a.view.byteOffset, a.view.byteLength).slice()), { type: 'application/octet-stream' }) },
  ];
}
