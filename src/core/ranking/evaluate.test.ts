import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RatingsTable } from '../ratings.ts';
import type { Split } from '../split.ts';
import { syntheticTable } from '../testing/synthetic.ts';
import { rankModel, type RankingResult, type Scorer } from './evaluate.ts';
import { handCase, hashScorer, mapScorer } from './fixtures.ts';
import type { Negatives } from './negatives.ts';

const A = 0, B = 1, C = 2, E = 3, D = 4;
const L3 = 1 / Math.log2(3);
const lg = Math.log2;

/** Hand case scores (fixtures.ts); every pair not listed is NaN. */
function handScorer(): Scorer {
  const { table } = handCase();
  return mapScorer(table, {
    u1: { k10: 2, k9: 2, x: 3 }, // b = c = 2 (tie), d = 3, e NaN
    u2: { x: -Infinity }, // d = −∞ still ranks above NaN c and e
    u5: { m: 1 }, // a = 1, b c e NaN
  });
}

function perUser(r: RankingResult, e: number): number[] {
  const p = r.perUser;
  return [p.hr[e], p.precision[e], p.recall[e], p.ap[e], p.ndcg[e], p.mrr[e]];
}

describe('rankModel, full protocol', () => {
  it('scores the hand case', async () => {
    const { table, split } = handCase();
    const r = await rankModel(handScorer(), table, split, { k: 2 });
    expect(r.users).toBe(3);
    expect(Array.from(r.perUser.user)).toEqual([0, 1, 4]); // u3 and u4 skipped
    // u1: candidates b c e d; order d (3), b (2, 'k10' < 'k9'), c (2), e (NaN) → [d, b].
    // Relevant {b, c}: rel [0, 1] → HR 1, P 1/2, R 1/2, AP (1/2)(1/2), NDCG (1/log2 3)/(1 + 1/log2 3), MRR 1/2.
    expect(perUser(r, 0)).toEqual([1, 0.5, 0.5, 0.25, L3 / (1 + L3), 0.5]);
    // u2: d (−∞), then NaN c, e by id ('k9' < 'n') → [d, c]. Relevant {d}: rel [1, 0].
    expect(perUser(r, 1)).toEqual([1, 0.5, 1, 1, 1, 1]);
    // u5: a (1), then NaN b, c, e by id → [a, b]. Relevant {c}: no hit.
    expect(perUser(r, 2)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.hr).toBeCloseTo(2 / 3, 15);
    expect(r.precision).toBeCloseTo(1 / 3, 15);
    expect(r.recall).toBeCloseTo(1 / 2, 15);
    expect(r.map).toBeCloseTo(5 / 12, 15);
    expect(r.ndcg).toBeCloseTo((L3 / (1 + L3) + 1) / 3, 15);
    expect(r.mrr).toBeCloseTo(1 / 2, 15);
    // Lists [d, b], [d, c], [a, b]; popularity a 3, b 1, c 1, d 2, e 1; U = 5; head {a}.
    expect(r.coverage).toBe(4 / 5);
    expect(r.novelty).toBeCloseTo((2 * lg(5 / 2) + 3 * lg(5) + lg(5 / 3)) / 6, 14);
    expect(r.arp).toBeCloseTo(5 / 3, 15);
    expect(r.longTail).toBeCloseTo(5 / 6, 15);
    expect(r.gini).toBeCloseTo(1 / 3, 15); // exposure [0, 1, 1, 2, 2]
    expect(r.negatives).toBeUndefined();
    expect(r.shortUsers).toBeUndefined();
  });

  it('applies the relevance threshold', async () => {
    const { table, split } = handCase();
    // T = 4.5: u1 relevant {b} (a 5 among its test ratings), u2 {d}; u5 (c: 4) skipped.
    const r = await rankModel(handScorer(), table, split, { k: 2, relevance: 4.5 });
    expect(Array.from(r.perUser.user)).toEqual([0, 1]);
    // u1: [d, b], rel [0, 1], R = 1: AP = 1/2, NDCG = 1/log2 3.
    expect(perUser(r, 0)).toEqual([1, 0.5, 1, 0.5, L3, 0.5]);
    expect(r.map).toBe(0.75);
  });

  it('ranks the whole candidate list when K exceeds it', async () => {
    const { table, split } = handCase();
    // K = 10; u2 has 3 candidates: [d, c, e], relevant d at 1: P = 1/10.
    const r = await rankModel(handScorer(), table, split, { k: 10 });
    expect(perUser(r, 1)).toEqual([1, 0.1, 1, 1, 1, 1]);
    // Every user's full list together covers the catalog: coverage 1.
    expect(r.coverage).toBe(1);
  });

  it('returns NaN means when no user is evaluated', async () => {
    const { table, split } = handCase();
    const r = await rankModel(handScorer(), table, split, { k: 2, relevance: 6 });
    expect(r.users).toBe(0);
    expect(r.hr).toBeNaN();
    expect(r.coverage).toBe(0);
    expect(r.gini).toBe(0);
  });

  it('agrees with a brute-force sort of every candidate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 30 }), async (seed, k, salt) => {
        const table = syntheticTable(seed, 12, 25, 0.35);
        const split = halfSplit(table, seed);
        const model = hashScorer(salt);
        const r = await rankModel(model, table, split, { k, relevance: salt % 3 === 0 ? 4 : undefined });
        const ref = await bruteForce(model, table, split, k, salt % 3 === 0 ? 4 : undefined);
        expect(Array.from(r.perUser.user)).toEqual(ref.users);
        for (let e = 0; e < ref.users.length; e++) {
          const got = perUser(r, e);
          for (let m = 0; m < 6; m++) expect(got[m]).toBeCloseTo(ref.metrics[e][m], 12);
        }
        expect(r.coverage).toBe(ref.coverage);
      }),
      { numRuns: 60 },
    );
  });
});

describe('rankModel, sampled protocol', () => {
  // Hand negatives (every eligible item, N = 3): u1 {d, e}, u2 {c, e}, u5 {a, b, e}.
  const frozen: Negatives = {
    n: 3,
    seed: 0,
    users: Int32Array.from([0, 1, 4]),
    userStart: Int32Array.from([0, 2, 4, 7]),
    items: Int32Array.from([E, D, C, E, A, B, E]),
  };

  it('ranks each relevant item against the frozen negatives (hand case)', async () => {
    const { table, split } = handCase();
    const r = await rankModel(handScorer(), table, split, { k: 2, frozen });
    // u1, positive b (2): d (3) beats it, e (NaN) does not → rank 2; list [d, b].
    //     positive c (2): rank 2; list [d, c]. Mean of two identical instances.
    expect(perUser(r, 0)).toEqual([1, 0.5, 1, 0.5, L3, 0.5]);
    // u2, positive d (−∞) over NaN c, e → rank 1; list [d, c].
    expect(perUser(r, 1)).toEqual([1, 0.5, 1, 1, 1, 1]);
    // u5, positive c (NaN): a (1) beats it, b (NaN, 'k10' < 'k9') beats it, e ('n') does not
    //     → rank 3 > K; list [a, b].
    expect(perUser(r, 2)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.hr).toBeCloseTo(2 / 3, 15);
    expect(r.precision).toBeCloseTo(1 / 3, 15);
    expect(r.recall).toBeCloseTo(2 / 3, 15);
    expect(r.map).toBeCloseTo(0.5, 15);
    expect(r.ndcg).toBeCloseTo((L3 + 1) / 3, 15);
    expect(r.mrr).toBeCloseTo(0.5, 15);
    // Lists: u1 [d, b], [d, c]; u2 [d, c]; u5 [a, b]. Exposure a 1, b 2, c 2, d 3, e 0.
    expect(r.coverage).toBe(4 / 5);
    expect(r.novelty).toBeCloseTo((3 * lg(5 / 2) + 4 * lg(5) + lg(5 / 3)) / 8, 14);
    // ARP: u1 (2+1+2+1)/4, u2 (2+1)/2, u5 (3+1)/2 → (1.5 + 1.5 + 2)/3
    expect(r.arp).toBeCloseTo(5 / 3, 15);
    expect(r.longTail).toBeCloseTo(7 / 8, 15);
    // Gini over [0, 1, 2, 2, 3]: (−2 + 0 + 4 + 12) / (5·8) = 0.35
    expect(r.gini).toBeCloseTo(0.35, 15);
    expect(r.shortUsers).toBe(2); // u1 and u2 have 2 < 3
    expect(r.negatives).toBe(frozen);
  });

  it('draws the same negatives as sampleNegatives and counts short users', async () => {
    const { table, split } = handCase();
    const r = await rankModel(handScorer(), table, split, { k: 2, negatives: 3, seed: 5 });
    // Every eligible item is taken, so the drawn set is the hand set (ascending index).
    expect(Array.from(r.negatives!.items)).toEqual([E, D, C, E, A, B, E]);
    expect(r.shortUsers).toBe(2);
    expect(r.hr).toBeCloseTo(2 / 3, 15);
  });

  it('reproduces exactly from frozen negatives, and another model sees the same ones', async () => {
    const table = syntheticTable(3, 40, 60, 0.3);
    const split = halfSplit(table, 3);
    const first = await rankModel(hashScorer(1), table, split, { k: 5, negatives: 10, seed: 42 });
    expect(first.shortUsers).toBe(0);
    // Stored (structured clone) and given back: the very same result.
    const stored = structuredClone(first.negatives!);
    const again = await rankModel(hashScorer(1), table, split, { k: 5, frozen: stored });
    expect({ ...again, negatives: undefined }).toEqual({ ...first, negatives: undefined });
    expect(again.negatives).toEqual(first.negatives);
    // Redrawn from the same seed: equal; another seed: different.
    const redrawn = await rankModel(hashScorer(1), table, split, { k: 5, negatives: 10, seed: 42 });
    expect(redrawn.negatives).toEqual(first.negatives);
    const other = await rankModel(hashScorer(1), table, split, { k: 5, negatives: 10, seed: 43 });
    expect(other.negatives!.items).not.toEqual(first.negatives!.items);
    // Another model, asked for exactly the frozen negatives plus the relevant items.
    const asked = new Map<number, Set<number>>();
    const spy: Scorer = {
      async estimate(u, i) {
        for (let k = 0; k < u.length; k++) {
          if (!asked.has(u[k])) asked.set(u[k], new Set());
          asked.get(u[k])!.add(i[k]);
        }
        return new Float64Array(u.length);
      },
    };
    const byOther = await rankModel(spy, table, split, { k: 5, frozen: stored });
    for (let e = 0; e < stored.users.length; e++) {
      const negs = Array.from(stored.items.subarray(stored.userStart[e], stored.userStart[e + 1]));
      const got = asked.get(stored.users[e])!;
      for (const i of negs) expect(got.has(i)).toBe(true);
    }
    // All scores 0: every positive ties with its negatives and ranks by item id.
    expect(byOther.users).toBe(first.users);
  });

  it('agrees with a brute-force rank of each positive among its negatives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 12 }), async (seed, k, n) => {
        const table = syntheticTable(seed, 12, 25, 0.35);
        const split = halfSplit(table, seed);
        const model = hashScorer(seed);
        const r = await rankModel(model, table, split, { k, negatives: n, seed });
        const negs = r.negatives!;
        const ids = table.itemIds;
        // Position of each relevant item in the list, straight from the table.
        const ref = await bruteForce(model, table, split, k);
        expect(Array.from(r.perUser.user)).toEqual(ref.users);
        for (let e = 0; e < ref.users.length; e++) {
          const u = ref.users[e];
          const neg = Array.from(negs.items.subarray(negs.userStart[e], negs.userStart[e + 1]));
          const rel = ref.relevant[e];
          const s = await model.estimate(new Int32Array(neg.length + rel.length).fill(u), Int32Array.from([...neg, ...rel]));
          const sums = [0, 0, 0, 0, 0, 0];
          rel.forEach((pos, j) => {
            const sp = s[neg.length + j];
            const before = neg.filter((x, q) => {
              const sn = s[q];
              if (Number.isNaN(sn) !== Number.isNaN(sp)) return Number.isNaN(sp);
              if (!Number.isNaN(sn) && sn !== sp) return sn > sp;
              return ids[x] < ids[pos];
            }).length;
            const rank = before + 1;
            const hit = rank <= k ? 1 : 0;
            [hit, hit / k, hit, hit / rank, hit / Math.log2(rank + 1), hit / rank].forEach((v, m) => (sums[m] += v));
          });
          const got = perUser(r, e);
          for (let m = 0; m < 6; m++) expect(got[m]).toBeCloseTo(sums[m] / rel.length, 12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a negatives count that contradicts the frozen set', async () => {
    const { table, split } = handCase();
    await expect(rankModel(handScorer(), table, split, { k: 2, frozen, negatives: 5 })).rejects.toThrow(/hold 3/);
  });
});

/** The scorer with estimateGrid too, built from its own pair estimates: the grid path must give the same results. */
function withGrid(model: Scorer): Scorer & { grids: number } {
  const g = {
    grids: 0,
    estimate: (u: Int32Array, i: Int32Array) => model.estimate(u, i),
    async estimateGrid(users: Int32Array, items: Int32Array) {
      g.grids++;
      const u = new Int32Array(users.length * items.length);
      const i = new Int32Array(u.length);
      users.forEach((x, r) => {
        u.fill(x, r * items.length, (r + 1) * items.length);
        i.set(items, r * items.length);
      });
      return model.estimate(u, i);
    },
  };
  return g;
}

describe('rankModel, full protocol over catalog rows (estimateGrid)', () => {
  it('gives exactly the pair path\'s results, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 400 }), async (seed, k, salt, chunkPairs) => {
        const table = syntheticTable(seed, 12, 25, 0.35);
        const split = halfSplit(table, seed);
        const opts = { k, relevance: salt % 3 === 0 ? 4 : undefined, chunkPairs };
        const grid = withGrid(hashScorer(salt));
        const got = await rankModel(grid, table, split, opts);
        expect(got).toEqual(await rankModel(hashScorer(salt), table, split, opts));
        if (got.users > 0) expect(grid.grids).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('chunking', () => {
  it('does not change any result, in either protocol', async () => {
    const table = syntheticTable(11, 50, 40, 0.3);
    const split = halfSplit(table, 11);
    for (const sampled of [false, true]) {
      const base = { k: 7, relevance: 3, ...(sampled ? { negatives: 15, seed: 4 } : {}) };
      const big = hashScorer(2);
      const one = hashScorer(2);
      const pairs = hashScorer(2);
      const rBig = await rankModel(big, table, split, { ...base, chunkUsers: 10_000, chunkPairs: 1 << 30 });
      const rOne = await rankModel(one, table, split, { ...base, chunkUsers: 1 });
      const rPairs = await rankModel(pairs, table, split, { ...base, chunkPairs: 50 });
      expect(rOne).toEqual(rBig);
      expect(rPairs).toEqual(rBig);
      expect(big.calls.length).toBe(1);
      expect(one.calls.length).toBe(rBig.users);
      // A chunk exceeds the pair budget only when one user alone does.
      const perUserPairs = sampled ? 15 + 40 : 40;
      for (const c of pairs.calls) expect(c <= 50 || c <= perUserPairs).toBe(true);
      expect(pairs.calls.length).toBeGreaterThan(1);
    }
  });

  it('reports progress per chunk', async () => {
    const table = syntheticTable(12, 30, 20, 0.4);
    const split = halfSplit(table, 12);
    const seen: number[] = [];
    const r = await rankModel(hashScorer(), table, split, { k: 3, chunkUsers: 8, onProgress: (done, n) => seen.push(done / n) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBe(Math.ceil(r.users / 8));
  });
});

/** Rows split by a seeded coin: about half test. */
function halfSplit(table: RatingsTable, seed: number): Split {
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k < table.rating.length; k++) {
    const h = (Math.imul(k + 1, 0x27d4eb2d) ^ seed) >>> 0;
    (h % 2 ? test : train).push(k);
  }
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** The full protocol the slow way: sets, a comparator sort of every candidate, textbook formulas. */
async function bruteForce(model: Scorer, table: RatingsTable, split: Split, k: number, relevance?: number) {
  const catalog = new Set<number>();
  const trained = new Map<number, Set<number>>();
  for (const row of split.train) {
    catalog.add(table.item[row]);
    const u = table.user[row];
    if (!trained.has(u)) trained.set(u, new Set());
    trained.get(u)!.add(table.item[row]);
  }
  const relevantOf = new Map<number, Set<number>>();
  for (const row of split.test) {
    const u = table.user[row];
    const i = table.item[row];
    if (!catalog.has(i) || trained.get(u)?.has(i)) continue;
    if (relevance !== undefined && !(table.rating[row] >= relevance)) continue;
    if (!relevantOf.has(u)) relevantOf.set(u, new Set());
    relevantOf.get(u)!.add(i);
  }
  const users = [...relevantOf.keys()].sort((a, b) => a - b);
  const metrics: number[][] = [];
  const covered = new Set<number>();
  for (const u of users) {
    const cands = [...catalog].filter((i) => !trained.get(u)?.has(i));
    const s = await model.estimate(new Int32Array(cands.length).fill(u), Int32Array.from(cands));
    const score = new Map(cands.map((i, j) => [i, s[j]]));
    const ids = table.itemIds;
    cands.sort((a, b) => {
      const sa = score.get(a)!;
      const sb = score.get(b)!;
      if (Number.isNaN(sa) !== Number.isNaN(sb)) return Number.isNaN(sa) ? 1 : -1;
      if (!Number.isNaN(sa) && sa !== sb) return sb > sa ? 1 : -1;
      return ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0;
    });
    const top = cands.slice(0, k);
    top.forEach((i) => covered.add(i));
    const rel = relevantOf.get(u)!;
    const flags = top.map((i) => (rel.has(i) ? 1 : 0));
    const hits = flags.reduce((x: number, y) => x + y, 0);
    let ap = 0;
    let dcg = 0;
    let seen = 0;
    let first = 0;
    flags.forEach((f, r) => {
      if (!f) return;
      seen++;
      ap += seen / (r + 1);
      dcg += 1 / Math.log2(r + 2);
      if (!first) first = r + 1;
    });
    let idcg = 0;
    for (let r = 0; r < Math.min(rel.size, k); r++) idcg += 1 / Math.log2(r + 2);
    metrics.push([hits ? 1 : 0, hits / k, hits / rel.size, ap / Math.min(rel.size, k), dcg / idcg, first ? 1 / first : 0]);
  }
  return { users, metrics, coverage: covered.size / catalog.size, relevant: users.map((u) => [...relevantOf.get(u)!]) };
}
