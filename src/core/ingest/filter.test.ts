import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableCounts, type RatingsTable } from '../ratings.ts';
import { reviewOf } from '../reviews.ts';
import { reviewTexts } from '../testing/tiny.ts';
import { applyRecipe, FilterError, keepsEveryRow, previewRecipe, type FilterRecipe } from './filter.ts';

/** Row k's review text: none for every fifth row, otherwise naming the row (non-ASCII included). */
const textOf = (k: number) => (k % 5 === 0 ? '' : `review ${k} ${'é'.repeat(k % 3)}`);

/** A table from (user, item, rating, time, verified) tuples; ids are 'u<n>' / 'i<n>'; row k's review is textOf(k). */
function tableOf(rows: [number, number, number, number, number][], withVerified = true): RatingsTable {
  const users = [...new Set(rows.map((r) => r[0]))];
  const items = [...new Set(rows.map((r) => r[1]))];
  return {
    user: Int32Array.from(rows, (r) => users.indexOf(r[0])),
    item: Int32Array.from(rows, (r) => items.indexOf(r[1])),
    rating: Float32Array.from(rows, (r) => r[2]),
    time: Float64Array.from(rows, (r) => r[3]),
    verified: withVerified ? Uint8Array.from(rows, (r) => r[4]) : null,
    reviews: reviewTexts(rows.map((_, k) => textOf(k))),
    userIds: users.map((u) => `u${u}`),
    itemIds: items.map((i) => `i${i}`),
  };
}

const rowKey = (t: RatingsTable, k: number) =>
  `${t.userIds[t.user[k]]}|${t.itemIds[t.item[k]]}|${t.rating[k]}|${t.time[k]}|${t.verified?.[k]}|${t.reviews ? reviewOf(t.reviews, k) : '-'}`;

const base: FilterRecipe = { minUserRatings: 1, minItemRatings: 1, verifiedOnly: false, seed: 7 };

const arbRows = fc.array(
  fc.tuple(fc.nat(30), fc.nat(20), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1000 }), fc.nat(1)),
  { maxLength: 300 },
);
const arbRecipe = fc.record({
  minUserRatings: fc.nat(6),
  minItemRatings: fc.nat(6),
  verifiedOnly: fc.boolean(),
  ratingMin: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  timeFrom: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  sampleUsers: fc.option(fc.nat(25), { nil: undefined }),
  seed: fc.integer(),
});

describe('keepsEveryRow', () => {
  it("is true only for recipes whose preview keeps every row, with the table's own counts", () => {
    const arbKeepAll = fc.record({ minUserRatings: fc.constantFrom(0, 1), minItemRatings: fc.constantFrom(0, 1), verifiedOnly: fc.constant(false), seed: fc.integer() });
    fc.assert(
      fc.property(arbRows, arbKeepAll, (rows, recipe) => {
        const t = tableOf(rows);
        expect(keepsEveryRow(recipe)).toBe(true);
        const p = previewRecipe(t, recipe);
        expect(p.rows).toEqual(Int32Array.from(t.rating.keys()));
        expect(p.after).toEqual(tableCounts(t));
        expect(p.before).toEqual(tableCounts(t));
      }),
    );
    expect(keepsEveryRow(base)).toBe(true);
    expect(keepsEveryRow({ ...base, minUserRatings: 0, minItemRatings: 0 })).toBe(true);
    for (const changed of [{ minUserRatings: 2 }, { minItemRatings: 2 }, { verifiedOnly: true }, { ratingMin: 1 }, { ratingMax: 5 }, { timeFrom: 0 }, { timeTo: 9 }, { sampleUsers: 1e9 }, { seed: NaN }]) {
      expect(keepsEveryRow({ ...base, ...changed }), JSON.stringify(changed)).toBe(false);
    }
  });
});

describe('applyRecipe', () => {
  it('reaches a k-core fixed point, never invents rows, and is deterministic', () => {
    fc.assert(
      fc.property(arbRows, arbRecipe, (rows, recipe) => {
        const t = tableOf(rows);
        const r = applyRecipe(t, recipe);
        const out = r.table;
        const n = out.rating.length;
        const perUser = new Map<number, number>();
        const perItem = new Map<number, number>();
        for (let k = 0; k < n; k++) {
          perUser.set(out.user[k], (perUser.get(out.user[k]) ?? 0) + 1);
          perItem.set(out.item[k], (perItem.get(out.item[k]) ?? 0) + 1);
        }
        for (const c of perUser.values()) expect(c).toBeGreaterThanOrEqual(recipe.minUserRatings);
        for (const c of perItem.values()) expect(c).toBeGreaterThanOrEqual(recipe.minItemRatings);
        // No orphans: every id in the dictionaries has a row.
        expect(perUser.size).toBe(out.userIds.length);
        expect(perItem.size).toBe(out.itemIds.length);
        // Every output row is the input row it claims to be, and passes the row filters.
        for (let k = 0; k < n; k++) {
          expect(rowKey(out, k)).toBe(rowKey(t, r.rows[k]));
          if (recipe.verifiedOnly) expect(out.verified![k]).toBe(1);
          if (recipe.ratingMin !== undefined) expect(out.rating[k]).toBeGreaterThanOrEqual(recipe.ratingMin);
          if (recipe.timeFrom !== undefined) expect(out.time[k]).toBeGreaterThanOrEqual(recipe.timeFrom);
        }
        for (let k = 1; k < n; k++) expect(r.rows[k]).toBeGreaterThan(r.rows[k - 1]);
        if (recipe.sampleUsers !== undefined) expect(out.userIds.length).toBeLessThanOrEqual(recipe.sampleUsers);
        const again = applyRecipe(tableOf(rows), recipe);
        expect(Array.from(again.rows)).toEqual(Array.from(r.rows));
        expect(again.rounds).toEqual(r.rounds);
        expect(r.after.rows).toBe(n);
        // The preview counts without building the table: the same numbers.
        expect(r.after).toEqual(tableCounts(out));
        const preview = previewRecipe(t, recipe);
        expect([preview.before, preview.after, preview.rounds, Array.from(preview.rows)]).toEqual([r.before, r.after, r.rounds, Array.from(r.rows)]);
      }),
      { numRuns: 300 },
    );
  });

  it('counts each k-core round until nothing changes', () => {
    // u1 has too few ratings; dropping it leaves i2 with one rating, dropping i2 leaves
    // u2 with two, and dropping u2 leaves u3 and u4 rating i3–i5: a chain of three rounds.
    const t = tableOf([
      [1, 1, 5, 0, 1], [1, 2, 4, 0, 1],
      [2, 2, 3, 0, 1], [2, 3, 3, 0, 1], [2, 4, 3, 0, 1],
      [3, 3, 3, 0, 1], [3, 4, 3, 0, 1], [3, 5, 3, 0, 1],
      [4, 3, 3, 0, 1], [4, 4, 3, 0, 1], [4, 5, 3, 0, 1],
    ]);
    const r = applyRecipe(t, { ...base, minUserRatings: 3, minItemRatings: 2 });
    expect(r.rounds).toEqual([
      { round: 1, rows: 9, users: 3, items: 4 },
      { round: 2, rows: 8, users: 3, items: 3 },
      { round: 3, rows: 6, users: 2, items: 3 },
    ]);
    expect(r.table.userIds).toEqual(['u3', 'u4']);
    expect(r.table.itemIds).toEqual(['i3', 'i4', 'i5']);
    // The kept rows (5–10) keep their own review text, the empty one (row 10) included.
    expect(Array.from(r.table.rating, (_, k) => reviewOf(r.table.reviews!, k))).toEqual([5, 6, 7, 8, 9, 10].map(textOf));
    expect(textOf(10)).toBe('');
  });

  it('applies rating and inclusive date ranges, dropping rows without a time', () => {
    const t = tableOf([[1, 1, 1, 10, 0], [1, 2, 3, 20, 0], [2, 1, 5, 30, 0], [2, 2, 4, NaN, 0]]);
    const r = applyRecipe(t, { ...base, ratingMin: 2, ratingMax: 5, timeFrom: 20, timeTo: 30 });
    expect(Array.from(r.rows)).toEqual([1, 2]);
    expect([reviewOf(r.table.reviews!, 0), reviewOf(r.table.reviews!, 1)]).toEqual(['review 1 é', 'review 2 éé']);
  });

  it('samples the same users for the same seed and other users for another', () => {
    const rows: [number, number, number, number, number][] = [];
    for (let u = 0; u < 200; u++) rows.push([u, u % 7, 3, u, 0]);
    const t = tableOf(rows);
    const a = applyRecipe(t, { ...base, sampleUsers: 20, seed: 1 });
    expect(a.table.userIds).toHaveLength(20);
    expect(applyRecipe(t, { ...base, sampleUsers: 20, seed: 1 }).table.userIds).toEqual(a.table.userIds);
    expect(applyRecipe(t, { ...base, sampleUsers: 20, seed: 2 }).table.userIds).not.toEqual(a.table.userIds);
  });

  it('keeps the users with the smallest first 8 bytes of SHA-256("<seed>:<user id>")', () => {
    const rows: [number, number, number, number, number][] = [];
    for (let u = 0; u < 200; u++) rows.push([u, u % 7, 3, u, 0]);
    const key = (u: number) => createHash('sha256').update(`-3:u${u}`).digest().readBigUInt64BE(0);
    const expected = Array.from({ length: 200 }, (_, u) => u)
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .slice(0, 20)
      .sort((a, b) => a - b)
      .map((u) => `u${u}`);
    expect(applyRecipe(tableOf(rows), { ...base, sampleUsers: 20, seed: -3 }).table.userIds).toEqual(expected);
  });

  it('refuses verified-only on a table without the flag, and nonsense minimums', () => {
    const t = tableOf([[1, 1, 5, 0, 1]], false);
    expect(() => applyRecipe(t, { ...base, verifiedOnly: true })).toThrow(FilterError);
    expect(() => applyRecipe(t, { ...base, minUserRatings: -1 })).toThrow(/whole number/);
  });
});
