/**
 * The data worker: file bytes → parser → columnar table → IndexedDB, and the
 * filter/k-core previews and saves over stored tables. Tables never cross to the UI;
 * only small records and counts do. Cancelling is terminating this worker: every
 * save is a single transaction, so nothing partial is left behind.
 */
import * as Comlink from 'comlink';
import { applyRecipe, type FilterRecipe } from '../core/ingest/filter.ts';
import { importRatings, ImportError } from '../core/ingest/import.ts';
import { toCsv } from '../core/ingest/csvExport.ts';
import { importItemMetadata, type ItemInfo } from '../core/ingest/metadata.ts';
import { datasetStats, perKey } from '../core/ingest/stats.ts';
import { tableCounts, type RatingsTable } from '../core/ratings.ts';
import { topK } from '../core/topk.ts';
import { getDataset, loadTable, newId, saveDataset, updateDataset, type DatasetRecord } from '../storage/datasets.ts';
import { loadItemMetadata, saveItemMetadata, type ItemMetadata } from '../storage/items.ts';
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

/** Metadata aligned with `itemIds`: per item its display title, store and category ('' when unknown). */
function alignMetadata(id: string, fileName: string, itemIds: string[], lookup: (itemId: string) => Pick<ItemInfo, 'displayTitle' | 'store' | 'category'> | undefined): ItemMetadata {
  const meta: ItemMetadata = { id, fileName, matched: 0, titles: [], stores: [], categories: [] };
  for (const itemId of itemIds) {
    const info = lookup(itemId);
    if (info) meta.matched++;
    meta.titles.push(info?.displayTitle ?? '');
    meta.stores.push(info?.store ?? '');
    meta.categories.push(info?.category ?? '');
  }
  return meta;
}

const TOP_ITEMS = 10;

const api: DataApi = {
  async importDataset(req, onProgress) {
    try {
      return { ok: true, record: await importDataset(req, onProgress) };
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      return { ok: false, message: err.message, header: err.header ?? null };
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
    // Titles follow the items into the filtered dataset.
    const parentMeta = await loadItemMetadata(datasetId);
    if (parentMeta) {
      const index = new Map((await table(datasetId)).itemIds.map((itemId, k) => [itemId, k]));
      const meta = alignMetadata(rec.id, parentMeta.fileName, filtered.itemIds, (itemId) => {
        const k = index.get(itemId)!;
        return { displayTitle: parentMeta.titles[k], store: parentMeta.stores[k], category: parentMeta.categories[k] };
      });
      await saveItemMetadata(meta);
    }
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
      const result = await importItemMetadata(source.stream(), {
        fileName,
        totalBytes: source.size,
        hash: false,
        onProgress: (p) => onProgress({ status: 'reading', ...p }),
      });
      const t = await table(datasetId);
      const meta = alignMetadata(datasetId, fileName, t.itemIds, (itemId) => result.items.get(itemId));
      if (meta.matched === 0) {
        return { ok: false, matched: 0, message: `${fileName}: none of its ${result.items.size.toLocaleString('en-US')} items is an item of this dataset (ids are matched exactly: asin or parent_asin).` };
      }
      await saveItemMetadata(meta);
      await updateDataset(datasetId, (rec) => ({ ...rec, metadata: { fileName, matched: meta.matched } }));
      return { ok: true, matched: meta.matched, message: `${result.records.toLocaleString('en-US')} records read; ${meta.matched.toLocaleString('en-US')} of ${t.itemIds.length.toLocaleString('en-US')} items now have titles.` };
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      return { ok: false, matched: 0, message: err.message };
    }
  },

  async exportCsv(datasetId) {
    return new Response(toCsv(await table(datasetId))).blob();
  },
};

Comlink.expose(api);
