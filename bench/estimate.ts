/**
 * `npm run bench:estimate [-- --rows N]`: the pre-parse estimate of the Reviews'23-shaped
 * Electronics file (generated once into bench/out/, 43.9M rows): how long reading the head
 * and estimating takes, what it says, and the user sample it advises for a 4 GiB budget
 * (desktop Chromium's). Figures, not pass/fail.
 */
import { openAsBlob } from 'node:fs';
import { adviseSample, estimateImport, memoryBudget, readFileHead } from '../src/core/ingest/estimate.ts';
import { electronics2023BenchFile, ELECTRONICS_2023_SHAPE } from './kaggleRatings.ts';

const argv = process.argv.slice(2);
const rows = argv.includes('--rows') ? Number(argv[argv.indexOf('--rows') + 1]) : ELECTRONICS_2023_SHAPE.rows;
const path = await electronics2023BenchFile(rows);
const t0 = performance.now();
const file = await openAsBlob(path);
const estimate = await estimateImport(await readFileHead(file), { fileName: path });
const ms = performance.now() - t0;
const budget = memoryBudget({ jsHeapSizeLimit: 4294705152, deviceMemoryGiB: 8 });
const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
const int = (n: number) => n.toLocaleString('en-US');
console.log(`file      ${path}, ${gib(file.size)}`);
console.log(`estimate  ${ms.toFixed(0)} ms: ${int(estimate.rows)} rows, up to ${int(estimate.users)} users, ${int(estimate.items)} items, ${gib(estimate.memoryBytes)}`);
console.log(`budget    ${gib(budget)} (jsHeapSizeLimit 4294705152, deviceMemory 8)`);
console.log(`advice    ${JSON.stringify(adviseSample(estimate, budget))}`);
