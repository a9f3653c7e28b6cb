import { describe, expect, it } from 'vitest';
import { labToQuery, settingsFromQuery } from '../labState.ts';
import { STUDY_PRESETS } from '../../core/studies/presets.ts';
import { defaultSettings, evaluationOf, rankingOf, rankingOn, settingsFor, trainFilterOf, type FormSettings } from './formSettings.ts';

/** The URL of a form with these settings (SVD at its defaults but one factor count). */
function queryOf(settings: FormSettings, q = new URLSearchParams()): URLSearchParams {
  labToQuery({ form: { algo: 'SVD', params: { n_factors: 50 }, settings } }, q);
  return q;
}

const defaults = defaultSettings('time', { minUserRatings: 5, minItemRatings: 10 });

function roundTrip(s: FormSettings): FormSettings {
  const q = queryOf(s, new URLSearchParams('screen=train'));
  expect(q.get('screen')).toBe('train');
  expect(q.get('p.n_factors')).toBe('50');
  return settingsFromQuery(new URLSearchParams(q.toString()), defaults);
}

describe('train form settings through the lab state in the URL', () => {
  it('falls back to the defaults when the URL says nothing', () => {
    expect(settingsFromQuery(new URLSearchParams(), defaults)).toEqual(defaults);
  });

  it('round-trips every evaluation with its settings', () => {
    const cases: Partial<FormSettings>[] = [
      { evalKind: 'random', testPercent: 12.5, splitSeed: 7 },
      { evalKind: 'kfold', folds: 10, splitSeed: 3 },
      { evalKind: 'last' },
      { evalKind: 'time', quantile: 0.9 },
      { evalKind: 'users', userPercent: 30, revealPercent: 40, splitSeed: 2 },
    ];
    for (const c of cases) {
      const s = { ...defaults, ...c };
      const back = roundTrip(s);
      expect(evaluationOf(back)).toEqual(evaluationOf(s));
    }
    expect(evaluationOf({ ...defaults, evalKind: 'random', testPercent: 20 })).toEqual({ kind: 'random', testFraction: 0.2, seed: 0 });
    expect(evaluationOf({ ...defaults, evalKind: 'users', userPercent: 30, revealPercent: 50, splitSeed: 1 })).toEqual({ kind: 'users', userFraction: 0.3, revealFraction: 0.5, seed: 1 });
  });

  it('round-trips the filter after the split and a search with its boxes', () => {
    const s: FormSettings = {
      ...defaults,
      filter: true,
      minUser: 3,
      minItem: 4,
      mode: 'search',
      strategy: 'random',
      draws: 7,
      metric: 'fcp',
      searchFolds: 4,
      seed: 9,
      tries: { lr_all: '0.001..0.1', n_factors: '10, 20' },
    };
    const back = roundTrip(s);
    expect(back).toEqual(s);
    expect(trainFilterOf(back)).toEqual({ minUserRatings: 3, minItemRatings: 4 });
    expect(trainFilterOf({ ...back, filter: false })).toBeUndefined();
  });

  it('drops the search boxes and the filter from the URL when unused', () => {
    const q = queryOf({ ...defaults, tries: { k: '10, 20' } });
    expect([...q.keys()].filter((k) => k.startsWith('try.'))).toEqual([]);
    expect(q.has('min_user')).toBe(false);
  });

  it('reads the older eval=split|cv|search links', () => {
    expect(settingsFromQuery(new URLSearchParams('eval=split&test=30&split_seed=4'), defaults)).toMatchObject({ evalKind: 'random', testPercent: 30, splitSeed: 4, mode: 'train' });
    expect(settingsFromQuery(new URLSearchParams('eval=cv&folds=3'), defaults)).toMatchObject({ evalKind: 'kfold', folds: 3 });
    expect(settingsFromQuery(new URLSearchParams('eval=search'), defaults)).toMatchObject({ evalKind: 'random', mode: 'search' });
  });

  it('ignores values that do not fit', () => {
    const s = settingsFromQuery(new URLSearchParams('eval=nope&test=500&folds=2.5&quantile=1&metric=mse&mode=x&seed=-1'), defaults);
    expect(s).toEqual(defaults);
  });

  it('ranks by default on a single split, not under k-fold, unless told', () => {
    expect(rankingOn(defaults)).toBe(true);
    expect(rankingOn({ ...defaults, evalKind: 'kfold' })).toBe(false);
    expect(rankingOn({ ...defaults, evalKind: 'kfold', rank: true })).toBe(true);
    expect(rankingOn({ ...defaults, rank: false })).toBe(false);
    expect(rankingOf(defaults)).toEqual({ k: 10 });
    expect(rankingOf({ ...defaults, rank: false })).toBeUndefined();
    const q = queryOf(defaults);
    expect(q.has('rank')).toBe(false);
    expect(q.get('k')).toBe('10');
  });

  it('round-trips the ranking settings and a ranking objective', () => {
    const s: FormSettings = { ...defaults, rank: true, k: 5, relevance: 4, protocol: 'sampled', negatives: 50, references: false, mode: 'search', metric: 'ndcg' };
    const back = roundTrip(s);
    expect(back).toEqual(s);
    expect(rankingOf(back)).toEqual({ k: 5, relevance: 4, negatives: 50, seed: 0 });
    expect(roundTrip({ ...defaults, evalKind: 'kfold', rank: false })).toMatchObject({ rank: false });
    expect(roundTrip({ ...defaults, relevance: null }).relevance).toBeNull();
  });

  it('ignores ranking values that do not fit', () => {
    const s = settingsFromQuery(new URLSearchParams('rank=maybe&k=0&rel=x&proto=half&neg=-3'), defaults);
    expect(s).toEqual(defaults);
  });
});

describe('settingsFor', () => {
  it.each(STUDY_PRESETS.map((p) => [p.id, p] as const))('%s: the form it writes asks for the study\'s evaluation and ranking, through the URL too', (_, p) => {
    const s = settingsFor({ ...defaults, filter: true, mode: 'search' }, p.evaluation, p.ranking ?? undefined);
    const back = roundTrip(s);
    expect(evaluationOf(back)).toEqual(p.evaluation);
    expect(rankingOf(back)).toEqual(p.ranking ?? undefined);
    expect([back.mode, back.filter]).toEqual(['train', false]);
  });
});
