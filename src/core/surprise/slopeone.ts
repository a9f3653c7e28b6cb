/**
 * Surprise's SlopeOne (prediction_algorithms/slope_one.pyx), Lemire & Maclachlan:
 * r̂_ui = μ_u + mean over R_i(u) of dev(i, j), where R_i(u) are the items j the user
 * rated that share at least one user with i, and dev(i, j) is the mean of r_ui − r_uj
 * over the users who rated both.
 */
import { AlgoBase, FitCancelled, type FitHooks } from './algo.ts';
import { npMean } from './numpy.ts';
import { allocateSquare } from './similarities.ts';
import type { Trainset } from './trainset.ts';

export class SlopeOne extends AlgoBase {
  /**
   * Row-major nItems×nItems dev(i, j); NaN where no user rated both (Surprise's
   * freq[i, j] = 0), so one lookup answers both "relevant?" and "by how much?".
   */
  private dev: Float64Array = new Float64Array(0);
  private userMean = new Float64Array(0);

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    const n = trainset.nItems;
    const { urStart, urItem, urRating, irStart } = trainset;
    const dev = allocateSquare(n, 'SlopeOne deviations');
    const freq = new Int32Array(n * n);
    // Surprise declares the ratings `int` here, so it sums truncated ratings; the sums
    // are then exact integers and their order does not matter. Only i < j is kept.
    for (let u = 0; u < trainset.nUsers; u++) {
      if (hooks.shouldStop?.()) throw new FitCancelled();
      const end = urStart[u + 1];
      for (let a = urStart[u]; a < end; a++) {
        const i = urItem[a];
        const ri = Math.trunc(urRating[a]);
        for (let b = a + 1; b < end; b++) {
          const j = urItem[b];
          const rj = Math.trunc(urRating[b]);
          if (i < j) {
            freq[i * n + j]++;
            dev[i * n + j] += ri - rj;
          } else if (j < i) {
            freq[j * n + i]++;
            dev[j * n + i] += rj - ri;
          }
        }
      }
    }
    for (let i = 0; i < n; i++) {
      // dev(i, i) = 0, relevant whenever i has a rating (it always does in the trainset).
      dev[i * n + i] = irStart[i + 1] > irStart[i] ? 0 : NaN;
      for (let j = i + 1; j < n; j++) {
        const f = freq[i * n + j];
        const d = f > 0 ? dev[i * n + j] / f : NaN;
        dev[i * n + j] = d;
        dev[j * n + i] = -d;
      }
    }
    this.dev = dev;
    this.userMean = new Float64Array(trainset.nUsers);
    for (let u = 0; u < trainset.nUsers; u++) this.userMean[u] = npMean(urRating, urStart[u], urStart[u + 1] - urStart[u]);
    return this;
  }

  estimate(u: number, i: number): number {
    if (u < 0 || i < 0) return NaN;
    const { urStart, urItem, nItems } = this.trainset;
    const row = i * nItems;
    let sum = 0;
    let relevant = 0;
    for (let p = urStart[u], end = urStart[u + 1]; p < end; p++) {
      const d = this.dev[row + urItem[p]];
      if (d === d) {
        sum += d;
        relevant++;
      }
    }
    const mean = this.userMean[u];
    return relevant ? mean + sum / relevant : mean;
  }

  override impossibleReason(): string {
    return 'User and/or item is unknown.';
  }
}
