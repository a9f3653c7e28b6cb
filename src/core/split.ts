import { compareCodePoints, keyInto, smallestKeys } from './keys.ts';
import type { RatingsTable } from './ratings.ts';

/** Row indices of a train/test split. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/** Rows where `isTest` is 0 and 1, each in table order. */
export function partition(isTest: Uint8Array): Split {
  let nTest = 0;
  for (let k = 0; k < isTest.length; k++) nTest += isTest[k];
  const train = new Int32Array(isTest.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let k = 0; k < isTest.length; k++) {
    if (isTest[k]) test[b++] = k;
    else train[a++] = k;
  }
  return { train, test };
}

/** key("<seed>:<user id>:<item id>") of each of `rows` (default: every row), see keys.ts. */
export function rowKeys(table: RatingsTable, seed: number, rows?: Int32Array): Uint32Array {
  const n = rows ? rows.length : table.user.length;
  const keys = new Uint32Array(2 * n);
  for (let j = 0; j < n; j++) {
    const k = rows ? rows[j] : j;
    keyInto(`${seed}:${table.userIds[table.user[k]]}:${table.itemIds[table.item[k]]}`, keys, j);
  }
  return keys;
}

/** Ties of row keys: by user id, then item id, in code-point order. */
export function byIds(table: RatingsTable): (a: number, b: number) => number {
  const { user, item, userIds, itemIds } = table;
  return (a, b) => compareCodePoints(userIds[user[a]], userIds[user[b]]) || compareCodePoints(itemIds[item[a]], itemIds[item[b]]);
}

/**
 * Seeded random split: the ⌈n·testFraction⌉ rows with the smallest
 * key("<seed>:<user id>:<item id>") test (ties by user id, then item id), the rest
 * train, both in table order. The sizes of Surprise's train_test_split; the keys
 * make the Dask job draw the very same rows.
 */
export function randomSplit(table: RatingsTable, testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`test fraction must be between 0 and 1, got ${testFraction}`);
  }
  const n = table.user.length;
  return partition(smallestKeys(rowKeys(table, seed), Math.ceil(n * testFraction), byIds(table)));
}
