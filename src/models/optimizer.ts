/**
 * The optimisers of the training loop, written twice over the same formulas: once as
 * plain loops over the rows an embedding table's batch touched (JS side, so a step
 * costs O(batch × dim) whatever the catalog size), once as tf ops for the dense
 * layers' variables. embedding.test.ts checks the two agree.
 */
import * as tf from '@tensorflow/tfjs';

export type OptimizerName = 'adam' | 'adamw' | 'sgd' | 'adagrad';

export interface OptimizerConfig {
  name: OptimizerName;
  /** Adam's β1, β2, ε (Keras/PyTorch defaults); ε is Adagrad's too. */
  beta1: number;
  beta2: number;
  eps: number;
  /** SGD's momentum (heavy ball, PyTorch's form: buf = μ·buf + g; x −= lr·buf). */
  momentum: number;
  /** adamw: decoupled decay x −= lr·wd·x; adam and sgd: coupled, g += wd·x (PyTorch's meaning). */
  weightDecay: number;
}

export function optimizerConfig(name: OptimizerName, weightDecay: number, momentum: number): OptimizerConfig {
  return { name, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum, weightDecay };
}

/** What one update needs besides the gradients: the learning rate now and the step number (from 1). */
export interface StepInfo {
  lr: number;
  t: number;
}

/**
 * Update the listed rows of a row-major parameter from their summed gradients `g`
 * (rows in `rows` order, dim each). Row r lives in chunk r >> shift, at
 * (r & (2^shift − 1))·stride: its dim values, then its optimiser slots
 * (src/core/registry/embeddingMemory.ts). Lazy: rows not listed keep their values and
 * optimiser state, like TensorFlow's LazyAdam and PyTorch's SparseAdam.
 */
export function sparseUpdate(
  cfg: OptimizerConfig,
  step: StepInfo,
  chunks: Float32Array[],
  shift: number,
  stride: number,
  dim: number,
  rows: Int32Array,
  nRows: number,
  g: Float32Array,
  nonNegative: boolean,
): void {
  const { lr, t } = step;
  const wd = cfg.weightDecay;
  const mask = (1 << shift) - 1;
  if (cfg.name === 'adagrad') {
    // G_r += mean_j g_rj²; x_rj −= lr·g_rj / (√G_r + ε), with g += wd·x (coupled, as Adam's).
    for (let k = 0; k < nRows; k++) {
      const w = chunks[rows[k] >>> shift];
      const x = (rows[k] & mask) * stride;
      const gb = k * dim;
      let sq = 0;
      for (let j = 0; j < dim; j++) {
        const grad = g[gb + j] + wd * w[x + j];
        sq += grad * grad;
      }
      const acc = w[x + dim] + sq / dim;
      w[x + dim] = acc;
      const rate = lr / (Math.sqrt(acc) + cfg.eps);
      for (let j = 0; j < dim; j++) {
        const xo = w[x + j];
        const nx = xo - rate * (g[gb + j] + wd * xo);
        w[x + j] = nonNegative && nx < 0 ? 0 : nx;
      }
    }
    return;
  }
  if (cfg.name === 'sgd') {
    const mu = cfg.momentum;
    for (let k = 0; k < nRows; k++) {
      const w = chunks[rows[k] >>> shift];
      const x = (rows[k] & mask) * stride;
      const buf = x + dim;
      const gb = k * dim;
      for (let j = 0; j < dim; j++) {
        const xo = w[x + j];
        const b = mu * w[buf + j] + g[gb + j] + wd * xo;
        w[buf + j] = b;
        const nx = xo - lr * b;
        w[x + j] = nonNegative && nx < 0 ? 0 : nx;
      }
    }
    return;
  }
  const { beta1, beta2, eps } = cfg;
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  const decoupled = cfg.name === 'adamw';
  for (let k = 0; k < nRows; k++) {
    const w = chunks[rows[k] >>> shift];
    const x = (rows[k] & mask) * stride;
    const m = x + dim;
    const v = m + dim;
    const gb = k * dim;
    for (let j = 0; j < dim; j++) {
      const xo = w[x + j];
      const grad = decoupled ? g[gb + j] : g[gb + j] + wd * xo;
      const mo = beta1 * w[m + j] + (1 - beta1) * grad;
      const vo = beta2 * w[v + j] + (1 - beta2) * grad * grad;
      w[m + j] = mo;
      w[v + j] = vo;
      let nx = xo - (lr * (mo / c1)) / (Math.sqrt(vo / c2) + eps);
      if (decoupled) nx -= lr * wd * xo;
      w[x + j] = nonNegative && nx < 0 ? 0 : nx;
    }
  }
}

/** A dense variable's rows for row-wise Adagrad: its first axis (a scalar is one row). */
const denseRows = (x: tf.Tensor): number => x.shape[0] ?? 1;

/** A dense tf.Variable with its optimiser slots, updated by tf ops on its backend. */
export class DenseParam {
  readonly slots: tf.Variable[];
  constructor(
    readonly name: string,
    readonly variable: tf.Variable,
    cfg: OptimizerConfig,
  ) {
    this.slots =
      cfg.name === 'adagrad'
        ? [tf.variable(tf.zeros([denseRows(variable), 1]), false)]
        : Array.from({ length: cfg.name === 'sgd' ? 1 : 2 }, () => tf.variable(tf.zerosLike(variable), false));
  }

  update(cfg: OptimizerConfig, step: StepInfo, grad: tf.Tensor): void {
    const { lr, t } = step;
    const wd = cfg.weightDecay;
    const x = this.variable;
    tf.tidy(() => {
      if (cfg.name === 'adagrad') {
        // The sparse rule over the variable's rows (first axis): one accumulator per row.
        const g = wd ? grad.add(x.mul(wd)) : grad;
        const rows = g.reshape([denseRows(x), -1]);
        const acc = this.slots[0];
        const a = acc.add(rows.square().mean(1, true));
        acc.assign(a);
        x.assign(x.sub(rows.mul(a.sqrt().add(cfg.eps).reciprocal().mul(lr)).reshape(x.shape)));
        return;
      }
      if (cfg.name === 'sgd') {
        const g = wd ? grad.add(x.mul(wd)) : grad;
        const buf = this.slots[0];
        const b = buf.mul(cfg.momentum).add(g);
        buf.assign(b);
        x.assign(x.sub(b.mul(lr)));
        return;
      }
      const [m, v] = this.slots;
      const decoupled = cfg.name === 'adamw';
      const g = !decoupled && wd ? grad.add(x.mul(wd)) : grad;
      const mo = m.mul(cfg.beta1).add(g.mul(1 - cfg.beta1));
      const vo = v.mul(cfg.beta2).add(g.square().mul(1 - cfg.beta2));
      m.assign(mo);
      v.assign(vo);
      const c1 = 1 - cfg.beta1 ** t;
      const c2 = 1 - cfg.beta2 ** t;
      let nx = x.sub(mo.div(c1).mul(lr).div(vo.div(c2).sqrt().add(cfg.eps)));
      if (decoupled && wd) nx = nx.sub(x.mul(lr * wd));
      x.assign(nx);
    });
  }

  dispose(): void {
    this.variable.dispose();
    for (const s of this.slots) s.dispose();
  }
}
