/**
 * Surprise's PredefinedKFold for one train/test pair read from two files: the files
 * have their own id dictionaries, so the test rows are mapped through the training
 * file's ids, and ids only the test file knows become new (unknown-to-training)
 * users and items.
 */
import type { RatingsTable } from '../ratings.ts';
import { joinReviews } from '../reviews.ts';
import type { Split } from '../split.ts';

function extend(base: string[], extra: string[]): { ids: string[]; map: Int32Array } {
  const index = new Map(base.map((id, k) => [id, k]));
  const ids = base.slice();
  const map = new Int32Array(extra.length);
  extra.forEach((id, k) => {
    let at = index.get(id);
    if (at === undefined) {
      at = ids.push(id) - 1;
      index.set(id, at);
    }
    map[k] = at;
  });
  return { ids, map };
}

/** One table holding the training rows then the test rows, and the split between them. */
export function predefinedFold(train: RatingsTable, test: RatingsTable): { table: RatingsTable; split: Split } {
  const nTrain = train.rating.length;
  const nTest = test.rating.length;
  const n = nTrain + nTest;
  const users = extend(train.userIds, test.userIds);
  const items = extend(train.itemIds, test.itemIds);
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const rating = new Float32Array(n);
  const time = new Float64Array(n);
  user.set(train.user);
  item.set(train.item);
  rating.set(train.rating);
  rating.set(test.rating, nTrain);
  time.set(train.time);
  time.set(test.time, nTrain);
  for (let k = 0; k < nTest; k++) {
    user[nTrain + k] = users.map[test.user[k]];
    item[nTrain + k] = items.map[test.item[k]];
  }
  let verified: Uint8Array | null = null;
  if (train.verified && test.verified) {
    verified = new Uint8Array(n);
    verified.set(train.verified);
    verified.set(test.verified, nTrain);
  }
  const split: Split = {
    train: Int32Array.from({ length: nTrain }, (_, k) => k),
    test: Int32Array.from({ length: nTest }, (_, k) => nTrain + k),
  };
  const reviews = joinReviews([
    { reviews: train.reviews, rows: nTrain },
    { reviews: test.reviews, rows: nTest },
  ]);
  return { table: { user, item, rating, time, verified, ...(reviews ? { reviews } : {}), userIds: users.ids, itemIds: items.ids }, split };
}
