import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK } from './topk.ts';

describe('topK', () => {
  it('picks the largest scores, best first, ties by index', () => {
    expect(Array.from(topK([3, 9, 1, 9, 5], 3))).toEqual([1, 3, 4]);
    expect(Array.from(topK([1, 2], 5))).toEqual([1, 0]);
    expect(Array.from(topK([1, NaN, 2], 2))).toEqual([2, 0]);
    expect(topK([1, 2, 3], 0).length).toBe(0);
  });

  it('agrees with a full stable sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }), fc.integer({ min: 0, max: 10 }), (xs, k) => {
        const sorted = xs.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i).slice(0, k).map((x) => x.i);
        expect(Array.from(topK(xs, k))).toEqual(sorted);
      }),
    );
  });
});
