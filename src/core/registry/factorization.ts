import type { AlgorithmSpec, ParamSpec } from './types.ts';

const lr = (key: string, def: number | null, help: string): ParamSpec => ({
  key,
  label: key,
  type: 'float',
  default: def,
  nullable: def === null,
  min: 0.0001,
  max: 0.1,
  step: 0.0001,
  log: true,
  help,
});
const reg = (key: string, def: number | null, help: string): ParamSpec => ({
  key,
  label: key,
  type: 'float',
  default: def,
  nullable: def === null,
  min: 0,
  max: 1,
  step: 0.001,
  help,
});

/** Surprise's matrix-factorization family (surprise/prediction_algorithms/matrix_factorization.pyx). */
export const factorizationAlgorithms: AlgorithmSpec[] = [
  {
    id: 'SVD',
    label: 'SVD (Funk, biased MF by SGD)',
    family: 'factorization',
    engine: 'core',
    stochastic: true,
    iterative: true,
    help: 'The matrix factorization popularised by Simon Funk in the Netflix Prize: r̂ = μ + b_u + b_i + q_iᵀp_u, trained by SGD. biased=false gives probabilistic MF.',
    params: [
      { key: 'n_factors', label: 'factors', type: 'int', default: 100, min: 1, max: 500, step: 1, help: 'Number of latent factors.' },
      { key: 'n_epochs', label: 'epochs', type: 'int', default: 20, min: 1, max: 200, step: 1, help: 'Passes of SGD over the training ratings.' },
      { key: 'biased', label: 'biased', type: 'bool', default: true, help: 'Use user/item baselines (false: PMF).' },
      { key: 'init_mean', label: 'init mean', type: 'float', default: 0, min: -1, max: 1, step: 0.01, help: 'Mean of the normal distribution the factors start from.' },
      { key: 'init_std_dev', label: 'init std', type: 'float', default: 0.1, min: 0, max: 1, step: 0.01, help: 'Standard deviation of the initial factors.' },
      lr('lr_all', 0.005, 'Learning rate for all parameters.'),
      reg('reg_all', 0.02, 'Regularisation term for all parameters.'),
      lr('lr_bu', null, 'Learning rate for b_u (unset: lr_all).'),
      lr('lr_bi', null, 'Learning rate for b_i (unset: lr_all).'),
      lr('lr_pu', null, 'Learning rate for p_u (unset: lr_all).'),
      lr('lr_qi', null, 'Learning rate for q_i (unset: lr_all).'),
      reg('reg_bu', null, 'Regularisation for b_u (unset: reg_all).'),
      reg('reg_bi', null, 'Regularisation for b_i (unset: reg_all).'),
      reg('reg_pu', null, 'Regularisation for p_u (unset: reg_all).'),
      reg('reg_qi', null, 'Regularisation for q_i (unset: reg_all).'),
    ],
  },
];
