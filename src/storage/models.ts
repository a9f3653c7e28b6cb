/**
 * Fitted models in IndexedDB, one per run that keeps one (same key as the run): the
 * TensorFlow.js weights or a TypeScript algorithm's fitted state, with the training
 * rows it was fitted on, stored by the lab rather than by tf.io's own database so
 * that a dataset's deletion takes its models along and storage can list their sizes.
 * Each is kept as a small head and its buffers in parts (./modelParts.ts).
 */
import type { SavedModel } from '../core/estimator/types.ts';
import { openLabDB } from './db.ts';
import { modelStores, readModel } from './modelParts.ts';

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

/** A run's model, read back part by part. */
export async function loadModelRecord(id: string): Promise<ModelRecord | undefined> {
  const db = await openLabDB();
  try {
    const tx = db.transaction(['models', 'modelParts']);
    return await readModel(modelStores(tx), id);
  } finally {
    db.close();
  }
}

/** Every stored model's size, walking a cursor over the heads: no weights are read (but for models stored whole, before parts). */
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
