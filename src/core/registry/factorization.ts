import type { AlgorithmSpec, NumberParam, ParamSpec } from './types.ts';

const lr = (key: string, def: number | null, help: string, when?: NumberParam['when']): ParamSpec => ({
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
  when,
});
const reg = (key: string, def: number | null, help: string, when?: NumberParam['when']): ParamSpec => ({
  key,
  label: key,
  type: 'float',
  default: def,
  nullable: def === null,
  min: 0,
  max: 1,
  step: 0.001,
  help,
  when,
});
const factors = (def: number): ParamSpec => ({ key: 'n_factors', label: 'factors', type: 'int', default: def, min: 1, max: 500, step: 1, help: 'Number of latent factors.' });
const epochs = (def: number, help: string): ParamSpec => ({ key: 'n_epochs', label: 'epochs', type: 'int', default: def, min: 1, max: 200, step: 1, help });
/** SVD and SVD++ start their factors from N(init_mean, init_std_dev²). */
const initNormal: ParamSpec[] = [
  { key: 'init_mean', label: 'init mean', type: 'float', default: 0, min: -1, max: 1, step: 0.01, help: 'Mean of the normal distribution the factors start from.' },
  { key: 'init_std_dev', label: 'init std', type: 'float', default: 0.1, min: 0, max: 1, step: 0.01, help: 'Standard deviation of the initial factors.' },
];
/** Bias parameters only matter for the biased variants. */
const BIASED = { biased: [true] };

/**
 * Surprise's matrix-factorization family (prediction_algorithms/matrix_factorization.pyx),
 * and NormalPredictor (random_pred.py), the random reference every table starts from.
 */
export const factorizationAlgorithms: AlgorithmSpec[] = [
  {
    id: 'NormalPredictor',
    label: 'Normal predictor (random)',
    family: 'baseline',
    engine: 'core',
    stochastic: true,
    iterative: false,
    help: 'A random rating drawn from a normal distribution with the training ratings’ mean and standard deviation: the floor any model must beat.',
    params: [],
  },
  {
    id: 'SVD',
    label: 'SVD (Funk, biased MF by SGD)',
    family: 'factorization',
    engine: 'core',
    stochastic: true,
    iterative: true,
    help: 'The matrix factorization popularised by Simon Funk in the Netflix Prize: r̂ = μ + b_u + b_i + q_iᵀp_u, trained by SGD. biased=false gives probabilistic MF.',
    params: [
      factors(100),
      epochs(20, 'Passes of SGD over the training ratings.'),
      { key: 'biased', label: 'biased', type: 'bool', default: true, help: 'Use user/item baselines (false: PMF).' },
      ...initNormal,
      lr('lr_all', 0.005, 'Learning rate for all parameters.'),
      reg('reg_all', 0.02, 'Regularisation term for all parameters.'),
      lr('lr_bu', null, 'Learning rate for b_u (unset: lr_all).', BIASED),
      lr('lr_bi', null, 'Learning rate for b_i (unset: lr_all).', BIASED),
      lr('lr_pu', null, 'Learning rate for p_u (unset: lr_all).'),
      lr('lr_qi', null, 'Learning rate for q_i (unset: lr_all).'),
      reg('reg_bu', null, 'Regularisation for b_u (unset: reg_all).', BIASED),
      reg('reg_bi', null, 'Regularisation for b_i (unset: reg_all).', BIASED),
      reg('reg_pu', null, 'Regularisation for p_u (unset: reg_all).'),
      reg('reg_qi', null, 'Regularisation for q_i (unset: reg_all).'),
    ],
  },
  {
    id: 'SVDpp',
    label: 'SVD++ (with implicit feedback)',
    family: 'factorization',
    engine: 'core',
    stochastic: true,
    iterative: true,
    help: 'SVD plus implicit feedback: which items a user rated, not how, adds |I_u|^-½ Σ y_j to the user factors: r̂ = μ + b_u + b_i + q_iᵀ(p_u + |I_u|^-½ Σ_{j∈I_u} y_j).',
    params: [
      factors(20),
      epochs(20, 'Passes of SGD over the training ratings.'),
      ...initNormal,
      lr('lr_all', 0.007, 'Learning rate for all parameters.'),
      reg('reg_all', 0.02, 'Regularisation term for all parameters.'),
      lr('lr_bu', null, 'Learning rate for b_u (unset: lr_all).'),
      lr('lr_bi', null, 'Learning rate for b_i (unset: lr_all).'),
      lr('lr_pu', null, 'Learning rate for p_u (unset: lr_all).'),
      lr('lr_qi', null, 'Learning rate for q_i (unset: lr_all).'),
      lr('lr_yj', null, 'Learning rate for the implicit factors y_j (unset: lr_all).'),
      reg('reg_bu', null, 'Regularisation for b_u (unset: reg_all).'),
      reg('reg_bi', null, 'Regularisation for b_i (unset: reg_all).'),
      reg('reg_pu', null, 'Regularisation for p_u (unset: reg_all).'),
      reg('reg_qi', null, 'Regularisation for q_i (unset: reg_all).'),
      reg('reg_yj', null, 'Regularisation for the implicit factors y_j (unset: reg_all).'),
    ],
  },
  {
    id: 'NMF',
    label: 'NMF (non-negative MF)',
    family: 'factorization',
    engine: 'core',
    stochastic: true,
    iterative: true,
    help: 'Matrix factorization with non-negative factors, r̂ = q_iᵀp_u, fitted by multiplicative updates that keep the factors ≥ 0. Very sensitive to its initial values.',
    params: [
      factors(15),
      epochs(50, 'Rounds of multiplicative updates.'),
      { key: 'biased', label: 'biased', type: 'bool', default: false, help: 'Add μ + b_u + b_i (prone to overfitting: use fewer factors or more regularisation).' },
      reg('reg_pu', 0.06, 'Regularisation for the user factors.'),
      reg('reg_qi', 0.06, 'Regularisation for the item factors.'),
      reg('reg_bu', 0.02, 'Regularisation for b_u.', BIASED),
      reg('reg_bi', 0.02, 'Regularisation for b_i.', BIASED),
      lr('lr_bu', 0.005, 'Learning rate for b_u.', BIASED),
      lr('lr_bi', 0.005, 'Learning rate for b_i.', BIASED),
      { key: 'init_low', label: 'init low', type: 'float', default: 0, min: 0, max: 10, step: 0.01, help: 'Lower bound of the uniform initial factors (≥ 0 keeps them non-negative).' },
      { key: 'init_high', label: 'init high', type: 'float', default: 1, min: 0, max: 10, step: 0.01, help: 'Upper bound of the uniform initial factors.' },
    ],
  },
];
