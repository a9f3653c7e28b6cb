/** From a ratings table and a split (row indices) to the columns the training loop takes. */
import type { RatingsTable } from '../core/ratings.ts';
import type { Rng } from '../core/rng.ts';
import type { RatingScale } from '../core/surprise/trainset.ts';
import { pick } from '../core/pick.ts';
import type { TrainData } from './model.ts';

/** The lowest and highest rating in the table. */
function tableScale(table: RatingsTable): RatingScale {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < table.rating.length; k++) {
    const r = table.rating[k];
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  return { min: lo, max: hi };
}

/**
 * Train rows and validation rows of `table`. Indices stay the table's, so users and
 * items seen only in validation get (untrained) rows too; the rating scale is the
 * given one, else the table's.
 */
export function trainDataFromSplit(table: RatingsTable, train: Int32Array, val: Int32Array, scale: RatingScale = tableScale(table), withTime = true): TrainData {
  return {
    user: pick(table.user, train),
    item: pick(table.item, train),
    rating: pick(table.rating, train),
    // Only for models that read times: 8 bytes a row (50 MB on the lab's 7.8M-row table).
    ...(withTime ? { time: pick(table.time, train), valTime: pick(table.time, val) } : {}),
    valUser: pick(table.user, val),
    valItem: pick(table.item, val),
    valRating: pick(table.rating, val),
    nUsers: table.userIds.length,
    nItems: table.itemIds.length,
    ratingMin: scale.min,
    ratingMax: scale.max,
  };
}

/**
 * `n` uniformly random ratings (integers 1–5) over nUsers × nItems, drawn from `rng`
 * (all users, then all items, then all ratings), none held out: benchmark data.
 */
export function uniformTrainData(rng: Rng, n: number, nUsers: number, nItems: number): TrainData {
  return {
    user: Int32Array.from({ length: n }, () => rng.int(nUsers)),
    item: Int32Array.from({ length: n }, () => rng.int(nItems)),
    rating: Float32Array.from({ length: n }, () => 1 + rng.int(5)),
    valUser: new Int32Array(0),
    valItem: new Int32Array(0),
    valRating: new Float32Array(0),
    nUsers,
    nItems,
    ratingMin: 1,
    ratingMax: 5,
  };
}
