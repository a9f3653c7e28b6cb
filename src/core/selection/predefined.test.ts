import { describe, expect, it } from 'vitest';
import type { RatingsTable } from '../ratings.ts';
import { predefinedFold } from './predefined.ts';

function table(pairs: [string, string, number][]): RatingsTable {
  const userIds = [...new Set(pairs.map((p) => p[0]))];
  const itemIds = [...new Set(pairs.map((p) => p[1]))];
  return {
    user: Int32Array.from(pairs, (p) => userIds.indexOf(p[0])),
    item: Int32Array.from(pairs, (p) => itemIds.indexOf(p[1])),
    rating: Float32Array.from(pairs, (p) => p[2]),
    time: Float64Array.from(pairs, (_, k) => k),
    verified: null,
    userIds,
    itemIds,
  };
}

describe('predefinedFold', () => {
  it("maps test ids through the training file's dictionaries, adding the unknown ones", () => {
    const train = table([['a', 'x', 1], ['b', 'y', 2], ['a', 'y', 3]]);
    const test = table([['c', 'y', 4], ['b', 'z', 5], ['a', 'x', 2]]);
    const { table: t, split } = predefinedFold(train, test);
    expect(t.userIds).toEqual(['a', 'b', 'c']);
    expect(t.itemIds).toEqual(['x', 'y', 'z']);
    expect([...split.train]).toEqual([0, 1, 2]);
    expect([...split.test]).toEqual([3, 4, 5]);
    const row = (k: number) => [t.userIds[t.user[k]], t.itemIds[t.item[k]], t.rating[k], t.time[k]];
    expect([0, 1, 2, 3, 4, 5].map(row)).toEqual([
      ['a', 'x', 1, 0], ['b', 'y', 2, 1], ['a', 'y', 3, 2],
      ['c', 'y', 4, 0], ['b', 'z', 5, 1], ['a', 'x', 2, 2],
    ]);
    expect(t.verified).toBeNull();
  });
});
