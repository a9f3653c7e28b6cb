import { describe, expect, it } from 'vitest';
import type { AlgorithmSpec, FlatParams } from '../registry/index.ts';
import { crossValidate, crossValidateWith } from './crossValidate.ts';
import { bestIndex, gridCandidates, gridSearch, randomCandidates, randomizedSearch, type SearchProgress, type SearchResult } from './search.ts';
import { kFold } from './splits.ts';
import { tinyTable, UserMean } from './testAlgos.ts';

/** A registry entry for UserMean, with one nested option group like Surprise's. */
const spec: AlgorithmSpec = {
  id: 'UserMean',
  label: 'user mean',
  family: 'baseline',
  engine: 'core',
  stochastic: false,
  iterative: true,
  help: 'test only',
  params: [
    { key: 'shift', label: 'shift', type: 'float', default: 0, min: -2, max: 2, step: 0.1, help: '' },
    { key: 'opts.epochs', label: 'epochs', type: 'int', default: 1, min: 1, max: 5, step: 1, help: '' },
    { key: 'opts.mode', label: 'mode', type: 'choice', options: ['a', 'b'], default: 'a', help: '' },
  ],
};
const create = (_id: string, p: FlatParams) => new UserMean(p.shift as number, p['opts.epochs'] as number);

const table = tinyTable(
  [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3],
  [0, 1, 2, 3, 0, 1, 2, 0, 1, 3, 2, 3],
  [1, 3, 5, 4, 2, 4, 3, 5, 4, 4, 2, 1],
);
const folds = kFold(12, { nSplits: 3, seed: 1 });

describe('gridCandidates', () => {
  it("enumerates the product, last key fastest, with nested groups expanded in place", () => {
    const expected = [
      { shift: 0, 'opts.epochs': 1 },
      { shift: 0, 'opts.epochs': 2 },
      { shift: 1, 'opts.epochs': 1 },
      { shift: 1, 'opts.epochs': 2 },
    ];
    expect(gridCandidates(spec, { shift: [0, 1], opts: { epochs: [1, 2] } })).toEqual(expected);
    expect(gridCandidates(spec, { shift: [0, 1], 'opts.epochs': [1, 2] })).toEqual(expected);
  });

  it('rejects unknown keys, bad values and empty lists with the key named', () => {
    expect(() => gridCandidates(spec, { nope: [1] })).toThrow(/no parameter "nope"/);
    expect(() => gridCandidates(spec, { opts: { mode: ['c'] } })).toThrow(/opts.mode must be one of a, b/);
    expect(() => gridCandidates(spec, { 'opts.epochs': [1.5] })).toThrow(/integer/);
    expect(() => gridCandidates(spec, { shift: [] })).toThrow(/non-empty/);
  });
});

describe('randomCandidates', () => {
  it('draws seeded values from lists and ranges within bounds', () => {
    const dists = { shift: { min: 0.01, max: 1, log: true }, opts: { epochs: { min: 1, max: 5 }, mode: ['a', 'b'] } };
    const a = randomCandidates(spec, dists, 30, 3);
    expect(a).toHaveLength(30);
    expect(randomCandidates(spec, dists, 30, 3)).toEqual(a);
    expect(randomCandidates(spec, dists, 30, 4)).not.toEqual(a);
    for (const c of a) {
      expect(c.shift).toBeGreaterThanOrEqual(0.01);
      expect(c.shift).toBeLessThanOrEqual(1);
      expect(Number.isInteger(c['opts.epochs'])).toBe(true);
      expect(['a', 'b']).toContain(c['opts.mode']);
    }
    expect(new Set(a.map((c) => c['opts.epochs'])).size).toBeGreaterThan(2);
  });

  it('refuses ranges outside the registry bounds or on choices', () => {
    expect(() => randomCandidates(spec, { shift: { min: 0, max: 3 } }, 1, 0)).toThrow(/between -2 and 2/);
    expect(() => randomCandidates(spec, { 'opts.mode': { min: 0, max: 1 } }, 1, 0)).toThrow(/list of values/);
    expect(() => randomCandidates(spec, { shift: { min: 0, max: 1, log: true } }, 1, 0)).toThrow(/bad range/);
  });
});

describe('gridSearch', () => {
  it('cross-validates every candidate on the same folds and picks the best per measure', async () => {
    const events: SearchProgress[] = [];
    const out = await gridSearch(table, spec, { shift: [-1, 0, 0.5], opts: { epochs: [2] } }, folds, {
      create,
      onProgress: (p) => events.push(p),
    });
    expect(out.results.map((r) => r.params.shift)).toEqual([-1, 0, 0.5]);
    for (const r of out.results) {
      const direct = await crossValidateWith(table, () => new UserMean(r.params.shift as number), folds);
      expect(r.cv.rmse).toBe(direct.rmse);
      expect(r.cv.fcp).toBe(direct.fcp);
    }
    const rmses = out.results.map((r) => r.cv.rmse);
    expect(out.best.rmse!.index).toBe(rmses.indexOf(Math.min(...rmses)));
    expect(out.best.rmse!.score).toBe(Math.min(...rmses));
    const maes = out.results.map((r) => r.cv.mae);
    expect(out.best.mae!.params).toEqual(out.results[maes.indexOf(Math.min(...maes))].params);
    // A constant shift never changes a user's ranking: FCP ties, and the first candidate wins.
    expect(out.best.fcp!.index).toBe(0);
    // Progress: 3 candidates × 3 folds × (start, 2 epochs, test).
    expect(events).toHaveLength(36);
    expect(events[13]).toMatchObject({ combination: 2, combinations: 3, fold: 1, folds: 3, phase: 'fit', epoch: 1 });
  });

  it('reports each candidate once, in order, as soon as it is scored, with the figures the outcome records', async () => {
    const seen: { result: SearchResult; index: number; of: number; progressEvents: number }[] = [];
    let progressEvents = 0;
    const out = await gridSearch(table, spec, { shift: [0.5, -1, 0], opts: { epochs: [1, 2] } }, folds, {
      create,
      onProgress: () => progressEvents++,
      onCandidate: (result, index, of) => seen.push({ result, index, of, progressEvents }),
    });
    expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen.every((s) => s.of === 6)).toBe(true);
    seen.forEach((s, k) => {
      expect(s.result.params).toEqual(out.results[k].params);
      expect(s.result.cv.rmse).toBe(out.results[k].cv.rmse);
      expect(s.result.cv.mae).toBe(out.results[k].cv.mae);
    });
    // Reported before the next candidate starts: each report follows only its own candidate's progress.
    expect(seen.map((s) => s.progressEvents)).toEqual(out.results.map((_, k) => out.results.slice(0, k + 1).reduce((n, r) => n + 3 * (2 + (r.params['opts.epochs'] as number)), 0)));
  });

  it('runs registry algorithms with nested Surprise options', async () => {
    const out = await gridSearch(table, 'BaselineOnly', { bsl_options: { method: ['als', 'sgd'] } }, folds);
    const direct = await crossValidate(table, 'BaselineOnly', { 'bsl_options.method': 'sgd' }, folds);
    expect(out.results[1].params).toEqual({ 'bsl_options.method': 'sgd' });
    expect(out.results[1].cv.rmse).toBe(direct.rmse);
  });
});

describe('bestIndex', () => {
  it('takes the lowest error or the highest FCP, the first on ties, never NaN', () => {
    expect(bestIndex([0.9, 0.8, 0.8, NaN], 'rmse')).toBe(1);
    expect(bestIndex([NaN, 0.6, 0.7, 0.7], 'fcp')).toBe(2);
    expect(bestIndex([NaN, NaN], 'mae')).toBe(-1);
  });
});

describe('randomizedSearch', () => {
  it('cross-validates nIter seeded candidates', async () => {
    const dists = { shift: { min: -1, max: 1 } };
    const out = await randomizedSearch(table, spec, dists, folds, { create, nIter: 4, seed: 5 });
    expect(out.results.map((r) => r.params)).toEqual(randomCandidates(spec, dists, 4, 5));
  });
});
