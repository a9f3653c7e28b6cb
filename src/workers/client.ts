/**
 * The UI's handle on the workers. Each worker is started here and wrapped with
 * comlink; `terminate` is how a long job is cancelled (the worker's storage writes
 * are single transactions, so nothing half-written survives it).
 */
import * as Comlink from 'comlink';
import type { IngestApi, TrainApi } from './protocol.ts';

export interface WorkerHandle<T> {
  api: Comlink.Remote<T>;
  terminate(): void;
}

function wrap<T>(worker: Worker): WorkerHandle<T> {
  return { api: Comlink.wrap<T>(worker), terminate: () => worker.terminate() };
}

export function startIngestWorker(): WorkerHandle<IngestApi> {
  return wrap(new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'reclab-ingest' }));
}

export function startTrainWorker(): WorkerHandle<TrainApi> {
  return wrap(new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'reclab-train' }));
}

export { proxy } from 'comlink';
