/**
 * Recommendations for one user: every item the user has not rated, ranked by a
 * model's raw estimate (before clipping, so items past the top of the scale still rank
 * apart), equal estimates by raw item id ascending (as the ranking evaluation breaks
 * them). Items a model cannot estimate are left out. The least-recommended list is
 * the same ranking read from the other end.
 */
import type { FittedModel } from './estimator/types.ts';
import type { RatingsTable } from './ratings.ts';
import { joinReviews } from './reviews.ts';
import { topKById } from './topk.ts';

/**
 * The best n items by score that the user has not seen (and that `keep` accepts,
 * when given): NaN never ranks, ties by raw id (`ids`). `scores` is read in place:
 * the hidden items are NaN during the scan and get their values back after it, so a
 * million-item row is never copied (allocating one costs more than the scan).
 */
export function topUnseen(scores: Float64Array, seen: ArrayLike<number>, n: number, ids: readonly string[], keep?: (item: number) => boolean): Int32Array {
  const hidden: ArrayLike<number> = keep ? [...Array.from(seen), ...rejected(scores.length, keep)] : seen;
  // Every value is saved before any is hidden, so an item listed twice gets its own value back.
  const saved = new Float64Array(hidden.length);
  for (let k = 0; k < hidden.length; k++) saved[k] = scores[hidden[k]];
  for (let k = 0; k < hidden.length; k++) scores[hidden[k]] = NaN;
  try {
    return topKById(scores, n, ids);
  } finally {
    for (let k = hidden.length - 1; k >= 0; k--) scores[hidden[k]] = saved[k];
  }
}

function rejected(count: number, keep: (item: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (!keep(i)) out.push(i);
  return out;
}

/** The n unseen items with the lowest scores, lowest first (ties by raw id); `scores` is negated in place for the scan and back after. */
export function bottomUnseen(scores: Float64Array, seen: ArrayLike<number>, n: number, ids: readonly string[], keep?: (item: number) => boolean): Int32Array {
  negate(scores);
  try {
    return topUnseen(scores, seen, n, ids, keep);
  } finally {
    negate(scores);
  }
}

/** x → −x is exact, so negating twice gives back the same bits. */
function negate(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] = -a[i];
}

/** The table items `user` rated. */
export function ratedBy(table: RatingsTable, user: number): Int32Array {
  const out: number[] = [];
  for (let k = 0; k < table.user.length; k++) if (table.user[k] === user) out.push(table.item[k]);
  return Int32Array.from(out);
}

/** The items `user` rated among `rows` and their ratings (e.g. a model's training rows). */
export function ratingsOf(table: RatingsTable, rows: ArrayLike<number>, user: number): { items: Int32Array; ratings: Float32Array } {
  const items: number[] = [];
  const ratings: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (table.user[row] !== user) continue;
    items.push(table.item[row]);
    ratings.push(table.rating[row]);
  }
  return { items: Int32Array.from(items), ratings: Float32Array.from(ratings) };
}

/**
 * The table with one more user who rated `ratings` (table item index → rating): the
 * "rate a few items yourself" person, who can then be recommended for like anyone.
 */
export function withNewUser(table: RatingsTable, userId: string, ratings: ReadonlyMap<number, number>): { table: RatingsTable; user: number } {
  if (table.userIds.includes(userId)) throw new Error(`user "${userId}" already exists`);
  const n = table.rating.length;
  const m = n + ratings.size;
  const user = table.userIds.length;
  const out: RatingsTable = {
    user: new Int32Array(m),
    item: new Int32Array(m),
    rating: new Float32Array(m),
    time: new Float64Array(m).fill(NaN),
    verified: table.verified ? new Uint8Array(m) : null,
    // The visitor's ratings come with no review text.
    ...(table.reviews ? { reviews: joinReviews([{ reviews: table.reviews, rows: n }, { rows: ratings.size }]) } : {}),
    userIds: [...table.userIds, userId],
    itemIds: table.itemIds,
  };
  out.user.set(table.user);
  out.item.set(table.item);
  out.rating.set(table.rating);
  out.time.set(table.time);
  if (out.verified) out.verified.set(table.verified!);
  let k = n;
  for (const [item, rating] of ratings) {
    out.user[k] = user;
    out.item[k] = item;
    out.rating[k++] = rating;
  }
  return { table: out, user };
}

/**
 * Raw estimates of `user` for every table item, by any fitted model: what rankings
 * order by. A model that scores whole catalog rows faster (estimateGrid: the same
 * numbers) does so.
 */
export async function userScores(model: FittedModel, table: RatingsTable, user: number): Promise<Float64Array> {
  const items = catalogItems(table.itemIds.length);
  if (model.estimateGrid) return model.estimateGrid(Int32Array.of(user), items);
  return model.estimate(new Int32Array(items.length).fill(user), items);
}

let catalog = new Int32Array(0);

/** 0, 1, …, n − 1, kept between calls: a recommendation request then allocates only its scores. Read-only. */
export function catalogItems(n: number): Int32Array {
  if (catalog.length !== n) {
    catalog = new Int32Array(n);
    for (let i = 0; i < n; i++) catalog[i] = i;
  }
  return catalog;
}
