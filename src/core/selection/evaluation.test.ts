import { describe, expect, it } from 'vitest';
import type { RatingsTable } from '../ratings.ts';
import { randomSplit } from '../split.ts';
import { syntheticTable } from '../testing/synthetic.ts';
import { tinyTable } from '../testing/tiny.ts';
import {
  applyTrainFilter,
  defaultEvaluation,
  evaluationFolds,
  evaluationLabel,
  normalizeEvaluation,
  seesFuture,
  type Evaluation,
} from './evaluation.ts';
import { globalTimeSplit, heldOutUsers, kFold, temporalLeaveLastOut, trainOnlyKcore } from './splits.ts';

/** The synthetic table with a time per row (row k at time 1000 + k), or none. */
function timed(seed: number): RatingsTable {
  const t = syntheticTable(seed);
  t.time = Float64Array.from(t.time, (_, k) => 1000 + k);
  return t;
}

describe('evaluationFolds', () => {
  const t = timed(1);
  const n = t.user.length;

  it('dispatches each kind to its split', () => {
    expect(evaluationFolds(t, { kind: 'random', testFraction: 0.2, seed: 3 })).toEqual([randomSplit(t, 0.2, 3)]);
    expect(evaluationFolds(t, { kind: 'kfold', folds: 4, seed: 3 })).toEqual(kFold(n, { nSplits: 4, seed: 3 }));
    expect(evaluationFolds(t, { kind: 'last' })).toEqual([temporalLeaveLastOut(t)]);
    const [time] = evaluationFolds(t, { kind: 'time', quantile: 0.8 });
    const { cut, ...plain } = globalTimeSplit(t, { quantile: 0.8 });
    expect(time).toEqual(plain);
    // Times are 1000..1000+n-1, so the test side is the rows at or after the cut.
    expect(time.test[0]).toBe(Math.ceil(cut - 1000));
    expect(evaluationFolds(t, { kind: 'users', userFraction: 0.3, revealFraction: 0.4, seed: 2 })).toEqual([
      heldOutUsers(t, { userFraction: 0.3, inputFraction: 0.4, seed: 2 }),
    ]);
    expect(() => evaluationFolds(t, { kind: 'predefined' })).toThrow(/caller/);
  });
});

describe('applyTrainFilter', () => {
  const t = syntheticTable(2);
  const folds = kFold(t.user.length, { nSplits: 3, seed: 0 });

  it('is the identity without a filter', () => {
    const out = applyTrainFilter(t, folds);
    expect(out.folds).toBe(folds);
    expect(out.unscorable).toEqual([0, 0, 0]);
  });

  it('filters each fold on its training rows', () => {
    const f = { minUserRatings: 8, minItemRatings: 12 };
    const out = applyTrainFilter(t, folds, f);
    const direct = folds.map((fold) => trainOnlyKcore(t, fold, f));
    expect(out.folds).toEqual(direct.map((d) => d.split));
    expect(out.unscorable).toEqual(direct.map((d) => d.unscorable));
    expect(out.unscorable.every((u, k) => u === folds[k].test.length - out.folds[k].test.length)).toBe(true);
    expect(out.unscorable.some((u) => u > 0)).toBe(true);
  });
});

describe('seesFuture, evaluationLabel', () => {
  const all: Evaluation[] = [
    { kind: 'random', testFraction: 0.2, seed: 0 },
    { kind: 'kfold', folds: 5, seed: 0 },
    { kind: 'last' },
    { kind: 'time', quantile: 0.8 },
    { kind: 'users', userFraction: 0.2, revealFraction: 0.5, seed: 0 },
    { kind: 'predefined' },
  ];

  it('flags the protocols whose training can hold later ratings than their test', () => {
    expect(all.map(seesFuture)).toEqual([true, true, true, false, true, false]);
  });

  it('names each protocol briefly', () => {
    expect(all.map(evaluationLabel)).toEqual([
      'random 20% test, seed 0',
      '5-fold CV, seed 0',
      'leave last out (by time)',
      'global time cut at the 80% quantile',
      'held-out users 20%, 50% revealed, seed 0',
      'train/test files',
    ]);
    expect(evaluationLabel({ kind: 'random', testFraction: 0.07, seed: 12 })).toBe('random 7% test, seed 12');
    expect(evaluationLabel({ kind: 'time', quantile: 0.125 })).toBe('global time cut at the 12.5% quantile');
  });
});

describe('defaultEvaluation', () => {
  it('is the time cut when every row has a time, else a seeded random split', () => {
    const t = tinyTable([['a', 'x', 1], ['b', 'x', 2]]);
    expect(defaultEvaluation(t)).toEqual({ kind: 'random', testFraction: 0.2, seed: 0 });
    t.time[0] = 5;
    expect(defaultEvaluation(t)).toEqual({ kind: 'random', testFraction: 0.2, seed: 0 });
    t.time[1] = 6;
    expect(defaultEvaluation(t)).toEqual({ kind: 'time', quantile: 0.8 });
  });
});

describe('normalizeEvaluation', () => {
  it('maps the stored split and cv shapes and keeps current ones', () => {
    expect(normalizeEvaluation({ kind: 'split', testFraction: 0.25, seed: 7 })).toEqual({ kind: 'random', testFraction: 0.25, seed: 7 });
    expect(normalizeEvaluation({ kind: 'cv', folds: 10, seed: 3 })).toEqual({ kind: 'kfold', folds: 10, seed: 3 });
    const current: Evaluation = { kind: 'users', userFraction: 0.1, revealFraction: 0.3, seed: 1 };
    expect(normalizeEvaluation(current)).toBe(current);
    expect(normalizeEvaluation({ kind: 'last' })).toEqual({ kind: 'last' });
    expect(() => normalizeEvaluation({ kind: 'bogus' })).toThrow(/unknown evaluation kind/);
    expect(() => normalizeEvaluation(null)).toThrow(TypeError);
  });
});
