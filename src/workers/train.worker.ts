/**
 * The training worker: loads a dataset from IndexedDB, runs one job with the model's
 * estimator adapter (TypeScript algorithms from src/core, TensorFlow.js models from
 * src/models), streams learning-curve points and progress to the UI, and stores the
 * run with its model in one transaction. Runs pause and stop through a signal the UI
 * shares, so stopping never terminates this worker.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { Signal } from '../core/estimator/signal.ts';
import { FitStopped, type ItemText } from '../core/estimator/types.ts';
import { findAlgorithm, type AlgorithmSpec } from '../core/registry/index.ts';
import { RANK_MEASURES } from '../core/selection/crossValidate.ts';
import { BACKEND_NAMES, rememberedBackend, selectBackend, type BackendChoice } from '../models/backend.ts';
import { estimatorLoaders, exportSavedModel } from '../models/estimators.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { loadTable } from '../storage/datasets.ts';
import { loadItemMetadata } from '../storage/items.ts';
import { loadRunDetails } from '../storage/details.ts';
import { loadModelRecord } from '../storage/models.ts';
import { listRuns, saveRun } from '../storage/runs.ts';
import { comparable, compareToReference, detailsCsv, drillDownRuns, protocolAgreement, sameNegatives, sameSetting } from './compare-job.ts';
import { recommendFromRun } from './recommend-job.ts';
import { closeVisitorSession, openVisitorSession, recommendForVisitor, type VisitorSession } from './visitor-job.ts';
import { fitOnAllRatings, runJob, type JobContext } from './train-job.ts';
import { KeptTable } from './keptTable.ts';
import type { BackendPreference, TrainApi, TrainEvents } from './protocol.ts';

let backendChoice: Promise<BackendChoice> | null = null;

/**
 * 'auto' measures each backend that starts on a small Bias MF run and keeps the
 * fastest, or starts the one an earlier measurement on this browser and device chose.
 */
function ensureBackend(preference: BackendPreference = 'auto', measured?: BackendChoice): Promise<BackendChoice> {
  const prefer = preference === 'auto' ? [...BACKEND_NAMES] : [preference, ...BACKEND_NAMES.filter((b) => b !== preference)];
  const opts = {
    prefer,
    mode: preference === 'auto' ? ('measure' as const) : ('first' as const),
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    },
  };
  backendChoice ??= preference === 'auto' && measured ? rememberedBackend(measured, opts) : selectBackend(opts);
  return backendChoice;
}

const loaders = estimatorLoaders(() => ensureBackend());
const estimatorOf = (spec: AlgorithmSpec) => loaders[spec.engine]();

/** The Train screen's dataset's table, read ahead (see keptTable.ts). */
const tables = new KeptTable<RatingsTable>(loadTable);
const tableOf = (id: string): Promise<RatingsTable> => tables.get(id);

/**
 * The visitor's run model, kept loaded between their ratings (loading it each time
 * would cost more than folding them in). A promise, so ratings that arrive while it
 * loads share one session.
 */
let visitor: { datasetId: string; runId: string; session: Promise<VisitorSession> } | null = null;

function endVisit(): void {
  void visitor?.session.then(closeVisitorSession, () => {});
  visitor = null;
}

async function openVisit(datasetId: string, runId: string): Promise<VisitorSession> {
  const [run, stored, table, meta] = await Promise.all([findRun(datasetId, runId), loadModelRecord(runId), tableOf(datasetId), loadItemMetadata(datasetId)]);
  return openVisitorSession(datasetId, table, run, stored, await estimatorOf(findAlgorithm(run.algo)), meta);
}

/** The run in progress's signal; `control` flips it when the page cannot share memory. */
let signal = new Signal();

function context(events: TrainEvents, shared?: SharedArrayBuffer, datasetId?: string): JobContext {
  signal = new Signal(shared);
  return {
    events,
    signal,
    estimator: estimatorOf,
    // The first run of this dataset on the same split with the same sampled protocol drew them.
    async frozenNegatives(fingerprint, req) {
      if (!datasetId) return undefined;
      const same = (await listRuns(datasetId)).filter((r) => r.split?.fingerprint === fingerprint && sameNegatives(r, req.negatives, req.seed ?? 0, req.relevance));
      for (const r of same) {
        const details = await loadRunDetails(r.id);
        if (details?.negatives) return details.negatives;
      }
      return undefined;
    },
  };
}

/** Errors cross comlink as name + message: a stop keeps its name so the UI can tell it from a failure. */
function rethrow(err: unknown): never {
  if (err instanceof FitStopped) throw Object.assign(new Error('stopped'), { name: 'FitStopped' });
  throw err;
}

/** The dataset's titles, for models that read item text (none without metadata). */
async function itemTextOf(datasetId: string): Promise<ItemText | undefined> {
  const meta = await loadItemMetadata(datasetId);
  return meta && { titles: meta.titles };
}

async function findRun(datasetId: string, runId: string) {
  const run = (await listRuns(datasetId)).find((r) => r.id === runId);
  if (!run) throw new Error('That run no longer exists.');
  return run;
}

const api: TrainApi = {
  backend: ensureBackend,
  keepTable: (datasetId) => tables.keep(datasetId),
  async train(req, events) {
    events.onStatus('loading dataset');
    const ctx = context(events, req.signal, req.datasetId);
    const [table, itemText] = await Promise.all([tableOf(req.datasetId), itemTextOf(req.datasetId)]);
    ctx.itemText = itemText;
    try {
      const { run: result, model, details } = await runJob(table, req, ctx);
      const run = { ...result, id: req.runId, datasetId: req.datasetId, createdAt: Date.now() };
      const keys = { id: run.id, datasetId: run.datasetId };
      events.onStatus(model ? `storing the run and its model (${(model.bytes / 1e6).toFixed(0)} MB)` : 'storing the run');
      await saveRun(run, model && { ...keys, createdAt: run.createdAt, saved: model }, details && { ...keys, ...details });
      return run;
    } catch (err) {
      rethrow(err);
    }
  },
  control(action) {
    if (action === 'stop') signal.stop();
    else signal.pause(action === 'pause');
  },
  async fitOnAll(datasetId, runId, events, shared) {
    const [run, table, itemText] = await Promise.all([findRun(datasetId, runId), tableOf(datasetId), itemTextOf(datasetId)]);
    try {
      const saved = await fitOnAllRatings(table, run, { ...context(events, shared), itemText });
      const next = { ...run, model: { bytes: saved.bytes, fittedOn: 'all' as const } };
      await saveRun(next, { id: run.id, datasetId, createdAt: Date.now(), saved });
      if (visitor?.runId === runId) endVisit();
      return next;
    } catch (err) {
      rethrow(err);
    }
  },
  async recommend(datasetId, runId, who, n, options) {
    const [run, stored, table, meta] = await Promise.all([findRun(datasetId, runId), loadModelRecord(runId), tableOf(datasetId), loadItemMetadata(datasetId)]);
    return recommendFromRun(table, run, stored, await estimatorOf(findAlgorithm(run.algo)), meta, who, n, options);
  },
  async visit(datasetId, runId, ratings, n, options) {
    if (visitor?.runId !== runId || visitor.datasetId !== datasetId) {
      endVisit();
      visitor = { datasetId, runId, session: openVisit(datasetId, runId) };
    }
    const mine = visitor;
    try {
      return await recommendForVisitor(await mine.session, ratings, n, options);
    } catch (err) {
      // A session that failed to open is not kept: the next rating tries again.
      if (visitor === mine && !(await mine.session.then(() => true, () => false))) visitor = null;
      throw err;
    }
  },
  async perUserCsv(datasetId, runId) {
    const [details, table] = await Promise.all([loadRunDetails(runId), tableOf(datasetId)]);
    if (!details) throw new Error('This run kept no per-user results (it was cross-validated or made before they were kept).');
    return detailsCsv(details, table.userIds);
  },
  async compare(datasetId, referenceId) {
    const runs = await listRuns(datasetId);
    const ref = runs.find((r) => r.id === referenceId);
    if (!ref) throw new Error('That run no longer exists.');
    const others = runs.filter((r) => comparable(ref, r));
    const [refDetails, ...details] = await Promise.all([ref, ...others].map((r) => loadRunDetails(r.id)));
    const agreement = Object.fromEntries(RANK_MEASURES.map((m) => [m, protocolAgreement(runs.filter((r) => sameSetting(ref, r)), m)]));
    if (!refDetails) return { runs: {}, agreement };
    return { runs: compareToReference(refDetails, details.filter((d) => d !== undefined)), agreement };
  },
  async drillDown(datasetId, runA, runB, metric) {
    const [a, b, table] = await Promise.all([loadRunDetails(runA), loadRunDetails(runB), tableOf(datasetId)]);
    if (!a || !b) throw new Error('Both runs must have kept their per-user results (cross-validated runs do not).');
    return drillDownRuns(a, b, metric, table.userIds);
  },
  async exportModel(runId, baseName) {
    const stored = await loadModelRecord(runId);
    if (!stored) throw new Error('This run kept no model.');
    return exportSavedModel(stored.saved, baseName);
  },
};

Comlink.expose(api);
