/** Seeded synthetic rating tables for unit tests that need more than a handful of ratings. */
import { createRng } from '../rng.ts';
import type { RatingsTable } from '../ratings.ts';
import { buildTrainset, type Trainset } from '../surprise/trainset.ts';
import { tinyTable, type Triple } from './tiny.ts';

/**
 * Users and items with two hidden traits; a user rates an item with probability
 * `density`, 1–5 from how well their traits match plus noise. Rows come shuffled,
 * so trainset order is not user by user.
 */
export function syntheticTable(seed: number, nUsers = 40, nItems = 30, density = 0.4): RatingsTable {
  const rng = createRng(seed);
  const trait = (): [number, number] => [rng.normal(), rng.normal()];
  const users = Array.from({ length: nUsers }, trait);
  const items = Array.from({ length: nItems }, trait);
  const rows: Triple[] = [];
  users.forEach((a, u) =>
    items.forEach((b, i) => {
      if (rng.next() >= density) return;
      const score = 3 + a[0] * b[0] + a[1] * b[1] + 0.3 * rng.normal();
      rows.push([`u${u}`, `i${i}`, Math.min(5, Math.max(1, Math.round(score)))]);
    }),
  );
  return tinyTable(rng.shuffle(rows));
}

/** A trainset over every row of `syntheticTable(seed)`, on the 1–5 scale. */
export function syntheticTrainset(seed: number): Trainset {
  const table = syntheticTable(seed);
  return buildTrainset(table, Int32Array.from(table.rating.keys()), { min: 1, max: 5 });
}
