/**
 * Fold-in for Surprise's factor models (SVD, PMF, SVD++, NMF): the new user's p (and
 * b_u when biased) by the model's own regularised least squares over their ratings,
 * every item parameter fixed (../foldIn.ts). SVD++'s implicit part needs no solving:
 * |I_u|^-½ Σ y_j over the rated items is known once they are, and joins the offsets.
 * Kept apart from svd.ts, whose training loops are tuned on their own.
 */
import { foldInUser } from '../foldIn.ts';
import type { Trainset } from './trainset.ts';

/** What SVD, SVD++ and NMF share after a fit. */
export interface FactorFit {
  nFactors: number;
  /** SVD++ is always biased. */
  biased: boolean;
  bi: Float64Array;
  qi: Float64Array;
  regPu: number;
  regBu: number;
}

/**
 * Estimates of every inner item for a new user who rated inner `items` `ratings`:
 * μ + b_u + b_i + q_iᵀ(p_u + implicit) when biased, q_iᵀp_u otherwise (as `estimate`).
 * `implicit`: SVD++'s y factors; `nonNegative`: NMF's constraint on p.
 */
export function foldInFactors(m: FactorFit, ts: Trainset, items: Int32Array, ratings: Float64Array, opts: { implicit?: Float64Array; nonNegative?: boolean } = {}): Float64Array {
  const k = m.nFactors;
  const mean = m.biased ? ts.globalMean : 0;
  const implicit = opts.implicit ? implicitSum(opts.implicit, items, k) : null;
  const itemOffset = (i: number): number => {
    let o = m.biased ? mean + m.bi[i] : 0;
    if (implicit) for (let f = 0; f < k; f++) o += m.qi[i * k + f] * implicit[f];
    return o;
  };
  const user = foldInUser({
    factors: m.qi,
    k,
    items,
    ratings,
    offsets: Float64Array.from(items, itemOffset),
    reg: m.regPu,
    regBias: m.biased ? m.regBu : null,
    nonNegative: opts.nonNegative,
  });
  // Every item: μ + b_u + b_i + q_i·v with v = p_u (+ the implicit part), one tight pass over Q.
  const v = Float64Array.from(user.p, (x, f) => x + (implicit ? implicit[f] : 0));
  const base = mean + user.bias;
  const { qi, bi, biased } = m;
  const out = new Float64Array(ts.nItems);
  for (let i = 0, off = 0; i < out.length; i++, off += k) {
    let s0 = 0;
    let s1 = 0;
    let f = 0;
    for (; f + 1 < k; f += 2) {
      s0 += qi[off + f] * v[f];
      s1 += qi[off + f + 1] * v[f + 1];
    }
    if (f < k) s0 += qi[off + f] * v[f];
    out[i] = (biased ? base + bi[i] : 0) + s0 + s1;
  }
  return out;
}

/** |I_u|^-½ Σ_{j∈I_u} y_j. */
function implicitSum(yj: Float64Array, items: Int32Array, k: number): Float64Array | null {
  if (items.length === 0) return null;
  const out = new Float64Array(k);
  const scale = 1 / Math.sqrt(items.length);
  for (const j of items) for (let f = 0; f < k; f++) out[f] += yj[j * k + f] * scale;
  return out;
}
