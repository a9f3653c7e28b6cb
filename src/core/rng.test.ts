import { describe, expect, it } from 'vitest';
import { createRng, keyedNormals, keyedUniforms, permutation } from './rng.ts';

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.uint32());
    const sb = Array.from({ length: 20 }, () => b.uint32());
    const sc = Array.from({ length: 20 }, () => c.uint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('draws uniform floats in [0, 1) with a plausible mean', () => {
    const r = createRng(1);
    let sum = 0;
    for (let k = 0; k < 100_000; k++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws normals with the requested mean and deviation', () => {
    const r = createRng(7);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const x = r.normal(2, 0.5);
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    expect(mean).toBeCloseTo(2, 2);
    expect(Math.sqrt(s2 / n - mean * mean)).toBeCloseTo(0.5, 2);
  });

  it('fills arrays with the very draws of normal() called in turn, odd lengths and a pending spare included', () => {
    const a = createRng(9);
    const b = createRng(9);
    for (const n of [0, 1, 5, 8, 3]) {
      const want = Float32Array.from({ length: n }, () => a.normal(0.5, 2));
      const got = new Float32Array(n);
      b.fillNormal(got, 0.5, 2);
      expect(got).toEqual(want);
    }
    expect(b.next()).toBe(a.next());
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(NaN)).toThrow(/seed/);
  });
});

describe('keyedUniforms', () => {
  it('draws (0, 1) floats from (key, index) alone: the same in any order, others for another key or index', () => {
    const draw = (key: number, index: number) => {
      const out = new Float64Array(6);
      keyedUniforms(key, index, out, 1, 5);
      return out;
    };
    const a = draw(3, 10);
    expect(a[0]).toBe(0);
    expect(Array.from(a.subarray(1)).every((u) => u > 0 && u < 1)).toBe(true);
    draw(3, 11);
    expect(draw(3, 10)).toEqual(a);
    expect(draw(4, 10)).not.toEqual(a);
    expect(draw(3, 9)).not.toEqual(a);
    const many = new Float64Array(100_000);
    for (let i = 0; i < 10_000; i++) keyedUniforms(1, i, many, i * 10, 10);
    expect(many.reduce((s, u) => s + u, 0) / many.length).toBeCloseTo(0.5, 2);
  });
});

describe('keyedNormals', () => {
  it('draws normal(0, std) from (key, index) alone, pairs and odd counts alike', () => {
    const draw = (index: number, n = 5) => {
      const out = new Float64Array(n);
      keyedNormals(3, index, out, 0, n, 0.5);
      return out;
    };
    expect(draw(10)).toEqual(draw(10));
    expect(draw(10)).not.toEqual(draw(11));
    expect(draw(10, 4)).toEqual(draw(10).subarray(0, 4));
    const many = new Float64Array(200_000);
    for (let i = 0; i < 20_000; i++) keyedNormals(1, i, many, i * 10, 10, 0.5);
    const mean = many.reduce((s, x) => s + x, 0) / many.length;
    const sd = Math.sqrt(many.reduce((s, x) => s + (x - mean) ** 2, 0) / many.length);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(sd).toBeCloseTo(0.5, 2);
    // Tails as a normal's: about 4.55% beyond two standard deviations.
    expect(many.filter((x) => Math.abs(x) > 1).length / many.length).toBeCloseTo(0.0455, 2);
  });
});

describe('permutation', () => {
  it('is a permutation and is reproducible', () => {
    const p = permutation(1000, createRng(3));
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, k) => k));
    expect(permutation(1000, createRng(3))).toEqual(p);
  });
});
