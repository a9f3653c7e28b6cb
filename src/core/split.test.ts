import { describe, expect, it } from 'vitest';
import { randomSplit } from './split.ts';

describe('randomSplit', () => {
  it('splits 80/20 into disjoint parts that cover every row', () => {
    const s = randomSplit(1001, 0.2, 0);
    expect(s.test.length).toBe(201);
    expect(s.train.length).toBe(800);
    const seen = new Uint8Array(1001);
    for (const r of s.train) seen[r]++;
    for (const r of s.test) seen[r]++;
    expect(seen.every((c) => c === 1)).toBe(true);
  });

  it('is reproducible from its seed', () => {
    expect(randomSplit(500, 0.2, 9)).toEqual(randomSplit(500, 0.2, 9));
    expect(randomSplit(500, 0.2, 9).test).not.toEqual(randomSplit(500, 0.2, 10).test);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => randomSplit(10, 1, 0)).toThrow(/fraction/);
  });
});
