/** From a ratings table and a split (row indices) to the columns the training loop takes. */
import type { RatingsTable } from '../core/ratings.ts';
import { pick } from './batches.ts';
import type { TrainData } from './model.ts';

/**
 * Train rows and validation rows of `table`. Indices stay the table's, so users and
 * items seen only in validation get (untrained) rows too; the rating scale is the
 * table's.
 */
export function trainDataFromSplit(table: RatingsTable, train: Int32Array, val: Int32Array): TrainData {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < table.rating.length; k++) {
    const r = table.rating[k];
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  return {
    user: pick(table.user, train),
    item: pick(table.item, train),
    rating: pick(table.rating, train),
    time: pick(table.time, train),
    valUser: pick(table.user, val),
    valItem: pick(table.item, val),
    valRating: pick(table.rating, val),
    valTime: pick(table.time, val),
    nUsers: table.userIds.length,
    nItems: table.itemIds.length,
    ratingMin: lo,
    ratingMax: hi,
  };
}
