import { describe, expect, it } from 'vitest';
import { drillDown } from './drillDown.ts';

const a = { users: [1, 2, 3, 4, 5], columns: { rmse: [0, 0.5, 1, NaN, 2], hr: [1, 1, 1, 1, 1] } };
const b = { users: [5, 4, 3, 2, 9], columns: { rmse: [0, 1, 1, 0.25, 3], hr: [1, 1, 1, 1, 1] } };

describe('drillDown', () => {
  it('pairs users by key, leaving out those missing or NaN in either run', () => {
    const d = drillDown(a, b, 'rmse', { bins: 4 });
    // Users 2, 3 and 5 (1 and 9 are in one run only, 4 is NaN in a).
    expect(d.users).toBe(3);
    expect(d.meanA).toBeCloseTo((0.5 + 1 + 2) / 3);
    expect(d.meanB).toBeCloseTo((0.25 + 1 + 0) / 3);
  });

  it('bins both runs on shared edges, the top edge in the last bin (as numpy.histogram)', () => {
    const d = drillDown(a, b, 'rmse', { bins: 4 });
    expect(d.edges).toEqual([0, 0.5, 1, 1.5, 2]);
    // a: 0.5, 1, 2 → bins 1, 2, 3; b: 0.25, 1, 0 → bins 0, 2, 0.
    expect(d.countsA).toEqual([0, 1, 1, 1]);
    expect(d.countsB).toEqual([2, 0, 1, 0]);
  });

  it('lists the users where the runs differ most, ties by key', () => {
    const d = drillDown(a, b, 'rmse', { top: 2 });
    expect(d.largest).toEqual([
      { user: 5, a: 2, b: 0 },
      { user: 2, a: 0.5, b: 0.25 },
    ]);
    const tie = drillDown({ users: ['y', 'x'], columns: { m: [1, 1] } }, { users: ['x', 'y'], columns: { m: [0, 0] } }, 'm');
    expect(tie.largest.map((u) => u.user)).toEqual(['x', 'y']);
  });

  it('puts one value everywhere in one bin, and no users in none', () => {
    const d = drillDown(a, b, 'hr');
    expect(d.edges).toEqual([0.5, 1.5]);
    expect(d.countsA).toEqual([4]);
    const none = drillDown({ users: [1], columns: { m: [1] } }, { users: [2], columns: { m: [1] } }, 'm');
    expect(none.users).toBe(0);
    expect(none.countsA).toEqual([]);
  });

  it('names a metric one run lacks', () => {
    expect(() => drillDown(a, { users: [], columns: {} }, 'rmse')).toThrow(/not in both runs/);
  });
});
