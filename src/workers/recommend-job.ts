/**
 * Recommendations from a finished run, in the training worker: a TensorFlow.js run
 * predicts with its saved model; a TypeScript algorithm is refitted on every rating
 * with the run's parameters and seed (they are quick to fit, and a recommender should
 * learn from all the data it has).
 */
import { bottomUnseen, fitOnAll, ratedBy, topUnseen, withNewUser } from '../core/recommend.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { loadModel } from '../models/trained.ts';
import type { ItemMetadata } from '../storage/items.ts';
import type { RunRecord } from '../storage/runs.ts';
import type { RecommendedItem, Recommendations } from './protocol.ts';

/** The user with the most ratings: a sensible first person to recommend for. */
function mostActiveUser(table: RatingsTable): number {
  const count = new Int32Array(table.userIds.length);
  let best = 0;
  for (let k = 0; k < table.user.length; k++) if (++count[table.user[k]] > count[best]) best = table.user[k];
  return best;
}

/** The name the person who rates items in the lab gets in the table. */
export const NEW_USER = 'you (rated here)';

/** The table and table user to recommend for: an existing user, or a new person added with their ratings. */
function whoFor(table: RatingsTable, run: RunRecord, who: string | null | [string, number][]): { table: RatingsTable; user: number } {
  if (Array.isArray(who)) {
    if (run.modelUrl) throw new Error("Rating items yourself needs a model that refits in a moment: pick a TypeScript algorithm's run (SVD, KNN, …).");
    if (who.length === 0) throw new Error('Rate at least one item first.');
    const index = new Map(table.itemIds.map((id, k) => [id, k]));
    return withNewUser(table, NEW_USER, new Map(who.map(([id, r]) => [index.get(id)!, r])));
  }
  const user = who === null ? mostActiveUser(table) : table.userIds.indexOf(who);
  if (user < 0) throw new Error(`This dataset has no user "${who}" (ids are matched exactly, as the file wrote them).`);
  return { table, user };
}

export async function recommendFromRun(
  dataset: RatingsTable,
  run: RunRecord,
  meta: ItemMetadata | undefined,
  who: string | null | [string, number][],
  n: number,
): Promise<Recommendations> {
  const t0 = performance.now();
  const { table, user } = whoFor(dataset, run, who);
  const rated = ratedBy(table, user);
  let scores: Float64Array;
  let rating: (item: number) => number;
  let source: string;
  if (run.modelUrl) {
    const model = await loadModel(run.modelUrl);
    try {
      const items = Int32Array.from(table.itemIds.keys());
      const est = await model.predict(new Int32Array(items.length).fill(user), items);
      scores = Float64Array.from(est);
      rating = (i) => est[i];
    } finally {
      model.dispose();
    }
    source = 'saved model';
  } else {
    const scorer = fitOnAll(table, run.algo, run.params, run.seed);
    scores = scorer.scores(user);
    rating = (i) => scorer.rating(user, i);
    source = 'refitted on all ratings';
  }
  const describe = (i: number): RecommendedItem => ({
    id: table.itemIds[i],
    title: meta?.titles[i] ?? '',
    store: meta?.stores[i] ?? '',
    rating: rating(i),
  });
  return {
    user: table.userIds[user],
    rated: rated.length,
    source,
    top: Array.from(topUnseen(scores, rated, n), describe),
    least: Array.from(bottomUnseen(scores, rated, n), describe),
    seconds: (performance.now() - t0) / 1000,
  };
}
