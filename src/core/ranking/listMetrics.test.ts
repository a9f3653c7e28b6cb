import { describe, expect, it } from 'vitest';
import { instanceMetrics, listMetrics } from './listMetrics.ts';

const L3 = 1 / Math.log2(3);
const L5 = 1 / Math.log2(5);

describe('listMetrics', () => {
  it('scores a list with two hits among three relevant', () => {
    // rel at ranks 2 and 4, R = 3, K = 5.
    const m = listMetrics([0, 1, 0, 1, 0], 3, 5);
    expect(m.hr).toBe(1);
    expect(m.precision).toBe(2 / 5);
    expect(m.recall).toBe(2 / 3);
    // AP = (1/min(3,5)) · (P@2 + P@4) = (1/3)(1/2 + 2/4) = 1/3
    expect(m.ap).toBeCloseTo(1 / 3, 15);
    // DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/log2(4)
    expect(m.ndcg).toBeCloseTo((L3 + L5) / (1 + L3 + 0.5), 15);
    expect(m.mrr).toBe(1 / 2);
  });

  it('normalises by min(R, K) when fewer than K are relevant', () => {
    // One relevant at rank 3 of K = 3: AP = (1/1)·P@3 = 1/3; NDCG = (1/log2 4)/1 = 0.5.
    expect(listMetrics([0, 0, 1], 1, 3)).toEqual({ hr: 1, precision: 1 / 3, recall: 1, ap: 1 / 3, ndcg: 0.5, mrr: 1 / 3 });
    expect(listMetrics([1, 0, 0], 1, 3)).toEqual({ hr: 1, precision: 1 / 3, recall: 1, ap: 1, ndcg: 1, mrr: 1 });
    // More relevant than K: AP over min(R, K) = 2; both ranks hit: AP = (1 + 1)/2 = 1, NDCG = 1.
    expect(listMetrics([1, 1], 5, 2)).toEqual({ hr: 1, precision: 1, recall: 2 / 5, ap: 1, ndcg: 1, mrr: 1 });
  });

  it('gives zeros without a hit', () => {
    expect(listMetrics([0, 0, 0], 2, 3)).toEqual({ hr: 0, precision: 0, recall: 0, ap: 0, ndcg: 0, mrr: 0 });
  });

  it('divides precision by K when the list is shorter than K', () => {
    // One candidate, relevant, K = 3, R = 2: P = 1/3, AP = (1/2)·1, NDCG = 1/(1 + 1/log2 3).
    const m = listMetrics([1], 2, 3);
    expect(m).toEqual({ hr: 1, precision: 1 / 3, recall: 1 / 2, ap: 1 / 2, ndcg: 1 / (1 + L3), mrr: 1 });
  });

  it('reads only the first K ranks', () => {
    expect(listMetrics([0, 0, 1], 1, 2)).toEqual({ hr: 0, precision: 0, recall: 0, ap: 0, ndcg: 0, mrr: 0 });
  });
});

describe('instanceMetrics', () => {
  it('scores one positive by its rank', () => {
    expect(instanceMetrics(3, 5)).toEqual({ hr: 1, precision: 1 / 5, recall: 1, ap: 1 / 3, ndcg: 0.5, mrr: 1 / 3 });
    expect(instanceMetrics(1, 10)).toEqual({ hr: 1, precision: 1 / 10, recall: 1, ap: 1, ndcg: 1, mrr: 1 });
    expect(instanceMetrics(6, 5)).toEqual({ hr: 0, precision: 0, recall: 0, ap: 0, ndcg: 0, mrr: 0 });
  });

  it('agrees with listMetrics on a one-relevant list', () => {
    for (let rank = 1; rank <= 6; rank++) {
      const rel = Array.from({ length: 5 }, (_, r) => (r === rank - 1 ? 1 : 0));
      expect(instanceMetrics(rank, 5)).toEqual(listMetrics(rel, 1, 5));
    }
  });
});
