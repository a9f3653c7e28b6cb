import { describe, expect, it } from 'vitest';
import { dedupeKeepLatest, selectRows, tableCounts, type RatingsTable } from './ratings.ts';

function table(rows: [string, string, number, number][]): RatingsTable {
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const idx = (ids: string[], s: string) => (ids.includes(s) ? ids.indexOf(s) : ids.push(s) - 1);
  return {
    user: Int32Array.from(rows.map((r) => idx(userIds, r[0]))),
    item: Int32Array.from(rows.map((r) => idx(itemIds, r[1]))),
    rating: Float32Array.from(rows.map((r) => r[2])),
    time: Float64Array.from(rows.map((r) => r[3])),
    verified: null,
    userIds,
    itemIds,
  };
}

describe('ratings table', () => {
  it('counts rows, users, items and sparsity', () => {
    const c = tableCounts(table([['a', 'x', 5, 1], ['b', 'x', 3, 2], ['a', 'y', 1, 3]]));
    expect(c).toMatchObject({ rows: 3, users: 2, items: 2, ratingMin: 1, ratingMax: 5, meanRating: 3 });
    expect(c.sparsity).toBeCloseTo(0.25, 12);
    expect(c.timed).toBe(3);
  });

  it('counts the rows that have a timestamp', () => {
    expect(tableCounts(table([['a', 'x', 5, 1], ['b', 'x', 3, NaN], ['a', 'y', 1, NaN]])).timed).toBe(1);
    expect(tableCounts(table([['a', 'x', 5, NaN]])).timed).toBe(0);
    expect(tableCounts(table([])).timed).toBe(0);
  });

  it('selectRows drops orphans and keeps ids as strings', () => {
    const t = table([['007', 'x', 5, 1], ['b', 'y', 3, 2], ['007', 'z', 1, 3]]);
    const s = selectRows(t, [2, 0]);
    expect(s.userIds).toEqual(['007']);
    expect(s.itemIds).toEqual(['z', 'x']);
    expect(Array.from(s.rating)).toEqual([1, 5]);
  });

  it('dedupeKeepLatest keeps the latest rating of a repeated pair', () => {
    const t = table([['a', 'x', 1, 10], ['a', 'x', 4, 30], ['b', 'x', 2, 5], ['a', 'x', 5, 20]]);
    const { table: d, duplicates } = dedupeKeepLatest(t);
    expect(duplicates).toBe(2);
    expect(Array.from(d.rating)).toEqual([4, 2]);
    expect(Array.from(d.time)).toEqual([30, 5]);
  });
});
