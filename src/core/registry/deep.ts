import type { AlgorithmSpec } from './types.ts';

/** TensorFlow.js models (src/models). Trained in a worker on the best backend. */
export const deepModels: AlgorithmSpec[] = [
  {
    id: 'BiasMF',
    label: 'Bias MF (TensorFlow.js)',
    family: 'deep-mf',
    engine: 'tfjs',
    stochastic: true,
    iterative: true,
    help: 'r̂ = p_u·q_i + b_u + b_i + μ with embeddings trained by Adam on MSE.',
    params: [
      { key: 'factors', label: 'embedding size', type: 'int', default: 32, min: 1, max: 256, step: 1, help: 'Size of the user and item embeddings.' },
      { key: 'epochs', label: 'epochs', type: 'int', default: 20, min: 1, max: 200, step: 1, help: 'Passes over the training ratings.' },
      { key: 'batch_size', label: 'batch size', type: 'int', default: 256, min: 16, max: 8192, step: 16, help: 'Ratings per gradient step.' },
      { key: 'lr', label: 'learning rate', type: 'float', default: 0.005, min: 0.0001, max: 0.1, step: 0.0001, log: true, help: 'Adam learning rate.' },
      { key: 'l2', label: 'L2', type: 'float', default: 0.0001, min: 0, max: 0.1, step: 0.0001, help: 'L2 penalty on the embeddings and biases of each batch.' },
    ],
  },
];
