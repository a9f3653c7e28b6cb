import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../storage/runs.ts';
import { bestValues, columnValue, nextSort, sortRows } from './compareSort.ts';

const run = (id: string, rmse: number, ndcg: number | null, fitSeconds: number, backend = 'js'): { rec: RunRecord } => ({
  rec: {
    id,
    rmse,
    mae: rmse * 0.8,
    fcp: 0.5,
    fitSeconds,
    testSeconds: 0.1,
    backend,
    ...(ndcg === null ? {} : { ranking: { full: { ndcg, hr: ndcg * 2 } } }),
  } as unknown as RunRecord,
});

describe('sorting the comparison', () => {
  const rows = [run('a', 0.95, 0.1, 2), run('pop', NaN, 0.3, 0.1, 'js'), run('b', 0.9, null, 5, 'wasm'), run('c', 0.92, 0.2, 1)];

  it('sorts best first on the first click, the other way on the second, missing values last either way', () => {
    let sort = nextSort(null, 'rmse');
    expect(sortRows(rows, sort).map((r) => r.rec.id)).toEqual(['b', 'c', 'a', 'pop']);
    sort = nextSort(sort, 'rmse');
    expect(sortRows(rows, sort).map((r) => r.rec.id)).toEqual(['a', 'c', 'b', 'pop']);
    sort = nextSort(sort, 'ndcg-full');
    expect(sort.dir).toBe('desc');
    expect(sortRows(rows, sort).map((r) => r.rec.id)).toEqual(['pop', 'c', 'a', 'b']);
    expect(sortRows(rows, nextSort(null, 'backend')).map((r) => r.rec.id)).toEqual(['a', 'pop', 'c', 'b']);
  });

  it('marks the best of each column that has a better way, and none with fewer than two values', () => {
    const recs = rows.map((r) => r.rec);
    expect(bestValues(recs, ['rmse', 'ndcg-full', 'fit', 'backend', 'gini-full', 'ndcg-sampled'])).toEqual({ rmse: 0.9, 'ndcg-full': 0.3, fit: 0.1 });
    expect(columnValue(recs[2], 'hr-full')).toBeNaN();
    // MSE falls like RMSE; Pearson rises like FCP.
    const figures = [{ mse: 0.8, pearson: 0.1 }, { mse: 0.7, pearson: 0.3 }, { mse: NaN, pearson: NaN }].map((f) => ({ ...recs[0], ...f }));
    expect(bestValues(figures, ['mse', 'pearson'])).toEqual({ mse: 0.7, pearson: 0.3 });
  });
});
