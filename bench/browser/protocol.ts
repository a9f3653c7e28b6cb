/**
 * What the Node drivers ask the bench page for and what comes back: plain data, so it
 * crosses page.evaluate and the worker boundary unchanged.
 */
import type { BackendName } from '../../src/models/backend.ts';
import type { FlatParams } from '../../src/core/registry/types.ts';

export interface IngestFigures {
  fileBytes: number;
  rowsRead: number;
  duplicates: number;
  badRows: number;
  rows: number;
  users: number;
  items: number;
  parseS: number;
  kcoreS: number;
  rounds: number;
  after: { rows: number; users: number; items: number };
  /** Sum of the imported table's typed-array byteLengths. */
  columnBytes: number;
  /** Estimate of the id dictionaries' heap size (see dictionaryBytes in ingest.worker.ts). */
  dictionaryBytes: number;
}

export interface IngestReport extends IngestFigures {
  crossOriginIsolated: boolean;
  /** measureUserAgentSpecificMemory() before the import and while the worker holds both tables; null where unavailable. */
  uaMemory: { before: number; held: number } | null;
}

/** Seeded uniform random ratings, none held out. */
export interface SyntheticData {
  kind: 'synthetic';
  ratings: number;
  users: number;
  items: number;
}

/**
 * The page's input files, imported as one stream in order. With trainRows the first
 * trainRows rows train and the rest validate (a given split); otherwise a seeded
 * random 80/20 split.
 */
export interface FileData {
  kind: 'files';
  trainRows?: number;
}

export interface TrainJob {
  backend: BackendName;
  /** wasm only: false forces the single-threaded build even when threads are possible. */
  threads?: boolean;
  model: string;
  params: FlatParams;
  data: SyntheticData | FileData;
  seed: number;
  /** The page terminates the worker and fails the job after this long. */
  timeoutS?: number;
}

export interface TrainReport {
  backend: BackendName;
  /** wasm: the threads the backend runs with (1 when single-threaded). */
  wasmThreads: number | null;
  epochsRun: number;
  /** Training samples per second over the whole fit. */
  samplesPerSec: number;
  /** Samples per second of each epoch's steps (evaluation excluded). */
  epochSamplesPerSec: number[];
  /** Files: RMSE on the test rows, of the model training kept (validation on 10% of the training rows). */
  testRmse: number;
  seconds: number;
  trainRows: number;
}

/** What page.ts puts on window for the drivers. */
export interface BenchPage {
  /** `sampleUsers`: read only that share of the users (the import's user sample, seed 42). */
  ingest(opts: { hash: boolean; sampleUsers?: number }): Promise<IngestReport>;
  train(job: TrainJob): Promise<TrainReport>;
}
