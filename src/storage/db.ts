/**
 * The IndexedDB schema (via idb), versioned. Each version's step lives in MIGRATIONS
 * and runs in order on upgrade, so a browser with any older database reaches the
 * current schema without losing data.
 *
 * Stores:
 *   datasets — DatasetRecord metadata, small, listed often
 *   tables   — the columnar ratings of a dataset, same key; loaded only to train/explore
 *   runs     — RunRecord of every training run, indexed by dataset
 *   items    — item titles/store/category attached to a dataset (version 2)
 *   models   — fitted models of runs, keyed by run, indexed by dataset (version 3)
 *   details  — per-user results and frozen negatives of runs, the same way (version 3)
 *   pending  — runs queued or training, written when queued and as they train, so a
 *              reload finds them (version 5); a finished run moves to `runs`
 *   parts    — the tables' rows and ids in parts, keyed [dataset, part]; `tables` keeps
 *              each table's head (version 6, see tableParts.ts)
 *   modelParts — the models' buffers in parts, keyed [run, part]; `models` keeps each
 *              model's head (version 7, see modelParts.ts)
 * Version 4 rewrites item metadata as display text and counts titled items.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { DatasetRecord } from './datasets.ts';
import type { ItemMetadata } from './items.ts';
import { displayText } from '../core/text/display.ts';
import { normalizeEvaluation } from '../core/selection/evaluation.ts';
import type { RunDetails } from './details.ts';
import type { ModelHead, ModelPart } from './modelParts.ts';
import type { PendingRun } from './pending.ts';
import type { RunRecord } from './runs.ts';
import { writeTable, type TableHead, type TablePart } from './tableParts.ts';

export const DB_NAME = 'reclab';

export interface RecLabDB extends DBSchema {
  datasets: { key: string; value: DatasetRecord; indexes: { byCreated: number } };
  tables: { key: string; value: TableHead };
  parts: { key: [string, number]; value: TablePart };
  runs: { key: string; value: RunRecord; indexes: { byDataset: string; byCreated: number } };
  items: { key: string; value: ItemMetadata };
  models: { key: string; value: ModelHead; indexes: { byDataset: string } };
  modelParts: { key: [string, number]; value: ModelPart };
  details: { key: string; value: RunDetails; indexes: { byDataset: string } };
  pending: { key: string; value: PendingRun; indexes: { byDataset: string } };
}

type UpgradeTx = IDBPTransaction<RecLabDB, StoreNames<RecLabDB>[], 'versionchange'>;

/** A table as versions 1–5 kept it: one record of whole columns, ids newline-joined. */
interface WholeTable {
  id: string;
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array;
  time: Float64Array;
  verified: Uint8Array | null;
  userIds: string;
  itemIds: string;
}
type Migration = (db: IDBPDatabase<RecLabDB>, tx: UpgradeTx) => void;

/** MIGRATIONS[v - 1] upgrades a version v−1 database to version v. Append only. */
const MIGRATIONS: Migration[] = [
  (db) => {
    db.createObjectStore('datasets', { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
    db.createObjectStore('tables', { keyPath: 'id' });
    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('byDataset', 'datasetId');
    runs.createIndex('byCreated', 'createdAt');
  },
  (db) => {
    db.createObjectStore('items', { keyPath: 'id' });
  },
  // The lab keeps models itself; runs name their evaluation by split kind. Models
  // that tf.io kept for older runs stay in tf.io's database and are not carried over.
  (db, tx) => {
    db.createObjectStore('models', { keyPath: 'id' }).createIndex('byDataset', 'datasetId');
    db.createObjectStore('details', { keyPath: 'id' }).createIndex('byDataset', 'datasetId');
    const runs = tx.objectStore('runs');
    void runs.openCursor().then(async function step(cursor): Promise<void> {
      if (!cursor) return;
      const { modelUrl: _dropped, ...run } = cursor.value as RunRecord & { modelUrl?: string };
      await cursor.update({ ...run, evaluation: normalizeEvaluation(run.evaluation) });
      return step(await cursor.continue());
    });
  },
  // Stores and categories were kept as the file wrote them ("F&amp;W"), and datasets
  // counted the items a file described, not those it gave a readable title (a filtered
  // dataset even kept its parent's count): decode, and count what is shown.
  (_db, tx) => {
    const datasets = tx.objectStore('datasets');
    void tx.objectStore('items').openCursor().then(async function step(cursor): Promise<void> {
      if (!cursor) return;
      const { matched: _dropped, ...old } = cursor.value as ItemMetadata & { matched?: number };
      const meta: ItemMetadata = {
        ...old,
        stores: old.stores.map(displayText),
        categories: old.categories.map(displayText),
        titled: old.titles.filter(Boolean).length,
      };
      await cursor.update(meta);
      const dataset = await datasets.get(meta.id);
      if (dataset) await datasets.put({ ...dataset, metadata: { fileName: meta.fileName, titled: meta.titled } });
      return step(await cursor.continue());
    });
  },
  (db) => {
    db.createObjectStore('pending', { keyPath: 'id' }).createIndex('byDataset', 'request.datasetId');
  },
  // Tables in parts: a whole-table record was one structured clone as big as the table.
  (db, tx) => {
    db.createObjectStore('parts', { keyPath: ['dataset', 'part'] });
    void tx.objectStore('tables').openCursor().then(async function step(cursor): Promise<void> {
      if (!cursor) return;
      const { id, userIds, itemIds, ...columns } = cursor.value as unknown as WholeTable;
      const split = (ids: string) => (ids.length ? ids.split('\n') : []);
      await cursor.delete();
      await writeTable({ tables: tx.objectStore('tables'), parts: tx.objectStore('parts') }, id, { ...columns, userIds: split(userIds), itemIds: split(itemIds) });
      return step(await cursor.continue());
    });
  },
  // Models in parts: a whole-model record was one structured clone as big as its
  // weights. Models stored whole stay as they are and still read (a head without a
  // layout, modelParts.ts): rewriting hundreds of MB in the upgrade transaction would
  // hold up opening the lab for every model already stored, and a failure would undo all.
  (db) => {
    db.createObjectStore('modelParts', { keyPath: ['run', 'part'] });
  },
];

export const DB_VERSION = MIGRATIONS.length;

/** The lab's database, upgraded to `version` (the current one; tests open older ones). */
export function openLabDB(name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<RecLabDB>> {
  return openDB<RecLabDB>(name, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < version; v++) MIGRATIONS[v](db, tx);
    },
  });
}

/**
 * Run `write` in `tx`, resolving once the transaction commits. A write that fails
 * aborts the transaction, so nothing it wrote stays: one that throws (a value that
 * cannot be cloned) would otherwise leave the requests made before it to commit.
 */
export async function atomically(tx: { abort(): void; done: Promise<void> }, write: () => Promise<void>): Promise<void> {
  const aborted = (err: unknown) => {
    try {
      tx.abort();
    } catch {
      // A failed request has already aborted it.
    }
    throw err;
  };
  await Promise.all([write().catch(aborted), tx.done]);
}

/** A quota or storage failure turned into a message a person can act on. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export function describeStorageError(err: unknown, what: string): StorageError {
  const name = (err as { name?: string })?.name;
  if (name === 'QuotaExceededError') {
    return new StorageError(
      `Not enough browser storage to save ${what}. Delete datasets or runs you no longer need, or filter the data to fewer ratings, then try again.`,
      { cause: err },
    );
  }
  return new StorageError(`Could not save ${what}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}
