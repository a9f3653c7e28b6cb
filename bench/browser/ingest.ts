/**
 * `npm run bench:ingest:browser [-- --scale 0.1] [-- --no-hash]
 * [-- --reviews23 --sample-users-fraction F]`: the synthetic
 * Kaggle-shaped Electronics CSV (bench/out/, generated once, shared with
 * `npm run bench:ingest`) imported and k-cored (5, 10) in a Web Worker in headless
 * Chromium. The File is handed to the page's file input and streamed by the worker.
 * Prints seconds, rows/s, peak browser memory and bytes per row. Figures, not pass/fail.
 * `--reviews23` reads the 43.9M-row Reviews'23-shaped file instead (bench:dask's), and
 * `--sample-users-fraction F` keeps that share of the users as it is read (seed 42).
 */
import { electronics2023BenchFile, electronicsBenchFile } from '../kaggleRatings.ts';
import { callPage, mb, openBenchPage, sampleMemory, serveBenchPage } from './harness.ts';

// The same file as bench/ingest.ts reads, so either benchmark reuses the other's.
const argv = process.argv.slice(2);
const { path, hash } = argv.includes('--reviews23') ? { path: await electronics2023BenchFile(), hash: !argv.includes('--no-hash') } : await electronicsBenchFile();
const sampleUsers = argv.includes('--sample-users-fraction') ? Number(argv[argv.indexOf('--sample-users-fraction') + 1]) : undefined;

const server = await serveBenchPage();
const { page, close } = await openBenchPage(server.url);
try {
  await page.setInputFiles('#files', path);
  const memory = sampleMemory();
  const r = await callPage(page, 'ingest', { hash, ...(sampleUsers === undefined ? {} : { sampleUsers }) });
  const peak = memory.stop();

  const n = (x: number): string => x.toLocaleString('en-US');
  const total = r.parseS + r.kcoreS;
  const perRow = (bytes: number): string => `${(bytes / r.rows).toFixed(1)} B/row`;
  console.log(`\n## Ingest in a Chromium worker: ${path.split('/').pop()} (${mb(r.fileBytes)}, sha256 ${hash ? 'on' : 'off'})`);
  console.log(`rows read      ${n(r.rowsRead)} (${n(r.duplicates)} duplicates, ${n(r.badRows)} bad)${sampleUsers === undefined ? '' : `, users sampled: ${sampleUsers}`}`);
  console.log(`table          ${n(r.rows)} rows, ${n(r.users)} users, ${n(r.items)} items`);
  console.log(`parse          ${r.parseS.toFixed(2)} s   ${n(Math.round(r.rows / r.parseS))} rows/s   ${(r.fileBytes / 1e6 / r.parseS).toFixed(0)} MB/s`);
  console.log(`k-core (5,10)  ${r.kcoreS.toFixed(2)} s   ${r.rounds} rounds → ${n(r.after.rows)} rows, ${n(r.after.users)} users, ${n(r.after.items)} items`);
  console.log(`total          ${total.toFixed(2)} s   (target ≤ 10 s)`);
  console.log(`peak memory    PSS ${mb(peak.all.pss)} all Chromium processes (${mb(peak.start.pss)} before the import), ${mb(peak.renderers.pss)} renderers   (target < 1.5 GB)`);
  console.log(`               RSS ${mb(peak.all.rss)} summed over the processes, shared pages counted in each (${mb(peak.start.rss)} before), ${mb(peak.renderers.rss)} renderers; ${peak.samples} samples at 100 ms`);
  console.log(`table memory   columns ${perRow(r.columnBytes)} + id dictionaries ≈ ${perRow(r.dictionaryBytes)} (estimate) = ${perRow(r.columnBytes + r.dictionaryBytes)}`);
  if (r.uaMemory) {
    const held = r.uaMemory.held - r.uaMemory.before;
    console.log(`measured       measureUserAgentSpecificMemory: ${mb(r.uaMemory.before)} before, ${mb(r.uaMemory.held)} holding both tables → ${mb(held)}, ${perRow(held)} (imported + filtered table)`);
  } else {
    console.log(`measured       measureUserAgentSpecificMemory unavailable (cross-origin isolated: ${r.crossOriginIsolated})`);
  }
} finally {
  await close();
  await server.close();
}
