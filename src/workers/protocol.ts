/**
 * The typed interface between the UI and the workers. The worker side implements
 * these interfaces (exposed with comlink); the UI side gets them through
 * `src/workers/client.ts`. Callbacks cross as comlink proxies; large arrays never
 * cross at all — the workers read and write IndexedDB themselves.
 */
import type { FlatParams } from '../core/registry/index.ts';
import type { DatasetRecord } from '../storage/datasets.ts';
import type { RunRecord } from '../storage/runs.ts';

/** Progress in the Transformers.js habit: a status, how far, out of how much. */
export interface ImportProgressReport {
  status: 'reading' | 'saving';
  bytesRead: number;
  totalBytes: number | null;
  rows: number;
  rowsPerSec: number;
  etaSec: number | null;
}

export interface ImportRequest {
  /** The file itself (a File from drop/picker) or a URL of the app's own (the bundled sample). */
  source: Blob | { url: string };
  fileName: string;
  /** Name to save under; defaults to the file name. */
  name?: string;
  /** Format override; auto-detected when absent. */
  format?: string;
}

export interface IngestApi {
  importDataset(
    req: ImportRequest,
    onProgress: (p: ImportProgressReport) => void,
  ): Promise<DatasetRecord>;
}

export interface TrainRequest {
  runId: string;
  datasetId: string;
  algo: string;
  params: FlatParams;
  seed: number;
  testFraction: number;
  splitSeed: number;
}

export interface EpochEvent {
  epoch: number;
  epochs: number;
  trainRmse: number;
  valRmse: number;
  valMae: number;
  seconds: number;
}

export interface TrainEvents {
  onStatus(text: string): void;
  onEpoch(e: EpochEvent): void;
}

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** 'auto' lets the worker choose; a name puts that backend first, the rest still fall back in order. */
export type BackendPreference = 'auto' | BackendName;

export interface BackendReport {
  name: BackendName;
  attempts: { name: BackendName; ok: boolean; error?: string; ms?: number }[];
  fellBackBecause?: string;
}

export interface TrainApi {
  /** Select the TensorFlow.js backend (once per worker; later calls report the first choice). */
  backend(preference: BackendPreference): Promise<BackendReport>;
  /** Train and evaluate one model on a seeded random split; resolves with the stored run record. */
  train(req: TrainRequest, events: TrainEvents): Promise<RunRecord>;
}
