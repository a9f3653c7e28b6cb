/**
 * Beyond-accuracy metrics of the recommended top-k lists (see ./index.ts for the
 * definitions), tallied list by list as the evaluation goes so the lists themselves
 * are never kept: per-item exposure counts plus running sums.
 */
import type { RankingData } from './data.ts';

export interface BeyondAccuracy {
  coverage: number;
  novelty: number;
  arp: number;
  longTail: number;
  gini: number;
}

/** What the tally reads of the training data. */
export type CatalogStats = Pick<RankingData, 'catalog' | 'popularity' | 'nTrainUsers' | 'head'>;

export class ExposureTally {
  /** Per table item: recommended slots holding it. */
  readonly exposure: Int32Array;
  private readonly selfInfo: Float64Array;
  private slots = 0;
  private noveltySum = 0;
  private tailSlots = 0;
  private arpSum = 0;
  private groups = 0;
  private groupSlots = 0;
  private groupPopSum = 0;
  private readonly stats: CatalogStats;

  constructor(stats: CatalogStats) {
    this.stats = stats;
    this.exposure = new Int32Array(stats.popularity.length);
    // −log2(popularity / training users) per catalog item, computed once.
    this.selfInfo = new Float64Array(stats.popularity.length);
    const c = stats.catalog;
    for (let p = 0; p < c.length; p++) this.selfInfo[c[p]] = -Math.log2(stats.popularity[c[p]] / stats.nTrainUsers);
  }

  /** One recommended list: items[start, end). */
  add(items: ArrayLike<number>, start: number, end: number): void {
    const { popularity, head } = this.stats;
    for (let p = start; p < end; p++) {
      const i = items[p];
      this.exposure[i]++;
      this.noveltySum += this.selfInfo[i];
      if (!head[i]) this.tailSlots++;
      this.groupPopSum += popularity[i];
    }
    this.slots += end - start;
    this.groupSlots += end - start;
  }

  /** Closes one user's lists: the user's ARP term is the mean popularity over their slots. */
  endUser(): void {
    if (this.groupSlots > 0) {
      this.arpSum += this.groupPopSum / this.groupSlots;
      this.groups++;
    }
    this.groupSlots = 0;
    this.groupPopSum = 0;
  }

  result(): BeyondAccuracy {
    const c = this.stats.catalog;
    let distinct = 0;
    for (let p = 0; p < c.length; p++) if (this.exposure[c[p]] > 0) distinct++;
    const counts = new Float64Array(c.length);
    for (let p = 0; p < c.length; p++) counts[p] = this.exposure[c[p]];
    return {
      coverage: c.length ? distinct / c.length : 0,
      novelty: this.slots ? this.noveltySum / this.slots : NaN,
      arp: this.groups ? this.arpSum / this.groups : NaN,
      longTail: this.slots ? this.tailSlots / this.slots : NaN,
      gini: gini(counts),
    };
  }
}

/**
 * Gini coefficient of non-negative values: G = Σ_i (2i − n − 1)·x_i / (n·Σx) over the
 * values sorted ascending, i = 1..n; 0 when they sum to 0 (nothing recommended).
 */
export function gini(values: ArrayLike<number>): number {
  const x = Float64Array.from(values).sort();
  const n = x.length;
  let total = 0;
  let weighted = 0;
  for (let i = 1; i <= n; i++) {
    total += x[i - 1];
    weighted += (2 * i - n - 1) * x[i - 1];
  }
  return total > 0 ? weighted / (n * total) : 0;
}

/**
 * The beyond-accuracy metrics of given lists: `lists[u]` holds user u's lists (one
 * for the full protocol, one per instance for the sampled one).
 */
export function beyondAccuracy(stats: CatalogStats, lists: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>): BeyondAccuracy {
  const tally = new ExposureTally(stats);
  for (const user of lists) {
    for (const list of user) tally.add(list, 0, list.length);
    tally.endUser();
  }
  return tally.result();
}
