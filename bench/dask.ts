/**
 * `npm run bench:dask`: the Dask job on this machine with a 2-worker LocalCluster.
 *
 *   1. the Kaggle-shaped 7.8M-row Electronics file, recipe k-core (5, 10): seconds and
 *      peak memory per worker, beside `reclab inspect` (the lab's engine in Node) on
 *      the same file and recipe;
 *   2. the same file unfiltered, 80/20 random split: BaselineOnly and ALS (10
 *      iterations, rank 32) seconds and scores;
 *   3. a 43.9M-row Reviews'23-shaped Electronics file (generated, about 2.7 GB), recipe
 *      k-core (5, 5): seconds and peak memory per worker.
 *
 * `--only kaggle|baselines|reviews23` runs one part; `--rows N` shrinks the 43.9M file.
 * Peak memory is each worker process's peak RSS (resource.getrusage in the worker).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { daskPython } from '../src/cli/python.ts';
import type { JobSummary } from '../src/core/scale/recipe.ts';
import { electronics2023BenchFile, electronicsBenchFile, ELECTRONICS_2023_SHAPE } from './kaggleRatings.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : null;
const rows = argv.includes('--rows') ? Number(argv[argv.indexOf('--rows') + 1]) : ELECTRONICS_2023_SHAPE.rows;

const python = daskPython();
if (!python) {
  console.error('bench:dask needs a Python that imports dask.distributed (apt-get install python3-dask python3-distributed)');
  process.exit(1);
}

function run(cmd: string, args: string[]): { stdout: string; stderr: string; seconds: number } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - t) / 1000 };
}

/** `reclab job` with `flags`, then job.py on a fresh 2-worker LocalCluster; its summary and wall time. */
function job(name: string, data: string, flags: string[]): { summary: JobSummary; seconds: number } {
  const dir = `${OUT}dask-${name}`;
  run(process.execPath, ['bin/reclab.js', 'job', '--engine', 'dask', '--data', data, '--out', dir, ...flags]);
  const { seconds, stderr } = run(python!, [`${dir}/job.py`, '--input', data, '--output', `${dir}/out`, '--workers', '2']);
  process.stderr.write(stderr);
  return { summary: JSON.parse(readFileSync(`${dir}/out/summary.json`, 'utf8')), seconds };
}

const mib = (mb: number[] | null) => (mb ? mb.map((m) => `${Math.round(m).toLocaleString('en-US')} MiB`).join(' / ') : '—');
const int = (n: number) => n.toLocaleString('en-US');
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function recipeLine(label: string, s: JobSummary, wall: number): void {
  const sec = s.seconds;
  console.log(
    `| ${label} | ${int(s.rows)} → ${int(s.after.rows)} (${s.after.rounds} rounds) | ${sec.parse.toFixed(1)} | ${sec.filter.toFixed(1)} | ${sec.total.toFixed(1)} | ${wall.toFixed(1)} | ${mib(s.peak_rss_mb)} |`,
  );
}

const recipeHeader = () => {
  console.log('| file | rows → after k-core | read + dedupe s | filter s | job s | wall s (with Python and cluster start) | peak RSS per worker |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
};

if (!only || only === 'kaggle') {
  const { path } = await electronicsBenchFile([]);
  console.log(`\n7.8M-row Kaggle-shaped file, recipe k-core (5, 10); load ${load()}`);
  const { summary, seconds } = job('kaggle', path, ['--min-user-ratings', '5', '--min-item-ratings', '10']);
  recipeHeader();
  recipeLine('Dask job, 2 workers', summary, seconds);
  const timed = run('/usr/bin/time', ['-f', '%M', process.execPath, 'bin/reclab.js', 'inspect', path, '--min-user-ratings', '5', '--min-item-ratings', '10', '--json']);
  const lab = JSON.parse(timed.stdout.trim().split('\n').at(-1)!);
  const peak = Number(timed.stderr.trim().split('\n').at(-1)) / 1024;
  console.log(
    `| reclab inspect (Node, one thread) | ${int(lab.rows)} → ${int(lab.after.rows)} (${lab.after.rounds} rounds) | ${lab.seconds.parse.toFixed(1)} | ${lab.seconds.filter.toFixed(1)} | ${lab.seconds.total.toFixed(1)} | ${timed.seconds.toFixed(1)} | ${Math.round(peak).toLocaleString('en-US')} MiB (one process) |`,
  );
  if (lab.after.rows !== summary.after.rows || lab.after.rounds !== summary.after.rounds) throw new Error('the job and the lab disagree on the counts');
}

if (!only || only === 'baselines') {
  const { path } = await electronicsBenchFile([]);
  console.log(`\n7.8M-row Kaggle-shaped file, unfiltered, random 20% test split; load ${load()}`);
  const flags = ['--min-user-ratings', '0', '--min-item-ratings', '0', '--split', 'random', '--evaluate', 'BaselineOnly,ALS', '--rank', '32', '--iterations', '10'];
  const { summary, seconds } = job('baselines', path, flags);
  console.log('| algorithm | train / test rows | RMSE | MAE | fit s | test s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const e of summary.evaluations!) {
    console.log(`| ${e.algo} | ${int(e.split.train)} / ${int(e.split.test)} | ${e.rmse?.toFixed(4)} | ${e.mae?.toFixed(4)} | ${e.fit_s.toFixed(1)} | ${e.test_s.toFixed(1)} |`);
  }
  console.log(`split ${summary.evaluation!.split.label}; whole job ${summary.seconds.total.toFixed(1)} s (evaluation ${summary.seconds.evaluate?.toFixed(1)} s), wall ${seconds.toFixed(1)} s; peak RSS per worker ${mib(summary.peak_rss_mb)}`);
}

if (!only || only === 'reviews23') {
  const path = await electronics2023BenchFile(rows);
  console.log(`\n${int(rows)}-row Reviews'23-shaped Electronics file, recipe k-core (5, 5); load ${load()}`);
  const { summary, seconds } = job('reviews23', path, ['--min-user-ratings', '5', '--min-item-ratings', '5']);
  recipeHeader();
  recipeLine('Dask job, 2 workers', summary, seconds);
}
