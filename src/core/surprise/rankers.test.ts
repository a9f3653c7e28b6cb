import { describe, expect, it } from 'vitest';
import { tinyTrainset } from '../testing/tiny.ts';
import { MostPop, RandomRanker } from './rankers.ts';

const ts = tinyTrainset([
  ['u0', 'a', 5],
  ['u0', 'b', 3],
  ['u1', 'a', 4],
  ['u1', 'c', 2],
  ['u2', 'a', 1],
  ['u2', 'c', 5],
]);

describe('reference rankers', () => {
  it('MostPop scores items by their number of training users, the same for every user', () => {
    const pop = new MostPop().fit(ts);
    // Inner ids follow first appearance: a, b, c.
    expect([0, 1, 2].map((i) => pop.estimate(0, i))).toEqual([3, 1, 2]);
    expect(pop.estimate(-1, 2)).toBe(2);
    expect(pop.estimate(1, -1)).toBeNaN();
  });

  it('Random gives a fixed, seeded score in [0, 1) per user and item', () => {
    const a = new RandomRanker(7).fit(ts);
    const b = new RandomRanker(7).fit(ts);
    const c = new RandomRanker(8).fit(ts);
    const scores = (r: RandomRanker) => [0, 1, 2].flatMap((u) => [0, 1, 2].map((i) => r.estimate(u, i)));
    expect(scores(a)).toEqual(scores(b));
    expect(scores(a)).not.toEqual(scores(c));
    expect(scores(a).every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(scores(a)).size).toBe(9);
    expect(a.estimate(0, 1)).toBe(a.estimate(0, 1));
  });
});
