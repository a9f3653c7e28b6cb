import type { AlgorithmSpec } from './types.ts';

/** Surprise's co-clustering (prediction_algorithms/co_clustering.pyx). */
export const clusteringAlgorithms: AlgorithmSpec[] = [
  {
    id: 'CoClustering',
    label: 'Co-clustering',
    family: 'clustering',
    engine: 'core',
    stochastic: true,
    iterative: true,
    help: 'Users and items are grouped into clusters (k-means-like); r̂ = co-cluster mean + (user mean − user-cluster mean) + (item mean − item-cluster mean).',
    params: [
      { key: 'n_cltr_u', label: 'user clusters', type: 'int', default: 3, min: 1, max: 50, step: 1, help: 'Number of user clusters.' },
      { key: 'n_cltr_i', label: 'item clusters', type: 'int', default: 3, min: 1, max: 50, step: 1, help: 'Number of item clusters.' },
      { key: 'n_epochs', label: 'epochs', type: 'int', default: 20, min: 1, max: 200, step: 1, help: 'Rounds of reassigning every user, then every item, to its best cluster.' },
    ],
  },
];
