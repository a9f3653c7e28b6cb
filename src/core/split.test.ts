import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { randomSplit } from './split.ts';
import type { RatingsTable } from './ratings.ts';

/** n rows: user k % 37, item k. */
function table(n: number): RatingsTable {
  return {
    user: Int32Array.from({ length: n }, (_, k) => k % 37),
    item: Int32Array.from({ length: n }, (_, k) => k),
    rating: new Float32Array(n).fill(3),
    time: new Float64Array(n).fill(NaN),
    verified: null,
    userIds: Array.from({ length: 37 }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: n }, (_, i) => `i${i}`),
  };
}

describe('randomSplit', () => {
  it('splits 80/20 into disjoint parts that cover every row, each in table order', () => {
    const s = randomSplit(table(1001), 0.2, 0);
    expect(s.test.length).toBe(201);
    expect(s.train.length).toBe(800);
    const seen = new Uint8Array(1001);
    for (const r of s.train) seen[r]++;
    for (const r of s.test) seen[r]++;
    expect(seen.every((c) => c === 1)).toBe(true);
    expect([...s.test]).toEqual([...s.test].sort((a, b) => a - b));
  });

  it('tests the rows with the smallest SHA-256 keys of "<seed>:<user>:<item>"', () => {
    const t = table(300);
    const key = (k: number) => createHash('sha256').update(`7:u${k % 37}:i${k}`).digest().readBigUInt64BE(0);
    const expected = Array.from({ length: 300 }, (_, k) => k)
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .slice(0, 60)
      .sort((a, b) => a - b);
    expect([...randomSplit(t, 0.2, 7).test]).toEqual(expected);
  });

  it('is reproducible from its seed', () => {
    expect(randomSplit(table(500), 0.2, 9)).toEqual(randomSplit(table(500), 0.2, 9));
    expect(randomSplit(table(500), 0.2, 9).test).not.toEqual(randomSplit(table(500), 0.2, 10).test);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => randomSplit(table(10), 1, 0)).toThrow(/fraction/);
  });
});
