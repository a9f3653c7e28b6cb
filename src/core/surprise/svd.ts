/**
 * Surprise's matrix-factorization family (prediction_algorithms/matrix_factorization.pyx):
 * SVD (biased=false is PMF), SVD++ and NMF, with Surprise's parameters, defaults,
 * update order and unknown-user/item rules.
 *
 * Like Surprise, every epoch walks `trainset.all_ratings()`, which is user by user
 * (inner id order) and, within a user, in trainset order: here the CSR `ur` lists.
 * Factors are Float64Array matrices, row-major n×k.
 */
import { createRng, type Rng } from '../rng.ts';
import { AlgoBase, type FitHooks } from './algo.ts';
import { runEpochs } from './epochs.ts';
import { foldInFactors } from './foldIn.ts';
import { openNmfKernel, openSvdKernel, type NmfStep, type SvdStep } from './kernels.ts';
import type { Trainset } from './trainset.ts';

/** A per-parameter override that, like Surprise's `lr_bu=None`, falls back to the *_all value. */
type Override = number | null | undefined;
const orAll = (value: Override, all: number): number => value ?? all;

function normalMatrix(rows: number, k: number, rng: Rng, mean: number, std: number): Float64Array {
  const m = new Float64Array(rows * k);
  for (let x = 0; x < m.length; x++) m[x] = rng.normal(mean, std);
  return m;
}

/**
 * a[aOff..aOff+k)·b[bOff..bOff+k). Four partial sums: V8 emits scalar code, and
 * breaking the add chain and the per-element loop overhead makes it ~1.4× faster.
 */
function dotRows(a: Float64Array, aOff: number, b: Float64Array, bOff: number, k: number): number {
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let f = 0;
  for (const k4 = k - 3; f < k4; f += 4) {
    d0 += a[aOff + f] * b[bOff + f];
    d1 += a[aOff + f + 1] * b[bOff + f + 1];
    d2 += a[aOff + f + 2] * b[bOff + f + 2];
    d3 += a[aOff + f + 3] * b[bOff + f + 3];
  }
  for (; f < k; f++) d0 += a[aOff + f] * b[bOff + f];
  return d0 + d1 + (d2 + d3);
}

/**
 * SVD's factor step for one rating, from the old values of both rows:
 * p ← p + lr_pu(err·q − reg_pu·p) and q ← q + lr_qi(err·p − reg_qi·q), written as
 * p ← keepP·p + stepP·q (keepP = 1 − lr_pu·reg_pu, stepP = lr_pu·err) and unrolled
 * by four, which V8 runs ~1.6× faster than the literal loop.
 */
function stepRows(
  pu: Float64Array,
  pOff: number,
  qi: Float64Array,
  qOff: number,
  k: number,
  keepP: number,
  stepP: number,
  keepQ: number,
  stepQ: number,
): void {
  let f = 0;
  for (const k4 = k - 3; f < k4; f += 4) {
    const p0 = pu[pOff + f];
    const q0 = qi[qOff + f];
    const p1 = pu[pOff + f + 1];
    const q1 = qi[qOff + f + 1];
    const p2 = pu[pOff + f + 2];
    const q2 = qi[qOff + f + 2];
    const p3 = pu[pOff + f + 3];
    const q3 = qi[qOff + f + 3];
    pu[pOff + f] = keepP * p0 + stepP * q0;
    qi[qOff + f] = keepQ * q0 + stepQ * p0;
    pu[pOff + f + 1] = keepP * p1 + stepP * q1;
    qi[qOff + f + 1] = keepQ * q1 + stepQ * p1;
    pu[pOff + f + 2] = keepP * p2 + stepP * q2;
    qi[qOff + f + 2] = keepQ * q2 + stepQ * p2;
    pu[pOff + f + 3] = keepP * p3 + stepP * q3;
    qi[qOff + f + 3] = keepQ * q3 + stepQ * p3;
  }
  for (; f < k; f++) {
    const p0 = pu[pOff + f];
    const q0 = qi[qOff + f];
    pu[pOff + f] = keepP * p0 + stepP * q0;
    qi[qOff + f] = keepQ * q0 + stepQ * p0;
  }
}

interface FactorModel {
  biased: boolean;
  nFactors: number;
  bu: Float64Array;
  bi: Float64Array;
  pu: Float64Array;
  qi: Float64Array;
}

/**
 * SVD's and NMF's estimate: biased, μ plus whatever is known (b_u, b_i; the dot
 * product needs both); unbiased, q_iᵀp_u or impossible when either is unknown.
 */
function factorEstimate(m: FactorModel, globalMean: number, u: number, i: number): number {
  const known = u >= 0 && i >= 0;
  const dot = known ? dotRows(m.qi, i * m.nFactors, m.pu, u * m.nFactors, m.nFactors) : 0;
  if (!m.biased) return known ? dot : NaN;
  return globalMean + (u >= 0 ? m.bu[u] : 0) + (i >= 0 ? m.bi[i] : 0) + dot;
}

/** Items per tile of factorGrid: 256 rows of Q (64 KB at 32 factors) stay in L2 while every user of the block reads them. */
const GRID_TILE = 256;

/**
 * factorEstimate over every (users[r], items[c]) pair into out[r · items.length + c],
 * with the same arithmetic pair by pair (dotRows' four partial sums, then
 * ((μ + b_u) + b_i) + dot), so the same bits. Scored pair by pair, a full ranking
 * streams all of Q from memory once per user; here a tile of Q stays in cache for
 * every user, and two users share each load of a Q row.
 */
function factorGrid(m: FactorModel, globalMean: number, users: Int32Array, items: Int32Array, out: Float64Array): void {
  const nI = items.length;
  const nU = users.length;
  const { nFactors: k, biased, bu, bi, pu, qi } = m;
  for (let c0 = 0; c0 < nI; c0 += GRID_TILE) {
    const c1 = Math.min(nI, c0 + GRID_TILE);
    for (let r = 0; r < nU; ) {
      const ua = users[r];
      // A known second user shares the Q loads; an unknown user, or a known one without
      // a known second (one user's recommendations), goes pair by pair.
      const twin = ua >= 0 && r + 1 < nU && users[r + 1] >= 0;
      if (!twin) {
        if (ua >= 0) knownUserRow(m, globalMean, ua, items, c0, c1, out, r * nI);
        else for (let c = c0; c < c1; c++) out[r * nI + c] = factorEstimate(m, globalMean, ua, items[c]);
        r++;
        continue;
      }
      const ub = users[r + 1];
      const pa = ua * k;
      const pb = ub * k;
      const ba = biased ? globalMean + bu[ua] : 0;
      const bb = biased ? globalMean + bu[ub] : 0;
      const rowA = r * nI;
      const rowB = rowA + nI;
      for (let c = c0; c < c1; c++) {
        const i = items[c];
        if (i < 0) {
          out[rowA + c] = factorEstimate(m, globalMean, ua, i);
          out[rowB + c] = factorEstimate(m, globalMean, ub, i);
          continue;
        }
        const q = i * k;
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        let f = 0;
        for (const k4 = k - 3; f < k4; f += 4) {
          const q0 = qi[q + f];
          const q1 = qi[q + f + 1];
          const q2 = qi[q + f + 2];
          const q3 = qi[q + f + 3];
          a0 += q0 * pu[pa + f];
          a1 += q1 * pu[pa + f + 1];
          a2 += q2 * pu[pa + f + 2];
          a3 += q3 * pu[pa + f + 3];
          b0 += q0 * pu[pb + f];
          b1 += q1 * pu[pb + f + 1];
          b2 += q2 * pu[pb + f + 2];
          b3 += q3 * pu[pb + f + 3];
        }
        for (; f < k; f++) {
          a0 += qi[q + f] * pu[pa + f];
          b0 += qi[q + f] * pu[pb + f];
        }
        const da = a0 + a1 + (a2 + a3);
        const db = b0 + b1 + (b2 + b3);
        out[rowA + c] = biased ? ba + bi[i] + da : da;
        out[rowB + c] = biased ? bb + bi[i] + db : db;
      }
      r += 2;
    }
  }
}

/**
 * factorEstimate of known user u for items[c0, c1) into out[row + c], written out
 * (dotRows' four partial sums, then ((μ + b_u) + b_i) + dot: the same bits) because
 * one user's whole-catalog row is what a recommendation waits for.
 */
function knownUserRow(m: FactorModel, globalMean: number, u: number, items: Int32Array, c0: number, c1: number, out: Float64Array, row: number): void {
  const { nFactors: k, biased, bu, bi, pu, qi } = m;
  const p = u * k;
  const base = biased ? globalMean + bu[u] : 0;
  for (let c = c0; c < c1; c++) {
    const i = items[c];
    if (i < 0) {
      out[row + c] = factorEstimate(m, globalMean, u, i);
      continue;
    }
    const q = i * k;
    let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    let f = 0;
    for (const k4 = k - 3; f < k4; f += 4) {
      d0 += qi[q + f] * pu[p + f];
      d1 += qi[q + f + 1] * pu[p + f + 1];
      d2 += qi[q + f + 2] * pu[p + f + 2];
      d3 += qi[q + f + 3] * pu[p + f + 3];
    }
    for (; f < k; f++) d0 += qi[q + f] * pu[p + f];
    const d = d0 + d1 + (d2 + d3);
    out[row + c] = biased ? base + bi[i] + d : d;
  }
}

/** What SVD and SVD++ share: Surprise's SGD parameters, the *_all rates with per-parameter overrides. */
interface SgdOptions {
  n_factors: number;
  n_epochs: number;
  init_mean: number;
  init_std_dev: number;
  lr_all: number;
  reg_all: number;
  lr_bu: Override;
  lr_bi: Override;
  lr_pu: Override;
  lr_qi: Override;
  reg_bu: Override;
  reg_bi: Override;
  reg_pu: Override;
  reg_qi: Override;
}

/**
 * SVD's and SVD++'s parameters resolved (Surprise's defaults where unset; the
 * per-parameter rates fall back to lr_all / reg_all), their biases and factor
 * matrices, and their common start: zero biases, then P and Q from N(init_mean,
 * init_std_dev) in that order from the seeded stream.
 */
abstract class SgdFactorization extends AlgoBase {
  readonly nFactors: number;
  readonly nEpochs: number;
  readonly initMean: number;
  readonly initStdDev: number;
  /** lr_all and reg_all, for the subclass's own per-parameter overrides. */
  protected readonly lrAll: number;
  protected readonly regAll: number;
  readonly lrBu: number;
  readonly lrBi: number;
  readonly lrPu: number;
  readonly lrQi: number;
  readonly regBu: number;
  readonly regBi: number;
  readonly regPu: number;
  readonly regQi: number;
  bu: Float64Array = new Float64Array(0);
  bi: Float64Array = new Float64Array(0);
  pu: Float64Array = new Float64Array(0);
  qi: Float64Array = new Float64Array(0);

  /** `defaults`: the algorithm's own n_factors and lr_all (they differ between SVD and SVD++). */
  constructor(
    options: Partial<SgdOptions>,
    readonly seed: number,
    defaults: { n_factors: number; lr_all: number },
  ) {
    super();
    const lrAll = (this.lrAll = options.lr_all ?? defaults.lr_all);
    const regAll = (this.regAll = options.reg_all ?? 0.02);
    // | 0: params can arrive as heap numbers (100.0); V8's loops over k want a small integer.
    this.nFactors = (options.n_factors ?? defaults.n_factors) | 0;
    this.nEpochs = options.n_epochs ?? 20;
    this.initMean = options.init_mean ?? 0;
    this.initStdDev = options.init_std_dev ?? 0.1;
    this.lrBu = orAll(options.lr_bu, lrAll);
    this.lrBi = orAll(options.lr_bi, lrAll);
    this.lrPu = orAll(options.lr_pu, lrAll);
    this.lrQi = orAll(options.lr_qi, lrAll);
    this.regBu = orAll(options.reg_bu, regAll);
    this.regBi = orAll(options.reg_bi, regAll);
    this.regPu = orAll(options.reg_pu, regAll);
    this.regQi = orAll(options.reg_qi, regAll);
  }

  /** Zero biases and normal P, Q for `trainset`; returns the seeded stream for any further draws. */
  protected initFactors(trainset: Trainset): Rng {
    const rng = createRng(this.seed);
    this.bu = new Float64Array(trainset.nUsers);
    this.bi = new Float64Array(trainset.nItems);
    this.pu = this.normalFactors(trainset.nUsers, rng);
    this.qi = this.normalFactors(trainset.nItems, rng);
    return rng;
  }

  protected normalFactors(rows: number, rng: Rng): Float64Array {
    return normalMatrix(rows, this.nFactors, rng, this.initMean, this.initStdDev);
  }
}

export interface SVDOptions extends SgdOptions {
  biased: boolean;
  /** false: the JS loop even where the WebAssembly SIMD kernel runs (tests and benchmarks compare the two). */
  simd: boolean;
}

/**
 * Funk's SVD by SGD: r̂ = μ + b_u + b_i + q_iᵀp_u. Per rating: the error from the
 * current parameters, then b_u, b_i, then each factor f of p_u and q_i from their
 * old values — Surprise's order exactly.
 */
export class SVD extends SgdFactorization {
  readonly biased: boolean;
  private readonly simd: boolean;

  constructor(options: Partial<SVDOptions> = {}, seed = 0) {
    super(options, seed, { n_factors: 100, lr_all: 0.005 });
    this.biased = options.biased ?? true;
    this.simd = options.simd ?? true;
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset);
    this.initFactors(trainset);
    const step = this.stepConstants(trainset);
    const kernel = this.simd ? openSvdKernel(trainset, this.nFactors, this) : null;
    this.ranOn = kernel ? 'wasm-simd' : 'js';
    if (kernel) kernel.train(this, this.nEpochs, hooks, step);
    else runEpochs(this.nEpochs, hooks, () => this.epoch(trainset, step));
    return this;
  }

  private stepConstants(ts: Trainset): SvdStep {
    const { biased, lrBu, lrBi, lrPu, lrQi, regBu, regBi } = this;
    return { mean: biased ? ts.globalMean : 0, biased, lrBu, lrBi, regBu, regBi, keepP: 1 - lrPu * this.regPu, lrPu, keepQ: 1 - lrQi * this.regQi, lrQi };
  }

  /** One SGD pass. A method, not a closure, so V8 keeps one optimised copy across fits. */
  private epoch(ts: Trainset, step: SvdStep): void {
    const { urStart, urItem, urRating, nUsers } = ts;
    const { bu, bi, pu, qi } = this;
    const { mean, biased, lrBu, lrBi, regBu, regBi, keepP, lrPu, keepQ, lrQi } = step;
    const k = this.nFactors;
    for (let u = 0; u < nUsers; u++) {
      const pOff = u * k;
      // Only this user's ratings touch b_u during its visit, so it can live in a local.
      let bU = bu[u];
      for (let p = urStart[u], end = urStart[u + 1]; p < end; p++) {
        const i = urItem[p];
        const qOff = i * k;
        const err = urRating[p] - (mean + bU + bi[i] + dotRows(qi, qOff, pu, pOff, k));
        if (biased) {
          bU += lrBu * (err - regBu * bU);
          bi[i] += lrBi * (err - regBi * bi[i]);
        }
        stepRows(pu, pOff, qi, qOff, k, keepP, lrPu * err, keepQ, lrQi * err);
      }
      bu[u] = bU;
    }
  }

  estimate(u: number, i: number): number {
    return factorEstimate(this, this.trainset.globalMean, u, i);
  }

  override canFoldIn(): boolean {
    return true;
  }

  override foldIn(items: Int32Array, ratings: Float64Array): Float64Array {
    return foldInFactors(this, this.trainset, items, ratings);
  }

  override estimateGrid(users: Int32Array, items: Int32Array, out: Float64Array): void {
    factorGrid(this, this.trainset.globalMean, users, items, out);
  }
}

export interface SVDppOptions extends SgdOptions {
  lr_yj: Override;
  reg_yj: Override;
}

/**
 * SVD++: r̂ = μ + b_u + b_i + q_iᵀ(p_u + |I_u|^-½ Σ_{j∈I_u} y_j), by Surprise's SGD.
 *
 * Surprise recomputes the implicit sum for every rating and then updates every y_j,
 * j ∈ I_u, by the same affine map y ← a·y + c_t (a = 1 − lr_yj·reg_yj,
 * c_t = lr_yj·err·q_i/√|I_u|), which costs O(|I_u|·k) per rating. All of a user's
 * ratings are consecutive in the epoch and nothing else reads y_j meanwhile, so
 * after t ratings y_j = aᵗ·y_j⁰ + D_t with D_t = a·D_{t−1} + c_t shared by every j,
 * and the implicit sum follows s_t = a·s_{t−1} + |I_u|·c_t/√|I_u|. Keeping (aᵗ, D, s)
 * and writing y_j back once per user visit is the same algorithm, in O(k) per rating.
 * A user who rated an item twice (I_u with repeats) gets Surprise's literal update,
 * where such a y_j moves twice per rating.
 */
export class SVDpp extends SgdFactorization {
  readonly lrYj: number;
  readonly regYj: number;
  yj: Float64Array = new Float64Array(0);
  /** p_u + |I_u|^-½ Σ y_j per user, for O(k) estimates. */
  private userVector: Float64Array = new Float64Array(0);

  /** `literal`: Surprise's per-rating update for every user (slow; to check the fast path). */
  constructor(
    options: Partial<SVDppOptions> = {},
    seed = 0,
    private readonly literal = false,
  ) {
    super(options, seed, { n_factors: 20, lr_all: 0.007 });
    this.lrYj = orAll(options.lr_yj, this.lrAll);
    this.regYj = orAll(options.reg_yj, this.regAll);
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset);
    const { nUsers } = trainset;
    const k = this.nFactors;
    // y_j after P and Q, from the same stream.
    this.yj = this.normalFactors(trainset.nItems, this.initFactors(trainset));
    this.userVector = new Float64Array(nUsers * k);
    const literal = this.literal ? new Uint8Array(nUsers).fill(1) : usersWithRepeats(trainset);
    const impl = new Float64Array(k);
    const shift = new Float64Array(k);
    runEpochs(this.nEpochs, hooks, () => {
      this.epoch(trainset, literal, impl, shift);
      this.refreshUserVectors(trainset, impl);
    });
    return this;
  }

  /** One SGD pass; `impl` and `shift` are k-long scratch rows. A method so V8 keeps one optimised copy. */
  private epoch(ts: Trainset, literal: Uint8Array, impl: Float64Array, shift: Float64Array): void {
    const { nUsers, urStart, urItem, urRating } = ts;
    const { bu, bi, pu, qi, yj, lrBu, lrBi, lrPu, lrQi, lrYj, regBu, regBi, regPu, regQi, regYj } = this;
    const k = this.nFactors;
    const mean = ts.globalMean;
    const decay = 1 - lrYj * regYj;
    for (let u = 0; u < nUsers; u++) {
      const start = urStart[u];
      const end = urStart[u + 1];
      const nIu = end - start;
      const sqrtIu = Math.sqrt(nIu);
      const lazy = literal[u] === 0;
      const pOff = u * k;
      let bU = bu[u];
      let scale = 1;
      shift.fill(0);
      implicitSum(impl, yj, urItem, start, end, k);
      for (let p = start; p < end; p++) {
        if (!lazy && p > start) implicitSum(impl, yj, urItem, start, end, k);
        const i = urItem[p];
        const qOff = i * k;
        let dot = 0;
        for (let f = 0; f < k; f++) dot += qi[qOff + f] * (pu[pOff + f] + impl[f]);
        const err = urRating[p] - (mean + bU + bi[i] + dot);
        bU += lrBu * (err - regBu * bU);
        bi[i] += lrBi * (err - regBi * bi[i]);
        for (let f = 0; f < k; f++) {
          const puf = pu[pOff + f];
          const qif = qi[qOff + f];
          pu[pOff + f] = puf + lrPu * (err * qif - regPu * puf);
          qi[qOff + f] = qif + lrQi * (err * (puf + impl[f]) - regQi * qif);
          const errQifSqrt = (err * qif) / sqrtIu;
          if (lazy) {
            const c = lrYj * errQifSqrt;
            shift[f] = decay * shift[f] + c;
            impl[f] = decay * impl[f] + (nIu * c) / sqrtIu;
          } else {
            for (let q = start; q < end; q++) {
              const y = urItem[q] * k + f;
              yj[y] += lrYj * (errQifSqrt - regYj * yj[y]);
            }
          }
        }
        scale *= decay;
      }
      bu[u] = bU;
      if (lazy) {
        for (let p = start; p < end; p++) {
          const yOff = urItem[p] * k;
          for (let f = 0; f < k; f++) yj[yOff + f] = scale * yj[yOff + f] + shift[f];
        }
      }
    }
  }

  /** userVector ← p_u + |I_u|^-½ Σ y_j after every epoch (O(n·k)), so estimates work between epochs. */
  private refreshUserVectors(ts: Trainset, impl: Float64Array): void {
    const k = this.nFactors;
    for (let u = 0; u < ts.nUsers; u++) {
      implicitSum(impl, this.yj, ts.urItem, ts.urStart[u], ts.urStart[u + 1], k);
      for (let f = 0; f < k; f++) this.userVector[u * k + f] = this.pu[u * k + f] + impl[f];
    }
  }

  /** μ plus whatever is known; the factor term needs both user and item. */
  estimate(u: number, i: number): number {
    const k = this.nFactors;
    let est = this.trainset.globalMean;
    if (u >= 0) est += this.bu[u];
    if (i >= 0) est += this.bi[i];
    if (u >= 0 && i >= 0) est += dotRows(this.qi, i * k, this.userVector, u * k, k);
    return est;
  }

  override canFoldIn(): boolean {
    return true;
  }

  /** The implicit part comes from the rated items' y_j; p_u and b_u are solved. */
  override foldIn(items: Int32Array, ratings: Float64Array): Float64Array {
    const { nFactors, bi, qi, regPu, regBu } = this;
    return foldInFactors({ nFactors, biased: true, bi, qi, regPu, regBu }, this.trainset, items, ratings, { implicit: this.yj });
  }

  /** estimate's sum is ((μ + b_u) + b_i) + q_i·userVector_u: factorEstimate's, biased, with userVector for P. */
  override estimateGrid(users: Int32Array, items: Int32Array, out: Float64Array): void {
    const { nFactors, bu, bi, qi, userVector } = this;
    factorGrid({ biased: true, nFactors, bu, bi, pu: userVector, qi }, this.trainset.globalMean, users, items, out);
  }
}

/** out ← |I_u|^-½ Σ_{j∈I_u} y_j over urItem[start..end), divided term by term as Surprise does. */
function implicitSum(out: Float64Array, yj: Float64Array, urItem: Int32Array, start: number, end: number, k: number): void {
  const sqrtIu = Math.sqrt(end - start);
  out.fill(0);
  for (let p = start; p < end; p++) {
    const yOff = urItem[p] * k;
    for (let f = 0; f < k; f++) out[f] += yj[yOff + f] / sqrtIu;
  }
}

/** 1 for users whose rating list holds an item more than once. */
function usersWithRepeats(ts: Trainset): Uint8Array {
  const out = new Uint8Array(ts.nUsers);
  const seenBy = new Int32Array(ts.nItems).fill(-1);
  for (let u = 0; u < ts.nUsers; u++) {
    for (let p = ts.urStart[u]; p < ts.urStart[u + 1]; p++) {
      const i = ts.urItem[p];
      if (seenBy[i] === u) out[u] = 1;
      seenBy[i] = u;
    }
  }
  return out;
}

/** NMF's per-epoch numerators and denominators, row-major like the factors. */
interface NmfSums {
  userNum: Float64Array;
  userDenom: Float64Array;
  itemNum: Float64Array;
  itemDenom: Float64Array;
}

/** x ← x·num/(denom + n·λ·x) for every factor of every row (n: its ratings); zeros stay zero. */
function multiplicativeUpdate(x: Float64Array, num: Float64Array, denom: Float64Array, start: Int32Array, k: number, reg: number): void {
  for (let row = 0; row < start.length - 1; row++) {
    const nRatings = start[row + 1] - start[row];
    for (let off = row * k, end = off + k; off < end; off++) {
      if (x[off] !== 0) x[off] *= num[off] / (denom[off] + nRatings * reg * x[off]);
    }
  }
}

export interface NMFOptions {
  n_factors: number;
  n_epochs: number;
  biased: boolean;
  reg_pu: number;
  reg_qi: number;
  reg_bu: number;
  reg_bi: number;
  lr_bu: number;
  lr_bi: number;
  init_low: number;
  init_high: number;
  /** false: the JS loop even where the WebAssembly SIMD kernel runs, as SVD's. */
  simd: boolean;
}

/**
 * Non-negative MF with Surprise's multiplicative updates: each epoch accumulates
 * Σ q_if·r and Σ q_if·r̂ per user (Σ p_uf·r, Σ p_uf·r̂ per item) over all ratings,
 * then p_uf ← p_uf·num/(denom + |I_u|·λ_u·p_uf) and likewise for q_if. Factors start
 * uniform in [init_low, init_high) and stay non-negative.
 */
export class NMF extends AlgoBase {
  readonly nFactors: number;
  readonly nEpochs: number;
  readonly biased: boolean;
  readonly regPu: number;
  readonly regQi: number;
  readonly regBu: number;
  readonly regBi: number;
  readonly lrBu: number;
  readonly lrBi: number;
  readonly initLow: number;
  readonly initHigh: number;
  private readonly simd: boolean;
  bu: Float64Array = new Float64Array(0);
  bi: Float64Array = new Float64Array(0);
  pu: Float64Array = new Float64Array(0);
  qi: Float64Array = new Float64Array(0);

  constructor(options: Partial<NMFOptions> = {}, readonly seed = 0) {
    super();
    this.nFactors = (options.n_factors ?? 15) | 0; // small integer, as in SVD
    this.nEpochs = options.n_epochs ?? 50;
    this.biased = options.biased ?? false;
    this.regPu = options.reg_pu ?? 0.06;
    this.regQi = options.reg_qi ?? 0.06;
    this.regBu = options.reg_bu ?? 0.02;
    this.regBi = options.reg_bi ?? 0.02;
    this.lrBu = options.lr_bu ?? 0.005;
    this.lrBi = options.lr_bi ?? 0.005;
    this.initLow = options.init_low ?? 0;
    this.initHigh = options.init_high ?? 1;
    this.simd = options.simd ?? true;
    if (this.initLow < 0) throw new RangeError('init_low should be greater than zero');
  }

  override fit(trainset: Trainset, hooks: FitHooks = {}): this {
    super.fit(trainset);
    const k = this.nFactors;
    const rng = createRng(this.seed);
    const { nUsers, nItems } = trainset;
    const uniform = (rows: number): Float64Array => {
      const m = new Float64Array(rows * k);
      for (let x = 0; x < m.length; x++) m[x] = this.initLow + (this.initHigh - this.initLow) * rng.next();
      return m;
    };
    this.pu = uniform(nUsers);
    this.qi = uniform(nItems);
    this.bu = new Float64Array(nUsers);
    this.bi = new Float64Array(nItems);
    const { biased, lrBu, lrBi, regBu, regBi, regPu, regQi } = this;
    const step: NmfStep = { mean: biased ? trainset.globalMean : 0, biased, lrBu, lrBi, regBu, regBi, regPu, regQi };
    const kernel = this.simd ? openNmfKernel(trainset, k, this) : null;
    this.ranOn = kernel ? 'wasm-simd' : 'js';
    if (kernel) {
      kernel.train(this, this.nEpochs, hooks, step);
      return this;
    }
    const sums: NmfSums = {
      userNum: new Float64Array(nUsers * k),
      userDenom: new Float64Array(nUsers * k),
      itemNum: new Float64Array(nItems * k),
      itemDenom: new Float64Array(nItems * k),
    };
    runEpochs(this.nEpochs, hooks, () => this.epoch(trainset, sums, step));
    return this;
  }

  /** Accumulate over all ratings (moving the biases when biased), then update P and Q. */
  private epoch(ts: Trainset, sums: NmfSums, step: NmfStep): void {
    const { nUsers, urStart, urItem, urRating, irStart } = ts;
    const { bu, bi, pu, qi } = this;
    const { mean, biased, lrBu, lrBi, regBu, regBi } = step;
    const { userNum, userDenom, itemNum, itemDenom } = sums;
    const k = this.nFactors;
    userNum.fill(0);
    userDenom.fill(0);
    itemNum.fill(0);
    itemDenom.fill(0);
    for (let u = 0; u < nUsers; u++) {
      const pOff = u * k;
      for (let p = urStart[u], end = urStart[u + 1]; p < end; p++) {
        const i = urItem[p];
        const r = urRating[p];
        const qOff = i * k;
        const est = mean + bu[u] + bi[i] + dotRows(qi, qOff, pu, pOff, k);
        if (biased) {
          const err = r - est;
          bu[u] += lrBu * (err - regBu * bu[u]);
          bi[i] += lrBi * (err - regBi * bi[i]);
        }
        for (let f = 0; f < k; f++) {
          userNum[pOff + f] += qi[qOff + f] * r;
          userDenom[pOff + f] += qi[qOff + f] * est;
          itemNum[qOff + f] += pu[pOff + f] * r;
          itemDenom[qOff + f] += pu[pOff + f] * est;
        }
      }
    }
    multiplicativeUpdate(pu, userNum, userDenom, urStart, k, step.regPu);
    multiplicativeUpdate(qi, itemNum, itemDenom, irStart, k, step.regQi);
  }

  estimate(u: number, i: number): number {
    return factorEstimate(this, this.trainset.globalMean, u, i);
  }

  override canFoldIn(): boolean {
    return true;
  }

  override foldIn(items: Int32Array, ratings: Float64Array): Float64Array {
    return foldInFactors(this, this.trainset, items, ratings, { nonNegative: true });
  }

  override estimateGrid(users: Int32Array, items: Int32Array, out: Float64Array): void {
    factorGrid(this, this.trainset.globalMean, users, items, out);
  }
}
