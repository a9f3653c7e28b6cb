/**
 * The data worker: file bytes → parser → columnar table → IndexedDB, and the
 * filter/k-core previews and saves over stored tables. Tables never cross to the UI;
 * only small records and counts do. Cancelling is terminating this worker: every
 * save is a single transaction, so nothing partial is left behind.
 */
import * as Comlink from 'comlink';
import { applyRecipe, type FilterRecipe } from '../core/ingest/filter.ts';
import { importRatings, ImportError } from '../core/ingest/import.ts';
import { tableCounts, type RatingsTable } from '../core/ratings.ts';
import { getDataset, loadTable, newId, saveDataset, type DatasetRecord } from '../storage/datasets.ts';
import type { DataApi, ImportProgressReport, ImportRequest } from './protocol.ts';

async function openSource(req: ImportRequest): Promise<{ stream: ReadableStream<Uint8Array>; size: number | null }> {
  if (req.source instanceof Blob) return { stream: req.source.stream(), size: req.source.size };
  const res = await fetch(req.source.url);
  if (!res.ok || !res.body) throw new ImportError(req.fileName, `could not be loaded (HTTP ${res.status})`);
  const length = Number(res.headers.get('content-length'));
  return { stream: res.body, size: Number.isFinite(length) && length > 0 ? length : null };
}

/** The last table read from storage, so slider-driven previews don't reload it each time. */
let cached: { id: string; table: RatingsTable } | null = null;

async function table(id: string): Promise<RatingsTable> {
  if (cached?.id !== id) cached = { id, table: await loadTable(id) };
  return cached.table;
}

async function record(id: string): Promise<DatasetRecord> {
  const rec = await getDataset(id);
  if (!rec) throw new Error(`dataset ${id} no longer exists`);
  return rec;
}

async function importDataset(req: ImportRequest, onProgress: (p: ImportProgressReport) => void): Promise<DatasetRecord> {
  const { stream, size } = await openSource(req);
  const result = await importRatings(stream, {
    fileName: req.fileName,
    totalBytes: size ?? undefined,
    format: req.format as never,
    columnMap: req.columnMap,
    onProgress: (p) => onProgress({ status: 'reading', ...p }),
  });
  const counts = tableCounts(result.table);
  onProgress({ status: 'saving', bytesRead: result.bytes, totalBytes: size, rows: counts.rows, rowsPerSec: 0, etaSec: null });
  const rec: DatasetRecord = {
    id: newId('ds'),
    name: req.name?.trim() || req.fileName,
    createdAt: Date.now(),
    source: { fileName: req.fileName, bytes: result.bytes, sha256: result.sha256, format: result.format },
    counts,
    importReport: {
      rowsRead: result.rowsRead,
      badRows: result.badRows,
      badExamples: result.badExamples,
      duplicates: result.duplicates,
      seconds: result.seconds,
    },
    recipe: null,
    hasVerified: result.table.verified !== null,
  };
  await saveDataset(rec, result.table);
  return rec;
}

const api: DataApi = {
  async importDataset(req, onProgress) {
    try {
      return { ok: true, record: await importDataset(req, onProgress) };
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      return { ok: false, message: err.message, needsColumnMap: /Map the columns by hand/.test(err.message) };
    }
  },

  async previewFilter(datasetId, recipe: FilterRecipe) {
    const t0 = performance.now();
    const { before, after, rounds } = applyRecipe(await table(datasetId), recipe);
    return { before, after, rounds, seconds: (performance.now() - t0) / 1000 };
  },

  async saveFiltered(datasetId, recipe, name) {
    const parent = await record(datasetId);
    const { table: filtered, after, rounds } = applyRecipe(await table(datasetId), recipe);
    if (after.rows === 0) throw new Error('These filters leave no ratings; loosen them before saving.');
    const rec: DatasetRecord = {
      ...parent,
      id: newId('ds'),
      name: name.trim() || `${parent.name} (filtered)`,
      createdAt: Date.now(),
      counts: after,
      recipe: { parent: { id: parent.id, name: parent.name, counts: parent.counts }, filters: recipe, rounds },
      hasVerified: filtered.verified !== null,
    };
    await saveDataset(rec, filtered);
    return rec;
  },
};

Comlink.expose(api);
