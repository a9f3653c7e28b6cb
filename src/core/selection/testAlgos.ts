/**
 * Tiny algorithms for the model-selection tests, whose predictions are easy to work
 * out by hand. Test support only; the real algorithms live in src/core/surprise.
 */
import type { RatingsTable } from '../ratings.ts';
import { AlgoBase, FitCancelled, type FitHooks } from '../surprise/algo.ts';
import type { Trainset } from '../surprise/trainset.ts';

/** The user's mean training rating plus `shift`; impossible for unknown users. Reports `epochs` epochs. */
export class UserMean extends AlgoBase {
  private means = new Float64Array(0);

  constructor(
    private readonly shift = 0,
    private readonly epochs = 1,
  ) {
    super();
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    this.means = new Float64Array(trainset.nUsers);
    for (let u = 0; u < trainset.nUsers; u++) {
      let s = 0;
      for (let k = trainset.urStart[u]; k < trainset.urStart[u + 1]; k++) s += trainset.urRating[k];
      this.means[u] = s / (trainset.urStart[u + 1] - trainset.urStart[u]);
    }
    for (let e = 1; e <= this.epochs; e++) {
      if (hooks.shouldStop?.()) throw new FitCancelled();
      hooks.onEpoch?.(e, this.epochs);
    }
    return this;
  }

  estimate(u: number): number {
    return u < 0 ? NaN : this.means[u] + this.shift;
  }
}

/** A table from parallel per-row user, item and rating arrays (no timestamps). */
export function tinyTable(user: number[], item: number[], rating: number[]): RatingsTable {
  return {
    user: Int32Array.from(user),
    item: Int32Array.from(item),
    rating: Float32Array.from(rating),
    time: new Float64Array(user.length).fill(NaN),
    verified: null,
    userIds: Array.from({ length: Math.max(...user) + 1 }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: Math.max(...item) + 1 }, (_, i) => `i${i}`),
  };
}
