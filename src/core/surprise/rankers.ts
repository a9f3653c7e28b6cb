/**
 * Reference rankers for ranking comparisons, so a neural model is never compared
 * only against itself: MostPop scores an item by how many training users rated it,
 * Random by a seeded hash of (user, item). Their scores rank items; they are not
 * ratings, so the lab reports no rating metrics for them (registry `ranksOnly`).
 * Ties (MostPop) are broken by the ranking's own rule, raw item id ascending.
 */
import { AlgoBase, type FitHooks } from './algo.ts';
import type { Trainset } from './trainset.ts';

export class MostPop extends AlgoBase {
  popularity = new Float64Array(0);

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    // Distinct users per item: the ir lists hold one entry per rating, and a table keeps one rating per pair.
    const pop = new Float64Array(trainset.nItems);
    for (let i = 0; i < trainset.nItems; i++) pop[i] = trainset.irStart[i + 1] - trainset.irStart[i];
    this.popularity = pop;
    return this;
  }

  /** Unknown items have no training users: impossible, as for any algorithm. */
  estimate(_u: number, i: number): number {
    return i < 0 ? NaN : this.popularity[i];
  }
}

/** A 32-bit integer hash (lowbias32): well-mixed, cheap, no state to carry. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export class RandomRanker extends AlgoBase {
  constructor(readonly seed = 0) {
    super();
  }

  /** Uniform in [0, 1) per (seed, user, item), the same on every call: a fixed random order per user. */
  estimate(u: number, i: number): number {
    if (i < 0) return NaN;
    return mix(mix(mix(this.seed) ^ (u + 1)) ^ (i + 1)) / 2 ** 32;
  }
}
