import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tinyTable, tinyTrainset, type Triple } from '../testing/tiny.ts';
import { computeBaselines, type Baselines } from './baseline.ts';
import { computeSimilarities, SIMILARITY_NAMES, symmetricLists, type SimOptions } from './similarities.ts';
import { buildTrainset, type Trainset } from './trainset.ts';

// u0: i0 5, i1 3, i2 4 · u1: i0 4, i1 1, i2 2 · u2: i1 2, i2 5 (inner ids in this order).
const rows: Triple[] = [
  ['u0', 'i0', 5],
  ['u1', 'i0', 4],
  ['u0', 'i1', 3],
  ['u1', 'i1', 1],
  ['u2', 'i1', 2],
  ['u0', 'i2', 4],
  ['u1', 'i2', 2],
  ['u2', 'i2', 5],
];
const opts = (o: Partial<SimOptions>): SimOptions => ({ name: 'msd', user_based: true, min_support: 1, shrinkage: 100, ...o });
const at = (sim: Float64Array, n: number, a: number, b: number) => sim[a * n + b];

describe('computeSimilarities by hand', () => {
  const ts = tinyTrainset(rows);

  it('msd: 1 / (mean squared difference + 1), user- and item-based', () => {
    const users = computeSimilarities(ts, opts({ name: 'msd' }));
    expect(at(users, 3, 0, 1)).toBe(1 / 4); // (1 + 4 + 4) / 3 = 3
    expect(at(users, 3, 0, 2)).toBe(1 / 2); // (1 + 1) / 2
    expect(at(users, 3, 1, 2)).toBe(1 / 6); // (1 + 9) / 2
    const items = computeSimilarities(ts, opts({ name: 'msd', user_based: false }));
    expect(at(items, 3, 0, 1)).toBe(1 / 7.5); // u0 (5, 3), u1 (4, 1)
    expect(at(items, 3, 1, 2)).toBe(1 / (11 / 3 + 1)); // (1 + 1 + 9) / 3
  });

  it('cosine over common ratings only', () => {
    const users = computeSimilarities(ts, opts({ name: 'cosine' }));
    expect(at(users, 3, 0, 1)).toBe(31 / Math.sqrt(50 * 21));
    expect(at(users, 3, 0, 2)).toBe(26 / Math.sqrt(25 * 29));
    const items = computeSimilarities(ts, opts({ name: 'cosine', user_based: false }));
    expect(at(items, 3, 1, 2)).toBe(24 / Math.sqrt(14 * 45));
    expect(at(items, 3, 0, 2)).toBe(28 / Math.sqrt(41 * 20));
  });

  it('pearson from the raw sums, 0 when a side is constant', () => {
    const users = computeSimilarities(ts, opts({ name: 'pearson' }));
    expect(at(users, 3, 0, 1)).toBeCloseTo(9 / Math.sqrt(84), 15); // centred: 3 / √(2 · 42/9)
    expect(at(users, 3, 0, 2)).toBe(1); // two points always correlate
    const items = computeSimilarities(ts, opts({ name: 'pearson', user_based: false }));
    expect(at(items, 3, 1, 2)).toBe(6 / Math.sqrt(84));
    const flat = tinyTrainset([
      ['a', 'x', 3],
      ['a', 'y', 3],
      ['b', 'x', 1],
      ['b', 'y', 5],
    ]);
    expect(at(computeSimilarities(flat, opts({ name: 'pearson' })), 2, 0, 1)).toBe(0);
  });

  it('pearson_baseline: baseline-centred cosine shrunk by (n − 1) / (n − 1 + shrinkage), support ≥ 2', () => {
    const b = computeBaselines(ts, { method: 'als', n_epochs: null, reg_i: 10, reg_u: 15, reg: 0.02, learning_rate: 0.005 });
    const d = (u: number, i: number, r: number) => r - (ts.globalMean + b.bi[i] + b.bu[u]);
    const rho = (pairs: [number, number, number, number, number][]) => {
      let p = 0;
      let si = 0;
      let sj = 0;
      for (const [u, v, i, ru, rv] of pairs) {
        p += d(u, i, ru) * d(v, i, rv);
        si += d(u, i, ru) ** 2;
        sj += d(v, i, rv) ** 2;
      }
      return p / Math.sqrt(si * sj);
    };
    const u01 = rho([[0, 1, 0, 5, 4], [0, 1, 1, 3, 1], [0, 1, 2, 4, 2]]);
    const u02 = rho([[0, 2, 1, 3, 2], [0, 2, 2, 4, 5]]);
    const sim = computeSimilarities(ts, opts({ name: 'pearson_baseline' }), b);
    expect(at(sim, 3, 0, 1)).toBeCloseTo(u01 * (2 / 102), 15);
    expect(at(sim, 3, 0, 2)).toBeCloseTo(u02 * (1 / 101), 15);
    expect(at(computeSimilarities(ts, opts({ name: 'pearson_baseline', shrinkage: 0 }), b), 3, 0, 1)).toBeCloseTo(u01, 15);
    expect(() => computeSimilarities(ts, opts({ name: 'pearson_baseline' }))).toThrow(/baselines/);
  });

  it('min_support zeroes pairs with too few common ratings; symmetric, unit diagonal, 0 without overlap', () => {
    for (const name of SIMILARITY_NAMES) {
      const b = computeBaselines(ts, { method: 'als', n_epochs: null, reg_i: 10, reg_u: 15, reg: 0.02, learning_rate: 0.005 });
      const sim = computeSimilarities(ts, opts({ name, min_support: 3 }), b);
      expect(at(sim, 3, 0, 1), name).not.toBe(0);
      expect([at(sim, 3, 0, 2), at(sim, 3, 1, 2)], name).toEqual([0, 0]);
      for (let a = 0; a < 3; a++) {
        expect(at(sim, 3, a, a)).toBe(1);
        for (let c = 0; c < 3; c++) expect(at(sim, 3, a, c)).toBe(at(sim, 3, c, a));
      }
    }
    const apart = tinyTrainset([
      ['a', 'x', 3],
      ['b', 'y', 4],
    ]);
    expect(at(computeSimilarities(apart, opts({ name: 'cosine' })), 2, 0, 1)).toBe(0);
    expect(() => computeSimilarities(ts, opts({ name: 'jaccard' as SimOptions['name'] }))).toThrow(/Wrong sim name/);
  });
});

/**
 * similarities.pyx transcribed literally: n×n accumulators filled for every ordered
 * pair of every y's list, ys in inner-id order; then the upper triangle.
 */
function surpriseReference(ts: Trainset, o: SimOptions, b: Baselines): Float64Array {
  const l = symmetricLists(ts, o.user_based);
  const n = l.nX;
  const [bx, by] = o.user_based ? [b.bu, b.bi] : [b.bi, b.bu];
  const acc = Array.from({ length: 6 }, () => new Float64Array(n * n));
  const [freq, prods, sqi, sqj, si, sj] = acc;
  for (let y = 0; y < l.nY; y++) {
    for (let p = l.yrStart[y]; p < l.yrStart[y + 1]; p++) {
      for (let q = l.yrStart[y]; q < l.yrStart[y + 1]; q++) {
        const [xi, xj] = [l.yrOther[p], l.yrOther[q]];
        let [ri, rj] = [l.yrRating[p], l.yrRating[q]];
        if (o.name === 'pearson_baseline') {
          const partial = ts.globalMean + by[y];
          [ri, rj] = [ri - (partial + bx[xi]), rj - (partial + bx[xj])];
        }
        const c = xi * n + xj;
        freq[c] += 1;
        prods[c] += o.name === 'msd' ? (ri - rj) ** 2 : ri * rj;
        sqi[c] += ri ** 2;
        sqj[c] += rj ** 2;
        si[c] += ri;
        sj[c] += rj;
      }
    }
  }
  const sim = new Float64Array(n * n);
  const minSupport = o.name === 'pearson_baseline' ? Math.max(2, o.min_support) : o.min_support;
  for (let xi = 0; xi < n; xi++) {
    sim[xi * n + xi] = 1;
    for (let xj = xi + 1; xj < n; xj++) {
      const c = xi * n + xj;
      const f = freq[c];
      let s = 0;
      if (f >= minSupport) {
        if (o.name === 'msd') s = 1 / (prods[c] / f + 1);
        else if (o.name === 'cosine') s = prods[c] / Math.sqrt(sqi[c] * sqj[c]);
        else if (o.name === 'pearson') {
          const denum = Math.sqrt((f * sqi[c] - si[c] ** 2) * (f * sqj[c] - sj[c] ** 2));
          s = denum === 0 ? 0 : (f * prods[c] - si[c] * sj[c]) / denum;
        } else s = (prods[c] / Math.sqrt(sqi[c] * sqj[c])) * ((f - 1) / (f - 1 + o.shrinkage));
      }
      sim[c] = s;
      sim[xj * n + xi] = s;
    }
  }
  return sim;
}

describe('computeSimilarities against a literal transcription of similarities.pyx', () => {
  // Non-integer ratings make every sum order-sensitive, so equality is bit for bit.
  const rng = createRng(7);
  const triples: Triple[] = [];
  for (let k = 0; k < 900; k++) triples.push([`u${rng.int(40)}`, `i${rng.int(30)}`, 1 + 4 * rng.next()]);
  const table = tinyTable(triples);
  const ts = buildTrainset(table, Int32Array.from(triples.keys()), { min: 1, max: 5 });
  const b = computeBaselines(ts, { method: 'sgd', n_epochs: null, reg_i: 10, reg_u: 15, reg: 0.02, learning_rate: 0.005 });

  for (const name of SIMILARITY_NAMES) {
    for (const user_based of [true, false]) {
      it(`${name}, ${user_based ? 'user' : 'item'}-based, min_support 3`, () => {
        const o = opts({ name, user_based, min_support: 3, shrinkage: 25 });
        expect(computeSimilarities(ts, o, b)).toEqual(surpriseReference(ts, o, b));
      });
    }
  }
});
