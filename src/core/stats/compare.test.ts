import { describe, expect, it } from 'vitest';
import { compareUsers, significant } from './compare.ts';
import { holm } from './holm.ts';
import { pairedTTest, wilcoxon } from './paired.ts';

describe('compareUsers', () => {
  it('pairs users by key, skips users or values missing on either side, and corrects across metrics', () => {
    const a = { users: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'only-a'], columns: { hr: [1, 1, 0, 1, 1, 1, 1], rmse: [0.9, 1.1, 0.7, NaN, 1.3, 0.8, 5] } };
    const b = { users: ['u6', 'u5', 'u4', 'u3', 'u2', 'u1', 'only-b'], columns: { hr: [0, 0, 1, 0, 0, 1, 0], rmse: [1.0, 1.2, 0.9, 0.9, 1.0, 1.1, 5] } };
    const c = compareUsers(a, b);
    expect(c.users).toBe(6);
    // hr: a = [1,1,0,1,1,1] for u1..u6; b for u1..u6 = [1,0,0,1,0,0].
    const hrA = [1, 1, 0, 1, 1, 1];
    const hrB = [1, 0, 0, 1, 0, 0];
    const t = pairedTTest(hrA, hrB);
    expect(c.metrics.hr).toMatchObject({ users: 6, meanA: 5 / 6, meanB: 2 / 6, diff: 0.5, tP: t.p, ci95: t.ci95 });
    // rmse: u4 has no value in a, so 5 users.
    const rmseA = [0.9, 1.1, 0.7, 1.3, 0.8];
    const rmseB = [1.1, 1.0, 0.9, 1.2, 1.0];
    expect(c.metrics.rmse.users).toBe(5);
    const w = [wilcoxon(hrA, hrB).p, wilcoxon(rmseA, rmseB).p];
    expect([c.metrics.hr.wilcoxonP, c.metrics.rmse.wilcoxonP]).toEqual(w);
    expect([c.metrics.hr.holmP, c.metrics.rmse.holmP]).toEqual(holm(w));
    expect(significant(c.metrics.hr)).toBe(c.metrics.hr.holmP < 0.05);
  });

  it('a clear, consistent difference over many users is significant; identical runs are not', () => {
    const n = 60;
    const users = Array.from({ length: n }, (_, k) => k);
    const base = users.map((k) => ((k * 37) % 11) / 10);
    const better = { users, columns: { ndcg: base.map((x, k) => x + 0.05 + ((k % 3) - 1) * 0.01) } };
    const same = { users, columns: { ndcg: base } };
    const c = compareUsers(better, same);
    expect(c.metrics.ndcg.diff).toBeCloseTo(0.05, 12);
    expect(significant(c.metrics.ndcg)).toBe(true);
    expect(c.metrics.ndcg.ci95[0]).toBeGreaterThan(0);
    const self = compareUsers(same, same).metrics.ndcg;
    expect(self.diff).toBe(0);
    expect(significant(self)).toBe(false);
  });

  it('refuses a metric that only one run has', () => {
    expect(() => compareUsers({ users: [1], columns: { hr: [1] } }, { users: [1], columns: { mae: [1] } }, ['hr'])).toThrow(/not in both/);
  });
});
