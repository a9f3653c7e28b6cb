import { describe, expect, it } from 'vitest';
import { foldInUser, type FoldInProblem } from './foldIn.ts';
import { createRng } from './rng.ts';
import { gaussJordan } from './testing/gaussJordan.ts';

interface Ratings {
  user: Int32Array;
  item: Int32Array;
  rating: Float64Array;
}

/** Planted low-rank ratings with noise: nUsers × nItems, each user rating `per` distinct items. */
function planted(nUsers: number, nItems: number, per: number, seed: number): Ratings {
  const rng = createRng(seed);
  const u0 = Array.from({ length: nUsers }, () => [rng.normal(), rng.normal()]);
  const i0 = Array.from({ length: nItems }, () => [rng.normal(), rng.normal()]);
  const user: number[] = [];
  const item: number[] = [];
  const rating: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const items = rng.shuffle(Int32Array.from({ length: nItems }, (_, i) => i)).subarray(0, per);
    for (const i of items) {
      user.push(u);
      item.push(i);
      rating.push(3.5 + 0.3 * (u % 3) + u0[u][0] * i0[i][0] + u0[u][1] * i0[i][1] + 0.3 * rng.normal());
    }
  }
  return { user: Int32Array.from(user), item: Int32Array.from(item), rating: Float64Array.from(rating) };
}

/**
 * A biased MF trained by ALS on Σ err² + n_u·λ(‖p_u‖² + b_u²) + n_i·λ(‖q_i‖² + b_i²):
 * every half-step solves its rows' ridge problems with Gauss–Jordan, until nothing moves.
 */
function trainAls(data: Ratings, nUsers: number, nItems: number, k: number, lambda: number, mu: number) {
  const rng = createRng(1);
  const P = Array.from({ length: nUsers }, () => Array.from({ length: k + 1 }, () => 0.1 * rng.normal()));
  const Q = Array.from({ length: nItems }, () => Array.from({ length: k + 1 }, () => 0.1 * rng.normal()));
  // Row layout [factors…, own bias]; the other side's bias is an offset.
  const halfStep = (rows: number[][], other: number[][], key: Int32Array, otherKey: Int32Array) => {
    for (let x = 0; x < rows.length; x++) {
      const a = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
      const b = new Array<number>(k + 1).fill(0);
      let n = 0;
      for (let r = 0; r < data.rating.length; r++) {
        if (key[r] !== x) continue;
        n++;
        const o = other[otherKey[r]];
        const z = [...o.slice(0, k), 1];
        const t = data.rating[r] - mu - o[k];
        for (let i = 0; i <= k; i++) {
          b[i] += z[i] * t;
          for (let j = 0; j <= k; j++) a[i][j] += z[i] * z[j];
        }
      }
      for (let i = 0; i <= k; i++) a[i][i] += n * lambda;
      rows[x] = gaussJordan(a, b);
    }
  };
  for (let sweep = 0; sweep < 300; sweep++) {
    halfStep(Q, P, data.item, data.user);
    halfStep(P, Q, data.user, data.item);
  }
  return { P, Q };
}

describe('fold-in', () => {
  it("reproduces an existing user's vector and bias in an ALS-trained biased MF from that user's ratings alone", () => {
    const [nUsers, nItems, k, lambda] = [30, 25, 3, 0.05];
    const data = planted(nUsers, nItems, 12, 7);
    let mu = 0;
    for (const r of data.rating) mu += r / data.rating.length;
    const { P, Q } = trainAls(data, nUsers, nItems, k, lambda, mu);
    const factors = new Float64Array(nItems * k);
    Q.forEach((q, i) => factors.set(q.slice(0, k), i * k));
    for (const u of [0, 11, 29]) {
      const rows = [...data.user.keys()].filter((r) => data.user[r] === u);
      const items = Int32Array.from(rows, (r) => data.item[r]);
      const folded = foldInUser({
        factors,
        k,
        items,
        ratings: Float64Array.from(rows, (r) => data.rating[r]),
        offsets: Float64Array.from(items, (i) => mu + Q[i][k]),
        reg: lambda,
        regBias: lambda,
      });
      for (let f = 0; f < k; f++) expect(folded.p[f]).toBeCloseTo(P[u][f], 6);
      expect(folded.bias).toBeCloseTo(P[u][k], 6);
    }
  });

  /** The per-user objective the fold-in promises to minimise. */
  const objective = (pr: FoldInProblem, p: ArrayLike<number>, bias: number): number => {
    let loss = 0;
    const n = pr.items.length;
    for (let row = 0; row < n; row++) {
      let s = (pr.offsets?.[row] ?? 0) + bias;
      for (let f = 0; f < pr.k; f++) s += pr.factors[pr.items[row] * pr.k + f] * p[f];
      const pred = pr.sigmoid ? pr.sigmoid.low + pr.sigmoid.span / (1 + Math.exp(-s)) : s;
      loss += (pr.ratings[row] - pred) ** 2;
    }
    for (let f = 0; f < pr.k; f++) loss += n * pr.reg * p[f] ** 2;
    return loss + n * (pr.regBias ?? 0) * bias * bias;
  };

  /** No small move of any coordinate (kept ≥ 0 where required) lowers the objective. */
  function expectMinimum(pr: FoldInProblem): void {
    const { p, bias } = foldInUser(pr);
    const best = objective(pr, p, bias);
    const coords = [...p, bias];
    const dims = pr.regBias === null ? pr.k : pr.k + 1;
    for (let f = 0; f < dims; f++) {
      for (const h of [1e-4, -1e-4]) {
        const moved = coords.slice();
        moved[f] += h;
        if (pr.nonNegative && f < pr.k && moved[f] < 0) continue;
        expect(objective(pr, moved.slice(0, pr.k), pr.regBias === null ? 0 : moved[pr.k])).toBeGreaterThanOrEqual(best - 1e-12);
      }
    }
  }

  const problem = (extra: Partial<FoldInProblem>): FoldInProblem => {
    const rng = createRng(3);
    const k = 4;
    return {
      factors: Float32Array.from({ length: 20 * k }, () => rng.normal(0.3, 0.5)),
      k,
      items: Int32Array.from([2, 5, 7, 11, 13, 17, 19]),
      ratings: Float32Array.from([5, 1, 4, 2, 5, 3, 1]),
      reg: 0.05,
      regBias: 0.02,
      ...extra,
    };
  };

  it('minimises the objective for the linear, non-negative and sigmoid heads', () => {
    expectMinimum(problem({ offsets: new Float64Array(7).fill(3.2) }));
    expectMinimum(problem({ regBias: null }));
    const nonNeg = problem({ regBias: null, nonNegative: true });
    expectMinimum(nonNeg);
    // The planted data push some factors below zero: the constraint is active, not idle.
    const { p } = foldInUser(nonNeg);
    expect(Math.min(...p)).toBe(0);
    expect(foldInUser({ ...nonNeg, nonNegative: false }).p.some((v) => v < 0)).toBe(true);
    expectMinimum(problem({ regBias: null, sigmoid: { low: 1, span: 4 } }));
    expectMinimum(problem({ offsets: new Float64Array(7).fill(0.1), sigmoid: { low: 0.5, span: 5 } }));
  });

  it('with no ratings, the user is all zeros; with fewer ratings than factors and no penalty, still finite', () => {
    expect([...foldInUser(problem({ items: new Int32Array(0), ratings: new Float32Array(0) })).p]).toEqual([0, 0, 0, 0]);
    const few = foldInUser(problem({ items: Int32Array.of(1, 2), ratings: Float32Array.of(5, 1), reg: 0, regBias: null }));
    expect([...few.p].every(Number.isFinite)).toBe(true);
  });
});
