/**
 * The lists the Recommend screen shows beside the plain top and least lists, from one
 * user's raw scores: the hybrid re-ranking by title similarity (src/core/hybrid.ts)
 * and the worst products (src/core/dampedMean.ts), each item with its evidence.
 */
import { itemEvidence, rankByDampedMean } from '../core/dampedMean.ts';
import { catalogIndex, hybridList, hybridOfProfile, trainingCatalog } from '../core/hybrid.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { bottomUnseen } from '../core/recommend.ts';
import { tfidfProfile, type TfidfIndex } from '../core/text/tfidf.ts';
import type { ItemMetadata } from '../storage/items.ts';
import type { EvidenceItem, HybridItem, HybridRecommendations, RecommendedItem, RecommendOptions, WorstProducts } from './protocol.ts';

/** What every list needs: the table, the model's training rows, the user, and how to describe an item. */
export interface ListContext {
  table: RatingsTable;
  train: Int32Array;
  user: number;
  /** Items never recommended back: every item the user rated. */
  seen: Int32Array;
  scores: Float64Array;
  describe(item: number): RecommendedItem;
  /** A visitor's own ratings (they have no training rows): the hybrid profile is theirs. */
  visitor?: { items: Int32Array; ratings: Float32Array };
}

/** The last TF-IDF catalog built, reused while the same run, table and titles are asked again. */
let cached: { key: string; catalog: { index: TfidfIndex; inCatalog: Uint8Array } } | null = null;

function catalogOf(key: string, ctx: ListContext, meta: ItemMetadata | undefined) {
  if (cached?.key !== key) {
    const inCatalog = trainingCatalog(ctx.table, ctx.train);
    cached = { key, catalog: { index: catalogIndex(meta?.titles ?? ctx.table.itemIds.map(() => ''), inCatalog), inCatalog } };
  }
  return cached.catalog;
}

/** The heaviest words of a profile, heaviest first. */
function profileWords(index: TfidfIndex, terms: Int32Array, weights: Float64Array, n: number): string[] {
  const names = [...index.vocabulary.keys()];
  return Array.from(terms.keys())
    .sort((a, b) => weights[b] - weights[a] || a - b)
    .slice(0, n)
    .map((k) => names[terms[k]]);
}

export function hybridRecommendations(ctx: ListContext, meta: ItemMetadata | undefined, cacheKey: string, opts: NonNullable<RecommendOptions['hybrid']>): HybridRecommendations {
  const catalog = catalogOf(`${cacheKey}|${meta?.fileName}|${meta?.titled}`, ctx, meta);
  const list = ctx.visitor
    ? hybridOfProfile(ctx.scores, ctx.table, tfidfProfile(catalog.index, ctx.visitor.items, ctx.visitor.ratings), ctx.seen, catalog, opts.candidates)
    : hybridList(ctx.scores, ctx.table, ctx.train, ctx.user, ctx.seen, catalog, opts.candidates);
  const hybridRank = new Int32Array(list.candidates.length);
  list.order.forEach((c, r) => (hybridRank[c] = r + 1));
  const item = (c: number): HybridItem => ({
    ...ctx.describe(list.candidates[c]),
    score: ctx.scores[list.candidates[c]],
    similarity: list.similarity[c],
    modelRank: c + 1,
    hybridRank: hybridRank[c],
  });
  const keep = Math.min(opts.keep, list.candidates.length);
  return {
    candidates: list.candidates.length,
    model: Array.from({ length: keep }, (_, c) => item(c)),
    hybrid: Array.from(list.order.subarray(0, keep), item),
    profileWords: profileWords(catalog.index, list.profile.terms, list.profile.weights, 8),
    corpus: catalog.index.nDocs,
  };
}

export function worstProducts(ctx: ListContext, opts: NonNullable<RecommendOptions['worst']>, n: number): WorstProducts {
  const evidence = itemEvidence(ctx.table, ctx.train, opts.priorWeight);
  const minCount = Math.max(1, opts.minCount);
  const item = (i: number): EvidenceItem => ({ ...ctx.describe(i), count: evidence.count[i], mean: evidence.mean[i], damped: evidence.damped[i] });
  const ids = ctx.table.itemIds;
  return {
    minCount,
    priorWeight: opts.priorWeight,
    globalMean: evidence.globalMean,
    forUser: Array.from(bottomUnseen(ctx.scores, ctx.seen, n, ids, (i) => evidence.count[i] >= minCount), item),
    overall: Array.from(rankByDampedMean(evidence, minCount, n, 'lowest', ids), item),
  };
}
