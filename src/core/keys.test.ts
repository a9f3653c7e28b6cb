import { describe, expect, it } from 'vitest';
import { compareCodePoints, smallestKeys } from './keys.ts';

describe('smallestKeys', () => {
  it('picks the entries with the smallest (high, low) keys, then by the tie order', () => {
    // Entries 0..5 as [high, low]; entries 2 and 4 tie on the whole key.
    const keys = Uint32Array.from([5, 0, 1, 9, 1, 3, 0, 7, 1, 3, 2, 0]);
    const pick = (count: number, tie = (a: number, b: number) => a - b) => [...smallestKeys(keys, count, tie)];
    expect(pick(1)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(pick(2)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(pick(2, (a, b) => b - a)).toEqual([0, 0, 0, 1, 1, 0]);
    expect(pick(4)).toEqual([0, 1, 1, 1, 1, 0]);
    expect(pick(6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(pick(0)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point, as UTF-8 bytes and Python do, not by UTF-16 unit', () => {
    const sorted = ['b', 'a', '\u{1F600}', '\uFF01', 'ab', ''].sort(compareCodePoints);
    expect(sorted).toEqual(['', 'a', 'ab', 'b', '\uFF01', '\u{1F600}']);
  });
});
