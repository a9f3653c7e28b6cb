/**
 * Fitted models in IndexedDB, one per run that keeps one (same key as the run): the
 * TensorFlow.js weights or a TypeScript algorithm's fitted state, with the training
 * rows it was fitted on, stored by the lab rather than by tf.io's own database so
 * that a dataset's deletion takes its models along and storage can list their sizes.
 * Each is kept as a small head and its buffers in parts (./modelParts.ts). Deleting a
 * run deletes the head and leaves the parts for Undo; they go when the Undo is no
 * longer offered (dropModelParts), or, when the page closed first, at the next start
 * (sweepModelParts).
 */
import type { SavedModel } from '../core/estimator/types.ts';
import { openLabDB } from './db.ts';
import { dropOrphanedParts, dropParts, modelStores, readModel, type Tx } from './modelParts.ts';

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

/** `write` in a transaction over the two model stores and the run stores that own parts; resolves with what it gives once that commits. */
async function inModelStores<T>(write: (tx: Tx<'readwrite'>) => Promise<T>): Promise<T> {
  const db = await openLabDB();
  try {
    const tx = db.transaction(['models', 'modelParts', 'runs', 'pending'], 'readwrite');
    const [out] = await Promise.all([write(tx), tx.done]);
    return out;
  } finally {
    db.close();
  }
}

/** A deleted run's model parts, once its Undo is no longer offered; none if Undo put its head back. */
export const dropModelParts = (runId: string): Promise<void> => inModelStores((tx) => dropParts(modelStores(tx), runId));

/** The parts of runs deleted without their Undo window closing (the page went first); resolves with those runs. */
export const sweepModelParts = (): Promise<string[]> => inModelStores(dropOrphanedParts);
