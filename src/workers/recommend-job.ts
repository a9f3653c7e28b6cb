/**
 * Recommendations from a finished run, in the training worker, by the model the run
 * stored (fitted on the split's training rows, or on all ratings when asked). A new
 * visitor is unknown to any stored model: models with fold-in answer them without a
 * refit (visitor-job.ts); for the others the run's algorithm is refitted on every
 * rating plus theirs, with the run's params and seed, and the answer says so.
 */
import type { Estimator, FittedModel } from '../core/estimator/types.ts';
import { fallbackAndClip } from '../core/predict.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { bottomUnseen, ratedBy, topUnseen, userScores, withNewUser } from '../core/recommend.ts';
import { defaultParams, findAlgorithm } from '../core/registry/index.ts';
import type { ItemMetadata } from '../storage/items.ts';
import type { ModelRecord } from '../storage/models.ts';
import type { RunRecord } from '../storage/runs.ts';
import type { RecommendedItem, Recommendations, RecommendOptions } from './protocol.ts';
import { hybridRecommendations, worstProducts, type ListContext } from './recommend-lists.ts';
import { fitRunOnAll } from './train-job.ts';

/** The user with the most ratings: a sensible first person to recommend for. */
function mostActiveUser(table: RatingsTable): number {
  const count = new Int32Array(table.userIds.length);
  let best = 0;
  for (let k = 0; k < table.user.length; k++) if (++count[table.user[k]] > count[best]) best = table.user[k];
  return best;
}

/** The name the person who rates items in the lab gets in the table. */
export const NEW_USER = 'you (rated here)';

/** The run's parameters that differ from the registry's defaults ("default parameters" when none do). */
function paramsText(run: RunRecord): string {
  const defaults = defaultParams(findAlgorithm(run.algo));
  const changed = Object.entries(run.params).filter(([k, v]) => defaults[k] !== v);
  return changed.length ? changed.map(([k, v]) => `${k}=${v}`).join(', ') : 'default parameters';
}

export async function recommendFromRun(
  dataset: RatingsTable,
  run: RunRecord,
  stored: ModelRecord | undefined,
  estimator: Estimator,
  meta: ItemMetadata | undefined,
  who: string | null | [string, number][],
  n: number,
  options: RecommendOptions = {},
): Promise<Recommendations> {
  const t0 = performance.now();
  let table = dataset;
  let user: number;
  let model: FittedModel;
  let source: string;
  let train: Int32Array;
  if (Array.isArray(who)) {
    if (who.length === 0) throw new Error('Rate at least one item first.');
    const index = new Map(dataset.itemIds.map((id, k) => [id, k]));
    ({ table, user } = withNewUser(dataset, NEW_USER, new Map(who.map(([id, r]) => [index.get(id)!, r]))));
    model = await fitRunOnAll(estimator, table, run, meta ? { itemText: { titles: meta.titles } } : {});
    train = Int32Array.from(table.rating.keys());
    source = `${run.algo} refitted on all ratings and yours (${paramsText(run)}; seed ${run.seed})`;
  } else {
    if (!stored) throw new Error('This run kept no model (it was cross-validated): fit it on all ratings first.');
    user = who === null ? mostActiveUser(table) : table.userIds.indexOf(who);
    if (user < 0) throw new Error(`This dataset has no user "${who}" (ids are matched exactly, as the file wrote them).`);
    model = await estimator.load(stored.saved, table);
    train = stored.saved.train;
    source =
      run.model?.fittedOn === 'all'
        ? `${run.algo} fitted on all ratings (${paramsText(run)}; seed ${run.seed})`
        : `the model this run scored, fitted on its ${stored.saved.train.length.toLocaleString('en')} training ratings`;
  }
  try {
    const rated = ratedBy(table, user);
    const scores = await userScores(model, table, user);
    const ctx: ListContext = { table, train, user, seen: rated, scores, describe: describer(table, meta, model, scores) };
    return { user: table.userIds[user], rated: rated.length, source, ...listsOf(ctx, run, meta, n, options), seconds: (performance.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}

/** An item as the lists show it: id, title, store, and the model's estimate with the fallback and clipping rule. */
export function describer(table: RatingsTable, meta: ItemMetadata | undefined, model: Pick<FittedModel, 'defaultPrediction' | 'scale'>, scores: Float64Array): (i: number) => RecommendedItem {
  return (i) => ({
    id: table.itemIds[i],
    title: meta?.titles[i] ?? '',
    store: meta?.stores[i] ?? '',
    rating: fallbackAndClip(scores[i], model.defaultPrediction, model.scale),
  });
}

/** The lists of an answer from one user's scores: top and least, and the hybrid and worst-products ones when asked. */
export function listsOf(ctx: ListContext, run: RunRecord, meta: ItemMetadata | undefined, n: number, options: RecommendOptions): Pick<Recommendations, 'top' | 'least' | 'hybrid' | 'worst'> {
  const { table, train, scores, seen, describe } = ctx;
  return {
    top: Array.from(topUnseen(scores, seen, n, table.itemIds), describe),
    least: Array.from(bottomUnseen(scores, seen, n, table.itemIds), describe),
    ...(options.hybrid ? { hybrid: hybridRecommendations(ctx, meta, `${run.id}|${table.rating.length}|${train.length}`, options.hybrid) } : {}),
    ...(options.worst ? { worst: worstProducts(ctx, options.worst, n) } : {}),
  };
}
