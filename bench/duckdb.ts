/**
 * `npm run bench:duckdb [-- --rows N | --file PATH]`: RecLab against DuckDB (its npm package,
 * in-process) on the synthetic Kaggle-shaped Electronics CSV. Both read the file,
 * dedupe repeated (user, item) pairs keeping the latest, and run k-core (users ≥ 5,
 * items ≥ 10) to a fixed point; the final rows, users, items, rating sum and number of
 * k-core rounds must agree or the run exits 1. Each engine runs in its own child
 * process (so peak RSS and CPU seconds are its own), twice, interleaved.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { applyRecipe } from '../src/core/ingest/filter.ts';
import { readRatingsFile } from '../src/cli/readFile.ts';
import { electronicsBenchFile } from './kaggleRatings.ts';

const MIN_USER = 5;
const MIN_ITEM = 10;
type Engine = 'reclab' | 'duckdb-2' | 'duckdb-1';
const ENGINES: Engine[] = ['reclab', 'duckdb-2', 'duckdb-1'];

interface Outcome {
  rowsAfterDedupe: number;
  rows: number;
  users: number;
  items: number;
  ratingSum: number;
  rounds: number;
}
interface Measured extends Outcome {
  wallS: number;
  cpuS: number;
  peakRssMiB: number;
}

/** The code `reclab inspect` runs: streaming import (keep-latest dedupe), then the recipe's k-core. */
async function runReclab(path: string): Promise<Outcome> {
  const imported = await readRatingsFile(path);
  const filtered = applyRecipe(imported.table, { minUserRatings: MIN_USER, minItemRatings: MIN_ITEM, verifiedOnly: false, seed: 1 });
  let ratingSum = 0;
  for (const r of filtered.table.rating) ratingSum += r;
  const { rows, users, items } = filtered.after;
  return { rowsAfterDedupe: imported.table.rating.length, rows, users, items, ratingSum, rounds: filtered.rounds.length };
}

/**
 * The SQL a data person would write. The table keeps file order (DuckDB preserves
 * insertion order by default), so rowid breaks time ties like RecLab does: the later
 * row wins. A round is one pass that drops rows, as RecLab counts them.
 */
async function runDuckdb(path: string, threads: number): Promise<Outcome> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await db.connect();
  const one = async (sql: string) => (await con.runAndReadAll(sql)).getRowsJS()[0].map(Number);
  await con.run(`CREATE TABLE raw AS SELECT * FROM read_csv('${path.replaceAll("'", "''")}', header = false, delim = ',',
    columns = {'user': 'VARCHAR', 'item': 'VARCHAR', 'rating': 'DOUBLE', 'ts': 'BIGINT'})`);
  await con.run(`CREATE TABLE r0 AS SELECT user, item, rating, ts FROM raw
    QUALIFY row_number() OVER (PARTITION BY user, item ORDER BY ts DESC, rowid DESC) = 1`);
  await con.run('DROP TABLE raw');
  const [rowsAfterDedupe] = await one('SELECT count(*) FROM r0');
  let rows = rowsAfterDedupe;
  let rounds = 0;
  for (;;) {
    await con.run(`CREATE TABLE r${rounds + 1} AS SELECT * FROM r${rounds}
      WHERE user IN (SELECT user FROM r${rounds} GROUP BY user HAVING count(*) >= ${MIN_USER})
        AND item IN (SELECT item FROM r${rounds} GROUP BY item HAVING count(*) >= ${MIN_ITEM})`);
    const [m] = await one(`SELECT count(*) FROM r${rounds + 1}`);
    if (m === rows) break;
    await con.run(`DROP TABLE r${rounds}`);
    rows = m;
    rounds++;
  }
  const [users, items, ratingSum] = await one(`SELECT count(DISTINCT user), count(DISTINCT item), coalesce(sum(rating), 0) FROM r${rounds}`);
  con.closeSync();
  db.closeSync();
  return { rowsAfterDedupe, rows, users, items, ratingSum, rounds };
}

/** Child: run one engine, print its outcome and costs as one JSON line. */
async function child(engine: Engine, path: string): Promise<void> {
  const c = process.cpuUsage();
  const t = performance.now();
  const outcome = engine === 'reclab' ? await runReclab(path) : await runDuckdb(path, engine === 'duckdb-2' ? 2 : 1);
  const wallS = (performance.now() - t) / 1000;
  // process.cpuUsage counts every thread of the process, DuckDB's workers included.
  const cpu = process.cpuUsage(c);
  const peakRssMiB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  const measured: Measured = { ...outcome, wallS, cpuS: (cpu.user + cpu.system) / 1e6, peakRssMiB };
  console.log(JSON.stringify(measured));
}

function spawnEngine(engine: Engine, path: string): Measured & { processS: number; loadBefore: number; loadAfter: number } {
  const loadBefore = loadavg()[0];
  const t = performance.now();
  const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--engine', engine, '--file', path], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const processS = (performance.now() - t) / 1000;
  if (run.status !== 0) throw new Error(`${engine} failed (exit ${run.status}):\n${run.stderr}`);
  const last = run.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(last) as Measured), processS, loadBefore, loadAfter: loadavg()[0] };
}

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const engineFlag = flag('--engine') as Engine | undefined;
if (engineFlag) {
  await child(engineFlag, flag('--file')!);
} else {
  // --file runs it on any userId,itemId,rating,timestamp CSV without a header (e.g. the real Kaggle file).
  const path = flag('--file') ?? (await electronicsBenchFile(argv)).path;
  const duckdbVersion = JSON.parse(execFileSync('npm', ['ls', '@duckdb/node-api', '--json'], { encoding: 'utf8' })).dependencies['@duckdb/node-api'].version;
  console.log(`file      ${path}`);
  console.log(`duckdb    @duckdb/node-api ${duckdbVersion}; k-core users ≥ ${MIN_USER}, items ≥ ${MIN_ITEM}; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('');
  console.log('run  engine     wall s  process s  cpu s  peak RSS MiB  load before→after  rows after dedupe → k-core rows · users · items (rounds)');
  const runs: Record<Engine, ReturnType<typeof spawnEngine>[]> = { reclab: [], 'duckdb-2': [], 'duckdb-1': [] };
  for (const pass of [1, 2]) {
    for (const engine of ENGINES) {
      const m = spawnEngine(engine, path);
      runs[engine].push(m);
      const int = (n: number) => n.toLocaleString('en-US');
      console.log(
        `${pass}    ${engine.padEnd(9)} ${m.wallS.toFixed(2).padStart(7)} ${m.processS.toFixed(2).padStart(10)} ${m.cpuS.toFixed(2).padStart(6)} ${m.peakRssMiB.toFixed(0).padStart(13)}  ${m.loadBefore.toFixed(2).padStart(7)}→${m.loadAfter.toFixed(2).padEnd(9)}  ${int(m.rowsAfterDedupe)} → ${int(m.rows)} · ${int(m.users)} · ${int(m.items)} (${m.rounds})`,
      );
    }
  }
  const reference = runs.reclab[0];
  const keys: (keyof Outcome)[] = ['rowsAfterDedupe', 'rows', 'users', 'items', 'ratingSum', 'rounds'];
  const mismatches = ENGINES.flatMap((e) => runs[e].flatMap((m) => keys.filter((k) => m[k] !== reference[k]).map((k) => `${e} ${k} ${m[k]} ≠ RecLab ${reference[k]}`)));
  console.log('');
  const best = (e: Engine, k: 'wallS' | 'cpuS') => Math.min(...runs[e].map((m) => m[k]));
  for (const d of ['duckdb-2', 'duckdb-1'] as const) {
    const ratio = best('reclab', 'wallS') / best(d, 'wallS');
    console.log(
      `RecLab/${d}  wall ${ratio.toFixed(2)}× (best of 2: ${best('reclab', 'wallS').toFixed(2)} s vs ${best(d, 'wallS').toFixed(2)} s), cpu ${(best('reclab', 'cpuS') / best(d, 'cpuS')).toFixed(2)}×; goal ≤ 0.6×: ${ratio <= 0.6 ? 'met' : 'not met'}`,
    );
  }
  if (mismatches.length > 0) {
    console.error(`results differ:\n  ${mismatches.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`same results: ${reference.rows.toLocaleString('en-US')} rows, ${reference.users} users, ${reference.items} items, rating sum ${reference.ratingSum}, ${reference.rounds} rounds`);
}
