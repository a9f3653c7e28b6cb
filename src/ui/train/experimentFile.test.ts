import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../storage/runs.ts';
import { experimentJson, readExperiment } from './experimentFile.ts';

const dataset = { sha256: 'ab'.repeat(32), fileName: 'ratings.csv', name: 'Ratings', filters: [] };
const rec = {
  id: 'r1',
  algo: 'SVD',
  params: { n_factors: 20 },
  seed: 3,
  evaluation: { kind: 'random', testFraction: 0.2, seed: 1 },
  ranking: { full: { k: 10, ndcg: 0.1 } },
  rmse: 0.9,
  mae: 0.7,
  fcp: 0.5,
  fitSeconds: 1,
  testSeconds: 0.1,
  backend: 'js',
} as unknown as RunRecord;

describe('experiment files', () => {
  it('round-trip the runs\' requests and figures', () => {
    const file = readExperiment(experimentJson(dataset, [{ label: 'SVD #1', rec }]), 'e.json');
    if (typeof file === 'string') throw new Error(file);
    expect(file.dataset).toEqual(dataset);
    expect(file.runs[0].request).toEqual({ algo: 'SVD', params: { n_factors: 20 }, seed: 3, evaluation: { kind: 'random', testFraction: 0.2, seed: 1 }, ranking: { k: 10 } });
    expect(file.runs[0].results.test_rmse).toBe(0.9);
  });

  it('name the file and what is wrong', () => {
    expect(readExperiment('{', 'e.json')).toMatch(/^e\.json is not JSON/);
    expect(readExperiment('{"reclab":"comparison"}', 'e.json')).toBe('e.json is not a RecLab experiment file (version 1)');
    const bad = JSON.parse(experimentJson(dataset, [{ label: 'SVD #1', rec }]));
    bad.runs[0].request.params = { n_factors: -1 };
    expect(readExperiment(JSON.stringify(bad), 'e.json')).toMatch(/^e\.json, run 1: SVD: /);
    bad.runs[0].request.algo = 'Nope';
    expect(readExperiment(JSON.stringify(bad), 'e.json')).toMatch(/^e\.json, run 1: /);
  });
});
