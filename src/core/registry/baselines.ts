import { SIMILARITY_NAMES } from '../surprise/similarities.ts';
import type { AlgorithmSpec, ParamSpec } from './types.ts';

type When = ParamSpec['when'];

/**
 * Surprise's bsl_options. `extra` narrows when they matter at all: always for
 * BaselineOnly and KNNBaseline, only with the pearson_baseline similarity for the
 * other KNN algorithms.
 */
function baselineParams(extra: When = {}): ParamSpec[] {
  const als: When = { ...extra, 'bsl_options.method': ['als'] };
  const sgd: When = { ...extra, 'bsl_options.method': ['sgd'] };
  const always = Object.keys(extra).length ? extra : undefined;
  return [
    { key: 'bsl_options.method', label: 'baseline method', type: 'choice', options: ['als', 'sgd'], default: 'als', when: always, help: 'How the user and item biases are fitted: alternating least squares or stochastic gradient descent.' },
    { key: 'bsl_options.n_epochs', label: 'baseline epochs', type: 'int', default: null, nullable: true, min: 1, max: 200, step: 1, when: always, help: 'Passes over the ratings (unset: 10 for ALS, 20 for SGD).' },
    { key: 'bsl_options.reg_i', label: 'item bias reg (ALS)', type: 'float', default: 10, min: 0, max: 100, step: 0.5, when: als, help: 'ALS regularisation of the item biases.' },
    { key: 'bsl_options.reg_u', label: 'user bias reg (ALS)', type: 'float', default: 15, min: 0, max: 100, step: 0.5, when: als, help: 'ALS regularisation of the user biases.' },
    { key: 'bsl_options.reg', label: 'bias reg (SGD)', type: 'float', default: 0.02, min: 0, max: 1, step: 0.001, when: sgd, help: 'SGD regularisation of both biases.' },
    { key: 'bsl_options.learning_rate', label: 'learning rate (SGD)', type: 'float', default: 0.005, min: 0.0001, max: 0.1, step: 0.0001, log: true, when: sgd, help: 'SGD learning rate of the biases.' },
  ];
}

const pearsonBaseline: When = { 'sim_options.name': ['pearson_baseline'] };

/** k, min_k and Surprise's sim_options, shared by the four KNN algorithms. */
const knnParams: ParamSpec[] = [
  { key: 'k', label: 'k', type: 'int', default: 40, min: 1, max: 500, step: 1, help: 'The most neighbours aggregated per prediction.' },
  { key: 'min_k', label: 'min k', type: 'int', default: 1, min: 1, max: 100, step: 1, help: 'Fewer neighbours with positive similarity than this: no neighbourhood term (KNNBasic: impossible, the global mean).' },
  { key: 'sim_options.name', label: 'similarity', type: 'choice', options: SIMILARITY_NAMES, default: 'msd', help: 'Similarity between users (or items) over their common ratings.' },
  { key: 'sim_options.user_based', label: 'user based', type: 'bool', default: true, help: 'Similarities between users (true) or between items (false).' },
  { key: 'sim_options.min_support', label: 'min support', type: 'int', default: 1, min: 1, max: 100, step: 1, help: 'Pairs with fewer common ratings than this get similarity 0 (pearson_baseline: at least 2).' },
  { key: 'sim_options.shrinkage', label: 'shrinkage', type: 'float', default: 100, min: 0, max: 1000, step: 1, when: pearsonBaseline, help: 'Shrinks pearson_baseline towards 0 for pairs with few common ratings.' },
];

function knn(id: string, label: string, help: string, bsl: ParamSpec[]): AlgorithmSpec {
  return { id, label, family: 'neighbourhood', engine: 'core', stochastic: false, iterative: false, help, params: [...knnParams, ...bsl] };
}

/** Surprise's baseline, neighbourhood and slope-one algorithms. */
export const baselineAlgorithms: AlgorithmSpec[] = [
  {
    id: 'BaselineOnly',
    label: 'Baseline only (biases)',
    family: 'baseline',
    engine: 'core',
    stochastic: false,
    iterative: true,
    help: 'r̂ = μ + b_u + b_i: the global mean plus a user and an item bias, fitted by ALS or SGD.',
    params: baselineParams(),
  },
  knn('KNNBasic', 'k-NN basic', 'Similarity-weighted average of the k nearest neighbours’ ratings.', baselineParams(pearsonBaseline)),
  knn('KNNWithMeans', 'k-NN with means', 'The user’s (item’s) mean plus the weighted average of the neighbours’ deviations from their means.', baselineParams(pearsonBaseline)),
  knn('KNNWithZScore', 'k-NN with z-scores', 'Like k-NN with means, on ratings z-scored by each user’s (item’s) mean and standard deviation.', baselineParams(pearsonBaseline)),
  knn('KNNBaseline', 'k-NN baseline', 'The baseline μ + b_u + b_i plus the weighted average of the neighbours’ deviations from their baselines (best with pearson_baseline).', baselineParams()),
  {
    id: 'SlopeOne',
    label: 'Slope One',
    family: 'neighbourhood',
    engine: 'core',
    stochastic: false,
    iterative: false,
    help: 'The user’s mean plus the average deviation between the item and each item the user rated (Lemire & Maclachlan).',
    params: [],
  },
];
