/**
 * The ingest worker: file bytes → parser → columnar table → IndexedDB. The table
 * never crosses to the UI; only the small dataset record does. Cancelling is
 * terminating this worker: the save is a single transaction, so nothing partial
 * is left behind.
 */
import * as Comlink from 'comlink';
import { importRatings } from '../core/ingest/import.ts';
import { tableCounts } from '../core/ratings.ts';
import { newId, saveDataset, type DatasetRecord } from '../storage/datasets.ts';
import type { ImportProgressReport, ImportRequest, IngestApi } from './protocol.ts';

async function openSource(req: ImportRequest): Promise<{ stream: ReadableStream<Uint8Array>; size: number | null }> {
  if (req.source instanceof Blob) return { stream: req.source.stream(), size: req.source.size };
  const res = await fetch(req.source.url);
  if (!res.ok || !res.body) throw new Error(`Could not load ${req.fileName}: HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length'));
  return { stream: res.body, size: Number.isFinite(length) && length > 0 ? length : null };
}

const api: IngestApi = {
  async importDataset(req, onProgress: (p: ImportProgressReport) => void) {
    const { stream, size } = await openSource(req);
    const result = await importRatings(stream, {
      fileName: req.fileName,
      totalBytes: size ?? undefined,
      format: req.format as never,
      onProgress: (p) => onProgress({ status: 'reading', ...p }),
    });
    const counts = tableCounts(result.table);
    onProgress({ status: 'saving', bytesRead: result.bytes, totalBytes: size, rows: counts.rows, rowsPerSec: 0, etaSec: null });
    const record: DatasetRecord = {
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
    await saveDataset(record, result.table);
    return record;
  },
};

Comlink.expose(api);
