/**
 * Surprise's CoClustering (prediction_algorithms/co_clustering.pyx, after George &
 * Merugu): users and items sit in clusters, and
 *   r̂ = avg(C_ui) + (μ_u − avg(C_u)) + (μ_i − avg(C_i)).
 * Clusters start at random (seeded) and, for n_epochs, each user then each item
 * moves to the cluster that minimises the squared error of its ratings (ties: the
 * lowest cluster, as np.argmin). Unknown user or item: the global mean, as an
 * estimate, not an impossible prediction (Surprise 1.1's rule).
 */
import { createRng } from '../rng.ts';
import { AlgoBase, type FitHooks } from './algo.ts';
import { runEpochs } from './epochs.ts';
import { npMean } from './numpy.ts';
import type { Trainset } from './trainset.ts';

export interface CoClusteringOptions {
  n_cltr_u: number;
  n_cltr_i: number;
  n_epochs: number;
}

/** Average rating of user clusters, item clusters and co-clusters (row-major nU×nI). */
interface ClusterAverages {
  user: Float64Array;
  item: Float64Array;
  co: Float64Array;
}

export class CoClustering extends AlgoBase {
  readonly nCltrU: number;
  readonly nCltrI: number;
  readonly nEpochs: number;
  cltrU: Int32Array = new Int32Array(0);
  cltrI: Int32Array = new Int32Array(0);
  userMean: Float64Array = new Float64Array(0);
  itemMean: Float64Array = new Float64Array(0);
  avg: ClusterAverages = { user: new Float64Array(0), item: new Float64Array(0), co: new Float64Array(0) };

  constructor(options: Partial<CoClusteringOptions> = {}, readonly seed = 0) {
    super();
    // | 0: params can arrive as heap numbers (3.0); the cluster loops want small integers.
    this.nCltrU = (options.n_cltr_u ?? 3) | 0;
    this.nCltrI = (options.n_cltr_i ?? 3) | 0;
    this.nEpochs = options.n_epochs ?? 20;
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset);
    const { nUsers, nItems, urStart, urItem, urRating, irStart, irUser, irRating } = trainset;
    const nCu = this.nCltrU;
    const nCi = this.nCltrI;
    const rng = createRng(this.seed);
    const cltrU = (this.cltrU = new Int32Array(nUsers));
    const cltrI = (this.cltrI = new Int32Array(nItems));
    for (let u = 0; u < nUsers; u++) cltrU[u] = rng.int(nCu);
    for (let i = 0; i < nItems; i++) cltrI[i] = rng.int(nCi);
    const userMean = (this.userMean = new Float64Array(nUsers));
    const itemMean = (this.itemMean = new Float64Array(nItems));
    for (let u = 0; u < nUsers; u++) userMean[u] = npMean(urRating, urStart[u], urStart[u + 1] - urStart[u]);
    for (let i = 0; i < nItems; i++) itemMean[i] = npMean(irRating, irStart[i], irStart[i + 1] - irStart[i]);
    const errors = new Float64Array(Math.max(nCu, nCi));

    // Averages are refreshed after every epoch (Surprise: before each, and once after
    // the last), so the model can estimate between epochs, e.g. for a learning curve.
    this.avg = this.averages();
    runEpochs(this.nEpochs, hooks, () => {
      const { user, item, co } = this.avg;
      for (let u = 0; u < nUsers; u++) {
        errors.fill(0);
        for (let uc = 0; uc < nCu; uc++) {
          for (let p = urStart[u]; p < urStart[u + 1]; p++) {
            const i = urItem[p];
            const ic = cltrI[i];
            const est = co[uc * nCi + ic] + userMean[u] - user[uc] + itemMean[i] - item[ic];
            errors[uc] += (urRating[p] - est) ** 2;
          }
        }
        cltrU[u] = argmin(errors, nCu);
      }
      for (let i = 0; i < nItems; i++) {
        errors.fill(0);
        for (let ic = 0; ic < nCi; ic++) {
          for (let p = irStart[i]; p < irStart[i + 1]; p++) {
            const u = irUser[p];
            const uc = cltrU[u];
            const est = co[uc * nCi + ic] + userMean[u] - user[uc] + itemMean[i] - item[ic];
            errors[ic] += (irRating[p] - est) ** 2;
          }
        }
        cltrI[i] = argmin(errors, nCi);
      }
      this.avg = this.averages();
    });
    return this;
  }

  /** Surprise's compute_averages; an empty cluster averages to the global mean. */
  private averages(): ClusterAverages {
    const { urStart, urItem, urRating, nUsers, globalMean } = this.trainset;
    const nCu = this.nCltrU;
    const nCi = this.nCltrI;
    const count = { user: new Float64Array(nCu), item: new Float64Array(nCi), co: new Float64Array(nCu * nCi) };
    const sum = { user: new Float64Array(nCu), item: new Float64Array(nCi), co: new Float64Array(nCu * nCi) };
    for (let u = 0; u < nUsers; u++) {
      const uc = this.cltrU[u];
      for (let p = urStart[u]; p < urStart[u + 1]; p++) {
        const ic = this.cltrI[urItem[p]];
        const r = urRating[p];
        count.user[uc]++;
        count.item[ic]++;
        count.co[uc * nCi + ic]++;
        sum.user[uc] += r;
        sum.item[ic] += r;
        sum.co[uc * nCi + ic] += r;
      }
    }
    const average = (s: Float64Array, c: Float64Array): Float64Array =>
      s.map((x, k) => (c[k] ? x / c[k] : globalMean));
    return { user: average(sum.user, count.user), item: average(sum.item, count.item), co: average(sum.co, count.co) };
  }

  estimate(u: number, i: number): number {
    if (u < 0 || i < 0) return this.trainset.globalMean;
    const uc = this.cltrU[u];
    const ic = this.cltrI[i];
    return this.avg.co[uc * this.nCltrI + ic] + this.userMean[u] - this.avg.user[uc] + this.itemMean[i] - this.avg.item[ic];
  }
}

/** Index of the first smallest of values[0..n), as np.argmin. */
function argmin(values: Float64Array, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (values[k] < values[best]) best = k;
  return best;
}
