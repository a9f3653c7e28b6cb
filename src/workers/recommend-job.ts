/**
 * Recommendations from a finished run, in the training worker: a TensorFlow.js run
 * predicts with its saved model; a TypeScript algorithm is refitted on every rating
 * with the run's parameters and seed (they are quick to fit, and a recommender should
 * learn from all the data it has).
 */
import { bottomUnseen, fitOnAll, ratedBy, topUnseen } from '../core/recommend.ts';
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

export async function recommendFromRun(
  table: RatingsTable,
  run: RunRecord,
  meta: ItemMetadata | undefined,
  userId: string | null,
  n: number,
): Promise<Recommendations> {
  const t0 = performance.now();
  const user = userId === null ? mostActiveUser(table) : table.userIds.indexOf(userId);
  if (user < 0) throw new Error(`This dataset has no user "${userId}" (ids are matched exactly, as the file wrote them).`);
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
