import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RatingsTable } from '../ratings.ts';
import { countDistribution, datasetStats, monthIndex } from './stats.ts';

function tableOf(rows: [number, number, number, number][]): RatingsTable {
  const nu = Math.max(...rows.map((r) => r[0])) + 1;
  const ni = Math.max(...rows.map((r) => r[1])) + 1;
  return {
    user: Int32Array.from(rows, (r) => r[0]),
    item: Int32Array.from(rows, (r) => r[1]),
    rating: Float32Array.from(rows, (r) => r[2]),
    time: Float64Array.from(rows, (r) => r[3]),
    verified: null,
    userIds: Array.from({ length: nu }, (_, k) => `u${k}`),
    itemIds: Array.from({ length: ni }, (_, k) => `i${k}`),
  };
}

describe('datasetStats', () => {
  it('histograms ratings, counts per user/item, means and months', () => {
    const jan2014 = Date.UTC(2014, 0, 15) / 1000;
    const mar2014 = Date.UTC(2014, 2, 1) / 1000;
    const s = datasetStats(
      tableOf([[0, 0, 5, jan2014], [0, 1, 4, jan2014], [0, 2, 5, mar2014], [1, 0, 1, NaN], [2, 0, 3, mar2014]]),
    );
    expect(s.ratingHistogram.map((b) => [b.from, b.count])).toEqual([[1, 1], [2, 0], [3, 1], [4, 1], [5, 2]]);
    expect(s.ratingsPerUser.bins).toEqual([{ from: 1, to: 2, count: 2 }, { from: 2, to: 4, count: 1 }]);
    expect(s.ratingsPerUser.quantiles.find((q) => q.q === 0.5)!.value).toBe(1);
    expect(s.ratingsPerUser.quantiles.find((q) => q.q === 0.9)!.value).toBe(3);
    expect(s.ratingsPerItem).toMatchObject({ min: 1, max: 3, mean: 5 / 3 });
    expect(s.ratingsPerMonth).toEqual([{ month: '2014-01', count: 2 }, { month: '2014-02', count: 0 }, { month: '2014-03', count: 2 }]);
    expect(s.undated).toBe(1);
    expect(s.meanRatingPerUser.reduce((a, b) => a + b.count, 0)).toBe(3);
    expect(s.counts).toMatchObject({ rows: 5, users: 3, items: 3 });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('monthIndex agrees with Date for any time', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e9, max: 4e9 }), (sec) => {
        const d = new Date(sec * 1000);
        expect(monthIndex(sec)).toBe((d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth());
      }),
    );
  });

  it('count quantiles match sorting', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1 }), (xs) => {
        const present = xs.filter((x) => x > 0).sort((a, b) => a - b);
        const d = countDistribution(Int32Array.from(xs));
        if (present.length === 0) {
          expect(d.bins).toEqual([]);
          return;
        }
        for (const { q, value } of d.quantiles) expect(value).toBe(present[Math.max(1, Math.ceil(q * present.length)) - 1]);
        expect(d.bins.reduce((a, b) => a + b.count, 0)).toBe(present.length);
      }),
    );
  });
});
