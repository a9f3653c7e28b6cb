/**
 * Hybrid re-ranking [seed 001]: a model's top-C candidates for a user, re-ranked by
 * how much each candidate's title reads like the titles the user rated. Conventions
 * (so a result can be checked against scikit-learn, see ./text/tfidf.ts):
 *
 * - corpus: one document per item of the training catalog (items with ≥ 1 training
 *   rating), its title ('' when it has none);
 * - candidates: the user's top-C unseen catalog items by the model's estimate before
 *   clipping, ties by raw item id ascending (recommend.ts's topUnseen);
 * - profile: Σ rating × item vector over the user's training ratings, L2-normalised
 *   (a zero profile gives every candidate similarity 0);
 * - re-rank by cosine similarity descending, ties by candidate rank: with a zero
 *   profile the model's order stands.
 */
import type { RatingsTable } from './ratings.ts';
import { ratingsOf, topUnseen } from './recommend.ts';
import { buildTfidfIndex, cosineSimilarities, tfidfProfile, type TfidfIndex, type TfidfProfile } from './text/tfidf.ts';

export interface Reranked {
  /** Per candidate, in the model's order: cosine similarity to the profile. */
  similarity: Float64Array;
  /** Candidate positions (0 = the model's best) in re-ranked order. */
  order: Int32Array;
}

/** Re-rank `candidates` (model order) by similarity to `profile`, ties by model rank. */
export function rerankBySimilarity(index: TfidfIndex, profile: TfidfProfile, candidates: Int32Array): Reranked {
  const similarity = cosineSimilarities(index, profile, candidates);
  const order = Int32Array.from(candidates.keys()).sort((a, b) => similarity[b] - similarity[a] || a - b);
  return { similarity, order };
}

/** Per table item: 1 when some training row rates it (the training catalog). */
export function trainingCatalog(table: RatingsTable, train: ArrayLike<number>): Uint8Array {
  const inCatalog = new Uint8Array(table.itemIds.length);
  for (let k = 0; k < train.length; k++) inCatalog[table.item[train[k]]] = 1;
  return inCatalog;
}

/** The TF-IDF index of a table's titles over its training catalog. */
export function catalogIndex(titles: readonly string[], inCatalog: Uint8Array): TfidfIndex {
  const corpus: number[] = [];
  for (let i = 0; i < inCatalog.length; i++) if (inCatalog[i]) corpus.push(i);
  return buildTfidfIndex(titles, corpus);
}

/** A user's profile from their training ratings. */
export function userProfile(index: TfidfIndex, table: RatingsTable, train: ArrayLike<number>, user: number): TfidfProfile {
  const { items, ratings } = ratingsOf(table, train, user);
  return tfidfProfile(index, items, ratings);
}

export interface HybridList extends Reranked {
  /** The model's top-C unseen catalog items, best first. */
  candidates: Int32Array;
  profile: TfidfProfile;
}

/**
 * The whole re-ranking for one user: candidates from the model's raw `scores`
 * (excluding `seen`, keeping the catalog), the profile from the user's `train`
 * ratings, and the re-ranked order.
 */
export function hybridList(
  scores: Float64Array,
  table: RatingsTable,
  train: ArrayLike<number>,
  user: number,
  seen: ArrayLike<number>,
  catalog: { index: TfidfIndex; inCatalog: Uint8Array },
  c: number,
): HybridList {
  return hybridOfProfile(scores, table, userProfile(catalog.index, table, train, user), seen, catalog, c);
}

/** The same re-ranking from a profile in hand: a visitor's, from the ratings they just gave (tfidfProfile). */
export function hybridOfProfile(
  scores: Float64Array,
  table: RatingsTable,
  profile: TfidfProfile,
  seen: ArrayLike<number>,
  catalog: { index: TfidfIndex; inCatalog: Uint8Array },
  c: number,
): HybridList {
  const candidates = topUnseen(scores, seen, c, table.itemIds, (i) => catalog.inCatalog[i] === 1);
  return { candidates, profile, ...rerankBySimilarity(catalog.index, profile, candidates) };
}
