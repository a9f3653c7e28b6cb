/**
 * `npm run bench:ingest [-- --scale 0.1] [-- --no-hash]`: import the synthetic
 * Kaggle-shaped Electronics CSV (generated once into bench/out/) with the same code
 * the ingest worker runs, then k-core(5, 10), and print rows/s, seconds, peak RSS and
 * bytes per row. Figures, not pass/fail.
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { applyRecipe } from '../src/core/ingest/filter.ts';
import { importRatings } from '../src/core/ingest/import.ts';
import { electronicsBenchFile } from './kaggleRatings.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { path, hash } = await electronicsBenchFile();
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const heap = () => {
  // Twice: array buffers are released by the collection after the one that finds them dead.
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const base = heap();
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
// CPU seconds beside wall seconds: on a shared machine the wall clock includes other people's work.
const c0 = cpu();
const t0 = performance.now();
const imported = await importRatings(Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, {
  fileName: path,
  totalBytes: statSync(path).size,
  hash,
});
const t1 = performance.now();
const c1 = cpu();
// Measured between the timed phases so that its forced collections count in neither.
const held = heap() - base;
const t2 = performance.now();
const c2 = cpu();
const filtered = applyRecipe(imported.table, { minUserRatings: 5, minItemRatings: 10, verifiedOnly: false, seed: 1 });
const t3 = performance.now();
const c3 = cpu();

const rows = imported.table.rating.length;
const parseS = (t1 - t0) / 1000;
const filterS = (t3 - t2) / 1000;
console.log(`file        ${mib(imported.bytes)}, ${imported.rowsRead.toLocaleString('en-US')} rows read, ${imported.duplicates} duplicates, ${imported.badRows} bad`);
console.log(`table       ${rows.toLocaleString('en-US')} rows, ${imported.table.userIds.length.toLocaleString('en-US')} users, ${imported.table.itemIds.length.toLocaleString('en-US')} items`);
console.log(`parse       ${parseS.toFixed(2)} s, ${Math.round(rows / parseS).toLocaleString('en-US')} rows/s, ${(imported.bytes / 2 ** 20 / parseS).toFixed(0)} MiB/s, cpu ${(c1 - c0).toFixed(2)} s (sha256 ${hash ? 'on' : 'off'})`);
console.log(`k-core      (5, 10) ${filterS.toFixed(2)} s, cpu ${(c3 - c2).toFixed(2)} s, ${filtered.rounds.length} rounds → ${filtered.after.rows.toLocaleString('en-US')} rows, ${filtered.after.users} users, ${filtered.after.items} items`);
console.log(`total       ${(parseS + filterS).toFixed(2)} s`);
console.log(`memory      table holds ${mib(held)} = ${(held / rows).toFixed(1)} bytes/row (columns ${imported.table.verified ? 21 : 20} bytes/row), peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}`);
