/**
 * Surprise's NormalPredictor (prediction_algorithms/random_pred.py): every estimate
 * is a fresh draw from N(μ, σ²), μ and σ the maximum-likelihood mean and standard
 * deviation of the training ratings (σ² = Σ(r − μ)²/n, the population variance).
 * It never refuses a pair, known or not. Surprise draws from NumPy's global stream;
 * here the stream restarts from the seed at every fit, so predictions are
 * reproducible for a seed and a sequence of calls.
 */
import { createRng, type Rng } from '../rng.ts';
import { AlgoBase, type FitHooks } from './algo.ts';
import type { Trainset } from './trainset.ts';

export class NormalPredictor extends AlgoBase {
  sigma = NaN;
  private rng: Rng;

  constructor(readonly seed = 0) {
    super();
    this.rng = createRng(seed);
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    const mu = trainset.globalMean;
    // Summed in all_ratings() order, as Surprise's generator expression does.
    let num = 0;
    for (const r of trainset.urRating) num += (r - mu) ** 2;
    this.sigma = Math.sqrt(num / trainset.nRatings);
    this.rng = createRng(this.seed);
    return this;
  }

  estimate(): number {
    return this.rng.normal(this.trainset.globalMean, this.sigma);
  }
}
