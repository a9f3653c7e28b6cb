/**
 * Baseline estimates b_ui = μ + b_u + b_i, as Surprise's compute_baselines
 * (prediction_algorithms/optimize_baselines.pyx), and the BaselineOnly algorithm.
 * KNNBaseline and the pearson_baseline similarity reuse `computeBaselines`.
 */
import { AlgoBase, type FitHooks } from './algo.ts';
import { runEpochs } from './epochs.ts';
import type { Trainset } from './trainset.ts';

/** Surprise's bsl_options. */
export interface BaselineOptions {
  method: 'als' | 'sgd';
  /** null: Surprise's per-method default, 10 for ALS and 20 for SGD. */
  n_epochs: number | null;
  /** ALS regularisation of item and user biases. */
  reg_i: number;
  reg_u: number;
  /** SGD regularisation and learning rate. */
  reg: number;
  learning_rate: number;
}

export interface Baselines {
  bu: Float64Array;
  bi: Float64Array;
}

/**
 * ALS: each epoch sets every item bias from the current user biases, then every user
 * bias from the new item biases, summing the ir / ur lists in trainset order.
 */
function baselineAls(ts: Trainset, o: BaselineOptions, nEpochs: number, hooks: FitHooks, { bu, bi }: Baselines): void {
  const mu = ts.globalMean;
  const { irStart, irUser, irRating, urStart, urItem, urRating } = ts;
  runEpochs(nEpochs, hooks, () => {
    for (let i = 0; i < ts.nItems; i++) {
      let dev = 0;
      const end = irStart[i + 1];
      for (let p = irStart[i]; p < end; p++) dev += irRating[p] - mu - bu[irUser[p]];
      bi[i] = dev / (o.reg_i + (end - irStart[i]));
    }
    for (let u = 0; u < ts.nUsers; u++) {
      let dev = 0;
      const end = urStart[u + 1];
      for (let p = urStart[u]; p < end; p++) dev += urRating[p] - mu - bi[urItem[p]];
      bu[u] = dev / (o.reg_u + (end - urStart[u]));
    }
  });
}

/** SGD over `all_ratings()`: user by user in inner-id order, each user's ratings in trainset order. */
function baselineSgd(ts: Trainset, o: BaselineOptions, nEpochs: number, hooks: FitHooks, { bu, bi }: Baselines): void {
  const mu = ts.globalMean;
  const { reg, learning_rate: lr } = o;
  const { urStart, urItem, urRating } = ts;
  runEpochs(nEpochs, hooks, () => {
    for (let u = 0; u < ts.nUsers; u++) {
      const end = urStart[u + 1];
      for (let p = urStart[u]; p < end; p++) {
        const i = urItem[p];
        const err = urRating[p] - (mu + bu[u] + bi[i]);
        bu[u] += lr * (err - reg * bu[u]);
        bi[i] += lr * (err - reg * bi[i]);
      }
    }
  });
}

/**
 * Fit the biases into `out` (zeros by default). Filling the caller's arrays in place
 * keeps an algorithm's state usable between epochs, so a learning curve can score it.
 */
export function computeBaselines(
  ts: Trainset,
  o: BaselineOptions,
  hooks: FitHooks = {},
  out: Baselines = { bu: new Float64Array(ts.nUsers), bi: new Float64Array(ts.nItems) },
): Baselines {
  switch (o.method) {
    case 'als':
      baselineAls(ts, o, o.n_epochs ?? 10, hooks, out);
      return out;
    case 'sgd':
      baselineSgd(ts, o, o.n_epochs ?? 20, hooks, out);
      return out;
    default:
      throw new Error(`Invalid method ${String(o.method)} for baseline computation. Available methods are als and sgd.`);
  }
}

/** μ plus whichever of b_u, b_i is known: Surprise's baseline estimate, never impossible. */
export function baselineEstimate(ts: Trainset, b: Baselines, u: number, i: number): number {
  let est = ts.globalMean;
  if (u >= 0) est += b.bu[u];
  if (i >= 0) est += b.bi[i];
  return est;
}

/**
 * A new user's b_u with the item biases fixed, by the method's own user step: ALS's
 * Σ(r − μ − b_i)/(reg_u + n), or for SGD the minimiser of its per-rating objective
 * Σ (r − μ − b_i − b_u)² + n·reg·b_u², which is Σ(r − μ − b_i)/(n(1 + reg)).
 */
export function foldInUserBias(ts: Trainset, b: Baselines, o: BaselineOptions, items: Int32Array, ratings: Float64Array): number {
  let dev = 0;
  for (let k = 0; k < items.length; k++) dev += ratings[k] - ts.globalMean - b.bi[items[k]];
  const n = items.length;
  return n === 0 ? 0 : o.method === 'als' ? dev / (o.reg_u + n) : dev / (n * (1 + o.reg));
}

export interface BaselineOnlyParams {
  bsl_options: BaselineOptions;
}

export class BaselineOnly extends AlgoBase {
  private baselines!: Baselines;

  constructor(private readonly params: BaselineOnlyParams) {
    super();
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset, hooks);
    this.baselines = { bu: new Float64Array(trainset.nUsers), bi: new Float64Array(trainset.nItems) };
    computeBaselines(trainset, this.params.bsl_options, hooks, this.baselines);
    return this;
  }

  estimate(u: number, i: number): number {
    return baselineEstimate(this.trainset, this.baselines, u, i);
  }

  override canFoldIn(): boolean {
    return true;
  }

  override foldIn(items: Int32Array, ratings: Float64Array): Float64Array {
    const bu = foldInUserBias(this.trainset, this.baselines, this.params.bsl_options, items, ratings);
    return this.baselines.bi.map((bi) => this.trainset.globalMean + bu + bi);
  }
}
