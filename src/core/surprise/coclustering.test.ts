import { describe, expect, it } from 'vitest';
import { syntheticTrainset } from '../testing/synthetic.ts';
import { tinyTrainset } from '../testing/tiny.ts';
import { CoClustering } from './coclustering.ts';

// μ = 3; user means 2 (u0), 4 (u1); item means 2.5 (i0), 3.5 (i1).
const rows = [
  ['u0', 'i0', 1],
  ['u1', 'i0', 4],
  ['u0', 'i1', 3],
  ['u1', 'i1', 4],
] as const;

describe('CoClustering', () => {
  it('with one cluster each, estimates μ_u + μ_i − μ', () => {
    const algo = new CoClustering({ n_cltr_u: 1, n_cltr_i: 1 }).fit(tinyTrainset(rows));
    expect(algo.estimate(0, 0)).toBeCloseTo(2 + 2.5 - 3, 14);
    expect(algo.estimate(1, 1)).toBeCloseTo(4 + 3.5 - 3, 14);
  });

  it('estimates avg(C_ui) + (μ_u − avg(C_u)) + (μ_i − avg(C_i)) from its final clusters', () => {
    const ts = syntheticTrainset(6);
    const algo = new CoClustering({}, 4).fit(ts);
    const [u, i] = [5, 9];
    const uc = algo.cltrU[u];
    const ic = algo.cltrI[i];
    const mean = (pick: (p: number) => boolean): number => {
      let s = 0;
      let n = 0;
      for (let p = 0; p < ts.nRatings; p++) if (pick(p)) (s += ts.r[p]), n++;
      return s / n;
    };
    const co = mean((p) => algo.cltrU[ts.u[p]] === uc && algo.cltrI[ts.i[p]] === ic);
    const userCluster = mean((p) => algo.cltrU[ts.u[p]] === uc);
    const itemCluster = mean((p) => algo.cltrI[ts.i[p]] === ic);
    const userMean = mean((p) => ts.u[p] === u);
    const itemMean = mean((p) => ts.i[p] === i);
    expect(algo.estimate(u, i)).toBeCloseTo(co + userMean - userCluster + itemMean - itemCluster, 12);
  });

  it('an empty cluster averages to μ', () => {
    // Two users cannot fill five clusters.
    const algo = new CoClustering({ n_cltr_u: 5, n_cltr_i: 1 }).fit(tinyTrainset(rows));
    const used = new Set(algo.cltrU);
    const empty = [0, 1, 2, 3, 4].find((c) => !used.has(c))!;
    expect(algo.avg.user[empty]).toBe(3);
  });

  it('answers the global mean for an unknown user or item, as an estimate, not a fallback', () => {
    const algo = new CoClustering().fit(tinyTrainset(rows));
    expect(algo.predict(-1, 0)).toEqual({ est: 3, impossible: false, reason: undefined });
    expect(algo.predict(0, -1)).toEqual({ est: 3, impossible: false, reason: undefined });
  });
});
