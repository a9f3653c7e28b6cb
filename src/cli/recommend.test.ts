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

// Titles for the hybrid re-ranking: alice loved "Kind of Blue" (5) and found "Giant Steps" so-so (2).
const titled = join(dir, 'titled.csv');
writeFileSync(
  titled,
  'user_id,item_id,rating\nalice,A,5\nalice,B,2\nbob,A,4\nbob,C,5\nbob,E,4\ncarol,B,3\ncarol,D,4\ncarol,F,2\ndave,C,3\ndave,E,5\ndave,F,3\n',
);
const meta = join(dir, 'meta.json');
writeFileSync(
  meta,
  [['A', 'Kind of Blue'], ['B', 'Giant Steps'], ['C', 'Blue Train'], ['D', 'Blue &amp; Green'], ['E', 'Time Out'], ['F', 'Giant Steps (Deluxe)']]
    .map(([asin, title]) => JSON.stringify({ asin, title }))
    .join('\n'),
);

type Listed = { item: string; title: string; score: number; rating: number; similarity?: number };

describe('reclab recommend', () => {
  it('re-ranks the model\'s top candidates by title similarity with --hybrid, titles decoded', async () => {
    const plain = lastJson(await reclab('recommend', '--data', titled, '--meta', meta, '--user', 'alice', '--algo', 'BaselineOnly', '--n', '4', '--json'));
    const model = plain.items as Listed[];
    expect(model.map((r) => r.item).sort()).toEqual(['C', 'D', 'E', 'F']);
    expect(model.every((r) => r.similarity === undefined)).toBe(true);
    // Ranked by the estimate before clipping.
    expect(model.map((r) => r.score)).toEqual(model.map((r) => r.score).sort((a, b) => b - a));

    const run = lastJson(await reclab('recommend', '--data', titled, '--meta', meta, '--user', 'alice', '--algo', 'BaselineOnly', '--hybrid', '--candidates', '4', '-n', '4', '--json'));
    expect(Object.keys(run).sort()).toEqual(['algo', 'items', 'seed', 'user']);
    const items = run.items as Listed[];
    expect(items.map((r) => r.item).sort()).toEqual(['C', 'D', 'E', 'F']);
    expect(items.find((r) => r.item === 'D')?.title).toBe('Blue & Green');
    // "Blue Train" and "Blue & Green" share "blue" with the 5-star album, "Giant Steps (Deluxe)" two words with the 2-star one; "Time Out" none.
    const sims = items.map((r) => r.similarity!);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
    expect(items[3]).toMatchObject({ item: 'E', similarity: 0 });
    expect(sims[2]).toBeGreaterThan(0);
    // Each item keeps the model's score: the same numbers as without --hybrid.
    for (const r of items) expect(r.score).toBe(model.find((m) => m.item === r.item)!.score);

    // Only the model's top candidate to re-rank: it is the list.
    const one = lastJson(await reclab('recommend', '--data', titled, '--meta', meta, '--user', 'alice', '--algo', 'BaselineOnly', '--hybrid', '--candidates', '1', '--json'));
    expect((one.items as Listed[]).map((r) => r.item)).toEqual([model[0].item]);
  });


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
    const noMeta = await reclab('recommend', '--data', path, '--user', 'alice', '--algo', 'SVD', '--hybrid');
    expect(noMeta.stderr.trim()).toBe('reclab recommend: --hybrid re-ranks by title similarity: give the titles with --meta FILE');
    const stray = await reclab('recommend', '--data', path, '--user', 'alice', '--algo', 'SVD', '--candidates', '5');
    expect(stray.stderr.trim()).toBe('reclab recommend: --candidates applies to --hybrid only');
    const badMeta = await reclab('recommend', '--data', path, '--meta', path, '--user', 'alice', '--algo', 'SVD');
    expect(badMeta.code).toBe(2);
    expect(badMeta.stderr).toContain(`${path}, line 1: not an item metadata file`);
    const backend = await reclab('recommend', '--data', path, '--user', 'alice', '--algo', 'SVD', '--backend', 'cpu');
    expect(backend.code).toBe(2);
    expect(backend.stderr.trim()).toBe('reclab recommend: --backend applies to the deep models only, not SVD');
  });
});
