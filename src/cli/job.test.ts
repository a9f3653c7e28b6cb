/**
 * `reclab job` end to end: export job.py and recipe.json with the CLI, run the job with
 * Python on a two-worker Dask LocalCluster (one for the file, shared by every case), and
 * hold the job to the lab: the same rows for every shared data file and several
 * recipes, the same bad rows, the same BaselineOnly scores on MovieLens-100k to 1e-9.
 * Without Dask the cases skip with a message, except in CI (CI=true), where they fail.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyRecipe } from '../core/ingest/filter.ts';
import { importRatings, type ImportResult } from '../core/ingest/import.ts';
import { readJobRecipe, readJobSummary, type JobSummary } from '../core/scale/recipe.ts';
import { ml100kAvailable, ML100K_DIR, SHARED_DATA_DIR, sharedDataAvailable } from '../core/testing/ml100k.ts';
import { daskPython } from './python.ts';
import { parseRecipe, type RecipeValues } from './recipeFlags.ts';
import { main } from './main.ts';
import { reclab } from './testing.ts';

const python = daskPython();
if (!python) {
  if (process.env.CI === 'true') throw new Error('no Python imports dask.distributed: CI must install python3-dask and python3-distributed');
  console.warn('reclab job: skipping the Dask job tests, no Python here imports dask.distributed (apt-get install python3-dask python3-distributed)');
}
const haveData = python !== null && sharedDataAvailable();
const dir = mkdtempSync(join(tmpdir(), 'reclab-job-'));
const JOB_PY = new URL('../core/scale/job.py', import.meta.url).pathname;

/**
 * One Python for the whole file: it starts a two-worker LocalCluster, loads job.py once,
 * and runs each job's `run(argv)` on that cluster as asked, one JSON line in, one out.
 * Starting Python, Dask and a cluster per job would cost more than most jobs here.
 */
const DRIVER = `
import contextlib, importlib.util, io, json, sys, traceback
from dask.distributed import LocalCluster
spec = importlib.util.spec_from_file_location('job', sys.argv[1])
job = importlib.util.module_from_spec(spec)
spec.loader.exec_module(job)
cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40)
print(json.dumps({'ready': cluster.scheduler_address}), flush=True)
for line in sys.stdin:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = job.run(json.loads(line) + ['--scheduler', cluster.scheduler_address])
        except Exception:
            traceback.print_exc()
            code = 1
    print(json.dumps({'code': code, 'stderr': err.getvalue()}), flush=True)
`;

let driver: ChildProcessWithoutNullStreams | null = null;
const replies: ((line: string) => void)[] = [];

beforeAll(async () => {
  if (!python) return;
  driver = spawn(python, ['-c', DRIVER, JOB_PY]);
  let pending = '';
  driver.stdout.on('data', (b: Buffer) => {
    pending += b.toString();
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      replies.shift()?.(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  await new Promise<void>((resolve, reject) => {
    replies.push(() => resolve());
    driver!.on('exit', (code) => reject(new Error(`the Dask driver exited (${code})`)));
  });
}, 120_000);

afterAll(() => {
  driver?.stdin.end();
});

/** job.py's run(argv) on the shared cluster: its exit code and what it wrote to stderr. */
function runOnCluster(argv: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    replies.push((line) => resolve(JSON.parse(line)));
    driver!.stdin.write(`${JSON.stringify(argv)}\n`);
  });
}

/** `reclab job` with `flags` (the real binary when `spawned`, else in this process), then the job; the output folder's summary. */
async function runJob(name: string, data: string, flags: string[], spawned = false): Promise<{ out: string; summary: JobSummary; stderr: string }> {
  const jobDir = join(dir, name);
  const args = ['job', '--engine', 'dask', '--data', data, '--out', jobDir, ...flags];
  if (spawned) {
    const exported = await reclab(...args);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/job\.py --input .* --output .* --workers 2/);
  } else {
    expect(await quietly(() => main(args))).toBe(0);
  }
  expect(readFileSync(join(jobDir, 'job.py'), 'utf8')).toBe(readFileSync(JOB_PY, 'utf8'));
  readJobRecipe(readFileSync(join(jobDir, 'recipe.json'), 'utf8'));
  const out = join(jobDir, 'out');
  const { code, stderr } = await runOnCluster(['--input', data, '--output', out, '--recipe', join(jobDir, 'recipe.json')]);
  if (code !== 0) return { out, summary: null as unknown as JobSummary, stderr };
  return { out, summary: readJobSummary(readFileSync(join(out, 'summary.json'), 'utf8')), stderr };
}

/** What `work` prints on stdout, and its result. */
async function printed<T>(work: () => Promise<T>): Promise<{ value: T; stdout: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    return { value: await work(), stdout: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

const quietly = async <T>(work: () => Promise<T>): Promise<T> => (await printed(work)).value;

/** `reclab evaluate … --json` in this process: its JSON line. */
async function labEvaluate(...args: string[]): Promise<Record<string, unknown>> {
  const { value, stdout } = await printed(() => main(['evaluate', ...args, '--json']));
  expect(value).toBe(0);
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

async function labImport(path: string): Promise<ImportResult> {
  return importRatings(new Blob([readFileSync(path)]).stream(), { fileName: path, hash: false });
}

/** Recipe flags as `reclab job` takes them (`--seed=-2`: a negative number is no option). */
function recipeFlags(values: RecipeValues): string[] {
  return Object.entries(values).map(([k, v]) => (v === true ? `--${k}` : `--${k}=${v}`));
}

const FILES: [string, RecipeValues][] = [
  ['movielens-100k/u.data', { 'min-user-ratings': '20', 'min-item-ratings': '20', 'sample-users': '300', seed: '5' }],
  ['amazon-electronics-ratings-2014-first50k/ratings_Electronics.csv', { 'min-user-ratings': '2', 'min-item-ratings': '2' }],
  ['amazon-electronics-ratings-2014-vignette5k/data_raw.csv', { 'min-user-ratings': '1', 'min-item-ratings': '2', 'rating-min': '2', 'rating-max': '4.5', 'sample-users': '2000' }],
  ['amazon2014-beauty-ratings-first30k/ratings_Beauty.csv', { 'min-user-ratings': '2', 'min-item-ratings': '3', 'date-from': '2010-01-01', 'date-to': '2013-12-31' }],
  ['amazon2014-digital-music-5core-first6908/reviews_Digital_Music_5.first6908.json.gz', { 'min-user-ratings': '3', 'min-item-ratings': '3', 'sample-users': '800', seed: '-2' }],
  ['amazon2018-fashion-5core/AMAZON_FASHION_5.json.gz', { 'min-user-ratings': '2', 'min-item-ratings': '2', 'verified-only': true }],
  ['amazon2018-gift-cards-5core/Gift_Cards_5.json.gz', { 'min-user-ratings': '3', 'min-item-ratings': '3', 'verified-only': true, 'sample-users': '150', seed: '9' }],
  ['amazon2018-magazine-subscriptions/Magazine_Subscriptions_5.json.gz', { 'min-user-ratings': '5', 'min-item-ratings': '5' }],
  ['amazon2023-all-beauty-5core-ratings/All_Beauty.csv', { 'min-user-ratings': '1', 'min-item-ratings': '2', 'rating-min': '3', 'sample-users': '100', seed: '1' }],
];

/**
 * The job's sample imports to the lab's own filtered table, row for row, ids and order
 * included. Its sample.csv carries ratings, not review text: the lab's text column is left out.
 */
function expectSameTable(lab: ReturnType<typeof applyRecipe>['table'], job: ImportResult['table']): void {
  const { verified: _v, reviews: _r, ...rows } = lab;
  const { verified: _w, ...jobRows } = job;
  expect(jobRows).toEqual(rows);
}

describe.skipIf(!haveData)('reclab job: the recipe on Dask gives the lab’s rows', () => {
  it.each(FILES)('%s', async (file, values) => {
    const path = `${SHARED_DATA_DIR}${file}`;
    const { out, summary, stderr } = await runJob(file.split('/')[0], path, recipeFlags(values), file === FILES[0][0]);
    expect(stderr).not.toMatch(/Traceback/);
    const imported = await labImport(path);
    const filtered = applyRecipe(imported.table, parseRecipe(values));
    expect(filtered.after.rows).toBeGreaterThan(0);
    expect(summary).toMatchObject({
      rows: filtered.before.rows,
      users: filtered.before.users,
      items: filtered.before.items,
      bad_rows: imported.badRows,
      duplicates: imported.duplicates,
      after: { rows: filtered.after.rows, users: filtered.after.users, items: filtered.after.items, rounds: filtered.rounds.length },
      rounds: filtered.rounds,
    });
    expectSameTable(filtered.table, (await labImport(join(out, 'sample.csv'))).table);
  }, 120_000);

  it('reads a glob of files as one dataset, in name order', async () => {
    const lines = readFileSync(`${ML100K_DIR}u.data`, 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'part-1.tsv'), `${lines.slice(0, 40_000).join('\n')}\n`);
    writeFileSync(join(dir, 'part-2.tsv'), `${lines.slice(40_000).join('\n')}\n`);
    const { out, summary } = await runJob('glob', join(dir, 'part-*.tsv'), ['--min-user-ratings', '10', '--min-item-ratings', '10']);
    expect(summary.files).toHaveLength(2);
    const filtered = applyRecipe((await labImport(`${ML100K_DIR}u.data`)).table, parseRecipe({ 'min-user-ratings': '10', 'min-item-ratings': '10' }));
    expect(summary.after.rows).toBe(filtered.after.rows);
    expectSameTable(filtered.table, (await labImport(join(out, 'sample.csv'))).table);
  }, 120_000);
});

describe.skipIf(!python)('reclab job: bad input', () => {
  it('counts and names the bad rows as the lab does', async () => {
    const lines = [
      'user_id,item_id,rating,timestamp,verified',
      '"A,1",0007,4.5,1547589356.557,true',
      '"say ""hi""",B1,3,,false',
      '',
      '  ',
      'u1,i1,11,5,y',
      'u2,,3,5,1',
      ',i2,3,5,1',
      'u3,i3,abc,5,1',
      'u4,i4,3,2019-01-02,TRUE',
      'u4,i4,4,2019-01-02T00:00:00Z,0',
      'u5,i5,3,Jan 2 2019,1',
      'u6,i6,3',
      'u7,i7,1e0,1e3,1',
      'u8,i8, 5 ,1600000000000,Y\r',
      'u9,i9,2,,1',
      'u9,i9,3,7,1',
      'u9,i9,4,,1',
      'u11,i11,-0,0x10,1',
    ];
    const path = join(dir, 'bad.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { summary } = await runJob('bad', path, ['--min-user-ratings', '1', '--min-item-ratings', '1']);
    const lab = await labImport(path);
    expect(summary.bad_rows).toBe(lab.badRows);
    expect(summary.duplicates).toBe(lab.duplicates);
    expect(summary.bad_examples.map(({ line, reason, text }) => ({ line, reason, text }))).toEqual(lab.badExamples);

    const json = [
      '{"user_id":"a","parent_asin":"p1","rating":5,"timestamp":1600000000000,"verified_purchase":true}',
      '{"user_id":" a ","parent_asin":"p2","rating":"4","timestamp":"1600000000001"}',
      '{"user_id":12,"parent_asin":"p1","rating":"0x3","timestamp":null}',
      '{"user_id":"b","asin":"p3","rating":3.5,"timestamp":true}',
      '{"user_id":"c","parent_asin":"p1","rating":null}',
      '{"user_id":"c","parent_asin":"p1","rating":NaN}',
      '[1,2]',
      "{'user_id': u'd', 'parent_asin': 'p1', 'rating': 2.0, 'helpful': [0, 1]}",
      "{'user_id': 'e' 'parent_asin': 'p1'}",
      '{"user_id":1e21,"parent_asin":"p1","rating":2}',
      '{"user_id":"e","parent_asin":"p2","rating":" 2 ","timestamp":""}',
    ];
    const jsonPath = join(dir, 'bad.jsonl');
    writeFileSync(jsonPath, json.join('\n'));
    const second = await runJob('bad-json', jsonPath, ['--min-user-ratings', '1', '--min-item-ratings', '1']);
    const labJson = await labImport(jsonPath);
    expect(second.summary.bad_rows).toBe(labJson.badRows);
    expect(second.summary.bad_examples.map(({ line, reason, text }) => ({ line, reason, text }))).toEqual(labJson.badExamples);
    expectSameTable(labJson.table, (await labImport(join(second.out, 'sample.csv'))).table);
  }, 120_000);

  it('stops with one line naming the file when the file is not ratings', async () => {
    const path = join(dir, 'empty.csv');
    writeFileSync(path, '');
    const { summary, stderr } = await runJob('empty', path, []);
    expect(summary).toBeNull();
    expect(stderr.trim().split('\n').at(-1)).toBe(`job.py: ${path}: the file is empty.`);
  }, 120_000);
});

describe.skipIf(!python || !ml100kAvailable())('reclab job: baselines at scale equal the lab’s', () => {
  const data = `${ML100K_DIR}u.data`;
  const all = ['--min-user-ratings', '0', '--min-item-ratings', '0'];

  it('BaselineOnly on leave-last-out, with the ranking, to 1e-9', async () => {
    const { summary } = await runJob('ml-last', data, [...all, '--split', 'last', '--evaluate', 'BaselineOnly', '--ranking', '--k', '10']);
    const lab = await labEvaluate('--data', data, '--split', 'last', '--algo', 'BaselineOnly', '--ranking', '--k', '10');
    const job = summary.evaluation!;
    expect(job.split).toMatchObject({ train: (lab.split as { train: number }).train, test: (lab.split as { test: number }).test });
    expect(Math.abs(job.rmse! - (lab.rmse as number))).toBeLessThan(1e-9);
    expect(Math.abs(job.mae! - (lab.mae as number))).toBeLessThan(1e-9);
    const ranking = lab.ranking as Record<string, number>;
    for (const m of ['users', 'hr', 'precision', 'recall', 'map', 'ndcg', 'mrr', 'coverage', 'novelty', 'arp', 'gini'] as const) {
      expect(job.ranking![m], m).toBeCloseTo(ranking[m], 9);
    }
  }, 180_000);

  it('BaselineOnly on the 80/20 random split to 1e-9, and ALS under 0.95 RMSE', async () => {
    const { summary } = await runJob('ml-random', data, [...all, '--split', 'random', '--test-size', '0.2', '--evaluate', 'BaselineOnly,ALS']);
    const lab = await labEvaluate('--data', data, '--split', 'random', '--test-size', '0.2', '--seed', '0', '--algo', 'BaselineOnly');
    const [baseline, als] = summary.evaluations!;
    expect(baseline.split).toMatchObject({ train: 80_000, test: 20_000 });
    expect(Math.abs(baseline.rmse! - (lab.rmse as number))).toBeLessThan(1e-9);
    expect(Math.abs(baseline.mae! - (lab.mae as number))).toBeLessThan(1e-9);
    expect(als.algo).toBe('ALS');
    expect(als.rmse!).toBeLessThan(0.95);
  }, 240_000);
});
