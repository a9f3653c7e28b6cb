import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK, topKById, topKInto } from './topk.ts';

/** Reference order: larger first, NaN below every number, ties (and NaN vs NaN) by lower index. */
function reference(xs: number[], start: number, end: number, k: number, nanLast: boolean): number[] {
  const idx: number[] = [];
  for (let p = start; p < end; p++) if (nanLast || !Number.isNaN(xs[p])) idx.push(p);
  const key = (p: number): number => (Number.isNaN(xs[p]) ? -Infinity : xs[p]);
  return idx
    .sort((a, b) => {
      const na = Number.isNaN(xs[a]);
      const nb = Number.isNaN(xs[b]);
      if (na !== nb) return na ? 1 : -1;
      return key(b) - key(a) || a - b;
    })
    .slice(0, k);
}

const score = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(NaN, Infinity, -Infinity));

describe('topK', () => {
  it('picks the largest scores, best first, ties by index', () => {
    expect(Array.from(topK([3, 9, 1, 9, 5], 3))).toEqual([1, 3, 4]);
    expect(Array.from(topK([1, 2], 5))).toEqual([1, 0]);
    expect(Array.from(topK([1, NaN, 2], 2))).toEqual([2, 0]);
    expect(Array.from(topK([NaN, NaN], 2))).toEqual([]);
    expect(topK([1, 2, 3], 0).length).toBe(0);
    expect(Array.from(topK([2, 2, 2, 2, 2], 3))).toEqual([0, 1, 2]);
    expect(Array.from(topK([-Infinity, 1, Infinity], 3))).toEqual([2, 1, 0]);
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

describe('topKInto', () => {
  it('ranks NaN below -Infinity when asked, NaNs by position, over a range', () => {
    const xs = [7, NaN, -Infinity, NaN, 3, 3, 9];
    const out = new Int32Array(6);
    expect(topKInto(out, xs, 1, 6, true)).toBe(5);
    expect(Array.from(out.subarray(0, 5))).toEqual([4, 5, 2, 1, 3]);
    expect(topKInto(out, xs, 1, 6, false)).toBe(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([4, 5, 2]);
    const two = new Int32Array(2);
    expect(topKInto(two, [NaN, NaN, NaN], 0, 3, true)).toBe(2);
    expect(Array.from(two)).toEqual([0, 1]);
  });

  it('agrees with a full sort for any range, k and NaN rule', () => {
    fc.assert(
      fc.property(
        fc.array(score, { maxLength: 80 }),
        fc.integer({ min: 0, max: 12 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (xs, k, a, b, nanLast) => {
          const start = xs.length ? a % (xs.length + 1) : 0;
          const end = start + (xs.length - start ? b % (xs.length - start + 1) : 0);
          const out = new Int32Array(k);
          const m = topKInto(out, Float64Array.from(xs), start, end, nanLast);
          expect(Array.from(out.subarray(0, m))).toEqual(reference(xs, start, end, k, nanLast));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('topKById', () => {
  it('breaks ties by raw id in JS string order, also at the cut, wherever the tied items sit', () => {
    const ids = ['b', '9', '10', 'a', 'B'];
    // Scores 2, 5, 5, 2, 2: the two 5s by id ('10' < '9'), then the 2s by id ('B' < 'a' < 'b').
    expect(Array.from(topKById([2, 5, 5, 2, 2], 4, ids))).toEqual([2, 1, 4, 3]);
    expect(Array.from(topKById([2, 5, 5, 2, 2], 2, ids))).toEqual([2, 1]);
    expect(Array.from(topKById([2, NaN, 1, 2, 2], 5, ids))).toEqual([4, 3, 0, 2]);
    expect(topKById([NaN], 3, ['x']).length).toBe(0);
  });

  it('agrees with a full sort by (score desc, id asc) on random scores with many ties', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(NaN)), { maxLength: 40 }), fc.integer({ min: 0, max: 45 }), (xs, k) => {
        const ids = xs.map((_, i) => String((i * 7919) % 101));
        const want = xs
          .map((_, i) => i)
          .filter((i) => !Number.isNaN(xs[i]))
          .sort((a, b) => xs[b] - xs[a] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b))
          .slice(0, k);
        expect(Array.from(topKById(xs, k, ids))).toEqual(want);
      }),
    );
  });
});
