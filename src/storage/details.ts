/**
 * A run's per-user results, kept apart from the run record so that listing runs
 * never loads arrays as long as the user count: RMSE and MAE per test user, the
 * ranking metrics per evaluated user (full and sampled), and the sampled protocol's
 * frozen negatives, which a later run on the same split reuses. Same key as the run.
 */
import type { Negatives, PerUserRanking } from '../core/ranking/index.ts';
import { openLabDB } from './db.ts';

export interface RunDetails {
  /** The run's id. */
  id: string;
  datasetId: string;
  /** Table user indices of the test users, ascending, with their RMSE and MAE. */
  ratings: { user: Int32Array; rmse: Float64Array; mae: Float64Array };
  ranking?: { full: PerUserRanking; sampled?: PerUserRanking };
  negatives?: Negatives;
}

export async function loadRunDetails(id: string): Promise<RunDetails | undefined> {
  const db = await openLabDB();
  try {
    return await db.get('details', id);
  } finally {
    db.close();
  }
}
