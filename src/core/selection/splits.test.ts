import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kcore } from '../ingest/filter.ts';
import type { RatingsTable } from '../ratings.ts';
import { syntheticTable } from '../testing/synthetic.ts';
import { ml100kAvailable, ml100kFold, ml100kKfoldOrder } from '../testing/ml100k.ts';
import {
  globalTimeSplit,
  linearQuantile,
  heldOutUsers,
  kFold,
  kFoldFromOrder,
  leaveOneOut,
  makeFolds,
  repeatedKFold,
  shuffleSplit,
  splitFingerprint,
  temporalLeaveLastOut,
  trainOnlyKcore,
  trainTestSizes,
  trainTestSplit,
  type Split,
} from './splits.ts';

/** A table from parallel per-row user, item and time arrays (ratings all 3). */
function table(user: number[], item: number[], time?: number[]): RatingsTable {
  const nUsers = Math.max(...user) + 1;
  const nItems = Math.max(...item) + 1;
  return {
    user: Int32Array.from(user),
    item: Int32Array.from(item),
    rating: new Float32Array(user.length).fill(3),
    time: time ? Float64Array.from(time) : new Float64Array(user.length).fill(NaN),
    verified: null,
    userIds: Array.from({ length: nUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: nItems }, (_, i) => `i${i}`),
  };
}

/** Train and test are disjoint and (when `all`) together cover 0..n-1. */
function expectPartition(s: Split, n: number, all = true): void {
  const seen = new Uint8Array(n);
  for (const k of [...s.train, ...s.test]) {
    expect(seen[k]).toBe(0);
    seen[k] = 1;
  }
  if (all) expect(seen.every((v) => v === 1)).toBe(true);
}

describe('kFold', () => {
  it('cuts n rows into folds whose sizes differ by at most one, the larger first', () => {
    const folds = kFold(103, { nSplits: 5, seed: 1 });
    expect(folds.map((f) => f.test.length)).toEqual([21, 21, 21, 20, 20]);
    for (const f of folds) expectPartition(f, 103);
    const tested = folds.flatMap((f) => [...f.test]).sort((a, b) => a - b);
    expect(tested).toEqual(Array.from({ length: 103 }, (_, k) => k));
  });

  it('is reproducible from its seed, differs across seeds, and keeps file order unshuffled', () => {
    expect(kFold(50, { seed: 7 })).toEqual(kFold(50, { seed: 7 }));
    expect(kFold(50, { seed: 7 })[0].test).not.toEqual(kFold(50, { seed: 8 })[0].test);
    const plain = kFold(10, { nSplits: 2, shuffle: false, seed: 0 });
    expect([...plain[1].test]).toEqual([5, 6, 7, 8, 9]);
    expect([...plain[1].train]).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses fewer than two folds or more folds than rows', () => {
    expect(() => kFold(10, { nSplits: 1, seed: 0 })).toThrow(/between 2 and 10/);
    expect(() => kFold(3, { nSplits: 4, seed: 0 })).toThrow(/between 2 and 3/);
  });

  it.runIf(ml100kAvailable())("reproduces Surprise's ML-100k folds from its permutation", () => {
    const order = ml100kKfoldOrder();
    const folds = kFoldFromOrder(order, 5);
    for (let f = 0; f < 5; f++) expect(folds[f]).toEqual(ml100kFold(order, f));
  });
});

describe('repeatedKFold', () => {
  it('gives nRepeats different partitions of nSplits folds each', () => {
    const folds = repeatedKFold(40, { nSplits: 4, nRepeats: 3, seed: 2 });
    expect(folds).toHaveLength(12);
    for (const f of folds) expectPartition(f, 40);
    expect(folds[0].test).not.toEqual(folds[4].test);
    expect(repeatedKFold(40, { nSplits: 4, nRepeats: 3, seed: 2 })).toEqual(folds);
  });
});

describe('shuffleSplit and trainTestSplit', () => {
  it("size fractions as Surprise does: test rounded up, train rounded down, counts as given", () => {
    expect(trainTestSizes(101, 0.2, null)).toEqual({ nTest: 21, nTrain: 80 });
    expect(trainTestSizes(101, null, 0.5)).toEqual({ nTest: 51, nTrain: 50 });
    expect(trainTestSizes(101, 10, 0.5)).toEqual({ nTest: 10, nTrain: 50 });
    expect(() => trainTestSizes(10, 6, 5)).toThrow(/exceed/);
    expect(() => trainTestSizes(10, 10, null)).toThrow(/below 10/);
    expect(() => trainTestSizes(10, 1.5, null)).toThrow(/fraction/);
  });

  it('draws a fresh seeded permutation per split', () => {
    const splits = shuffleSplit(101, { nSplits: 3, testSize: 0.2, seed: 4 });
    for (const s of splits) {
      expect(s.test).toHaveLength(21);
      expect(s.train).toHaveLength(80);
      expectPartition(s, 101);
    }
    expect(splits[0].test).not.toEqual(splits[1].test);
    expect(trainTestSplit(101, { testSize: 0.2, seed: 4 })).toEqual(splits[0]);
  });

  it('leaves rows out when train and test sizes do not cover them', () => {
    const s = trainTestSplit(100, { testSize: 10, trainSize: 50, seed: 0 });
    expect([s.train.length, s.test.length]).toEqual([50, 10]);
    expectPartition(s, 100, false);
  });
});

describe('leaveOneOut', () => {
  // user 0: 3 ratings, user 1: 1 rating, user 2: 2 ratings (rows interleaved).
  const t = table([0, 2, 0, 1, 2, 0], [0, 1, 2, 3, 4, 5]);

  it('tests one rating per user and trains on the rest, grouped by user', () => {
    for (const s of leaveOneOut(t, { nSplits: 4, seed: 3 })) {
      expectPartition(s, 6);
      expect([...s.test].map((k) => t.user[k])).toEqual([0, 2, 1]);
      // Users in order of first appearance (0, 2, 1), each user's rows in table order.
      const trainUsers = [...s.train].map((k) => t.user[k]);
      expect(trainUsers).toEqual([0, 0, 2]);
    }
  });

  it('leaves users with at most minNRatings ratings out of both sides', () => {
    const [s] = leaveOneOut(t, { nSplits: 1, minNRatings: 1, seed: 0 });
    expect([...s.test].map((k) => t.user[k])).toEqual([0, 2]);
    expect([...s.train, ...s.test].some((k) => t.user[k] === 1)).toBe(false);
    expect(() => leaveOneOut(t, { minNRatings: 3, seed: 0 })).toThrow(/minNRatings/);
  });

  it('is seeded', () => {
    const a = leaveOneOut(t, { nSplits: 6, seed: 9 });
    expect(leaveOneOut(t, { nSplits: 6, seed: 9 })).toEqual(a);
    expect(new Set(a.map((s) => s.test[0])).size).toBeGreaterThan(1);
  });
});

describe('temporalLeaveLastOut', () => {
  it("tests each user's latest rating when its item also occurs in training", () => {
    const t = table(
      // rows:  0  1  2  3  4  5  6  7  8
      [0, 0, 0, 1, 1, 2, 2, 3, 3],
      [0, 1, 2, 0, 9, 1, 0, 2, 1],
      [5, 9, 7, 1, 8, 3, 3, 4, NaN],
    );
    const s = temporalLeaveLastOut(t);
    // user 0: latest row 1 (item 1 also rated by users 2 and 3) → test.
    // user 1: latest row 4, but item 9 is rated nowhere else → stays in training.
    // user 2: equal times, the later row 6 wins (item 0 rated by users 0 and 1) → test.
    // user 3: row 8 has no time, so row 7 is latest (item 2 rated by user 0) → test.
    expect([...s.test]).toEqual([1, 6, 7]);
    expectPartition(s, 9);
  });

  it('breaks a tie on the latest time by the row later in the file', () => {
    const t = table(
      // rows:  0  1  2  3  4  5  6  7
      [0, 1, 0, 0, 1, 0, 1, 2],
      [0, 0, 1, 2, 1, 3, 2, 1],
      [9, 4, 9, 1, 4, 9, 2, 1],
    );
    // user 0: rows 0, 2, 5 share the latest time 9 → row 5 (item 3 nowhere else, so
    // it would stay in training: check the choice itself with an item that trains).
    // user 1: rows 1 and 4 share time 4 → row 4 (item 1 rated by users 0 and 2).
    // user 2: one rating → stays in training.
    const s = temporalLeaveLastOut(t);
    expect([...s.test]).toEqual([4]);
    expectPartition(s, 8);
    // Give item 3 a training rating (a new one-rating user): now user 0's row 5 is tested, not row 0 or 2.
    const t2 = table([...t.user, 3], [...t.item, 3], [...t.time, 1]);
    expect([...temporalLeaveLastOut(t2).test]).toEqual([4, 5]);
  });

  it('keeps users with too few ratings whole, and needs timestamps', () => {
    const t = table([0, 1, 1], [0, 0, 1], [1, 2, 3]);
    expect([...temporalLeaveLastOut(t).test]).toEqual([]);
    expect([...temporalLeaveLastOut(t, { minUserRatings: 1 }).test]).toEqual([0]);
    expect(() => temporalLeaveLastOut(table([0], [0]))).toThrow(/timestamps/);
  });
});

describe('heldOutUsers', () => {
  // 10 users with 1..10 ratings each.
  const user: number[] = [];
  const item: number[] = [];
  for (let u = 0; u < 10; u++) for (let j = 0; j <= u; j++) {
    user.push(u);
    item.push(j);
  }
  const t = table(user, item);

  it('holds out a seeded share of users, splitting their ratings into input and check parts', () => {
    const s = heldOutUsers(t, { userFraction: 0.3, seed: 5 });
    expectPartition(s, user.length);
    // 9 users are eligible (2+ ratings); 30 % of them is 3.
    expect(s.users).toHaveLength(3);
    expect(s.users.includes(0)).toBe(false);
    const held = new Set(s.users);
    const inTrain = new Set(s.train);
    for (const k of s.input) expect(inTrain.has(k)).toBe(true);
    for (const k of s.test) expect(held.has(t.user[k])).toBe(true);
    for (const u of s.users) {
      const own = user.flatMap((uu, k) => (uu === u ? [k] : []));
      const nInput = own.filter((k) => s.input.includes(k)).length;
      const nCheck = own.filter((k) => s.test.includes(k)).length;
      expect(nInput + nCheck).toBe(own.length);
      expect(nInput).toBe(Math.max(1, Math.round(own.length / 2)));
    }
    // Everyone else trains whole.
    for (let k = 0; k < user.length; k++) if (!held.has(user[k])) expect(inTrain.has(k)).toBe(true);
  });

  it('reveals the earliest ratings by time when every rating of the user has one', () => {
    const timed = table(
      // rows:  0   1   2   3  4  5  6  7
      [0, 0, 0, 0, 1, 1, 1, 1],
      [0, 1, 2, 3, 0, 1, 2, 3],
      [10, 20, 20, 5, 7, 3, 9, 1],
    );
    for (const seed of [1, 2, 3]) {
      // Both users held out (round(0.99·2) = 2); 3 of 4 ratings revealed each.
      const s = heldOutUsers(timed, { userFraction: 0.99, inputFraction: 0.75, seed });
      expect([...s.users]).toEqual([0, 1]);
      // user 0: times 5 (row 3), 10 (row 0), then a tie at 20 → the earlier row 1 is revealed.
      // user 1: times 1 (row 7), 3 (row 5), 7 (row 4); row 6 (time 9) is checked.
      expect([...s.input]).toEqual([0, 1, 3, 4, 5, 7]);
      expect([...s.test]).toEqual([2, 6]);
      expect([...s.train]).toEqual([0, 1, 3, 4, 5, 7]);
    }
  });

  it('draws the revealed ratings with the seed when a rating lacks a time', () => {
    // User 0 is fully timed, user 1 has one row without a time.
    const mixed = table([0, 0, 0, 0, 1, 1, 1, 1], [0, 1, 2, 3, 0, 1, 2, 3], [4, 3, 2, 1, 4, 3, 2, NaN]);
    const inputs = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const s = heldOutUsers(mixed, { userFraction: 0.99, seed });
      expect(s).toEqual(heldOutUsers(mixed, { userFraction: 0.99, seed }));
      // user 0 always reveals its two earliest (rows 3 and 2).
      expect([...s.input].filter((k) => k < 4)).toEqual([2, 3]);
      inputs.add(String([...s.input].filter((k) => k >= 4)));
    }
    expect(inputs.size).toBeGreaterThan(1);
  });

  it('holds out the users with the smallest keys and, without times, reveals the rows with the smallest keys', () => {
    const key = (text: string) => createHash('sha256').update(text).digest().readBigUInt64BE(0);
    const byKey = (a: [number, bigint], b: [number, bigint]) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    const s = heldOutUsers(t, { seed: 1, userFraction: 0.3 });
    // Users 1..9 are eligible; round(0.3 · 9) = 3 are held out.
    const users = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((u): [number, bigint] => [u, key(`1:u${u}`)]).sort(byKey).slice(0, 3).map(([u]) => u);
    expect([...s.users]).toEqual(users.sort((a, b) => a - b));
    const input: number[] = [];
    for (const u of users) {
      const own = user.flatMap((uu, k) => (uu === u ? [k] : []));
      const ordered = own.map((k): [number, bigint] => [k, key(`1:u${u}:i${item[k]}`)]).sort(byKey);
      input.push(...ordered.slice(0, Math.max(1, Math.round(own.length / 2))).map(([k]) => k));
    }
    expect([...s.input]).toEqual(input.sort((a, b) => a - b));
    expect(heldOutUsers(t, { seed: 1 })).toEqual(heldOutUsers(t, { seed: 1 }));
    expect(heldOutUsers(t, { seed: 1, userFraction: 0.5 }).users).not.toEqual(heldOutUsers(t, { seed: 2, userFraction: 0.5 }).users);
  });
});

describe('makeFolds', () => {
  it('dispatches a split description', () => {
    const t = table([0, 0, 1, 1, 2, 2], [0, 1, 0, 1, 0, 1], [1, 2, 3, 4, 5, 6]);
    expect(makeFolds(t, { kind: 'kfold', nSplits: 3, seed: 0 })).toEqual(kFold(6, { nSplits: 3, seed: 0 }));
    expect(makeFolds(t, { kind: 'temporal' })).toEqual([temporalLeaveLastOut(t)]);
    expect(makeFolds(t, { kind: 'train-test', testSize: 0.5, seed: 1 })[0].test).toHaveLength(3);
  });
});

describe('linearQuantile', () => {
  /** The definition: sort, then NumPy's lerp between the neighbours of position q·(n − 1). */
  const bySorting = (values: number[], q: number): number => {
    const sorted = Float64Array.from(values).sort();
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    if (pos <= 0) return sorted[0];
    if (pos >= sorted.length - 1) return sorted[sorted.length - 1];
    const g = pos - lo;
    const d = sorted[lo + 1] - sorted[lo];
    return g >= 0.5 ? sorted[lo + 1] - d * (1 - g) : sorted[lo] + d * g;
  };

  it('selects the same value as sorting would, ties, sorted and constant runs included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e9, max: 1e9, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('as drawn', 'sorted', 'reversed'),
        (drawn, q, order) => {
          const values = order === 'as drawn' ? drawn : drawn.slice().sort((a, b) => a - b);
          if (order === 'reversed') values.reverse();
          expect(linearQuantile(Float64Array.from(values), q)).toBe(bySorting(values, q));
        },
      ),
      { numRuns: 500 },
    );
    expect(linearQuantile(new Float64Array(100_000).fill(7), 0.8)).toBe(7);
  });
});

describe('globalTimeSplit', () => {
  it("cuts at NumPy's linear quantile of the timed rows: [1..10], q=0.8 → 8.2", () => {
    // Times out of order, so the cut must come from the sorted values.
    const times = [5, 9, 1, 10, 3, 8, 2, 7, 6, 4];
    const t = table(times.map((_, k) => k % 3), times.map((_, k) => k), times);
    const s = globalTimeSplit(t);
    expect(s.cut).toBe(8.2);
    expect([...s.test]).toEqual([1, 3]);
    expect([...s.train]).toEqual([0, 2, 4, 5, 6, 7, 8, 9]);
    // np.quantile([3,1,4,1,5,9,2,6], 0.8) == 5.6000000000000005; np.quantile([10,20,30], 0.25) == 15.0
    const u = table([0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 2, 3, 4, 5, 6, 7], [3, 1, 4, 1, 5, 9, 2, 6]);
    expect(globalTimeSplit(u, { quantile: 0.8 }).cut).toBe(5.6000000000000005);
    expect(globalTimeSplit(table([0, 0, 0], [0, 1, 2], [30, 10, 20]), { quantile: 0.25 }).cut).toBe(15);
  });

  it('tests ties at the cut and trains rows without a time', () => {
    const t = table(
      // rows:  0  1  2    3  4  5  6    7
      [0, 0, 0, 1, 1, 1, 2, 2],
      [0, 1, 2, 0, 1, 2, 0, 1],
      [3, 1, NaN, 3, 2, 4, 3, NaN],
    );
    // Timed values [1, 2, 3, 3, 3, 4]: q=0.5 → position 2.5 between 3 and 3 → cut 3.
    const s = globalTimeSplit(t, { quantile: 0.5 });
    expect(s.cut).toBe(3);
    expect([...s.test]).toEqual([0, 3, 5, 6]);
    expect([...s.train]).toEqual([1, 2, 4, 7]);
    // q=0.3 → position 1.5 between 2 and 3 → 2.5.
    expect(globalTimeSplit(t, { quantile: 0.3 }).cut).toBe(2.5);
  });

  it('refuses bad quantiles, tables without times and empty sides', () => {
    const t = table([0, 1], [0, 0], [1, 2]);
    for (const quantile of [0, 1, -0.1, 1.5, NaN]) expect(() => globalTimeSplit(t, { quantile })).toThrow(RangeError);
    expect(() => globalTimeSplit(table([0, 1], [0, 0]))).toThrow('a global time split needs timestamps, and this table has none');
    // All times equal: everything is at the cut, nothing trains.
    expect(() => globalTimeSplit(table([0, 1, 2], [0, 0, 0], [5, 5, 5]))).toThrow(/training set is empty/);
    // …unless rows without a time are there to train.
    expect([...globalTimeSplit(table([0, 1, 2], [0, 0, 0], [5, 5, NaN])).train]).toEqual([2]);
  });
});

describe('trainOnlyKcore', () => {
  // Training rows 0..6, test rows 7..10.
  const t = table(
    // rows: 0  1  2  3  4  5  6 | 7  8  9  10
    [0, 0, 1, 1, 2, 2, 3, 0, 2, 1, 3],
    [0, 1, 0, 1, 1, 2, 2, 2, 0, 0, 2],
  );
  const split: Split = { train: Int32Array.from([0, 1, 2, 3, 4, 5, 6]), test: Int32Array.from([7, 8, 9, 10]) };

  it('applies the k-core to a fixed point on the training rows only', () => {
    const before = splitFingerprint(split);
    const { split: s, unscorable } = trainOnlyKcore(t, split, { minUserRatings: 2, minItemRatings: 2 });
    // Round 1 drops user 3 (1 rating; its test row 10 does not count) → item 2 has 1 →
    // round 2 drops row 5 → user 2 has 1 → round 3 drops row 4. Stable: users 0, 1 × items 0, 1.
    expect([...s.train]).toEqual([0, 1, 2, 3]);
    // Test: row 7 (item 2 gone), row 8 (user 2 gone), row 10 (user 3 gone) are dropped.
    expect([...s.test]).toEqual([9]);
    expect(unscorable).toBe(3);
    expect(splitFingerprint(split)).toBe(before); // the input split is not touched
    // The same rows as the ingest k-core run on the training rows.
    expect([...s.train]).toEqual([...kcore(t, split.train.slice(), 2, 2).rows]);
  });

  it('with no minimum keeps training whole and drops only test rows unknown to training', () => {
    const cold: Split = { train: Int32Array.from([0, 1, 2, 3]), test: Int32Array.from([7, 8, 9, 10]) };
    const { split: s, unscorable } = trainOnlyKcore(t, cold, { minUserRatings: 0, minItemRatings: 0 });
    expect([...s.train]).toEqual([0, 1, 2, 3]);
    // Row 7: item 2 never trains; rows 8 and 10: users 2 and 3 never train.
    expect([...s.test]).toEqual([9]);
    expect(unscorable).toBe(3);
    expect(() => trainOnlyKcore(t, cold, { minUserRatings: 1.5, minItemRatings: 0 })).toThrow(RangeError);
  });

  it('matches a direct check on a larger table', () => {
    const big = syntheticTable(3, 60, 50, 0.15);
    const [f] = kFold(big.user.length, { nSplits: 5, seed: 1 }).slice(0, 1);
    const { split: s, unscorable } = trainOnlyKcore(big, f, { minUserRatings: 5, minItemRatings: 5 });
    const uc = new Map<number, number>();
    const ic = new Map<number, number>();
    for (const k of s.train) {
      uc.set(big.user[k], (uc.get(big.user[k]) ?? 0) + 1);
      ic.set(big.item[k], (ic.get(big.item[k]) ?? 0) + 1);
    }
    // A fixed point: every kept user and item still has 5+ training rows.
    expect(Math.min(...uc.values())).toBeGreaterThanOrEqual(5);
    expect(Math.min(...ic.values())).toBeGreaterThanOrEqual(5);
    expect(s.train.length).toBeLessThan(f.train.length);
    const kept = [...f.test].filter((k) => uc.has(big.user[k]) && ic.has(big.item[k]));
    expect([...s.test]).toEqual(kept);
    expect(unscorable).toBe(f.test.length - kept.length);
    expect(unscorable).toBeGreaterThan(0);
  });
});

describe('splitFingerprint', () => {
  /** FNV-1a 64 in BigInt over the little-endian bytes of the words, for reference. */
  function reference(words: number[]): string {
    let h = 0xcbf29ce484222325n;
    for (const w of words) {
      for (let b = 0; b < 32; b += 8) {
        h ^= BigInt((w >>> b) & 0xff);
        h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
      }
    }
    return h.toString(16).padStart(16, '0');
  }
  const s = (train: number[], test: number[]): Split => ({ train: Int32Array.from(train), test: Int32Array.from(test) });

  it('is 64-bit FNV-1a over [train length, train, test length, test]', () => {
    expect(splitFingerprint(s([], []))).toBe(reference([0, 0]));
    expect(splitFingerprint(s([], []))).toBe('a8c7f832281a39c5');
    const train = [0, 5, 2, 0x7fffffff, 123456789];
    const test = [1, -1, 300];
    expect(splitFingerprint(s(train, test))).toBe(reference([5, ...train, 3, ...test]));
    expect(splitFingerprint(s(train, test))).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is stable and changes when one row moves or the order changes', () => {
    const f = kFold(1000, { seed: 4 })[0];
    const base = splitFingerprint(f);
    expect(splitFingerprint({ train: f.train.slice(), test: f.test.slice() })).toBe(base);
    // Move the last training row to the end of test.
    const moved = { train: f.train.slice(0, -1), test: Int32Array.from([...f.test, f.train[f.train.length - 1]]) };
    expect(splitFingerprint(moved)).not.toBe(base);
    // Same rows, two swapped.
    const swapped = f.test.slice();
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    expect(splitFingerprint({ train: f.train, test: swapped })).not.toBe(base);
    // The boundary counts: [1,2 | 3] ≠ [1 | 2,3].
    expect(splitFingerprint(s([1, 2], [3]))).not.toBe(splitFingerprint(s([1], [2, 3])));
  });
});
