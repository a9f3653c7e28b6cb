import { describe, expect, it } from 'vitest';
import { IdDictionary } from './idDictionary.ts';

describe('IdDictionary', () => {
  const enc = new TextEncoder();
  const intern = (d: IdDictionary, id: string): number => {
    const b = enc.encode(`,${id},`); // not at offset 0, to exercise [s, e)
    return d.intern(b, 1, b.length - 1);
  };

  it('gives dense indices by first appearance and reads the ids back, across rehashes', () => {
    const d = new IdDictionary();
    const ids = Array.from({ length: 10_000 }, (_, k) => `id${(k * 7919) % 10_000}`);
    ids.forEach((id, k) => expect(intern(d, id)).toBe(k));
    ids.forEach((id, k) => expect(intern(d, id)).toBe(k));
    expect(d.size).toBe(ids.length);
    expect(d.takeStrings()).toEqual(ids);
  });

  it('keeps ids whose length needs a multi-byte varint, and non-ASCII ids', () => {
    const d = new IdDictionary();
    const ids = ['a', 'x'.repeat(127), 'x'.repeat(128), 'y'.repeat(20_000), 'é', 'ü'.repeat(100), 'x'.repeat(129), ''];
    ids.forEach((id, k) => expect(intern(d, id)).toBe(k));
    ids.forEach((id, k) => expect(intern(d, id)).toBe(k));
    expect(d.takeStrings()).toEqual(ids);
  });
});
