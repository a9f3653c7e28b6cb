import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perUserCsv, readPerUserCsv } from '../core/ranking/perUser.ts';
import { createRng } from '../core/rng.ts';
import { compareUsers, type Comparison, type PerUserTable } from '../core/stats/index.ts';
import { lastJson, reclab } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'reclab-compare-'));

/** A per-user table written as `reclab evaluate --per-user` writes it; returns the path. */
function writeRun(name: string, t: { users: string[]; columns: Record<string, number[]> }): string {
  const path = join(dir, name);
  writeFileSync(path, perUserCsv(t.users, Int32Array.from(t.users, (_, j) => j), t.columns));
  return path;
}

/** The JSON `reclab compare --json` must print for compareUsers' result (NaN as null). */
function expectedJson(c: Comparison) {
  const metrics = Object.fromEntries(
    Object.entries(c.metrics).map(([m, r]) => [
      m,
      { mean_a: r.meanA, mean_b: r.meanB, diff: r.diff, ci95: r.ci95, t_p: r.tP, wilcoxon_p: r.wilcoxonP, holm_p: r.holmP },
    ]),
  );
  return JSON.parse(JSON.stringify({ users: c.users, metrics }));
}

// Run A: 60 users (ids with a comma and a quote among them). Run B: 50 of them in
// another order plus 5 of its own; NDCG clearly lower in B, HR about the same,
// RMSE with empty cells on both sides.
const rng = createRng(11);
const ids = Array.from({ length: 60 }, (_, j) => (j === 3 ? 'a,b' : j === 7 ? 'say "hi"' : `user${j}`));
const a = { users: ids, columns: { rmse: [] as number[], ndcg: [] as number[], hr: [] as number[] } };
for (let j = 0; j < 60; j++) {
  a.columns.rmse.push(j % 9 === 0 ? NaN : 0.8 + rng.next());
  a.columns.ndcg.push(rng.next());
  a.columns.hr.push(rng.next() < 0.5 ? 1 : 0);
}
const inB = Array.from({ length: 50 }, (_, j) => 59 - j); // users 59 … 10, reversed
const b = {
  users: [...inB.map((j) => ids[j]), 'only-b-1', 'only-b-2', 'only-b-3', 'only-b-4', 'only-b-5'],
  columns: {
    hr: [...inB.map((j) => (rng.next() < 0.1 ? 1 - a.columns.hr[j] : a.columns.hr[j])), 1, 0, 1, 0, 1],
    ndcg: [...inB.map((j) => a.columns.ndcg[j] - 0.05 - 0.1 * rng.next()), 0.5, 0.5, 0.5, 0.5, 0.5],
    rmse: [...inB.map((j) => (j % 7 === 0 ? NaN : a.columns.rmse[j] + 0.2 * (rng.next() - 0.5))), 1, 1, 1, 1, 1],
  },
};
const fileA = writeRun('a.csv', a);
const fileB = writeRun('b.csv', b);
const tableA: PerUserTable = { users: a.users, columns: a.columns };
const tableB: PerUserTable = { users: b.users, columns: b.columns };

describe('reclab compare', () => {
  it('compares two per-user CSVs exactly as compareUsers does, over the users in both', async () => {
    const out = lastJson(await reclab('compare', fileA, fileB, '--json'));
    const direct = compareUsers(tableA, tableB);
    expect(out).toEqual(expectedJson(direct));
    expect(out.users).toBe(50);
    expect(Object.keys(out.metrics as object)).toEqual(['rmse', 'ndcg', 'hr']);
    expect(Object.keys((out.metrics as Record<string, object>).ndcg)).toEqual(['mean_a', 'mean_b', 'diff', 'ci95', 't_p', 'wilcoxon_p', 'holm_p']);
    // Not vacuous: NDCG differs significantly after Holm, HR does not; RMSE skips the empty cells.
    expect(direct.metrics.ndcg.holmP).toBeLessThan(0.05);
    expect(direct.metrics.hr.holmP).toBeGreaterThan(0.05);
    expect(direct.metrics.rmse.users).toBeLessThan(50);
    expect(direct.metrics.rmse.users).toBeGreaterThan(30);
  });

  it('compares the metrics named by --metric (repeated or a comma list), Holm across those only', async () => {
    const out = lastJson(await reclab('compare', fileA, fileB, '--metric', 'hr,rmse', '--metric', 'ndcg', '--json'));
    const direct = compareUsers(tableA, tableB, ['hr', 'rmse', 'ndcg']);
    expect(out).toEqual(expectedJson(direct));
    const two = lastJson(await reclab('compare', fileA, fileB, '--metric', 'hr', '--metric', 'ndcg', '--json'));
    expect(two).toEqual(expectedJson(compareUsers(tableA, tableB, ['hr', 'ndcg'])));
    // One metric fewer, a smaller Holm factor.
    const holm = (o: Record<string, unknown>) => (o.metrics as Record<string, { holm_p: number }>).ndcg.holm_p;
    expect(holm(two)).not.toBe(holm(out));
  });

  it('prints a table with a * where the Holm p is below 0.05', async () => {
    const run = await reclab('compare', fileA, fileB);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^50 users in both files/m);
    expect(run.stdout).toMatch(/^metric\s+users\s+mean A\s+mean B\s+A − B\s+95% CI\s+t p\s+Wilcoxon p\s+Holm p$/m);
    const row = (m: string) => run.stdout.split('\n').find((l) => l.startsWith(`${m} `))!;
    expect(row('ndcg')).toMatch(/ \*$/);
    expect(row('hr')).not.toMatch(/\*/);
    expect(row('ndcg')).toMatch(/^ndcg\s+50\s/);
  });

  it('compares two `reclab evaluate --per-user` files of the same split', async () => {
    const data = join(dir, 'all.tsv');
    const rows: string[] = [];
    for (let u = 0; u < 30; u++) for (let i = 0; i < 20; i++) if ((u * 7 + i * 3) % 4 !== 0) rows.push(`u${u}\ti${i}\t${1 + ((u + 2 * i) % 5)}\t${880000000 + rows.length}`);
    writeFileSync(data, rows.join('\n') + '\n');
    const files = ['svd.csv', 'mostpop.csv'].map((f) => join(dir, f));
    for (const [algo, file] of [['SVD', files[0]], ['MostPop', files[1]]]) {
      lastJson(await reclab('evaluate', '--data', data, '--split', 'random', '--algo', algo, '--ranking', '--k', '5', '--per-user', file, '--json'));
    }
    const out = lastJson(await reclab('compare', files[0], files[1], '--json'));
    const [x, y] = files.map((f) => readPerUserCsv(readFileSync(f, 'utf8')));
    // MostPop has no rating metrics: its empty rmse and mae columns are left out by default.
    const ranked = ['hr', 'precision', 'recall', 'ap', 'ndcg', 'mrr'];
    expect(Object.keys(out.metrics as object)).toEqual(ranked);
    expect(out).toEqual(expectedJson(compareUsers(x, y, ranked)));
    expect(out.users).toBe(x.users.length);
  });

  it.each([
    ['user,hr\nx,1\ny,1\nz,oops\n', /^reclab compare: \S+bad\.csv: line 4: column "hr" holds "oops", not a number$/m],
    ['id,hr\nx,1\n', /bad\.csv: line 1: no "user" column/],
    ['user,hr\n"x,1\n', /bad\.csv: line 2: a quoted field is never closed/],
    ['user,hr\nx,1,2\n', /bad\.csv: line 2: 3 fields, the header has 2/],
  ])('names the line of a bad CSV: %j', async (text, message) => {
    writeFileSync(join(dir, 'bad.csv'), text);
    const run = await reclab('compare', fileA, join(dir, 'bad.csv'), '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [[fileA], /give two per-user CSV files, got 1/],
    [[fileA, fileB, '--metric', 'map'], /a\.csv has no column "map" \(it has: rmse, ndcg, hr\)/],
    [[fileA, join(dir, 'missing.csv')], /missing\.csv: no such file/],
    [[fileA, fileB, '--metric', 'hr,hr'], /--metric names a column twice/],
  ])('fails with one clear line: %j', async (args, message) => {
    const run = await reclab('compare', ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(/^reclab compare: /);
    expect(run.stderr).toMatch(message);
  });

  it('refuses two files with no user in common', async () => {
    const other = writeRun('other.csv', { users: ['nobody'], columns: { hr: [1] } });
    const run = await reclab('compare', fileA, other);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/have no user in common/);
  });
});
