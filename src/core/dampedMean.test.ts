import { describe, expect, it } from 'vitest';
import { dampedMean, itemEvidence, rankByDampedMean } from './dampedMean.ts';
import { tinyTable, type Triple } from './testing/tiny.ts';

// A: 5, 5; B: 1; H: ten 2s; C: 4, 4, 4, 4; E: 5, 5 (A's twin, for ties); the last row (D: 2) is not a training row.
const rows: Triple[] = [
  ['u1', 'A', 5], ['u2', 'A', 5], ['u1', 'B', 1],
  ...Array.from({ length: 10 }, (_, k): Triple => [`u${k + 1}`, 'H', 2]),
  ['u1', 'C', 4], ['u2', 'C', 4], ['u3', 'C', 4], ['u4', 'C', 4], ['u3', 'E', 5], ['u4', 'E', 5], ['u5', 'D', 2],
];
const table = tinyTable(rows);
const train = Int32Array.from({ length: rows.length - 1 }, (_, k) => k);
const [A, B, H, C, E, D] = [0, 1, 2, 3, 4, 5];
// Training ratings: 10 + 1 + 20 + 16 + 10 = 57 over 19, so μ = 3.
const MU = 3;

describe('dampedMean', () => {
  it('adds weight phantom ratings at the prior', () => {
    expect(dampedMean(10, 2, 3, 2)).toBe(4); // (10 + 2·3) / (2 + 2)
    expect(dampedMean(10, 2, 3, 0)).toBe(5); // the plain mean
    expect(dampedMean(0, 0, 3, 5)).toBe(3); // no rating: the prior
    expect(dampedMean(0, 0, 3, 0)).toBeNaN();
  });

  it("computes each item's count, mean and damped mean over the given rows only", () => {
    const ev = itemEvidence(table, train, 2);
    expect(ev.globalMean).toBe(MU);
    expect(Array.from(ev.count)).toEqual([2, 1, 10, 4, 2, 0]);
    expect(ev.mean[A]).toBe(5);
    expect(ev.mean[D]).toBeNaN();
    expect(ev.damped[A]).toBe(4); // (10 + 2·3) / 4
    expect(ev.damped[B]).toBeCloseTo(7 / 3, 15); // (1 + 6) / 3
    expect(ev.damped[H]).toBeCloseTo(26 / 12, 15); // (20 + 6) / 12
    expect(ev.damped[C]).toBeCloseTo(22 / 6, 15); // (16 + 6) / 6
    expect(ev.damped[D]).toBe(MU); // no training rating: the prior
    expect(() => itemEvidence(table, train, -1)).toThrow(/prior weight must be ≥ 0/);
  });

  it('ranks by damped mean among items with enough ratings, ties by raw id', () => {
    const ev = itemEvidence(table, train, 2);
    const ids = table.itemIds;
    // Damped: A 4, E 4, C 3.67, B 2.33, H 2.17. A and E tie (same ratings): A first by id.
    expect(Array.from(rankByDampedMean(ev, 1, 10, 'highest', ids))).toEqual([A, E, C, B, H]);
    expect(Array.from(rankByDampedMean(ev, 1, 10, 'lowest', ids))).toEqual([H, B, C, A, E]);
    // At least 2 ratings: B (one) goes; at least 4: H and C. D (none here) never ranks, even with minCount 0.
    expect(Array.from(rankByDampedMean(ev, 2, 10, 'lowest', ids))).toEqual([H, C, A, E]);
    expect(Array.from(rankByDampedMean(ev, 4, 10, 'lowest', ids))).toEqual([H, C]);
    expect(Array.from(rankByDampedMean(ev, 0, 1, 'lowest', ids))).toEqual([H]);
  });

  it("lets the prior weight decide whether one 1-star or ten 2-stars is the worst", () => {
    // Undamped, B's single 1 is the lowest mean; with weight 0.5: B (1 + 1.5)/1.5 = 1.67 < H (20 + 1.5)/10.5 = 2.05.
    expect(Array.from(rankByDampedMean(itemEvidence(table, train, 0), 1, 2, 'lowest', table.itemIds))).toEqual([B, H]);
    expect(Array.from(rankByDampedMean(itemEvidence(table, train, 0.5), 1, 2, 'lowest', table.itemIds))).toEqual([B, H]);
    // Weight 5: B (1 + 15)/6 = 2.67 > H (20 + 15)/15 = 2.33: ten 2s are stronger evidence.
    const heavy = itemEvidence(table, train, 5);
    expect(heavy.damped[B]).toBeCloseTo(16 / 6, 15);
    expect(heavy.damped[H]).toBeCloseTo(35 / 15, 15);
    expect(Array.from(rankByDampedMean(heavy, 1, 2, 'lowest', table.itemIds))).toEqual([H, B]);
  });
});
