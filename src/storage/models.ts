/**
 * Fitted models in IndexedDB, one per run that keeps one (same key as the run): the
 * TensorFlow.js weights or a TypeScript algorithm's fitted state, with the training
 * rows it was fitted on, stored by the lab rather than by tf.io's own database so
 * that a dataset's deletion takes its models along and storage can list their sizes.
 */
import type { SavedModel } from '../core/estimator/types.ts';
import { describeStorageError, openLabDB } from './db.ts';

export interface ModelRecord {
  /** The run's id. */
  id: string;
  datasetId: string;
  createdAt: number;
  saved: SavedModel;
}

/** What lists show without loading the weights. */
export interface ModelSummary {
  id: string;
  datasetId: string;
  algo: string;
  bytes: number;
}

export async function saveModel(rec: ModelRecord): Promise<void> {
  const db = await openLabDB();
  try {
    await db.put('models', rec);
  } catch (err) {
    throw describeStorageError(err, `the ${rec.saved.algo} model`);
  } finally {
    db.close();
  }
}

export async function loadModelRecord(id: string): Promise<ModelRecord | undefined> {
  const db = await openLabDB();
  try {
    return await db.get('models', id);
  } finally {
    db.close();
  }
}

export async function deleteModel(id: string): Promise<void> {
  const db = await openLabDB();
  try {
    await db.delete('models', id);
  } finally {
    db.close();
  }
}

/** Every stored model's size, walking a cursor so no weights are kept in memory at once. */
export async function listModels(datasetId?: string): Promise<ModelSummary[]> {
  const db = await openLabDB();
  try {
    const out: ModelSummary[] = [];
    const tx = db.transaction('models');
    const source = datasetId ? tx.store.index('byDataset').iterate(datasetId) : tx.store.iterate();
    for await (const c of source) out.push({ id: c.value.id, datasetId: c.value.datasetId, algo: c.value.saved.algo, bytes: c.value.saved.bytes });
    return out;
  } finally {
    db.close();
  }
}
