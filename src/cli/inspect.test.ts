import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserSample } from '../core/ingest/userSample.ts';
import { reclab } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'reclab-inspect-'));

const inspect = (...args: string[]) => reclab('inspect', ...args);

/** 6 users × 4 items all rated, plus one user and one item with a single rating, plus one bad row. */
function writeReviews(): string {
  const lines: string[] = [];
  for (let u = 0; u < 6; u++) {
    for (let i = 0; i < 4; i++) lines.push(JSON.stringify({ reviewerID: `U${u}`, asin: `000${i}`, overall: 1 + ((u + i) % 5), unixReviewTime: 1e9 + u, verified: i !== 3 }));
  }
  lines.push(JSON.stringify({ reviewerID: 'LONER', asin: 'RARE', overall: 5, unixReviewTime: 1e9, verified: true }));
  lines.push('{"reviewerID": "X", "asin": "Y", "overall": 17}');
  const path = join(dir, 'reviews.json.gz');
  writeFileSync(path, gzipSync(lines.join('\n')));
  return path;
}

describe('reclab inspect', () => {
  it('prints counts before/after the k-core, with one JSON object on the last line', async () => {
    const path = writeReviews();
    const run = await inspect(path, '--min-user-ratings', '3', '--min-item-ratings', '2', '--verified-only', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(out).toMatchObject({
      format: 'amazon2018-json',
      rows: 25,
      users: 7,
      items: 5,
      bad_rows: 1,
      after: { rows: 18, users: 6, items: 3, rounds: 1 },
    });
    expect(Object.keys(out.seconds)).toEqual(['parse', 'filter', 'total']);
    expect(out.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('prints a readable report with bad-row examples', async () => {
    const run = await inspect(writeReviews(), '--min-user-ratings', '3', '--min-item-ratings', '2');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/bad row {2}line 26: rating 17 is outside 0–10/);
    expect(run.stdout).toMatch(/after {5}24 rows · 6 users · 4 items/);
  });

  it('exits non-zero with one clear line naming the file, never a stack trace', async () => {
    const path = join(dir, 'empty.csv');
    writeFileSync(path, '');
    const run = await inspect(path, '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(`reclab inspect: ${path}: the file is empty.`);
    const bad = await inspect(path, '--format', 'excel');
    expect(bad.stderr).toMatch(/unknown format "excel"; one of: .*kaggle-csv/);
    expect((await inspect(join(dir, 'missing.csv'))).stderr).toMatch(/missing\.csv: no such file/);
  });

  it('reads a seeded sample of users with --sample-users-fraction, each with all their rows', async () => {
    const path = writeReviews();
    const run = await inspect(path, '--sample-users-fraction', '0.5', '--seed', '9', '--min-user-ratings', '0', '--min-item-ratings', '0', '--json');
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    const sample = new UserSample({ fraction: 0.5, seed: 9 });
    const kept = ['U0', 'U1', 'U2', 'U3', 'U4', 'U5', 'LONER'].filter((u) => sample.keeps(new TextEncoder().encode(u), 0, u.length));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(7);
    expect(out.users).toBe(kept.length);
    expect(out.rows).toBe(kept.reduce((n, u) => n + (u === 'LONER' ? 1 : 4), 0));
    expect(out.sample_users).toEqual({ fraction: 0.5, seed: 9, rows_left_out: 25 - out.rows });
    const bad = await inspect(path, '--sample-users-fraction', '2');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('reclab inspect: --sample-users-fraction: the share of users to keep must be above 0 and at most 1, got "2"');
  });
});
