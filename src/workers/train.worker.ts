/**
 * The training worker: loads a dataset from IndexedDB, trains one algorithm
 * (TypeScript baselines from src/core, TensorFlow.js models from src/models), streams
 * learning-curve points and progress to the UI, keeps trained TensorFlow.js models
 * in IndexedDB and stores the run record. The TypeScript algorithms are stopped by
 * terminating this worker; TensorFlow.js training pauses and stops within a batch.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_NAMES, selectBackend, type BackendChoice } from '../models/backend.ts';
import type { TrainControl } from '../models/train.ts';
import { loadTable } from '../storage/datasets.ts';
import { loadItemMetadata } from '../storage/items.ts';
import { listRuns, saveRun } from '../storage/runs.ts';
import { recommendFromRun } from './recommend-job.ts';
import { runJob } from './train-job.ts';
import type { BackendPreference, ModelFiles, TrainApi } from './protocol.ts';

let backendChoice: Promise<BackendChoice> | null = null;

/** 'auto' measures each backend that starts on a small Bias MF run and keeps the fastest. */
function ensureBackend(preference: BackendPreference = 'auto'): Promise<BackendChoice> {
  const prefer = preference === 'auto' ? [...BACKEND_NAMES] : [preference, ...BACKEND_NAMES.filter((b) => b !== preference)];
  backendChoice ??= selectBackend({
    prefer,
    mode: preference === 'auto' ? 'measure' : 'first',
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    },
  });
  return backendChoice;
}

/** The flags of the TensorFlow.js run in progress, flipped by `control`. */
let control: TrainControl = { paused: false, stopped: false };

async function exportModel(modelUrl: string, baseName: string): Promise<ModelFiles> {
  const handler = tf.io.getLoadHandlers(modelUrl)[0];
  if (!handler?.load) throw new Error(`no saved model at ${modelUrl}`);
  const art = await handler.load();
  if (!art.weightSpecs || !art.weightData) throw new Error(`the model at ${modelUrl} has no weights`);
  const modelJson: tf.io.ModelJSON = {
    modelTopology: art.modelTopology as object,
    format: art.format,
    generatedBy: art.generatedBy,
    weightsManifest: [{ paths: [`${baseName}.weights.bin`], weights: art.weightSpecs }],
  };
  const weights = Array.isArray(art.weightData) ? tf.io.concatenateArrayBuffers(art.weightData) : art.weightData;
  return {
    modelJson: new Blob([JSON.stringify(modelJson)], { type: 'application/json' }),
    weights: new Blob([weights], { type: 'application/octet-stream' }),
  };
}

const api: TrainApi = {
  backend: ensureBackend,
  async train(req, events) {
    events.onStatus('loading dataset');
    control = { paused: false, stopped: false };
    const table = await loadTable(req.datasetId);
    const result = await runJob(table, req, {
      events,
      backend: () => ensureBackend(),
      control,
      modelUrl: `indexeddb://reclab-${req.runId}`,
    });
    const run = { ...result, id: req.runId, datasetId: req.datasetId, createdAt: Date.now() };
    await saveRun(run);
    return run;
  },
  control(action) {
    if (action === 'pause') control.paused = true;
    else if (action === 'resume') control.paused = false;
    else control.stopped = true;
  },
  async recommend(datasetId, runId, who, n) {
    const run = (await listRuns(datasetId)).find((r) => r.id === runId);
    if (!run) throw new Error('That run no longer exists.');
    if (run.modelUrl) await ensureBackend();
    const [table, meta] = await Promise.all([loadTable(datasetId), loadItemMetadata(datasetId)]);
    return recommendFromRun(table, run, meta, who, n);
  },
  exportModel,
  async removeModel(modelUrl) {
    // Runs stopped before saving have no model: nothing to remove is fine.
    if ((await tf.io.listModels())[modelUrl]) await tf.io.removeModel(modelUrl);
  },
};

Comlink.expose(api);
