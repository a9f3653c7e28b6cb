/** Training runs in IndexedDB: what was trained, on what, with which seed, and how it went. */
import type { FlatParams } from '../core/registry/index.ts';
import { describeStorageError, openLabDB } from './db.ts';

export interface CurvePoint {
  epoch: number;
  trainRmse: number;
  valRmse: number;
}

export interface RunRecord {
  id: string;
  datasetId: string;
  algo: string;
  params: FlatParams;
  seed: number;
  split: { kind: 'random'; testFraction: number; seed: number };
  status: 'done' | 'failed' | 'stopped';
  /** TensorFlow.js backend for deep models; 'js' for the TypeScript algorithms. */
  backend: string;
  curve: CurvePoint[];
  rmse: number;
  mae: number;
  fitSeconds: number;
  testSeconds: number;
  impossible: number;
  error?: string;
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
