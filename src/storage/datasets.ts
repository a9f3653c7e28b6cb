/**
 * Datasets in IndexedDB: the metadata record and the columnar table (in parts, see
 * tableParts.ts), written in one transaction so that a failed, cancelled or
 * interrupted save (a reload mid-write) leaves nothing behind and never touches other
 * datasets.
 */
import type { FilterRecipe, KcoreRound } from '../core/ingest/filter.ts';
import type { UserSampleRule } from '../core/ingest/userSample.ts';
import type { RatingsTable, TableCounts } from '../core/ratings.ts';
import { describeStorageError, openLabDB } from './db.ts';
import type { ItemMetadata, MetadataSummary } from './items.ts';
import { dropModel, dropOrphanedParts, modelStores } from './modelParts.ts';
import { partRange, readTable, writeTable } from './tableParts.ts';

export interface DatasetSource {
  fileName: string;
  bytes: number;
  sha256: string;
  format: string;
  /** Set when the import kept only a seeded sample of the file's users (see userSample.ts). */
  sampleUsers?: UserSampleRule;
}

export interface BadRowExample {
  line: number;
  reason: string;
  text: string;
}

export interface DatasetRecord {
  id: string;
  name: string;
  createdAt: number;
  source: DatasetSource;
  counts: TableCounts;
  /** What happened on import: rows read, bad rows, duplicate pairs resolved (keep latest). */
  importReport: {
    rowsRead: number;
    badRows: number;
    badExamples: BadRowExample[];
    duplicates: number;
    /** Valid rows of the users the sample left out (with sampleUsers). */
    sampledOut?: number;
    seconds: number;
    /** From this valid row on (file order) the import kept no review text: the total cap was reached. Absent when it never was. */
    reviewsStoppedAt?: number;
  };
  /** How this dataset was derived from another, when it was; null for a plain import. */
  recipe: DerivedRecipe | null;
  /** Whether the table carries a verified-purchase column. */
  hasVerified: boolean;
  /** Whether the table carries review text (absent on datasets imported before review text was kept). */
  hasReviews?: boolean;
  /** Item metadata attached from a file (store 'items'), when there is some. */
  metadata?: MetadataSummary;
  /** Set when the ratings are a sample a Dask job made from files too large for the tab. */
  scale?: ScaleRecord;
}

/** Where a Dask job's sample came from, and whether the lab's own run of its recipe agrees. */
export interface ScaleRecord {
  engine: 'dask';
  /** Dask's version and the number of workers. */
  dask: string;
  workers: number;
  /** The input as given to job.py, and each file with its size and SHA-256. */
  input: string;
  files: { path: string; bytes: number; sha256: string }[];
  seconds: Record<string, number>;
  /** The lab's run of the same recipe on its stored copy of the file, when it has one. */
  labCheck: { datasetId: string; name: string; same: boolean; rows: number; users: number; items: number; rounds: number } | null;
}

/** Update a dataset's record (not its table). */
export async function updateDataset(id: string, patch: (rec: DatasetRecord) => DatasetRecord): Promise<DatasetRecord> {
  const db = await openLabDB();
  try {
    const tx = db.transaction('datasets', 'readwrite');
    const rec = await tx.store.get(id);
    if (!rec) throw new Error(`dataset ${id} does not exist`);
    const next = patch(rec);
    await Promise.all([tx.store.put(next), tx.done]);
    return next;
  } finally {
    db.close();
  }
}

/**
 * Everything needed to rebuild a filtered dataset and cite it: the source file
 * (name, size, SHA-256, format — in DatasetRecord.source), the filters with their
 * seed, and the counts after each k-core round.
 */
export interface DerivedRecipe {
  /** RECIPE_VERSION of the filter rules when saved; absent on datasets saved before versions (version 1). */
  version?: number;
  parent: { id: string; name: string; counts: TableCounts };
  filters: FilterRecipe;
  rounds: KcoreRound[];
}

export function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`;
}

/** Store a dataset, its table and its item metadata (when it has some) atomically. */
export async function saveDataset(record: DatasetRecord, table: RatingsTable, meta?: ItemMetadata): Promise<void> {
  const db = await openLabDB();
  try {
    const tx = db.transaction(['datasets', 'tables', 'parts', 'items'], 'readwrite');
    // The record goes last: a reader that sees it finds the whole table.
    await Promise.all([
      (async () => {
        await writeTable({ tables: tx.objectStore('tables'), parts: tx.objectStore('parts') }, record.id, table);
        if (meta) await tx.objectStore('items').put(meta);
        await tx.objectStore('datasets').add(record);
      })(),
      tx.done,
    ]);
  } catch (err) {
    throw describeStorageError(err, `dataset "${record.name}"`);
  } finally {
    db.close();
  }
}

export async function listDatasets(): Promise<DatasetRecord[]> {
  const db = await openLabDB();
  try {
    return await db.getAllFromIndex('datasets', 'byCreated');
  } finally {
    db.close();
  }
}

export async function getDataset(id: string): Promise<DatasetRecord | undefined> {
  const db = await openLabDB();
  try {
    return await db.get('datasets', id);
  } finally {
    db.close();
  }
}

/** A dataset's table, read part by part (one part's clone at a time beside the columns). */
export async function loadTable(id: string): Promise<RatingsTable> {
  const db = await openLabDB();
  try {
    const tx = db.transaction(['tables', 'parts']);
    return await readTable({ tables: tx.objectStore('tables'), parts: tx.objectStore('parts') }, id);
  } finally {
    db.close();
  }
}

export async function renameDataset(id: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A dataset name cannot be empty.');
  await updateDataset(id, (rec) => ({ ...rec, name: trimmed }));
}

/**
 * Delete a dataset, its table, item metadata, runs (finished or pending), models (parts
 * included, with those its deleted runs left for Undo) and run details in one transaction.
 */
export async function deleteDataset(id: string): Promise<void> {
  const db = await openLabDB();
  try {
    const tx = db.transaction(['datasets', 'tables', 'parts', 'items', 'runs', 'models', 'modelParts', 'details', 'pending'], 'readwrite');
    const runKeys = await tx.objectStore('runs').index('byDataset').getAllKeys(id);
    const pendingKeys = await tx.objectStore('pending').index('byDataset').getAllKeys(id);
    const modelKeys = await tx.objectStore('models').index('byDataset').getAllKeys(id);
    const detailKeys = await tx.objectStore('details').index('byDataset').getAllKeys(id);
    const deletes = Promise.all([
      tx.objectStore('datasets').delete(id),
      tx.objectStore('tables').delete(id),
      tx.objectStore('parts').delete(partRange(id)),
      tx.objectStore('items').delete(id),
      ...runKeys.map((k) => tx.objectStore('runs').delete(k)),
      ...modelKeys.map((k) => dropModel(modelStores(tx), k)),
      ...detailKeys.map((k) => tx.objectStore('details').delete(k)),
      ...pendingKeys.map((k) => tx.objectStore('pending').delete(k)),
    ]);
    // The parts of its runs deleted before (kept for their Undo) have no head to find
    // them by: every headless run's parts go, once the heads above are gone.
    await Promise.all([deletes.then(() => dropOrphanedParts(tx)), tx.done]);
  } finally {
    db.close();
  }
}
