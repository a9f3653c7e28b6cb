import { pick } from '../pick.ts';
import { fallbackAndClip } from '../predict.ts';
import type { RatingsTable } from '../ratings.ts';
import type { FittedModel } from './types.ts';

/**
 * Predictions for table rows by any fitted model, each asked at its row's time, with Surprise's rule: impossible
 * estimates fall back to the model's default prediction and everything clips to its
 * scale. Also the count of impossible predictions.
 */
export async function predictRows(model: FittedModel, table: RatingsTable, rows: Int32Array): Promise<{ est: Float64Array; impossible: number }> {
  // Each row at its own time: a sequence model reads only the history before it.
  const est = await model.estimate(pick(table.user, rows), pick(table.item, rows), pick(table.time, rows));
  let impossible = 0;
  for (let k = 0; k < est.length; k++) {
    if (Number.isNaN(est[k])) impossible++;
    est[k] = fallbackAndClip(est[k], model.defaultPrediction, model.scale);
  }
  return { est, impossible };
}

/** The true ratings of table rows, as Float64 (the metrics' precision). */
export function ratingsOf(table: RatingsTable, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = table.rating[rows[k]];
  return out;
}
