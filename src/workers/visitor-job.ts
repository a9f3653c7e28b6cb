/**
 * A visitor rating items on the Recommend screen. The run's stored model is loaded
 * once and kept while they rate; each rating folds them in (FittedModel.foldIn: the
 * model solves their vector with everything else fixed), so the list follows within
 * milliseconds and nothing is refitted. Before any rating, the list is the popular
 * items: the highest damped mean among items with enough ratings. A model without
 * fold-in (or a run that kept none) is refitted on every rating plus theirs, and the
 * answer says so.
 */
import { itemEvidence, rankByDampedMean, type ItemEvidence } from '../core/dampedMean.ts';
import type { Estimator, FittedModel } from '../core/estimator/types.ts';
import type { RatingsTable } from '../core/ratings.ts';
import type { ItemMetadata } from '../storage/items.ts';
import type { ModelRecord } from '../storage/models.ts';
import type { RunRecord } from '../storage/runs.ts';
import type { RecommendedItem, RecommendOptions, VisitorRecommendations } from './protocol.ts';
import { describer, listsOf, NEW_USER, recommendFromRun } from './recommend-job.ts';
import type { ListContext } from './recommend-lists.ts';

/** Popular items before any rating: the damped mean with this many phantom ratings at the global mean… */
export const POPULAR_PRIOR_WEIGHT = 10;
/** …among items with at least this many ratings. */
export const POPULAR_MIN_COUNT = 5;

export interface VisitorSession {
  runId: string;
  datasetId: string;
  run: RunRecord;
  table: RatingsTable;
  meta: ItemMetadata | undefined;
  stored: ModelRecord | undefined;
  estimator: Estimator;
  /** The stored model, loaded, when it can fold a visitor in; null otherwise (then each rating refits). */
  model: FittedModel | null;
  /** Counts and damped means over the model's training rows (every row when the run kept no model). */
  evidence: ItemEvidence;
  /** Raw item id → table item. */
  itemIndex: Map<string, number>;
}

export async function openVisitorSession(
  datasetId: string,
  table: RatingsTable,
  run: RunRecord,
  stored: ModelRecord | undefined,
  estimator: Estimator,
  meta: ItemMetadata | undefined,
): Promise<VisitorSession> {
  let model: FittedModel | null = stored ? await estimator.load(stored.saved, table) : null;
  if (model && !model.foldIn) {
    model.dispose();
    model = null;
  }
  const rows = stored ? stored.saved.train : Int32Array.from(table.rating.keys());
  return {
    runId: run.id,
    datasetId,
    run,
    table,
    meta,
    stored,
    estimator,
    model,
    evidence: itemEvidence(table, rows, POPULAR_PRIOR_WEIGHT),
    itemIndex: new Map(table.itemIds.map((id, k) => [id, k])),
  };
}

export function closeVisitorSession(s: VisitorSession | null): void {
  s?.model?.dispose();
}

export async function recommendForVisitor(s: VisitorSession, ratings: [string, number][], n: number, options: RecommendOptions = {}): Promise<VisitorRecommendations> {
  const t0 = performance.now();
  const foldIn = s.model !== null;
  const item = new Int32Array(ratings.length);
  const rating = new Float32Array(ratings.length);
  ratings.forEach(([id, r], k) => {
    const i = s.itemIndex.get(id);
    if (i === undefined) throw new Error(`This dataset has no item "${id}".`);
    item[k] = i;
    rating[k] = r;
  });
  const { table, meta, run } = s;
  const base = { user: NEW_USER, rated: ratings.length, foldIn };

  if (ratings.length === 0) {
    const { damped } = s.evidence;
    const describe = (i: number): RecommendedItem => ({ id: table.itemIds[i], title: meta?.titles[i] ?? '', store: meta?.stores[i] ?? '', rating: damped[i] });
    const list = (order: 'highest' | 'lowest') => Array.from(rankByDampedMean(s.evidence, POPULAR_MIN_COUNT, n, order, table.itemIds), describe);
    return {
      ...base,
      mode: 'popular',
      source: `no ratings yet: the items with the highest damped mean rating (${POPULAR_PRIOR_WEIGHT} phantom ratings at the mean, at least ${POPULAR_MIN_COUNT} ratings)`,
      top: list('highest'),
      least: list('lowest'),
      seconds: (performance.now() - t0) / 1000,
    };
  }

  if (!s.model) {
    const refit = await recommendFromRun(table, run, s.stored, s.estimator, meta, ratings, n, options);
    return { ...refit, ...base, mode: 'refit', source: `${refit.source}: this model cannot fold a new user in, so every rating refits it` };
  }

  const model = s.model;
  const scores = await model.foldIn!({ item, rating });
  const train = s.stored!.saved.train;
  const ctx: ListContext = { table, train, user: -1, seen: item, scores, describe: describer(table, meta, model, scores), visitor: { items: item, ratings: rating } };
  return {
    ...base,
    mode: 'fold-in',
    source: `${run.algo}'s stored model with you folded in (your vector solved with every item fixed; nothing refitted)`,
    ...listsOf(ctx, run, meta, n, options),
    seconds: (performance.now() - t0) / 1000,
  };
}
