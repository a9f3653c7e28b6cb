import { describe, expect, it } from 'vitest';
import { coreEstimator } from './estimator/coreEstimator.ts';
import { bottomUnseen, ratedBy, ratingsOf, topUnseen, withNewUser } from './recommend.ts';
import { tinyTable } from './testing/tiny.ts';

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('recommend', () => {
  it('ranks unseen items by estimate and never returns what the user rated', () => {
    expect(Array.from(topUnseen(Float64Array.from([5, 1, 4, 3]), [0], 2, ids))).toEqual([2, 3]);
    expect(Array.from(topUnseen(Float64Array.from([NaN, 2]), [], 5, ids))).toEqual([1]);
  });

  it('breaks equal estimates by raw item id, not by position in the table, and keeps only what `keep` accepts', () => {
    const names = ['z', '10', '9', 'A'];
    expect(Array.from(topUnseen(Float64Array.from([3, 3, 3, 3]), [], 3, names))).toEqual([1, 2, 3]);
    expect(Array.from(topUnseen(Float64Array.from([3, 3, 3, 3]), [1], 4, names, (i) => i !== 3))).toEqual([2, 0]);
  });
});

describe('bottomUnseen', () => {
  it("lists the lowest scores first, skipping the user's items and NaN", () => {
    expect(Array.from(bottomUnseen(Float64Array.from([5, 1, 4, NaN, 0]), [4], 3, ids))).toEqual([1, 2, 0]);
    expect(Array.from(bottomUnseen(Float64Array.from([1, 1, 2]), [], 3, ['b', 'a', 'c']))).toEqual([1, 0, 2]);
  });
});

describe('topUnseen and bottomUnseen in place', () => {
  it('leave the scores exactly as they were, an item seen twice and `keep` included', () => {
    const scores = Float64Array.from([0.1, -0, 3, NaN, -2.5e-300, 7]);
    const bits = Array.from(new Uint32Array(scores.slice().buffer));
    const six = [...ids, 'f'];
    expect(Array.from(topUnseen(scores, [2, 2, 5], 2, six, (i) => i !== 0))).toEqual([1, 4]);
    expect(Array.from(bottomUnseen(scores, [4, 4], 3, six, (i) => i !== 5))).toEqual([1, 0, 2]);
    expect(Array.from(new Uint32Array(scores.buffer))).toEqual(bits);
  });
});

describe('ratingsOf', () => {
  it("lists a user's items and ratings among the given rows only", () => {
    const t = tinyTable([['u1', 'x', 4], ['u2', 'x', 1], ['u1', 'y', 2], ['u1', 'z', 5]]);
    const r = ratingsOf(t, [0, 1, 2], 0);
    expect(Array.from(r.items)).toEqual([0, 1]);
    expect(Array.from(r.ratings)).toEqual([4, 2]);
  });
});

describe('withNewUser', () => {
  it('adds a person who rated a few items, and the model then recommends for them', async () => {
    const table = tinyTable([['u1', 'y', 1], ['u1', 'z', 5], ['u2', 'y', 2], ['u2', 'z', 5], ['u2', 'x', 3]]);
    const { table: t, user } = withNewUser(table, 'you', new Map([[0, 4]]));
    expect(user).toBe(2);
    expect(t.rating.length).toBe(6);
    expect(Array.from(ratedBy(t, user))).toEqual([0]);
    expect(Number.isNaN(t.time[5])).toBe(true);
    const all = Int32Array.from(t.rating.keys());
    const model = await coreEstimator().fit({ table: t, train: all, algo: 'BaselineOnly', params: {}, seed: 0, scale: { min: 1, max: 5 } });
    const scores = await model.estimate(new Int32Array(3).fill(user), Int32Array.from([0, 1, 2]));
    // Items by first appearance: y 0 (rated by the new user), z 1 (loved by all), x 2.
    expect(Array.from(topUnseen(scores, ratedBy(t, user), 2, t.itemIds))).toEqual([1, 2]);
    expect(() => withNewUser(table, 'u1', new Map())).toThrow(/already exists/);
  });
});
