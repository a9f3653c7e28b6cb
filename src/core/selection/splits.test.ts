import { describe, expect, it } from 'vitest';
import type { RatingsTable } from '../ratings.ts';
import { ml100kAvailable, ml100kFold, ml100kKfoldOrder } from '../testing/ml100k.ts';
import {
  heldOutUsers,
  kFold,
  kFoldFromOrder,
  leaveOneOut,
  makeFolds,
  repeatedKFold,
  shuffleSplit,
  temporalLeaveLastOut,
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

  it('is reproducible from its seed', () => {
    expect(heldOutUsers(t, { seed: 1 })).toEqual(heldOutUsers(t, { seed: 1 }));
    expect(heldOutUsers(t, { seed: 1, userFraction: 0.5 }).users).not.toEqual(
      heldOutUsers(t, { seed: 2, userFraction: 0.5 }).users,
    );
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
