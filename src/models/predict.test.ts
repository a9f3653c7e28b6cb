import { expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { byItem } from './predict.ts';

it('orders positions by item, ties by position, as the comparison sort it replaces', () => {
  const rng = createRng(5);
  const item = Int32Array.from({ length: 2000 }, () => rng.int(37));
  const want = Int32Array.from(item, (_, k) => k).sort((a, b) => item[a] - item[b] || a - b);
  expect(byItem(item)).toEqual(want);
  expect(byItem(new Int32Array(0))).toEqual(new Int32Array(0));
  expect(() => byItem(Int32Array.of(2, -1))).toThrow(RangeError);
});
