/**
 * Surprise's k-NN family (prediction_algorithms/knns.py): KNNBasic, KNNWithMeans,
 * KNNWithZScore and KNNBaseline, user- or item-based.
 *
 * Neighbour selection is Surprise's `heapq.nlargest(k, [(sim[x, x2], r) for (x2, r)
 * in yr[y]], key=sim)`, i.e. a stable sort by descending similarity cut at k: on
 * equal similarities the earlier entry of yr[y] (trainset order) wins. The weighted
 * sums then run in that order, over the neighbours with positive similarity only.
 * Here the selection is an insertion into fixed k-slot buffers, allocated once per fit.
 */
import { AlgoBase, type FitHooks } from './algo.ts';
import { baselineEstimate, computeBaselines, foldInUserBias, type BaselineOptions, type Baselines } from './baseline.ts';
import { npMean, npStd } from './numpy.ts';
import { computeSimilarities, symmetricLists, type SimOptions, type SymmetricLists } from './similarities.ts';
import type { Trainset } from './trainset.ts';

/** Surprise's KNN parameters (verbose is not kept: nothing is printed). */
export interface KnnParams {
  k: number;
  min_k: number;
  sim_options: SimOptions;
  /** Used by KNNBaseline, and by any of them with the pearson_baseline similarity. */
  bsl_options: BaselineOptions;
}

const UNKNOWN = 'User and/or item is unknown.';

abstract class SymmetricKnn extends AlgoBase {
  protected lists!: SymmetricLists;
  /** Row-major nX×nX similarities. */
  protected sim!: Float64Array;
  protected baselines: Baselines | null = null;
  /** The selected neighbours, by descending similarity: x2, sim[x, x2], r_x2y. */
  protected nbX = new Int32Array(0);
  protected nbSim = new Float64Array(0);
  protected nbR = new Float64Array(0);

  constructor(protected readonly params: KnnParams) {
    super();
  }

  /** KNNBaseline needs the baselines for its estimate, whatever the similarity. */
  protected needsBaselines(): boolean {
    return this.params.sim_options.name === 'pearson_baseline';
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    const { sim_options, bsl_options, k } = this.params;
    this.lists = symmetricLists(trainset, sim_options.user_based);
    // Baseline epochs are not this fit's epochs: only cancellation is passed on.
    this.baselines = this.needsBaselines()
      ? computeBaselines(trainset, bsl_options, { shouldStop: hooks.shouldStop })
      : null;
    this.sim = computeSimilarities(trainset, sim_options, this.baselines ?? undefined, hooks.shouldStop);
    const slots = Math.max(0, k);
    this.nbX = new Int32Array(slots);
    this.nbSim = new Float64Array(slots);
    this.nbR = new Float64Array(slots);
    return this;
  }

  /**
   * Fill the neighbour buffers for x from the candidates other[start..end) with their
   * ratings (y's list, or a new user's items); returns how many were selected (≤ k).
   */
  protected selectNeighbours(x: number, other: Int32Array, rating: Float64Array, start: number, end: number): number {
    const { nbX, nbSim, nbR, sim } = this;
    const k = nbSim.length;
    const row = x * this.lists.nX;
    let count = 0;
    for (let p = start; p < end; p++) {
      const x2 = other[p];
      const s = sim[row + x2];
      let pos: number;
      if (count < k) pos = count++;
      else if (s > nbSim[k - 1]) pos = k - 1; // strictly: an equal later entry loses the tie
      else continue;
      for (; pos > 0 && nbSim[pos - 1] < s; pos--) {
        nbSim[pos] = nbSim[pos - 1];
        nbX[pos] = nbX[pos - 1];
        nbR[pos] = nbR[pos - 1];
      }
      nbSim[pos] = s;
      nbX[pos] = x2;
      nbR[pos] = rating[p];
    }
    return count;
  }

  estimate(u: number, i: number): number {
    if (u < 0 || i < 0) return this.estimateUnknown(u, i);
    const userBased = this.params.sim_options.user_based;
    const x = userBased ? u : i;
    const y = userBased ? i : u;
    const { yrStart, yrOther, yrRating } = this.lists;
    return this.aggregate(u, i, x, y, this.selectNeighbours(x, yrOther, yrRating, yrStart[y], yrStart[y + 1]));
  }

  /** Item-based only: a new user's items are the neighbours; user-based would need their similarity to every user. */
  override canFoldIn(): boolean {
    return !this.params.sim_options.user_based;
  }

  /** Each item's estimate from its neighbours among the new user's rated items, by the class's own rule. */
  override foldIn(items: Int32Array, ratings: Float64Array): Float64Array {
    if (!this.canFoldIn()) return super.foldIn(items, ratings);
    const bias = this.visitorBias(items, ratings);
    const out = new Float64Array(this.trainset.nItems);
    for (let i = 0; i < out.length; i++) out[i] = this.visitorAggregate(i, this.selectNeighbours(i, items, ratings, 0, items.length), bias);
    return out;
  }

  /** A new user's baseline b_u, for the classes that estimate with it. */
  protected visitorBias(_items: Int32Array, _ratings: Float64Array): number {
    return 0;
  }

  /** Item-based estimate of item x for a new user with baseline `userBias`, from the `count` selected neighbours. */
  protected visitorAggregate(x: number, count: number, _userBias: number): number {
    return this.aggregate(-1, x, x, -1, count);
  }

  /** When the user or the item is unknown: impossible, except for KNNBaseline. */
  protected estimateUnknown(_u: number, _i: number): number {
    return NaN;
  }

  /** The estimate from the `count` selected neighbours; NaN when impossible. */
  protected abstract aggregate(u: number, i: number, x: number, y: number, count: number): number;

  override impossibleReason(u: number, i: number): string {
    return u < 0 || i < 0 ? UNKNOWN : 'Not enough neighbors.';
  }
}

export class KNNBasic extends SymmetricKnn {
  protected aggregate(_u: number, _i: number, _x: number, _y: number, count: number): number {
    const { nbSim, nbR } = this;
    let sumSim = 0;
    let sumRatings = 0;
    let actualK = 0;
    for (let j = 0; j < count; j++) {
      const s = nbSim[j];
      if (s > 0) {
        sumSim += s;
        sumRatings += s * nbR[j];
        actualK++;
      }
    }
    if (actualK < this.params.min_k || actualK === 0) return NaN;
    return sumRatings / sumSim;
  }
}

/** Per-x means of the xr lists, as np.mean. */
function listMeans(l: SymmetricLists): Float64Array {
  const means = new Float64Array(l.nX);
  for (let x = 0; x < l.nX; x++) means[x] = npMean(l.xrRating, l.xrStart[x], l.xrStart[x + 1] - l.xrStart[x]);
  return means;
}

export class KNNWithMeans extends SymmetricKnn {
  private means!: Float64Array;

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    this.means = listMeans(this.lists);
    return this;
  }

  protected aggregate(_u: number, _i: number, x: number, _y: number, count: number): number {
    const { nbX, nbSim, nbR, means } = this;
    let sumSim = 0;
    let sumRatings = 0;
    let actualK = 0;
    for (let j = 0; j < count; j++) {
      const s = nbSim[j];
      if (s > 0) {
        sumSim += s;
        sumRatings += s * (nbR[j] - means[nbX[j]]);
        actualK++;
      }
    }
    // Too few neighbours, or none with a positive similarity: the mean alone.
    if (actualK < this.params.min_k || actualK === 0) return means[x];
    return means[x] + sumRatings / sumSim;
  }
}

export class KNNWithZScore extends SymmetricKnn {
  private means!: Float64Array;
  private sigmas!: Float64Array;

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    const l = this.lists;
    this.means = listMeans(l);
    this.sigmas = new Float64Array(l.nX);
    // Surprise's np.std over all_ratings(): the ur lists, user by user.
    const scratch = new Float64Array(trainset.nRatings);
    const overallSigma = npStd(trainset.urRating, 0, trainset.nRatings, scratch);
    for (let x = 0; x < l.nX; x++) {
      const sigma = npStd(l.xrRating, l.xrStart[x], l.xrStart[x + 1] - l.xrStart[x], scratch);
      // A constant rater has σ = 0: Surprise divides by the overall σ instead.
      this.sigmas[x] = sigma === 0 ? overallSigma : sigma;
    }
    return this;
  }

  protected aggregate(_u: number, _i: number, x: number, _y: number, count: number): number {
    const { nbX, nbSim, nbR, means, sigmas } = this;
    let sumSim = 0;
    let sumRatings = 0;
    let actualK = 0;
    for (let j = 0; j < count; j++) {
      const s = nbSim[j];
      if (s > 0) {
        const nb = nbX[j];
        sumSim += s;
        sumRatings += (s * (nbR[j] - means[nb])) / sigmas[nb];
        actualK++;
      }
    }
    if (actualK < this.params.min_k || actualK === 0) return means[x];
    return means[x] + (sumRatings / sumSim) * sigmas[x];
  }
}

export class KNNBaseline extends SymmetricKnn {
  /** The baselines on the similarity's side: b_x for the neighbours, b_y for the target. */
  private bx!: Float64Array;
  private by!: Float64Array;

  protected override needsBaselines(): boolean {
    return true;
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    const { bu, bi } = this.baselines!;
    const userBased = this.params.sim_options.user_based;
    this.bx = userBased ? bu : bi;
    this.by = userBased ? bi : bu;
    return this;
  }

  /** Unknown user or item: the baseline with whichever biases are known, never impossible. */
  protected override estimateUnknown(u: number, i: number): number {
    return baselineEstimate(this.trainset, this.baselines!, u, i);
  }

  protected aggregate(u: number, i: number, _x: number, y: number, count: number): number {
    return this.aroundBaseline(baselineEstimate(this.trainset, this.baselines!, u, i), this.by[y], count);
  }

  protected override visitorBias(items: Int32Array, ratings: Float64Array): number {
    return foldInUserBias(this.trainset, this.baselines!, this.params.bsl_options, items, ratings);
  }

  /** Item-based: b_y is the new user's own baseline. */
  protected override visitorAggregate(x: number, count: number, userBias: number): number {
    return this.aroundBaseline(this.trainset.globalMean + userBias + this.baselines!.bi[x], userBias, count);
  }

  /** The baseline estimate `est` moved by the neighbours' deviations from their baselines μ + b_x + `byY`. */
  private aroundBaseline(est: number, byY: number, count: number): number {
    const { nbX, nbSim, nbR, bx } = this;
    const mu = this.trainset.globalMean;
    let sumSim = 0;
    let sumRatings = 0;
    let actualK = 0;
    for (let j = 0; j < count; j++) {
      const s = nbSim[j];
      if (s > 0) {
        sumSim += s;
        sumRatings += s * (nbR[j] - (mu + bx[nbX[j]] + byY));
        actualK++;
      }
    }
    if (actualK < this.params.min_k || actualK === 0) return est;
    return est + sumRatings / sumSim;
  }
}
