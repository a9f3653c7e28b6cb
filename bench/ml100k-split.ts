/**
 * Surprise's 80/20 MovieLens-100k split (../shared/anchors) as TrainData: one table
 * of the train rows followed by the test rows, so both share one id dictionary.
 */
import type { RatingsTable } from '../src/core/ratings.ts';
import { ANCHORS_DIR, readUDataFile } from '../src/core/testing/ml100k.ts';
import { trainDataFromSplit } from '../src/models/data.ts';
import type { TrainData } from '../src/models/model.ts';

function concatTables(a: RatingsTable, b: RatingsTable): RatingsTable {
  const userIds = [...a.userIds];
  const itemIds = [...a.itemIds];
  const remap = (ids: string[], own: string[]): Int32Array => {
    const at = new Map(ids.map((id, k) => [id, k]));
    return Int32Array.from(own, (id) => at.get(id) ?? ids.push(id) - 1);
  };
  const bUser = remap(userIds, b.userIds);
  const bItem = remap(itemIds, b.itemIds);
  const cat = <T extends Int32Array | Float32Array | Float64Array>(x: T, y: T): T => {
    const out = new (x.constructor as new (n: number) => T)(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    user: cat(a.user, Int32Array.from(b.user, (u) => bUser[u])),
    item: cat(a.item, Int32Array.from(b.item, (i) => bItem[i])),
    rating: cat(a.rating, b.rating),
    time: cat(a.time, b.time),
    verified: null,
    userIds,
    itemIds,
  };
}

export function ml100kSplit80(): TrainData {
  const train = readUDataFile(`${ANCHORS_DIR}ml100k_split80_20.train.tsv`);
  const test = readUDataFile(`${ANCHORS_DIR}ml100k_split80_20.test.tsv`);
  const table = concatTables(train, test);
  const n = train.rating.length;
  const range = (from: number, to: number): Int32Array => Int32Array.from({ length: to - from }, (_, k) => from + k);
  return trainDataFromSplit(table, range(0, n), range(n, table.rating.length));
}
