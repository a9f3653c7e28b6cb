import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, reclab } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'reclab-recommend-'));
// Everyone loves item C and dislikes D; alice has rated only A and B.
const path = join(dir, 'ratings.csv');
writeFileSync(
  path,
  'user_id,item_id,rating\nalice,A,4\nalice,B,3\nbob,A,4\nbob,C,5\nbob,D,1\ncarol,B,3\ncarol,C,5\ncarol,D,2\ndave,C,4\ndave,D,1\n',
);

describe('reclab recommend', () => {
  it('lists the unrated items, best first, for a baseline and for a TensorFlow.js model', async () => {
    const base = lastJson(await reclab('recommend', '--data', path, '--user', 'alice', '--algo', 'BaselineOnly', '--json'));
    const items = base.items as { item: string; rating: number }[];
    expect(items.map((r) => r.item)).toEqual(['C', 'D']);
    expect(items[0].rating).toBeGreaterThan(items[1].rating);

    const deep = lastJson(await reclab('recommend', '--data', path, '--user', 'alice', '--algo', 'BiasMF', '--params', '{"epochs":3}', '-n', '1', '--json'));
    expect((deep.items as unknown[]).length).toBe(1);
    const [top] = deep.items as { item: string; rating: number }[];
    expect(['C', 'D']).toContain(top.item);
    // Shown as the lab predicts: clipped to the data's 1–5 range.
    expect(top.rating).toBeGreaterThanOrEqual(1);
    expect(top.rating).toBeLessThanOrEqual(5);
  });

  it('names an unknown user and a bad count in one line', async () => {
    const unknown = await reclab('recommend', '--data', path, '--user', 'zoe', '--algo', 'SVD');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(`reclab recommend: ${path} has no user "zoe"`);
    const bad = await reclab('recommend', '--data', path, '--user', 'alice', '--algo', 'SVD', '--top', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--top must be a positive integer/);
    const backend = await reclab('recommend', '--data', path, '--user', 'alice', '--algo', 'SVD', '--backend', 'cpu');
    expect(backend.code).toBe(2);
    expect(backend.stderr.trim()).toBe('reclab recommend: --backend applies to the deep models only, not SVD');
  });
});
