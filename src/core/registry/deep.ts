import type { AlgorithmSpec, ParamSpec } from './types.ts';

/**
 * The training loop's settings (src/models/train.ts), shared by every deep model;
 * each model overrides only the defaults that suit it.
 */
function training(d: { epochs: number; batch_size: number; lr: number; patience?: number }): ParamSpec[] {
  return [
    { key: 'epochs', label: 'epochs', type: 'int', default: d.epochs, min: 1, max: 200, step: 1, help: 'Passes over the training examples.' },
    { key: 'batch_size', label: 'batch size', type: 'int', default: d.batch_size, min: 8, max: 16384, step: 8, help: 'Examples per gradient step.' },
    { key: 'optimizer', label: 'optimizer', type: 'choice', options: ['adam', 'adamw', 'sgd', 'adagrad'], default: 'adam', help: "Adam, AdamW (decoupled weight decay), SGD with momentum, or row-wise Adagrad (one accumulator per embedding row: a third of Adam's memory, for millions of users; it wants a larger learning rate); embedding rows are updated lazily (only the rows a batch read)." },
    { key: 'lr', label: 'learning rate', type: 'float', default: d.lr, min: 0.00001, max: 1, step: 0.00001, log: true, help: 'Step size of the optimiser.' },
    { key: 'weight_decay', label: 'weight decay', type: 'float', default: 0, min: 0, max: 0.1, step: 0.00001, help: 'AdamW: decoupled decay x −= lr·wd·x; Adam and SGD: added to the gradient (wd·x).' },
    { key: 'momentum', label: 'momentum', type: 'float', default: 0.9, min: 0, max: 0.99, step: 0.01, help: 'SGD momentum.', when: { optimizer: ['sgd'] } },
    { key: 'patience', label: 'early-stopping patience', type: 'int', default: d.patience ?? 3, min: 0, max: 50, step: 1, help: 'Stop after this many epochs without a better validation RMSE and restore the best weights (0: off).' },
    { key: 'lr_patience', label: 'LR plateau patience', type: 'int', default: 1, min: 0, max: 50, step: 1, help: 'ReduceLROnPlateau: epochs without a better validation RMSE before the learning rate is cut (0: off).' },
    { key: 'lr_factor', label: 'LR plateau factor', type: 'float', default: 0.3, min: 0.01, max: 0.99, step: 0.01, help: 'ReduceLROnPlateau: the factor the learning rate is multiplied by.' },
  ];
}

const factors = (def: number): ParamSpec => ({ key: 'factors', label: 'embedding size', type: 'int', default: def, min: 1, max: 256, step: 1, help: 'Size of the user and item embeddings.' });
const l2 = (def: number): ParamSpec => ({ key: 'l2', label: 'L2', type: 'float', default: def, min: 0, max: 1, step: 0.00001, help: 'L2 penalty on the embedding rows each batch reads, per example.' });
const init: ParamSpec[] = [
  { key: 'init', label: 'initialisation', type: 'choice', options: ['normal', 'uniform'], default: 'normal', help: 'Embeddings start normal(0, init std) or uniform(0, 0.05).' },
  { key: 'init_std', label: 'init std', type: 'float', default: 0.05, min: 0.001, max: 1, step: 0.001, help: 'Standard deviation of the normal initialisation.', when: { init: ['normal'] } },
];

const mf = (id: string, label: string, help: string, extra: ParamSpec[] = [], dim = 64): AlgorithmSpec => ({
  id,
  label,
  family: 'deep-mf',
  engine: 'tfjs',
  stochastic: true,
  iterative: true,
  help,
  params: [factors(dim), l2(0.1), ...extra, ...training({ epochs: 30, batch_size: 1024, lr: 0.01 })],
});

const dropout = (def: number): ParamSpec => ({ key: 'dropout', label: 'dropout', type: 'float', default: def, min: 0, max: 0.9, step: 0.05, help: 'Dropout rate after each hidden layer while training.' });
const ncfLoss: ParamSpec[] = [
  { key: 'loss', label: 'loss', type: 'choice', options: ['mse', 'logistic', 'bpr', 'hinge'], default: 'mse', help: 'mse: explicit ratings. logistic, bpr, hinge: implicit feedback (every rating a positive) against sampled unrated items; predictions are then σ(score) stretched over the rating scale, for ranking.' },
  { key: 'negatives', label: 'negatives per positive', type: 'int', default: 4, min: 1, max: 20, step: 1, help: 'Unrated items sampled (seeded) per positive for the implicit losses.', when: { loss: ['logistic', 'bpr', 'hinge'] } },
];

/** The item's text as an extra input to the MLP tower (src/core/text/itemText.ts). */
const TEXT_ON = { text: ['titles', 'reviews'] };
const textInput: ParamSpec[] = [
  {
    key: 'text',
    label: 'item text input',
    type: 'choice',
    options: ['none', 'titles', 'reviews'],
    default: 'none',
    help:
      "titles: Word2Vec (skip-gram, negative sampling, seeded) trained on the items' titles; each item's mean word vector joins the MLP's input. Needs item metadata. " +
      "reviews: Word2Vec trained on the training rows' review text; an item's vector is the mean over its training reviews' words. Needs a file with review text.",
  },
  { key: 'text_dim', label: 'text vector size', type: 'int', default: 32, min: 4, max: 128, step: 4, help: 'Size of the Word2Vec word vectors.', when: TEXT_ON },
  { key: 'text_window', label: 'Word2Vec window', type: 'int', default: 5, min: 1, max: 10, step: 1, help: 'Words on each side a word predicts (each time a reach drawn from 1 to this).', when: TEXT_ON },
  { key: 'text_epochs', label: 'Word2Vec epochs', type: 'int', default: 5, min: 1, max: 50, step: 1, help: 'Passes of Word2Vec over the titles or reviews.', when: TEXT_ON },
];

const nn = (id: string, label: string, help: string, d: number, extra: ParamSpec[]): AlgorithmSpec => ({
  id,
  label,
  family: 'deep-nn',
  engine: 'tfjs',
  stochastic: true,
  iterative: true,
  help,
  params: [factors(d), l2(0.01), ...extra, ...training({ epochs: 20, batch_size: 1024, lr: 0.003 })],
});

/** TensorFlow.js models (src/models). Trained in a worker on the best backend. */
export const deepModels: AlgorithmSpec[] = [
  mf('MF', 'MF (embedding dot product)', 'r̂ = p_u·q_i: user and item embeddings and nothing else.', init),
  mf('SigmoidMF', 'Sigmoid MF', 'r̂ = σ(p_u·q_i)·(max − min) + min: the dot product squashed into the rating scale.', init),
  mf('BiasMF', 'Bias MF', 'r̂ = p_u·q_i + b_u + b_i + μ, or σ(p_u·q_i + b_u + b_i) stretched to half a star beyond the scale with sigmoid_range.', [
    ...init,
    { key: 'sigmoid_range', label: 'sigmoid range', type: 'bool', default: false, help: 'Squash the prediction into (min − 0.5, max + 0.5) with a sigmoid.' },
    // 32 factors: as accurate as 64 on MovieLens-100k (0.930 vs 0.931 RMSE) at twice the speed.
  ], 32),
  mf('NNMF', 'Non-negative MF', 'r̂ = p_u·q_i with p, q ≥ 0 (projected after every update): parts-based, interpretable factors.'),
  nn('NN', 'NN (embeddings → Dense 64 → 32 → 1)', 'User and item embeddings concatenated → Dense 64 ReLU → Dense 32 ReLU → 1, trained on MSE.', 64, [dropout(0.2)]),
  nn('GMF', 'GMF (generalised MF)', 'Neural collaborative filtering: p_u ⊙ q_i → a learned output layer.', 32, ncfLoss),
  nn('MLP', 'MLP (NCF)', "Neural collaborative filtering: [p_u, q_i] → Dense 64 → 32 → 16 ReLU → 1; optionally the item's title or review vector (Word2Vec) joins [p_u, q_i].", 32, [dropout(0), ...ncfLoss, ...textInput]),
  nn('NeuMF', 'NeuMF (GMF + MLP)', "GMF and MLP with their own embeddings, fused in one output layer; optionally the item's title or review vector (Word2Vec) joins the MLP's input.", 32, [dropout(0), ...ncfLoss, ...textInput]),
  {
    id: 'LSTM',
    label: 'LSTM over rating histories',
    family: 'deep-sequence',
    engine: 'tfjs',
    stochastic: true,
    iterative: true,
    help: "An LSTM reads the user's ratings in time order (item embedding, rating, scaled time since their first rating). Each rating is predicted from the state after the user's strictly earlier ratings, the target item's embedding and bias, and the user's earlier mean and count: through Dense 64 ReLU, plus a dot product of the state with the item. Training runs a window of a user's history once and predicts every rating in it; scoring reads the history before each rating's own time. The batch size counts windows.",
    params: [
      factors(32),
      // 64 units: as accurate as 128 on MovieLens-100k, and 128 cannot reach 20k samples/s on one wasm thread.
      { key: 'units', label: 'LSTM units', type: 'int', default: 64, min: 8, max: 512, step: 8, help: 'Size of the LSTM state.' },
      { key: 'seq_len', label: 'history length', type: 'int', default: 50, min: 1, max: 200, step: 1, help: 'Ratings per training window (a user\'s first window is all targets, later ones start with a quarter of context); a prediction reads up to this many minus one of the most recent earlier ratings.' },
      dropout(0.2),
      l2(0.001),
      ...training({ epochs: 30, batch_size: 64, lr: 0.003, patience: 3 }),
    ],
  },
  {
    id: 'AutoRec',
    label: 'AutoRec (item-based autoencoder)',
    family: 'deep-autoencoder',
    engine: 'tfjs',
    stochastic: true,
    iterative: true,
    help: "Each item's training ratings over users are encoded h = σ(W·r + b) and decoded r̂_u = V_u·h + c_u; the loss counts observed ratings only.",
    params: [
      { key: 'hidden', label: 'hidden units', type: 'int', default: 500, min: 4, max: 1000, step: 4, help: 'Size of the code h.' },
      // 0.02: at 0.001 it overfits MovieLens-100k within 3 epochs (train RMSE 0.56, validation 0.944).
      l2(0.02),
      // Batches of 128 items at lr 0.01 reach the RMSE of 32 at 0.003 (0.912 on ML-100k 80/20) at half the epoch time.
      ...training({ epochs: 60, batch_size: 128, lr: 0.01 }),
    ],
  },
];
