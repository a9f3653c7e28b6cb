import { describe, expect, it } from 'vitest';
import { npMean, npStd, npSum } from './numpy.ts';

describe('NumPy pairwise summation', () => {
  it('sums short arrays left to right', () => {
    const a = [1e16, 1, 1, 1, 1, 1, 1];
    expect(npSum(a, 0, 7)).toBe(1e16); // each 1 is lost against 1e16 (ulp 2)
  });

  it('sums 8..128 elements in eight interleaved lanes, as NumPy does', () => {
    const a = [1e16, ...Array<number>(15).fill(1)];
    // Lane 0: 1e16 + 1 → 1e16; lanes 1–7: 2 each; ((r0 + r1) + (r2 + r3)) + … = 1e16 + 14.
    expect(npSum(a, 0, 16)).toBe(1e16 + 14);
    expect(npSum([0, ...a], 1, 16)).toBe(1e16 + 14);
  });

  it('splits longer arrays at a multiple of 8 below the half', () => {
    const a = Array.from({ length: 300 }, (_, k) => (k % 7 === 0 ? 1e15 : 0.1 * k));
    expect(npSum(a, 0, 300)).toBe(npSum(a, 0, 144) + (npSum(a, 144, 72) + npSum(a, 216, 84)));
  });

  it('mean and population standard deviation', () => {
    const a = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(npMean(a, 0, 8)).toBe(5);
    expect(npStd(a, 0, 8, new Float64Array(8))).toBe(2);
  });
});
