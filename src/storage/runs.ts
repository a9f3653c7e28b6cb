/** Training runs in IndexedDB: what was trained, on what, with which seed, and how it went. */
import type { FlatParams } from '../core/registry/index.ts';
import type { FoldScores, RankingMeans } from '../core/selection/crossValidate.ts';
import type { Evaluation, TrainFilter } from '../core/selection/evaluation.ts';
import type { SplitSummary } from '../core/selection/folds.ts';
import type { Measure } from '../core/selection/search.ts';
import { atomically, describeStorageError, openLabDB } from './db.ts';
import type { RunDetails } from './details.ts';
import { keptParts, modelStores, partCount, putHead, putModel, putParts, storedModel, type ModelHead } from './modelParts.ts';
import { dropModelParts, type ModelRecord } from './models.ts';
import type { PendingRun } from './pending.ts';

export interface CurvePoint {
  epoch: number;
  trainRmse: number;
  valRmse: number;
  /** Seconds of fitting since the fit began, at the end of this epoch (runs before the field have none). */
  seconds?: number;
  /** A TensorFlow.js model's mean training loss over the epoch (its own loss, penalties included). */
  trainLoss?: number;
}

/** One candidate of a search with its cross-validated means on the validation folds. */
export interface SearchCandidate {
  params: FlatParams;
  rmse: number;
  mae: number;
  fcp: number;
  /** The search's objective (its metric), for ranking objectives the value at the run's K. */
  score: number;
  fitSeconds: number;
}

/** How a search chose a run's parameters: on folds of the training rows only. */
export interface SearchRecord {
  kind: 'grid' | 'random';
  metric: Measure;
  /** Folds the training rows were cut into to score the candidates. */
  folds: number;
  candidates: SearchCandidate[];
  /** Index of the winner, whose params the run trained with. */
  best: number;
}

/** Which rows a run was scored on: enough to tell two runs used the very same split. */
export type SplitRecord = SplitSummary;

/**
 * A finished run. The figures are the test split's, or the means over folds for
 * cross-validation (then `folds` holds each fold's). A search is stored as the run
 * of its winner, trained with the winner's params, with every candidate in `search`.
 */
export interface RunRecord extends FoldScores {
  id: string;
  datasetId: string;
  algo: string;
  params: FlatParams;
  seed: number;
  evaluation: Evaluation;
  /** The k-core applied to the training rows after the split, when asked. */
  filterAfterSplit?: TrainFilter;
  split?: SplitRecord;
  status: 'done';
  /** TensorFlow.js backend for deep models; 'js' for the TypeScript algorithms. */
  backend: string;
  curve: CurvePoint[];
  folds?: FoldScores[];
  search?: SearchRecord;
  /** Iterative models: epochs trained (early stopping may end sooner), the epoch kept, training throughput. */
  epochsRun?: number;
  bestEpoch?: number;
  samplesPerSec?: number;
  /** Deep models: what the validation curve was computed on (see src/models/estimator.ts). */
  validation?: 'holdout' | 'test';
  /**
   * The stored model (src/storage/models.ts, same key): fitted on the split's training
   * rows, or refitted on all ratings (a cross-validated run, on request).
   */
  model?: { bytes: number; fittedOn: 'train' | 'all' };
  /** Set when the person stopped training early: the model is the last complete epoch's. */
  stoppedEarly?: boolean;
  /** Ranking metrics (means; per-user values are in the run's details): full, and sampled beside it when asked. */
  ranking?: RankingRecord;
  /** Set when a Dask job scored the run at scale: its figures came in with the job's summary (no model, no per-user values). */
  engine?: 'dask';
  createdAt: number;
}

export interface RankingRecord {
  relevance?: number;
  full: RankingMeans;
  /** With the negatives' count and seed. */
  sampled?: RankingMeans & { negatives: number; seed: number };
}

export type { Evaluation };

/** The stores a run keeps besides its model's. */
const RUN_STORES = ['runs', 'details', 'pending'] as const;

/**
 * A run, with its model and per-user details when it has them, never a run pointing
 * at what is missing. A new model's parts go first, a few per transaction (putParts,
 * ./modelParts.ts), then in one transaction its head, the details and the run; a
 * failure takes the parts back. A model that replaces the run's own (a refit on all
 * ratings) goes whole in that one transaction, so a failure keeps the old one. The
 * pending record (./pending.ts) goes in the same transaction as the run: a finished
 * run is never also listed as unfinished. A new model's buffers are handed over: those
 * of one part each are freed as they are written, so `model` is not to be read after.
 */
export async function saveRun(run: RunRecord, model?: ModelRecord, details?: RunDetails): Promise<void> {
  const db = await openLabDB();
  let partsFirst = false;
  try {
    const stored = model && storedModel(model);
    partsFirst = stored !== undefined && (await db.getKey('models', run.id)) === undefined;
    if (partsFirst) await putParts(db, stored!);
    const tx = db.transaction([...RUN_STORES, 'models', 'modelParts'], 'readwrite');
    await atomically(tx, async () => {
      if (stored) await (partsFirst ? putHead(modelStores(tx), stored.head) : putModel(modelStores(tx), stored));
      if (details) await tx.objectStore('details').put(details);
      await tx.objectStore('pending').delete(run.id);
      await tx.objectStore('runs').put(run);
    });
  } catch (err) {
    if (partsFirst) await dropModelParts(run.id).catch(() => undefined);
    throw describeStorageError(err, `run ${run.algo}`);
  } finally {
    db.close();
  }
}

export async function listRuns(datasetId?: string): Promise<RunRecord[]> {
  const db = await openLabDB();
  try {
    const runs = datasetId
      ? await db.getAllFromIndex('runs', 'byDataset', datasetId)
      : await db.getAll('runs');
    return runs.sort((a, b) => a.createdAt - b.createdAt);
  } finally {
    db.close();
  }
}

/**
 * Everything a deleted run had, to put back on Undo: its records and its model's head.
 * The model's parts stay in `modelParts` until the Undo is no longer offered
 * (dropModelParts, ./models.ts), so this holds none of its buffers (but for a model
 * stored whole, before parts: its head is all of it).
 */
export interface RemovedRun {
  run?: RunRecord;
  model?: ModelHead;
  details?: RunDetails;
  pending?: PendingRun;
}

/** A run, finished or pending, with its details and its model's head, together; resolves with what was deleted. */
export async function deleteRun(id: string): Promise<RemovedRun> {
  const db = await openLabDB();
  try {
    const stores = [...RUN_STORES, 'models'] as const;
    const tx = db.transaction(stores, 'readwrite');
    const [run, details, pending, model] = await Promise.all(stores.map((name) => tx.objectStore(name).get(id)));
    await Promise.all([...stores.map((name) => tx.objectStore(name).delete(id)), tx.done]);
    return { run, details, pending, model } as RemovedRun;
  } finally {
    db.close();
  }
}

/**
 * Put back a deleted run as it was (Undo), in one transaction: its model's head over
 * the parts it left. Parts deleted meanwhile (another tab's start-up, a deleted
 * dataset: see dropOrphanedParts) leave the run without its model rather than with
 * one that cannot load. Resolves with the run record as put back.
 */
export async function restoreRun(removed: RemovedRun): Promise<RunRecord | undefined> {
  const db = await openLabDB();
  try {
    const tx = db.transaction([...RUN_STORES, 'models', 'modelParts'], 'readwrite');
    const { model, details, pending } = removed;
    let run = removed.run;
    await atomically(tx, async () => {
      const kept = model && (await keptParts(modelStores(tx), model)) === partCount(model);
      if (kept) await tx.objectStore('models').put(model);
      else if (model && run) run = withoutModel(run);
      if (details) await tx.objectStore('details').put(details);
      if (pending) await tx.objectStore('pending').put(pending);
      if (run) await tx.objectStore('runs').put(run);
    });
    return run;
  } catch (err) {
    throw describeStorageError(err, 'the run again');
  } finally {
    db.close();
  }
}

/** The record of a run whose model is gone. */
function withoutModel({ model: _gone, ...run }: RunRecord): RunRecord {
  return run;
}
