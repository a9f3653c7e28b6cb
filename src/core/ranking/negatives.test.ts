import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tinyTable, type Triple } from '../testing/tiny.ts';
import { rankingData } from './data.ts';
import { handCase } from './fixtures.ts';
import { drawNegatives, locateNegatives, sampleNegatives } from './negatives.ts';

const A = 0, B = 1, C = 2, E = 3, D = 4;

/** A random table and split: rows (user, item, rating, in test?). */
const caseArb = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 5 }), fc.boolean()),
    { minLength: 1, maxLength: 60 },
  )
  .map((rows) => {
    // Ids that sort differently from their indices ("i10" < "i2").
    const triples: Triple[] = rows.map(([u, i, r]) => [`u${u}`, `i${i}`, r]);
    const table = tinyTable(triples);
    const train: number[] = [];
    const test: number[] = [];
    rows.forEach((row, k) => (row[3] ? test : train).push(k));
    return { table, split: { train: Int32Array.from(train), test: Int32Array.from(test) } };
  });

describe('drawNegatives', () => {
  it('never draws a relevant, held-out or training item of the user, nor one twice; takes min(N, eligible)', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 8 }), fc.integer(), fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), ({ table, split }, n, seed, relevance) => {
        const data = rankingData(table, split, relevance);
        const negs = drawNegatives(data, n, seed);
        expect(Array.from(negs.users)).toEqual(Array.from(data.users));
        for (let e = 0; e < data.users.length; e++) {
          const u = data.users[e];
          const got = Array.from(negs.items.subarray(negs.userStart[e], negs.userStart[e + 1]));
          // Straight from the table: what u rated in training, held out, and the catalog.
          const trained = new Set<number>();
          const held = new Set<number>();
          const catalog = new Set<number>();
          for (const row of split.train) {
            catalog.add(table.item[row]);
            if (table.user[row] === u) trained.add(table.item[row]);
          }
          for (const row of split.test) if (table.user[row] === u) held.add(table.item[row]);
          const eligible = [...catalog].filter((i) => !trained.has(i) && !held.has(i));
          for (const i of got) {
            expect(catalog.has(i)).toBe(true);
            expect(trained.has(i)).toBe(false);
            expect(held.has(i)).toBe(false);
          }
          for (let p = data.relStart[e]; p < data.relStart[e + 1]; p++) expect(got).not.toContain(data.relItems[p]);
          expect(new Set(got).size).toBe(got.length);
          expect(got.length).toBe(Math.min(n, eligible.length));
          expect(got).toEqual([...got].sort((a, b) => a - b));
        }
        // The same seed draws the same; the frozen set fits its own split.
        expect(drawNegatives(data, n, seed)).toEqual(negs);
        expect(() => locateNegatives(data, negs)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('takes every eligible item of a short user (hand case)', () => {
    // u1 may draw d, e; u2 c, e; u5 a, b, e (fixtures.ts): all short of 4.
    const { table, split } = handCase();
    const negs = sampleNegatives(table, split, { negatives: 4, seed: 9 });
    expect(negs.n).toBe(4);
    expect(negs.seed).toBe(9);
    expect(Array.from(negs.users)).toEqual([0, 1, 4]);
    expect(Array.from(negs.userStart)).toEqual([0, 2, 4, 7]);
    // Ascending item index within each user.
    expect(Array.from(negs.items)).toEqual([E, D, C, E, A, B, E]);
  });

  it('draws uniformly on both paths (rejection and partial shuffle)', () => {
    // One user, 20 catalog items. Trained on 2 → 18 eligible, N = 3: rejection path.
    // Trained on 15 → 5 eligible, N = 3: shuffle path. Each eligible item's share of
    // 3000 seeded draws should be near N / eligible.
    for (const trainedCount of [2, 15]) {
      const rows: Triple[] = [];
      for (let i = 0; i < 20; i++) rows.push([i < trainedCount ? 'me' : 'other', `i${i}`, 3]);
      rows.push(['me', 'i19', 5]); // held out: relevant
      const table = tinyTable(rows);
      const split = { train: Int32Array.from({ length: 20 }, (_, k) => k), test: Int32Array.from([20]) };
      const data = rankingData(table, split);
      const eligible = 20 - trainedCount - 1;
      const hits = new Float64Array(20);
      const runs = 3000;
      for (let s = 0; s < runs; s++) {
        const negs = drawNegatives(data, 3, s);
        for (const i of negs.items) hits[i]++;
      }
      const expected = (runs * 3) / eligible;
      for (let i = 0; i < 20; i++) {
        if (i < trainedCount || i === 19) expect(hits[i]).toBe(0);
        else expect(Math.abs(hits[i] - expected) / expected).toBeLessThan(0.12);
      }
    }
  });
});

describe('locateNegatives', () => {
  it('rejects negatives that do not fit the split', () => {
    const { table, split } = handCase();
    const data = rankingData(table, split);
    const good = drawNegatives(data, 2, 1);
    expect(Array.from(locateNegatives(data, good))).toEqual([0, 1, 2]);
    // A training item of u1 (a), a held-out item of u2 (d), a repeat, a missing user.
    const bad = (items: number[]) => ({ ...good, items: Int32Array.from(items) });
    expect(() => locateNegatives(data, bad([A, D, C, E, A, B]))).toThrow(/not an eligible negative/);
    expect(() => locateNegatives(data, bad([E, D, C, D, A, B]))).toThrow(/not an eligible negative/);
    expect(() => locateNegatives(data, bad([E, E, C, E, A, B]))).toThrow(/not an eligible negative/);
    const fewer = { ...good, users: Int32Array.from([0, 1]), userStart: Int32Array.from([0, 2, 4]), items: good.items.slice(0, 4) };
    expect(() => locateNegatives(data, fewer)).toThrow(/no entry for user index 4/);
    // A superset (drawn without a threshold) serves a stricter threshold's users.
    expect(Array.from(locateNegatives(rankingData(table, split, 4.5), good))).toEqual([0, 1]);
  });
});
