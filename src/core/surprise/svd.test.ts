import { describe, expect, it } from 'vitest';
import { syntheticTable, syntheticTrainset } from '../testing/synthetic.ts';
import { tinyTrainset, type Triple } from '../testing/tiny.ts';
import { NMF, SVD, SVDpp } from './svd.ts';
import { buildTrainset } from './trainset.ts';

const one: Triple[] = [['u0', 'i0', 5]];
// Factors that start at exactly 0.1, as in Funk's (and old Surprise's) SVD.
const funkInit = { n_factors: 1, n_epochs: 1, init_mean: 0.1, init_std_dev: 0 };

describe('SVD', () => {
  it('takes one SGD step: error first, then biases, then each factor from the old values', () => {
    const svd = new SVD({ ...funkInit, lr_all: 0.1, lr_qi: 0.2, reg_all: 0.5 }).fit(tinyTrainset(one));
    // μ = 5, dot = 0.01 → err = −0.01; b ← 0.1·(−0.01); p ← 0.1 + 0.1·(−0.01·0.1 − 0.5·0.1);
    // q moves with lr_qi = 0.2 from the old p, not the new one.
    expect(svd.bu[0]).toBeCloseTo(-0.001, 15);
    expect(svd.bi[0]).toBeCloseTo(-0.001, 15);
    expect(svd.pu[0]).toBeCloseTo(0.0949, 15);
    expect(svd.qi[0]).toBeCloseTo(0.0898, 15);
  });

  it('biased: adds what is known to μ, the factors only when both are known', () => {
    const ts = syntheticTrainset(2);
    const svd = new SVD({ n_factors: 4 }, 1).fit(ts);
    const dot = [0, 1, 2, 3].reduce((s, f) => s + svd.pu[4 + f] * svd.qi[8 + f], 0);
    expect(svd.estimate(1, 2)).toBeCloseTo(ts.globalMean + svd.bu[1] + svd.bi[2] + dot, 12);
    expect(svd.estimate(-1, 2)).toBe(ts.globalMean + svd.bi[2]);
    expect(svd.estimate(1, -1)).toBe(ts.globalMean + svd.bu[1]);
    expect(svd.predict(-1, -1)).toEqual({ est: ts.globalMean, impossible: false, reason: undefined });
  });

  it('unbiased (PMF): q_iᵀp_u only, impossible when either is unknown', () => {
    const ts = syntheticTrainset(2);
    const pmf = new SVD({ n_factors: 4, biased: false }, 1).fit(ts);
    expect(pmf.bu.every((b) => b === 0) && pmf.bi.every((b) => b === 0)).toBe(true);
    expect(pmf.estimate(0, 0)).toBeCloseTo([0, 1, 2, 3].reduce((s, f) => s + pmf.pu[f] * pmf.qi[f], 0), 12);
    expect(pmf.predict(-1, 0)).toMatchObject({ est: ts.globalMean, impossible: true });
    expect(pmf.predict(0, -1)).toMatchObject({ est: ts.globalMean, impossible: true });
  });

  it('clips predictions to the rating scale', () => {
    // No learning: μ = 5 plus 3·2·2 from the factors.
    const svd = new SVD({ n_factors: 3, n_epochs: 1, init_mean: 2, init_std_dev: 0, lr_all: 0 }).fit(tinyTrainset(one));
    expect(svd.estimate(0, 0)).toBe(17);
    expect(svd.predict(0, 0).est).toBe(5);
    expect(svd.predict(0, 0, false).est).toBe(17);
  });
});

describe('SVDpp', () => {
  const options = { n_factors: 5, n_epochs: 4, lr_all: 0.02, reg_yj: 0.5 };
  const same = (a: Float64Array, b: Float64Array) => {
    expect(a.length).toBe(b.length);
    for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k], 12);
  };

  it('its per-visit implicit update reproduces Surprise’s per-rating update', () => {
    const ts = syntheticTrainset(3);
    const fast = new SVDpp(options, 5).fit(ts);
    const literal = new SVDpp(options, 5, true).fit(ts);
    for (const key of ['bu', 'bi', 'pu', 'qi', 'yj'] as const) same(fast[key], literal[key]);
    expect(Math.max(...fast.yj.map((y, k) => Math.abs(y - literal.yj[k])))).toBeGreaterThan(0);
  });

  it('users who rated an item twice move that y_j twice per rating, as Surprise does', () => {
    const table = syntheticTable(4);
    const rows = Int32Array.from({ length: table.rating.length + 3 }, (_, k) => (k < 3 ? k : k - 3));
    const ts = buildTrainset(table, rows, { min: 1, max: 5 });
    const fast = new SVDpp(options, 5).fit(ts);
    const literal = new SVDpp(options, 5, true).fit(ts);
    for (const key of ['bu', 'bi', 'pu', 'qi', 'yj'] as const) same(fast[key], literal[key]);
  });

  it('estimates μ + b_u + b_i + q_iᵀ(p_u + |I_u|^-½ Σ y_j), with the known parts only for unknowns', () => {
    const ts = syntheticTrainset(3);
    const m = new SVDpp(options, 5).fit(ts);
    const u = 2;
    const i = 7;
    const items = ts.urItem.subarray(ts.urStart[u], ts.urStart[u + 1]);
    let est = ts.globalMean + m.bu[u] + m.bi[i];
    for (let f = 0; f < 5; f++) {
      let implicit = 0;
      for (const j of items) implicit += m.yj[j * 5 + f];
      est += m.qi[i * 5 + f] * (m.pu[u * 5 + f] + implicit / Math.sqrt(items.length));
    }
    expect(m.estimate(u, i)).toBeCloseTo(est, 12);
    expect(m.estimate(-1, i)).toBe(ts.globalMean + m.bi[i]);
    expect(m.estimate(u, -1)).toBe(ts.globalMean + m.bu[u]);
  });
});

describe('NMF', () => {
  it('multiplies factors by num/(denom + n·λ·x), items from the old user factors', () => {
    const nmf = new NMF({ n_factors: 1, n_epochs: 1, init_low: 1, init_high: 1 }).fit(tinyTrainset([['u0', 'i0', 4]]));
    // est = 1·1 = 1: p ← 1·(1·4)/(1·1 + 1·0.06·1), and q the same from the old p = 1.
    expect(nmf.pu[0]).toBeCloseTo(4 / 1.06, 14);
    expect(nmf.qi[0]).toBeCloseTo(4 / 1.06, 14);
    expect(nmf.estimate(0, 0)).toBeCloseTo((4 / 1.06) ** 2, 13);
  });

  it('keeps factors non-negative', () => {
    const nmf = new NMF({}, 2).fit(syntheticTrainset(5));
    expect(nmf.pu.every((x) => x >= 0) && nmf.qi.every((x) => x >= 0)).toBe(true);
  });

  it('unbiased: impossible for unknowns; biased: μ plus the known biases', () => {
    const ts = syntheticTrainset(5);
    expect(new NMF({}, 2).fit(ts).predict(-1, 0)).toMatchObject({ est: ts.globalMean, impossible: true });
    const biased = new NMF({ biased: true }, 2).fit(ts);
    expect(biased.estimate(-1, 3)).toBe(ts.globalMean + biased.bi[3]);
    expect(biased.estimate(3, -1)).toBe(ts.globalMean + biased.bu[3]);
  });

  it('refuses a negative init_low, as Surprise does', () => {
    expect(() => new NMF({ init_low: -0.1 })).toThrow(/init_low/);
  });
});
