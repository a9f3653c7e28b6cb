import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../storage/runs.ts';
import { foldSpread } from './MetricBars.tsx';

const fold = (rmse: number) => ({ rmse, mae: rmse / 2, mse: rmse * rmse, fcp: NaN, fitSeconds: 1, testSeconds: 0, impossible: 0 });

describe('the spread over folds behind an error bar', () => {
  it('is the mean and sample standard deviation of the folds, NaN folds left out', () => {
    const rec = { folds: [fold(1), fold(2), fold(3)] } as RunRecord;
    expect(foldSpread(rec, 'rmse')).toEqual({ mean: 2, sd: 1 });
    expect(foldSpread(rec, 'mae')).toEqual({ mean: 1, sd: 0.5 });
    expect(foldSpread(rec, 'fcp')).toBeNull();
    expect(foldSpread(rec, 'ndcg-full')).toBeNull();
    expect(foldSpread({} as RunRecord, 'rmse')).toBeNull();
  });
});
