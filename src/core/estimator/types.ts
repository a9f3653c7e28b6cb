/**
 * The one estimator interface every model implements, TypeScript or TensorFlow.js
 * (Surprise's AlgoBase lifted one level): fit over a table's training rows with a run
 * signal and typed progress, then a fitted model that gives raw estimates, saves,
 * loads and disposes. Scoring, cross-validation, search, recommendations and storage
 * are written once against it; the engines differ only in their two adapters
 * (./coreEstimator.ts and src/models/estimator.ts).
 */
import type { RatingsTable } from '../ratings.ts';
import type { Engine, FlatParams } from '../registry/types.ts';
import type { Scale } from '../predict.ts';
import type { RunSignal } from './signal.ts';

/** Share of the training rows a model holds out to validate on (early stopping, LR plateau). */
export const VALIDATION_SHARE = 0.1;

/**
 * What a curve's second line is computed on: rows held out of the training rows
 * (VALIDATION_SHARE of them), or the monitored rows (the test rows of the split).
 */
export type CurveRows = 'holdout' | 'test';

/** Typed progress of a fit. */
export type FitProgress =
  /**
   * An epoch ended: RMSE on a sample of the training rows and on the held-out or monitored rows (`validation` says which);
   * `seconds` of fitting since the fit began; a TensorFlow.js model's mean training loss over the epoch.
   */
  | { kind: 'epoch'; epoch: number; epochs: number; trainRmse: number; valRmse: number; validation: CurveRows; seconds: number; trainLoss?: number }
  /** A training batch of a TensorFlow.js model (the loop throttles nothing: callers do). */
  | { kind: 'batch'; epoch: number; batch: number; batches: number; loss: number; samplesPerSec: number }
  | { kind: 'status'; text: string };

export interface FitRequest {
  table: RatingsTable;
  /** The table rows the model learns from. */
  train: Int32Array;
  algo: string;
  /** Complete (resolved) registry params. */
  params: FlatParams;
  seed: number;
  /** The rating scale predictions clip to. */
  scale: Scale;
  signal?: RunSignal;
  onProgress?(p: FitProgress): void;
  /**
   * Rows whose RMSE draws the curve's validation line after each epoch, when the
   * model does not hold out its own validation rows. They never steer training.
   */
  monitor?: Int32Array;
  /**
   * false: after each epoch, report the epoch only, without scoring rows for the curve
   * (cross-validation keeps no fold's curve; scoring 70k rows an epoch cost SVD more
   * than its fit). Models that stop early on their own validation rows score those anyway.
   */
  curve?: boolean;
  /** Text about the items, for models whose params read it (the `text` switch). */
  itemText?: ItemText;
}

/** Text about a table's items: per table item, its display title ('' when it has none). */
export interface ItemText {
  titles: readonly string[];
}

/** What a fit reports besides the model. */
export interface FitInfo {
  /** TensorFlow.js backend; for the TypeScript algorithms 'js', or 'wasm-simd' where a WebAssembly kernel ran the epochs (SVD, NMF). */
  backend: string;
  epochsRun?: number;
  bestEpoch?: number;
  samplesPerSec?: number;
  /** What the validation curve was computed on: a holdout of the training rows, or the monitored (test) rows. */
  validation?: CurveRows;
  /** Stopped by hand: the model is the last complete epoch's. */
  stoppedEarly?: boolean;
}

/** A fitted model as storage keeps it: enough to load it again over the same table. */
export interface SavedModel {
  algo: string;
  engine: Engine;
  params: FlatParams;
  seed: number;
  scale: Scale;
  /** The table rows it was fitted on. */
  train: Int32Array;
  info: FitInfo;
  /** Engine-specific state (structured-clonable): weights, factors, or nothing when it refits on load. */
  payload: unknown;
  /** Bytes of the payload and the training rows. */
  bytes: number;
}

/** A person the fit never saw, known by the ratings they just gave: table item indices and ratings. */
export interface Visitor {
  item: Int32Array;
  rating: Float32Array;
}

export interface FittedModel {
  readonly algo: string;
  readonly params: FlatParams;
  readonly seed: number;
  readonly scale: Scale;
  /** Surprise's default prediction, for impossible estimates: the mean training rating. */
  readonly defaultPrediction: number;
  readonly info: FitInfo;
  /**
   * Raw estimates (before any clipping) of table (user, item) pairs; NaN = impossible.
   * `time` (Unix seconds, NaN where unknown) is when each rating is asked for: a
   * sequence model reads only the user's history before it; without it, all of it.
   */
  estimate(user: Int32Array, item: Int32Array, time?: Float64Array): Promise<Float64Array>;
  /**
   * Fold-in: the raw estimates, for every table item (NaN = impossible), of a new user
   * known only by `visitor`'s ratings, with everything the fit learned kept fixed — no
   * refit. Factor models solve the user's vector (and bias) by their own regularised
   * least squares; item-based neighbourhood models read the rated items' neighbours.
   * Absent on models that cannot: those need a refit to meet a new user.
   */
  foldIn?(visitor: Visitor): Promise<Float64Array>;
  /**
   * Optional, the same numbers as `estimate` for every (users[r], items[c]) pair, row
   * by row (users.length × items.length), where the model has a faster way to score
   * whole rows of the catalog (the factor models). The full ranking uses it when present.
   */
  estimateGrid?(users: Int32Array, items: Int32Array): Promise<Float64Array>;
  save(): Promise<SavedModel>;
  dispose(): void;
}

export interface Estimator {
  readonly engine: Engine;
  fit(req: FitRequest): Promise<FittedModel>;
  /** A saved model over the table it was fitted on. */
  load(saved: SavedModel, table: RatingsTable): Promise<FittedModel>;
  /** A saved model as files a person can download: a JSON description and a binary of its arrays. */
  exportFiles(saved: SavedModel, baseName: string): ModelFile[];
}

export interface ModelFile {
  name: string;
  blob: Blob;
}

/** A fit that was stopped before it had a usable model. */
export class FitStopped extends Error {
  constructor() {
    super('stopped before the model was usable');
    this.name = 'FitStopped';
  }
}
