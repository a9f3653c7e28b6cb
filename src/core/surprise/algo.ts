import { fallbackAndClip, UNBOUNDED } from '../predict.ts';
import type { Trainset, Testset } from './trainset.ts';

/** Progress and cancellation hooks for a fit. Called synchronously from the fit loop. */
export interface FitHooks {
  /** After each epoch of an iterative algorithm (1-based epoch). */
  onEpoch?(epoch: number, nEpochs: number): void;
  /** Polled between epochs (or similar units of work); returning true stops the fit. */
  shouldStop?(): boolean;
}

export class FitCancelled extends Error {
  constructor() {
    super('fit cancelled');
    this.name = 'FitCancelled';
  }
}

export interface Prediction {
  est: number;
  impossible: boolean;
  /** Why the prediction fell back to the default, when it did. */
  reason?: string;
}

/**
 * The base of every Surprise-style algorithm, as in Surprise's AlgoBase: `estimate`
 * works on inner ids (−1 = unknown to the trainset) and returns NaN when it cannot
 * predict; `predict` turns that into the default prediction (the global mean) with
 * `impossible` set, and clips to the rating scale (the one rule in ../predict.ts).
 */
export abstract class AlgoBase {
  protected trainset!: Trainset;
  /** What the last fit ran on, as a run records it: the TypeScript code, or a WebAssembly kernel. */
  ranOn: 'js' | 'wasm-simd' = 'js';

  fit(trainset: Trainset, _hooks: FitHooks = {}): this {
    this.trainset = trainset;
    return this;
  }

  /** Raw estimate for inner ids; NaN means "impossible" (see `impossibleReason`). */
  abstract estimate(u: number, i: number): number;

  /**
   * estimate for every (users[r], items[c]) pair into out[r · items.length + c], the
   * same numbers, where a model can do it faster than pair by pair (the factor models:
   * the full ranking asks for whole rows of the catalog this way).
   */
  estimateGrid?(users: Int32Array, items: Int32Array, out: Float64Array): void;

  /** Why estimate(u, i) was impossible. Algorithms with their own rules override it. */
  impossibleReason(u: number, i: number): string {
    if (u < 0 && i < 0) return 'User and item are unknown.';
    if (u < 0) return 'User is unknown.';
    if (i < 0) return 'Item is unknown.';
    return 'Not enough neighbours.';
  }

  /** Whether this fit can fold a new user in without refitting (see `foldIn`). */
  canFoldIn(): boolean {
    return false;
  }

  /**
   * Fold-in: a new user's raw estimates for every inner item (NaN = impossible), from
   * their ratings of inner items `items`, with the fitted state fixed. Only when
   * `canFoldIn()`.
   */
  foldIn(_items: Int32Array, _ratings: Float64Array): Float64Array {
    throw new Error(`${this.constructor.name} cannot fold a new user in: refit it with their ratings`);
  }

  defaultPrediction(): number {
    return this.trainset.globalMean;
  }

  predict(u: number, i: number, clip = true): Prediction {
    const raw = this.estimate(u, i);
    const impossible = Number.isNaN(raw);
    const reason = impossible ? this.impossibleReason(u, i) : undefined;
    const { ratingMin, ratingMax } = this.trainset;
    const est = fallbackAndClip(raw, this.defaultPrediction(), clip ? { min: ratingMin, max: ratingMax } : UNBOUNDED);
    return { est, impossible, reason };
  }

  /** Clipped estimates for a whole testset, plus the count of impossible predictions. */
  test(testset: Testset): { est: Float64Array; impossible: number } {
    const n = testset.u.length;
    const est = new Float64Array(n);
    let impossible = 0;
    for (let k = 0; k < n; k++) {
      const p = this.predict(testset.u[k], testset.i[k]);
      est[k] = p.est;
      if (p.impossible) impossible++;
    }
    return { est, impossible };
  }
}
