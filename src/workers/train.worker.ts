/**
 * The training worker: loads a dataset from IndexedDB, splits it with a recorded
 * seed, trains one algorithm (TypeScript baselines from src/core, TensorFlow.js
 * models from src/models), streams per-epoch learning-curve points to the UI and
 * stores the run record. Stopping a run is terminating this worker.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_NAMES, selectBackend, type BackendChoice } from '../models/backend.ts';
import { loadTable } from '../storage/datasets.ts';
import { saveRun } from '../storage/runs.ts';
import { runJob } from './train-job.ts';
import type { BackendPreference, TrainApi } from './protocol.ts';

let backendChoice: Promise<BackendChoice> | null = null;

function ensureBackend(preference: BackendPreference = 'auto'): Promise<BackendChoice> {
  const prefer = preference === 'auto' ? [...BACKEND_NAMES] : [preference, ...BACKEND_NAMES.filter((b) => b !== preference)];
  backendChoice ??= selectBackend({
    prefer,
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    },
  });
  return backendChoice;
}

const api: TrainApi = {
  backend: ensureBackend,
  async train(req, events) {
    events.onStatus('loading dataset');
    const table = await loadTable(req.datasetId);
    const result = await runJob(table, req, events, () => ensureBackend());
    const run = { ...result, id: req.runId, datasetId: req.datasetId, createdAt: Date.now() };
    await saveRun(run);
    return run;
  },
};

Comlink.expose(api);
