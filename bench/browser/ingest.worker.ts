/**
 * Ingest benchmark worker: stream the File through the app's importer, then k-core
 * (5, 10), timing each phase where the app's data worker would run it.
 */
import * as Comlink from 'comlink';
import { applyRecipe } from '../../src/core/ingest/filter.ts';
import { importRatings } from '../../src/core/ingest/import.ts';
import type { RatingsTable } from '../../src/core/ratings.ts';
import type { IngestFigures } from './protocol.ts';

/** Keeps the tables alive after ingest() returns, so the page can measure what they hold. */
const keep = globalThis as { benchTables?: RatingsTable[] };

function columnBytes(t: RatingsTable): number {
  return [t.user, t.item, t.rating, t.time, t.verified].reduce((s, c) => s + (c?.byteLength ?? 0), 0);
}

/**
 * V8 (pointer compression, as in Chrome) keeps a one-byte string as a 12-byte header
 * plus its characters, rounded up to 8 here to stay on the safe side, and a 4-byte
 * slot in the array that holds it. An estimate: the page's measured figure is the truth.
 */
function dictionaryBytes(ids: string[]): number {
  let bytes = 0;
  for (const id of ids) bytes += 4 + Math.ceil((12 + id.length) / 8) * 8;
  return bytes;
}

const api = {
  async ingest(file: File, hash: boolean, sampleUsers?: number): Promise<IngestFigures> {
    keep.benchTables = [];
    const t0 = performance.now();
    const sample = sampleUsers === undefined ? {} : { sampleUsers: { fraction: sampleUsers, seed: 42 } };
    const imported = await importRatings(file.stream(), { fileName: file.name, totalBytes: file.size, hash, ...sample });
    const t1 = performance.now();
    const filtered = applyRecipe(imported.table, { minUserRatings: 5, minItemRatings: 10, verifiedOnly: false, seed: 1 });
    const t2 = performance.now();
    const t = imported.table;
    keep.benchTables = [t, filtered.table];
    return {
      fileBytes: imported.bytes,
      rowsRead: imported.rowsRead,
      duplicates: imported.duplicates,
      badRows: imported.badRows,
      rows: t.rating.length,
      users: t.userIds.length,
      items: t.itemIds.length,
      parseS: (t1 - t0) / 1000,
      kcoreS: (t2 - t1) / 1000,
      rounds: filtered.rounds.length,
      after: { rows: filtered.after.rows, users: filtered.after.users, items: filtered.after.items },
      columnBytes: columnBytes(t),
      dictionaryBytes: dictionaryBytes(t.userIds) + dictionaryBytes(t.itemIds),
    };
  },
};

export type IngestWorker = typeof api;
Comlink.expose(api);
