/** Tiny seeded rating data for the models' unit tests: a noisy low-rank matrix on a 1–5 scale. */
import { createRng } from '../../core/rng.ts';
import type { TrainData } from '../model.ts';

export function toyData(seed = 1, nUsers = 30, nItems = 40, perUser = 16): TrainData {
  const rng = createRng(seed);
  const rank = 3;
  const u = Array.from({ length: nUsers * rank }, () => rng.normal(0, 0.8));
  const v = Array.from({ length: nItems * rank }, () => rng.normal(0, 0.8));
  const rows: { user: number; item: number; rating: number; time: number }[] = [];
  for (let a = 0; a < nUsers; a++) {
    const items = rng.shuffle(Array.from({ length: nItems }, (_, k) => k)).slice(0, perUser);
    items.forEach((i, k) => {
      let dot = 0;
      for (let f = 0; f < rank; f++) dot += u[a * rank + f] * v[i * rank + f];
      const rating = Math.min(5, Math.max(1, Math.round(3 + dot + rng.normal(0, 0.3))));
      rows.push({ user: a, item: i, rating, time: 1_000_000 + a * 1000 + k * 10 });
    });
  }
  rng.shuffle(rows);
  const nVal = Math.floor(rows.length / 5);
  const col = (part: typeof rows) => ({
    user: Int32Array.from(part, (r) => r.user),
    item: Int32Array.from(part, (r) => r.item),
    rating: Float32Array.from(part, (r) => r.rating),
    time: Float64Array.from(part, (r) => r.time),
  });
  const train = col(rows.slice(nVal));
  const val = col(rows.slice(0, nVal));
  return {
    ...train,
    valUser: val.user,
    valItem: val.item,
    valRating: val.rating,
    valTime: val.time,
    nUsers,
    nItems,
    ratingMin: 1,
    ratingMax: 5,
  };
}
