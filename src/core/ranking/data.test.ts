import { describe, expect, it } from 'vitest';
import { candidates, longTailHead, rankingData, relevantOf } from './data.ts';
import { tinyTable } from '../testing/tiny.ts';
import { handCase } from './fixtures.ts';

// Hand case indices (see fixtures.ts): users u1=0 u2=1 u3=2 u4=3 u5=4; items a=0 b=1 c=2 e=3 d=4 z=5.
const A = 0, B = 1, C = 2, E = 3, D = 4, Z = 5;

describe('rankingData', () => {
  it('orders the training catalog by raw item id in code-unit order', () => {
    const { table, split } = handCase();
    const d = rankingData(table, split);
    // ids b='k10' < c='k9' < a='m' < e='n' < d='x'; z is only in test.
    expect(Array.from(d.catalog)).toEqual([B, C, A, E, D]);
    expect(Array.from(d.idRank)).toEqual([2, 0, 1, 3, 4, -1]);
  });

  it('builds relevant items and skips users without any', () => {
    const { table, split } = handCase();
    const d = rankingData(table, split);
    // u3 has no test row; u4's only test item (a) is one it rated in training.
    expect(Array.from(d.users)).toEqual([0, 1, 4]);
    // u1: b (two test rows, counted once) and c; z is off the catalog.
    expect(Array.from(relevantOf(d, 0))).toEqual([B, C]);
    expect(Array.from(relevantOf(d, 1))).toEqual([D]);
    expect(Array.from(relevantOf(d, 2))).toEqual([C]);
    // Held-out items keep everything, catalog or not.
    expect(Array.from(d.heldItems.subarray(d.heldStart[0], d.heldStart[1]))).toEqual([B, C, Z]);
    expect(Array.from(d.heldItems.subarray(d.heldStart[3], d.heldStart[4]))).toEqual([A]);
  });

  it('keeps a user\'s training item out of its relevant items when a later user also trained on it', () => {
    // u0 trained on i0 and holds out i0 and i1; u2, later, trained on i0 too.
    const table = tinyTable([['u0', 'i0', 1], ['u1', 'i0', 1], ['u2', 'i1', 1], ['u0', 'i1', 1], ['u0', 'i0', 1], ['u2', 'i0', 1]]);
    const d = rankingData(table, { train: Int32Array.from([2, 4, 5]), test: Int32Array.from([0, 1, 3]) });
    const item = (id: string) => table.itemIds.indexOf(id);
    const relevantTo = (id: string) => Array.from(relevantOf(d, Array.from(d.users).indexOf(table.userIds.indexOf(id))));
    expect(d.users.length).toBe(2);
    expect(relevantTo('u0')).toEqual([item('i1')]);
    expect(relevantTo('u1')).toEqual([item('i0')]);
  });

  it('applies the relevance threshold (any of a repeated item\'s test ratings)', () => {
    const { table, split } = handCase();
    const t4 = rankingData(table, split, 4);
    expect(Array.from(t4.users)).toEqual([0, 1, 4]);
    expect(Array.from(relevantOf(t4, 0))).toEqual([B]); // b: 5 and 1; c: 2 < 4
    const t45 = rankingData(table, split, 4.5);
    expect(Array.from(t45.users)).toEqual([0, 1]); // u5's c is 4 < 4.5
    expect(rankingData(table, split, 5.5).users.length).toBe(0);
  });

  it('lists candidates in id order without the user\'s training items', () => {
    const { table, split } = handCase();
    const d = rankingData(table, split);
    expect(Array.from(candidates(d, 0))).toEqual([B, C, E, D]);
    expect(Array.from(candidates(d, 1))).toEqual([C, E, D]);
    expect(Array.from(candidates(d, 4))).toEqual([B, C, A, E]);
  });

  it('counts popularity by distinct training users and ratings by training rows', () => {
    const { table, split } = handCase();
    const d = rankingData(table, split);
    expect(Array.from(d.popularity)).toEqual([3, 1, 1, 1, 2, 0]);
    expect(Array.from(d.ratingCount)).toEqual([3, 1, 1, 1, 2, 0]);
    expect(d.nTrainUsers).toBe(5);
    // 8 training ratings; a alone holds 3 ≥ 20% of 8 = 1.6.
    expect(Array.from(d.head)).toEqual([1, 0, 0, 0, 0, 0]);
  });
});

describe('longTailHead', () => {
  it('takes the fewest most-rated items reaching 20%, ties by id (catalog order)', () => {
    // Catalog order (id order) 5, 3, 1; counts equal for 5 and 3: 5 comes first by id.
    const counts = Int32Array.from([0, 4, 0, 4, 0, 4]);
    expect(Array.from(longTailHead(Int32Array.from([5, 3, 1]), counts))).toEqual([0, 0, 0, 0, 0, 1]);
    // Ten items of 1 rating: 20% of 10 is exactly 2 items.
    const ten = new Int32Array(10).fill(1);
    expect(Array.from(longTailHead(Int32Array.from(ten.keys()), ten)).reduce((s, x) => s + x, 0)).toBe(2);
    const c = Int32Array.from([1, 1, 1, 1, 1, 1, 9]); // total 15, 20% = 3: the 9 alone
    expect(Array.from(longTailHead(Int32Array.from(c.keys()), c))).toEqual([0, 0, 0, 0, 0, 0, 1]);
    const c2 = Int32Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // 16 ratings: needs 3.2 → 4 items
    expect(Array.from(longTailHead(Int32Array.from(c2.keys()), c2)).reduce((s, x) => s + x, 0)).toBe(4);
  });
});
