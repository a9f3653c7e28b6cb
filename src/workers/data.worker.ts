/**
 * The data worker: file bytes → parser → columnar table → IndexedDB, and the
 * filter/k-core previews and saves over stored tables. Tables never cross to the UI;
 * only small records and counts do. Cancelling is terminating this worker: every
 * save is a single transaction, so nothing partial is left behind.
 */
import * as Comlink from 'comlink';
import { applyRecipe, keepsEveryRow, previewRecipe, RECIPE_VERSION, type FilterRecipe } from '../core/ingest/filter.ts';
import { estimateImport, readFileHead } from '../core/ingest/estimate.ts';
import { importRatings, ImportError } from '../core/ingest/import.ts';
import { toCsv } from '../core/ingest/csvExport.ts';
import { importItemMetadata } from '../core/ingest/metadata.ts';
import { datasetStats, perKey } from '../core/ingest/stats.ts';
import { tableCounts, type RatingsTable } from '../core/ratings.ts';
import { searchIndex, searchItems, type SearchIndex } from '../core/itemSearch.ts';
import { topK } from '../core/topk.ts';
import { getDataset, loadTable, newId, saveDataset, updateDataset, type DatasetRecord } from '../storage/datasets.ts';
import { alignMetadata, carryMetadata, loadItemMetadata, metadataSummary, saveItemMetadata, type ItemMetadata } from '../storage/items.ts';
import { importJobOutput } from './scale-import.ts';
import type { DataApi, ImportProgressReport, ImportRequest } from './protocol.ts';

async function openSource(req: { source: ImportRequest['source']; fileName: string }): Promise<{ stream: ReadableStream<Uint8Array>; size: number | null }> {
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
    ...(req.sampleUsers ? { sampleUsers: req.sampleUsers } : {}),
    onProgress: (p) => onProgress({ status: 'reading', ...p }),
  });
  const counts = tableCounts(result.table);
  onProgress({ status: 'saving', bytesRead: result.bytes, totalBytes: size, rows: counts.rows, rowsPerSec: 0, etaSec: null });
  const id = newId('ds');
  // Metadata that comes with the file (the bundled samples) is saved with it, in the same transaction.
  const meta = req.metadata && (await readMetadata(id, result.table.itemIds, req.metadata)).meta;
  const rec: DatasetRecord = {
    id,
    name: req.name?.trim() || req.fileName,
    createdAt: Date.now(),
    source: { fileName: req.fileName, bytes: result.bytes, sha256: result.sha256, format: result.format, ...(req.sampleUsers ? { sampleUsers: req.sampleUsers } : {}) },
    counts,
    importReport: {
      rowsRead: result.rowsRead,
      badRows: result.badRows,
      badExamples: result.badExamples,
      duplicates: result.duplicates,
      ...(req.sampleUsers ? { sampledOut: result.sampledOut } : {}),
      seconds: result.seconds,
      ...(result.reviewsStoppedAt !== null ? { reviewsStoppedAt: result.reviewsStoppedAt } : {}),
    },
    recipe: null,
    hasVerified: result.table.verified !== null,
    hasReviews: result.table.reviews !== undefined,
    ...(meta ? { metadata: metadataSummary(meta) } : {}),
  };
  await saveDataset(rec, result.table, meta);
  return rec;
}

/** An item metadata file read and aligned with a dataset's items; records read for the summary. */
async function readMetadata(
  datasetId: string,
  itemIds: string[],
  file: { source: ImportRequest['source']; fileName: string },
  onProgress?: (p: ImportProgressReport) => void,
): Promise<{ meta: ItemMetadata; records: number; described: number }> {
  const { stream, size } = await openSource(file);
  const result = await importItemMetadata(stream, {
    fileName: file.fileName,
    totalBytes: size ?? undefined,
    hash: false,
    onProgress: onProgress && ((p) => onProgress({ status: 'reading', ...p })),
  });
  const meta = alignMetadata(datasetId, file.fileName, itemIds, (itemId) => {
    const info = result.items.get(itemId);
    return info && { title: info.displayTitle, store: info.store, category: info.category };
  });
  const described = itemIds.reduce((n, itemId) => n + (result.items.has(itemId) ? 1 : 0), 0);
  if (described === 0) {
    throw new ImportError(file.fileName, `none of its ${result.items.size.toLocaleString('en-US')} items is an item of this dataset (ids are matched exactly: asin, parent_asin or movie id).`);
  }
  return { meta, records: result.records, described };
}

const TOP_ITEMS = 10;

/** The last dataset's search index and display titles, so each keystroke of a visitor's search only scans. */
let searching: { id: string; index: SearchIndex; titles: string[] } | null = null;

async function searchIndexOf(datasetId: string): Promise<NonNullable<typeof searching>> {
  if (searching?.id !== datasetId) {
    const t = await table(datasetId);
    const titles = (await loadItemMetadata(datasetId))?.titles ?? t.itemIds.map(() => '');
    const { count } = perKey(t.item, t.itemIds.length, t.rating);
    searching = { id: datasetId, index: searchIndex(t.itemIds, titles, count), titles };
  }
  return searching;
}

const api: DataApi = {
  async importDataset(req, onProgress) {
    try {
      return { ok: true, record: await importDataset(req, onProgress) };
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      return { ok: false, message: err.message, header: err.header ?? null };
    }
  },

  async estimateImport(file, fileName, format, columnMap) {
    try {
      return await estimateImport(await readFileHead(file), { fileName, format: format as never, columnMap });
    } catch (err) {
      if (err instanceof ImportError) return null;
      throw err;
    }
  },

  async previewFilter(datasetId, recipe: FilterRecipe) {
    if (keepsEveryRow(recipe)) {
      const { counts } = await record(datasetId);
      return { before: counts, after: counts, rounds: [], seconds: null };
    }
    const t0 = performance.now();
    const { before, after, rounds } = previewRecipe(await table(datasetId), recipe);
    return { before, after, rounds, seconds: (performance.now() - t0) / 1000 };
  },

  async saveFiltered(datasetId, recipe, name) {
    const { metadata: _parentTitles, ...parent } = await record(datasetId);
    const { table: filtered, after, rounds } = applyRecipe(await table(datasetId), recipe);
    if (after.rows === 0) throw new Error('These filters leave no ratings; loosen them before saving.');
    const id = newId('ds');
    // Titles follow the items into the filtered dataset, counted over its own items.
    const parentMeta = await loadItemMetadata(datasetId);
    const meta = parentMeta && carryMetadata(parentMeta, (await table(datasetId)).itemIds, id, filtered.itemIds);
    const rec: DatasetRecord = {
      ...parent,
      id,
      name: name.trim() || `${parent.name} (filtered)`,
      createdAt: Date.now(),
      counts: after,
      recipe: { version: RECIPE_VERSION, parent: { id: parent.id, name: parent.name, counts: parent.counts }, filters: recipe, rounds },
      hasVerified: filtered.verified !== null,
      hasReviews: filtered.reviews !== undefined,
      ...(meta ? { metadata: metadataSummary(meta) } : {}),
    };
    await saveDataset(rec, filtered, meta);
    return rec;
  },

  async explore(datasetId) {
    const t = await table(datasetId);
    const stats = datasetStats(t);
    const { count, sum } = perKey(t.item, t.itemIds.length, t.rating);
    const top = topK(count, TOP_ITEMS);
    const meta = await loadItemMetadata(datasetId);
    return {
      stats,
      topItems: Array.from(top, (i) => ({
        id: t.itemIds[i],
        title: meta?.titles[i] ?? '',
        store: meta?.stores[i] ?? '',
        category: meta?.categories[i] ?? '',
        ratings: count[i],
        mean: sum[i] / count[i],
      })),
      hasMetadata: meta !== undefined,
    };
  },

  async attachMetadata(datasetId, source, fileName, onProgress) {
    try {
      const t = await table(datasetId);
      const { meta, records, described } = await readMetadata(datasetId, t.itemIds, { source, fileName }, onProgress);
      await saveItemMetadata(meta);
      if (searching?.id === datasetId) searching = null;
      await updateDataset(datasetId, (rec) => ({ ...rec, metadata: metadataSummary(meta) }));
      const int = (n: number) => n.toLocaleString('en-US');
      // Count what the screens will show: items with a readable title, not items the file merely lists.
      const untitled = described - meta.titled;
      return {
        ok: true,
        titled: meta.titled,
        message:
          `${int(records)} records read; ${int(meta.titled)} of ${int(t.itemIds.length)} items now have titles` +
          (untitled ? `; ${int(untitled)} more are in the file without a readable title (their store and category show instead).` : '.'),
      };
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      return { ok: false, titled: 0, message: err.message };
    }
  },

  importJobOutput(sample, recipe, summary, onProgress) {
    return importJobOutput(sample, recipe, summary, (p) => onProgress({ status: 'reading', ...p }));
  },

  async exportCsv(datasetId) {
    return new Response(toCsv(await table(datasetId))).blob();
  },

  async findItems(datasetId, query, limit) {
    const { index, titles } = await searchIndexOf(datasetId);
    return Array.from(searchItems(index, query, limit), (i) => ({ id: index.ids[i], title: titles[i], ratings: index.count[i] }));
  },
};

Comlink.expose(api);
