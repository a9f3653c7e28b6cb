import { describe, expect, it } from 'vitest';
import { loadMl100k, ml100kAnchorFolds, ml100kAvailable, ml100kFold, ml100kKfoldOrder, ml100kSplit80 } from './ml100k.ts';

describe.runIf(ml100kAvailable())('MovieLens-100k fixture', () => {
  it('loads 100k ratings and Surprise folds that partition them', () => {
    const t = loadMl100k();
    expect(t.rating.length).toBe(100_000);
    expect(t.userIds.length).toBe(943);
    expect(t.itemIds.length).toBe(1682);
    const order = ml100kKfoldOrder();
    const { train, test } = ml100kFold(order, 2);
    expect(train.length).toBe(80_000);
    expect(test.length).toBe(20_000);
    expect(new Set([...train, ...test]).size).toBe(100_000);
    expect(ml100kAnchorFolds().find((r) => r.algo === 'BaselineOnly' && r.fold === 0)?.rmse).toBeGreaterThan(0.9);
  });

  it("reads Surprise's 80/20 split as train rows then test rows over one id dictionary", () => {
    const { table, split } = ml100kSplit80();
    expect(split.train.length).toBe(80_000);
    expect(split.test.length).toBe(20_000);
    expect(Array.from(split.train.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(split.test[0]).toBe(80_000);
    expect(table.rating.length).toBe(100_000);
    expect(new Set(table.userIds).size).toBe(table.userIds.length);
    expect(new Set(table.itemIds).size).toBe(table.itemIds.length);
  });
});
