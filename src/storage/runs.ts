/** Training runs in IndexedDB: what was trained, on what, with which seed, and how it went. */
import type { FlatParams } from '../core/registry/index.ts';
import type { FoldScores } from '../core/selection/crossValidate.ts';
import { describeStorageError, openLabDB } from './db.ts';

export interface CurvePoint {
  epoch: number;
  trainRmse: number;
  valRmse: number;
}

/** How a run was scored: one seeded random split, or seeded k-fold cross-validation. */
export type Evaluation = { kind: 'split'; testFraction: number; seed: number } | { kind: 'cv'; folds: number; seed: number };

/** One candidate of a grid search with its cross-validated means. */
export interface SearchCandidate {
  params: FlatParams;
  rmse: number;
  mae: number;
}

/**
 * A finished run. The figures are the test split's, or the means over folds for
 * cross-validation (then `folds` holds each fold's). A grid search is stored as the
 * run of its best candidate (by RMSE), with every candidate in `search`.
 */
export interface RunRecord extends FoldScores {
  id: string;
  datasetId: string;
  algo: string;
  params: FlatParams;
  seed: number;
  evaluation: Evaluation;
  status: 'done';
  /** TensorFlow.js backend for deep models; 'js' for the TypeScript algorithms. */
  backend: string;
  curve: CurvePoint[];
  folds?: FoldScores[];
  search?: SearchCandidate[];
  /** Deep models: epochs trained (early stopping may end sooner), the epoch kept, training throughput. */
  epochsRun?: number;
  bestEpoch?: number;
  samplesPerSec?: number;
  /** Deep models: what the validation curve was computed on (see src/models/evaluate.ts). */
  validation?: 'holdout' | 'test';
  /** Deep models: where the trained weights are kept (a tf.io URL, 'indexeddb://…'). */
  modelUrl?: string;
  /** Set when the person stopped training early: the model is the last complete epoch's. */
  stoppedEarly?: boolean;
  createdAt: number;
}

export async function saveRun(run: RunRecord): Promise<void> {
  const db = await openLabDB();
  try {
    await db.put('runs', run);
  } catch (err) {
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

export async function deleteRun(id: string): Promise<void> {
  const db = await openLabDB();
  try {
    await db.delete('runs', id);
  } finally {
    db.close();
  }
}
