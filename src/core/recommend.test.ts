import { describe, expect, it } from 'vitest';
import { recommend, topUnseen } from './recommend.ts';
import { createAlgorithm } from './surprise/index.ts';
import { tinyTrainset } from './testing/tiny.ts';

describe('recommend', () => {
  it('ranks unseen items by estimate and never returns what the user rated', () => {
    expect(Array.from(topUnseen(Float64Array.from([5, 1, 4, 3]), [0], 2))).toEqual([2, 3]);
    expect(Array.from(topUnseen(Float64Array.from([NaN, 2]), [], 5))).toEqual([1]);
  });

  it('recommends the items a baseline likes best, excluding the user\'s own', () => {
    // Item z is loved by everyone who rated it, y is disliked; u0 has rated only x.
    const ts = tinyTrainset([
      ['u0', 'x', 3], ['u1', 'y', 1], ['u1', 'z', 5], ['u2', 'y', 2], ['u2', 'z', 5], ['u2', 'x', 3],
    ]);
    const algo = createAlgorithm('BaselineOnly', {}, 0).fit(ts);
    const recs = recommend(algo, ts, 0, 5);
    expect(recs.map((r) => r.item)).toEqual([2, 1]); // inner ids: x=0, y=1, z=2
    expect(recs[0].rating).toBeGreaterThan(recs[1].rating);
    expect(recs.every((r) => r.rating >= 1 && r.rating <= 5)).toBe(true);
  });
});
