import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../storage/runs.ts';
import { comparisonCsv, comparisonJson } from './compareExport.ts';

const rec = (over: Partial<RunRecord>): RunRecord =>
  ({
    id: 'r',
    datasetId: 'd',
    algo: 'SVD',
    params: { n_factors: 100, n_epochs: 5 },
    seed: 0,
    evaluation: { kind: 'random', testFraction: 0.2, seed: 0 },
    split: { fingerprint: 'abc', train: 8, test: 2, unscorable: 0 },
    status: 'done',
    backend: 'js',
    curve: [],
    rmse: 0.9,
    mae: 0.7,
    mse: 0.81,
    fcp: 0.5,
    pearson: 0.25,
    fitSeconds: 1.5,
    testSeconds: 0.1,
    createdAt: 0,
    ...over,
  }) as RunRecord;

describe('the comparison as files', () => {
  const runs = [
    { label: 'SVD #1', rec: rec({}) },
    { label: 'MostPop, "the" baseline', rec: rec({ algo: 'MostPop', params: {}, rmse: NaN, ranking: { full: { k: 10, hr: 0.4, ndcg: 0.2 } } as RunRecord['ranking'] }) },
  ];

  it('writes one CSV row per run, missing figures empty, text quoted', () => {
    const [header, first, second, end] = comparisonCsv(runs).split('\n');
    const cols = header.split(',');
    expect(cols.slice(0, 11)).toEqual(['run', 'algo', 'evaluation', 'split', 'params', 'seed', 'test_rmse', 'test_mae', 'test_mse', 'test_fcp', 'test_pearson']);
    expect(end).toBe('');
    const at = (line: string, c: string) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)[cols.indexOf(c)];
    expect(at(first, 'test_rmse')).toBe('0.9');
    expect([at(first, 'test_mse'), at(first, 'test_pearson')]).toEqual(['0.81', '0.25']);
    expect(at(first, 'params')).toBe('n_epochs=5');
    expect(at(second, 'run')).toBe('"MostPop, ""the"" baseline"');
    expect(at(second, 'test_rmse')).toBe('');
    expect(at(second, 'hr_full')).toBe('0.4');
    expect(at(second, 'k')).toBe('10');
  });

  it('writes JSON with the dataset and every parameter', () => {
    const out = JSON.parse(comparisonJson({ name: 'Sample', sha256: 'ff', fileName: 'a.csv' }, runs));
    expect(out.dataset.name).toBe('Sample');
    expect(out.runs).toHaveLength(2);
    expect(out.runs[0].params).toEqual({ n_factors: 100, n_epochs: 5 });
    expect(out.runs[1].test_rmse).toBeNull();
  });
});
