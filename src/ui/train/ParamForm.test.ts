import { describe, expect, it } from 'vitest';
import { findAlgorithm, type ParamSpec } from '../../core/registry/index.ts';
import { parseGridValues, parseSearchValues } from './ParamForm.tsx';

const param = (algo: string, key: string): ParamSpec => findAlgorithm(algo).params.find((p) => p.key === key)!;

describe('search boxes', () => {
  it('read a list of values, checked against the registry', () => {
    expect(parseGridValues(param('SVD', 'n_factors'), '5, 20')).toEqual([5, 20]);
    expect(parseGridValues(param('SVD', 'biased'), 'true,false')).toEqual([true, false]);
    expect(parseGridValues(param('SVD', 'n_factors'), '5, oops')).toMatch(/"oops" does not fit/);
    expect(parseGridValues(param('SVD', 'n_factors'), '0')).toMatch(/does not fit/);
  });

  it('read a range for a random search, log-uniform for log-scaled parameters', () => {
    expect(parseSearchValues(param('SVD', 'lr_all'), '0.001..0.05', 'random')).toEqual({ min: 0.001, max: 0.05, log: true });
    expect(parseSearchValues(param('SVD', 'n_factors'), '10 .. 50', 'random')).toEqual({ min: 10, max: 50 });
    expect(parseSearchValues(param('SVD', 'n_factors'), '10, 50', 'random')).toEqual([10, 50]);
  });

  it('refuse ranges a grid cannot try, and ranges that do not fit', () => {
    expect(parseSearchValues(param('SVD', 'lr_all'), '0.001..0.05', 'grid')).toMatch(/random search/);
    expect(parseSearchValues(param('SVD', 'biased'), 'true..false', 'random')).toMatch(/for numbers/);
    expect(parseSearchValues(param('SVD', 'n_factors'), '50..10', 'random')).toMatch(/backwards/);
    expect(parseSearchValues(param('SVD', 'n_factors'), '1..9999', 'random')).toMatch(/does not fit/);
    expect(parseSearchValues(param('SVD', 'n_factors'), '1..x', 'random')).toMatch(/not a range/);
  });
});
