/**
 * Fold-in: a new user's vector (and bias) for a fitted factor model, solved with every
 * item parameter fixed, by the model's own regularised least squares. Both engines'
 * factor models train on Σ err² plus a penalty per rating (Surprise's SGD applies
 * reg·‖p_u‖² at every rating of u; the TensorFlow.js losses add l2·‖row‖² per
 * example), so a user with n ratings is penalised n·reg·‖p‖² + n·regBias·b²; that is
 * the objective here, whose minimiser is exactly what an ALS user step would set.
 *
 *   minimise Σ_k (r_k − g(z_k·x + o_k))² + n·Σ_f d_f·x_f²,   x = [p; b], z_k = [q_k; 1]
 *
 * g is the identity (one Cholesky solve; coordinate descent when the factors must stay
 * non-negative) or a sigmoid stretched over a range (damped Gauss–Newton).
 */

/**
 * A visitor's ratings in a model's own item numbering (`indexOf`: table item → the
 * model's index, −1 when the fit never saw the item: such a rating cannot inform it).
 */
export function ratingsIn(visitor: { item: Int32Array; rating: Float32Array }, indexOf: (item: number) => number): { items: Int32Array; ratings: Float64Array } {
  const items: number[] = [];
  const ratings: number[] = [];
  for (let k = 0; k < visitor.item.length; k++) {
    const i = indexOf(visitor.item[k]);
    if (i >= 0) {
      items.push(i);
      ratings.push(visitor.rating[k]);
    }
  }
  return { items: Int32Array.from(items), ratings: Float64Array.from(ratings) };
}

export interface FoldInProblem {
  /** Item factor rows, row-major, k values per row. */
  factors: Float32Array | Float64Array;
  k: number;
  /** The rated rows of `factors` and their ratings. */
  items: Int32Array;
  ratings: ArrayLike<number>;
  /** What the prediction adds inside the link for each rated item (μ + b_i, SVD++'s q_i·implicit part); 0 when absent. */
  offsets?: Float64Array;
  /** Penalty per rating on each user factor. */
  reg: number;
  /** Penalty per rating on the user bias; null: the model has no user bias. */
  regBias: number | null;
  /** Factors stay ≥ 0 (non-negative MF); the bias stays free. */
  nonNegative?: boolean;
  /** Prediction = low + span·σ(·) instead of the identity. */
  sigmoid?: { low: number; span: number };
}

export interface FoldedUser {
  p: Float64Array;
  /** 0 when the model has no user bias. */
  bias: number;
}

/** Gauss–Newton stops when a step improves the objective by less than this share. */
const TOLERANCE = 1e-12;
const MAX_ITERATIONS = 100;

export function foldInUser(pr: FoldInProblem): FoldedUser {
  const { k, items } = pr;
  const n = items.length;
  const dim = k + (pr.regBias === null ? 0 : 1);
  const ridge = new Float64Array(dim).fill(n * pr.reg);
  if (pr.regBias !== null) ridge[k] = n * pr.regBias;
  const x = new Float64Array(dim);
  if (n > 0) {
    if (pr.sigmoid) gaussNewton(pr, ridge, x);
    else {
      const { gram, rhs } = normalEquations(pr, ridge, null, x);
      if (pr.nonNegative) coordinateDescent(gram, rhs, x, k);
      else choleskySolve(gram, rhs, x);
    }
  }
  return { p: x.subarray(0, k), bias: pr.regBias === null ? 0 : x[k] };
}

/** z_k·x + o_k for rated item k. */
function linear(pr: FoldInProblem, x: Float64Array, row: number): number {
  const { factors, k } = pr;
  const off = pr.items[row] * k;
  let s = pr.offsets ? pr.offsets[row] : 0;
  for (let f = 0; f < k; f++) s += factors[off + f] * x[f];
  return x.length > k ? s + x[k] : s;
}

/**
 * JᵀJ + ridge and Jᵀ·residual, where row k of J is w_k·z_k: w = 1 and the residual
 * r − o for the identity link; the link's slope and r − g(current) for the sigmoid.
 */
function normalEquations(pr: FoldInProblem, ridge: Float64Array, weight: Float64Array | null, residual: Float64Array | null): { gram: Float64Array; rhs: Float64Array } {
  const { factors, k, items, ratings } = pr;
  const dim = ridge.length;
  const gram = new Float64Array(dim * dim);
  const rhs = new Float64Array(dim);
  const z = new Float64Array(dim);
  for (let row = 0; row < items.length; row++) {
    const off = items[row] * k;
    const w = weight ? weight[row] : 1;
    for (let f = 0; f < k; f++) z[f] = w * factors[off + f];
    if (dim > k) z[k] = w;
    const res = weight ? residual![row] : ratings[row] - (pr.offsets ? pr.offsets[row] : 0);
    for (let a = 0; a < dim; a++) {
      const za = z[a];
      rhs[a] += za * res;
      for (let b = 0; b <= a; b++) gram[a * dim + b] += za * z[b];
    }
  }
  for (let a = 0; a < dim; a++) {
    gram[a * dim + a] += ridge[a];
    for (let b = 0; b < a; b++) gram[b * dim + a] = gram[a * dim + b];
  }
  return { gram, rhs };
}

/**
 * Solve G·x = c for symmetric positive definite G (overwritten by its Cholesky factor).
 * A zero ridge with fewer ratings than factors leaves G singular: a tiny jitter on the
 * diagonal then gives the minimum-norm-like solution instead of NaN.
 */
export function choleskySolve(g: Float64Array, c: Float64Array, out: Float64Array): void {
  const n = c.length;
  let jitter = 0;
  for (let a = 0; a < n; a++) jitter = Math.max(jitter, g[a * n + a]);
  jitter *= 1e-12;
  for (let j = 0; j < n; j++) {
    let d = g[j * n + j];
    for (let m = 0; m < j; m++) d -= g[j * n + m] * g[j * n + m];
    if (!(d > jitter)) d = Math.max(jitter, Number.MIN_VALUE);
    const l = Math.sqrt(d);
    g[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = g[i * n + j];
      for (let m = 0; m < j; m++) s -= g[i * n + m] * g[j * n + m];
      g[i * n + j] = s / l;
    }
  }
  // L·y = c, then Lᵀ·x = y.
  for (let i = 0; i < n; i++) {
    let s = c[i];
    for (let m = 0; m < i; m++) s -= g[i * n + m] * out[m];
    out[i] = s / g[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i];
    for (let m = i + 1; m < n; m++) s -= g[m * n + i] * out[m];
    out[i] = s / g[i * n + i];
  }
}

/** min ½xᵀGx − cᵀx with x_f ≥ 0 for f < k (a bias after them is free), by exact coordinate steps. */
function coordinateDescent(g: Float64Array, c: Float64Array, x: Float64Array, k: number): void {
  const n = c.length;
  for (let sweep = 0; sweep < 10_000; sweep++) {
    let moved = 0;
    for (let f = 0; f < n; f++) {
      let s = c[f];
      for (let m = 0; m < n; m++) if (m !== f) s -= g[f * n + m] * x[m];
      let v = s / g[f * n + f];
      if (f < k && v < 0) v = 0;
      moved = Math.max(moved, Math.abs(v - x[f]));
      x[f] = v;
    }
    if (moved < 1e-13) return;
  }
}

/** The objective at x, filling the residuals r − g(·) and the link's slopes. */
function sigmoidObjective(pr: FoldInProblem, ridge: Float64Array, x: Float64Array, residual: Float64Array, slope: Float64Array): number {
  const { low, span } = pr.sigmoid!;
  let loss = 0;
  for (let row = 0; row < pr.items.length; row++) {
    const s = 1 / (1 + Math.exp(-linear(pr, x, row)));
    residual[row] = pr.ratings[row] - (low + span * s);
    slope[row] = span * s * (1 - s);
    loss += residual[row] * residual[row];
  }
  for (let f = 0; f < x.length; f++) loss += ridge[f] * x[f] * x[f];
  return loss;
}

/** Levenberg–Marquardt from x = 0: each step solves (JᵀJ + ridge + λ·I)δ = Jᵀres − ridge∘x. */
function gaussNewton(pr: FoldInProblem, ridge: Float64Array, x: Float64Array): void {
  const n = pr.items.length;
  const dim = x.length;
  const residual = new Float64Array(n);
  const slope = new Float64Array(n);
  const trial = new Float64Array(dim);
  const step = new Float64Array(dim);
  let loss = sigmoidObjective(pr, ridge, x, residual, slope);
  let damping = 1e-3;
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const { gram, rhs } = normalEquations(pr, ridge, slope, residual);
    for (let a = 0; a < dim; a++) {
      rhs[a] -= ridge[a] * x[a];
      gram[a * dim + a] += damping * (1 + gram[a * dim + a]);
    }
    choleskySolve(gram, rhs, step);
    for (let a = 0; a < dim; a++) trial[a] = x[a] + step[a];
    const next = sigmoidObjective(pr, ridge, trial, residual, slope);
    if (next < loss) {
      x.set(trial);
      const gain = loss - next;
      loss = next;
      damping = Math.max(damping / 10, 1e-12);
      if (gain <= TOLERANCE * loss) return;
    } else {
      // Put back the residuals and slopes of the kept x, and take a shorter step.
      sigmoidObjective(pr, ridge, x, residual, slope);
      damping *= 10;
      if (damping > 1e12) return;
    }
  }
}
