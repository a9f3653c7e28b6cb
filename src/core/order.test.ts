import { expect, it } from 'vitest';
import { orderByKey } from './order.ts';
import { createRng } from './rng.ts';

it('groups positions by key, ties by position, as the comparison sort it replaces', () => {
  const rng = createRng(5);
  const keys = Int32Array.from({ length: 2000 }, () => rng.int(37));
  const want = Int32Array.from(keys, (_, k) => k).sort((a, b) => keys[a] - keys[b] || a - b);
  expect(orderByKey(keys)).toEqual(want);
  expect(orderByKey([])).toEqual(new Int32Array(0));
  expect(() => orderByKey([2, -1])).toThrow(RangeError);
  expect(() => orderByKey([0.5])).toThrow(RangeError);
});
