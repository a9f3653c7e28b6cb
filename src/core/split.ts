import { createRng, permutation } from './rng.ts';

/** Row indices of a train/test split. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Seeded random split of n rows: a permutation, the first ⌈n·testFraction⌉ rows
 * test, the rest train (the same rule as Surprise's train_test_split).
 */
export function randomSplit(n: number, testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`test fraction must be between 0 and 1, got ${testFraction}`);
  }
  const perm = permutation(n, createRng(seed));
  const nTest = Math.ceil(n * testFraction);
  return { test: perm.slice(0, nTest), train: perm.slice(nTest) };
}
