/** Tiny hand-written rating tables for unit tests whose expected values are worked out by hand. */
import type { RatingsTable } from '../ratings.ts';
import { joinReviews, type ReviewTexts } from '../reviews.ts';
import { buildTrainset, type RatingScale, type Trainset } from '../surprise/trainset.ts';

/** [raw user id, raw item id, rating] — rows in this order. */
export type Triple = readonly [string, string, number];

export function tinyTable(rows: readonly Triple[]): RatingsTable {
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const index = (ids: string[], id: string): number => {
    const k = ids.indexOf(id);
    return k >= 0 ? k : ids.push(id) - 1;
  };
  const n = rows.length;
  const t: RatingsTable = {
    user: new Int32Array(n),
    item: new Int32Array(n),
    rating: new Float32Array(n),
    time: new Float64Array(n).fill(NaN),
    verified: null,
    userIds,
    itemIds,
  };
  rows.forEach(([u, i, r], k) => {
    t.user[k] = index(userIds, u);
    t.item[k] = index(itemIds, i);
    t.rating[k] = r;
  });
  return t;
}

/** A trainset over all rows of `rows`, inner ids by first appearance (so 'u0' → 0 when it comes first). */
export function tinyTrainset(rows: readonly Triple[], scale: RatingScale = { min: 1, max: 5 }): Trainset {
  return buildTrainset(tinyTable(rows), Int32Array.from(rows.keys()), scale);
}

const encoder = new TextEncoder();

/** A review column holding texts[k] as row k's review. */
export function reviewTexts(texts: readonly string[]): ReviewTexts {
  return joinReviews(texts.map((t) => {
    const bytes = encoder.encode(t);
    return { reviews: { bytes, offsets: Uint32Array.of(0, bytes.length) }, rows: 1 };
  }))!;
}
