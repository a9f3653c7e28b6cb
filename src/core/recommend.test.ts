import { describe, expect, it } from 'vitest';
import { bottomUnseen, fitOnAll, ratedBy, topUnseen, withNewUser } from './recommend.ts';
import { tinyTable } from './testing/tiny.ts';

describe('recommend', () => {
  it('ranks unseen items by estimate and never returns what the user rated', () => {
    expect(Array.from(topUnseen(Float64Array.from([5, 1, 4, 3]), [0], 2))).toEqual([2, 3]);
    expect(Array.from(topUnseen(Float64Array.from([NaN, 2]), [], 5))).toEqual([1]);
  });
});

describe('bottomUnseen', () => {
  it('lists the lowest scores first, skipping the user\'s items and NaN', () => {
    expect(Array.from(bottomUnseen(Float64Array.from([5, 1, 4, NaN, 0]), [4], 3))).toEqual([1, 2, 0]);
  });
});

describe('fitOnAll', () => {
  it('scores every table item for a user, in table indices', () => {
    const table = tinyTable([['u0', 'x', 3], ['u1', 'y', 1], ['u1', 'z', 5], ['u2', 'y', 2], ['u2', 'z', 5], ['u2', 'x', 3]]);
    const scorer = fitOnAll(table, 'BaselineOnly', {}, 0);
    const scores = scorer.scores(0);
    expect(scores.length).toBe(3);
    expect(Array.from(ratedBy(table, 0))).toEqual([0]);
    expect(Array.from(topUnseen(scores, ratedBy(table, 0), 2))).toEqual([2, 1]);
    expect(scorer.rating(0, 2)).toBeCloseTo(Math.min(5, scores[2]), 12);
  });
});

describe('withNewUser', () => {
  it('adds a person who rated a few items, and the model then recommends for them', () => {
    const table = tinyTable([['u1', 'y', 1], ['u1', 'z', 5], ['u2', 'y', 2], ['u2', 'z', 5], ['u2', 'x', 3]]);
    const { table: t, user } = withNewUser(table, 'you', new Map([[0, 4]]));
    expect(user).toBe(2);
    expect(t.rating.length).toBe(6);
    expect(Array.from(ratedBy(t, user))).toEqual([0]);
    expect(Number.isNaN(t.time[5])).toBe(true);
    const scorer = fitOnAll(t, 'BaselineOnly', {}, 0);
    // Items by first appearance: y 0 (rated by the new user), z 1 (loved by all), x 2.
    expect(Array.from(topUnseen(scorer.scores(user), ratedBy(t, user), 2))).toEqual([1, 2]);
    expect(() => withNewUser(table, 'u1', new Map())).toThrow(/already exists/);
  });
});
