/**
 * The UI's handle on the workers. Each worker is started here and wrapped with
 * comlink; `terminate` is how a long job is cancelled (the worker's storage writes
 * are single transactions, so nothing half-written survives it).
 */
import * as Comlink from 'comlink';
import type { DataApi, TrainApi } from './protocol.ts';

export interface WorkerHandle<T> {
  api: Comlink.Remote<T>;
  terminate(): void;
}

function wrap<T>(worker: Worker): WorkerHandle<T> {
  return { api: Comlink.wrap<T>(worker), terminate: () => worker.terminate() };
}

/** Imports, filters, statistics and exports. One per import (cancel = terminate), one long-lived for previews. */
export function startDataWorker(): WorkerHandle<DataApi> {
  return wrap(new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'reclab-data' }));
}

export function startTrainWorker(): WorkerHandle<TrainApi> {
  return wrap(new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'reclab-train' }));
}

export { proxy } from 'comlink';
