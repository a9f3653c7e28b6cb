import { describe, expect, it } from 'vitest';
import { toCsv } from './csvExport.ts';
import { applyRecipe, type FilterRecipe } from './filter.ts';
import { importRatings } from './import.ts';
import { makeRecipe, rebuild } from './recipe.ts';
import { gzip, streamOf } from './testStreams.ts';
import { createRng } from '../rng.ts';

/** A small random ratings file: 40 users × 15 items, ~60% filled, some unverified. */
function reviewsFile(seed: number): string {
  const rng = createRng(seed);
  const lines: string[] = [];
  for (let u = 0; u < 40; u++) {
    for (let i = 0; i < 15; i++) {
      if (rng.next() < 0.4) continue;
      const o = { overall: 1 + rng.int(5), verified: rng.next() < 0.8, reviewerID: `A${u}`, asin: `00${i}`, unixReviewTime: 1e9 + rng.int(1e8) };
      lines.push(JSON.stringify(o));
    }
  }
  return lines.join('\n');
}

const recipe: FilterRecipe = { minUserRatings: 5, minItemRatings: 10, verifiedOnly: true, sampleUsers: 30, seed: 3 };

describe('dataset recipes', () => {
  it('rebuild(file, recipe) gives an identical table', async () => {
    const file = await gzip(reviewsFile(1));
    const imported = await importRatings(streamOf(file, 100), { fileName: 'r.json.gz' });
    const filtered = applyRecipe(imported.table, recipe);
    const saved = JSON.parse(JSON.stringify(makeRecipe(imported, recipe, filtered)));
    expect(saved.counts.after.rows).toBeGreaterThan(0);
    const again = await rebuild(streamOf(file, 333), saved);
    expect(again.filtered.table).toEqual(filtered.table);
    expect(again.filtered.after).toEqual(filtered.after);
  });

  it('refuses to rebuild from a different file', async () => {
    const imported = await importRatings(streamOf(reviewsFile(1)), { fileName: 'r.json' });
    const saved = makeRecipe(imported, recipe, applyRecipe(imported.table, recipe));
    await expect(rebuild(streamOf(reviewsFile(2)), saved)).rejects.toThrow(/r\.json: this is not the file the dataset was built from/);
  });
});

describe('toCsv', () => {
  it('exports a table that imports back identical, awkward ids included', async () => {
    const text = [
      'user_id,item_id,rating,timestamp,verified',
      '"A,1",0007,4.5,1547589356.557,true',
      '"say ""hi""",B1,3,,false',
      '007,"x y",0.1,100,true',
    ].join('\n');
    const a = await importRatings(streamOf(text), { fileName: 'a.csv' });
    const exported = new Uint8Array(await new Response(toCsv(a.table, 2)).arrayBuffer());
    const b = await importRatings(streamOf(exported), { fileName: 'b.csv' });
    expect(b.table).toEqual(a.table);
    expect(new TextDecoder().decode(exported).split('\n')[1]).toBe('"A,1",0007,4.5,1547589356.557,true');
  });
});
