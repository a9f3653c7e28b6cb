import { describe, expect, it } from 'vitest';
import { defaultParams, findAlgorithm } from '../core/registry/index.ts';
import { datasetFromQuery, formFromQuery, labToQuery, SCREENS, screenFromQuery, type LabState } from './labState.ts';
import { defaultSettings } from './train/formSettings.ts';

const defaults = defaultSettings('random', { minUserRatings: 1, minItemRatings: 1 });

describe('the lab state in the URL', () => {
  it('round-trips a whole state: screen, dataset, model, hyperparameters and settings', () => {
    const state: LabState = {
      screen: 'train',
      dataset: { sha256: 'ab'.repeat(32), fileName: 'Gift Cards & more.json.gz', name: 'Sample, “quoted”', filters: [{ minUserRatings: 5, minItemRatings: 10, verifiedOnly: true, seed: 3 }] },
      form: {
        algo: 'KNNBaseline',
        params: { ...defaultParams(findAlgorithm('KNNBaseline')), k: 20, 'sim_options.name': 'pearson_baseline' },
        settings: { ...defaults, evalKind: 'kfold', folds: 3, splitSeed: 8, rank: true, k: 5 },
      },
    };
    const q = new URLSearchParams();
    labToQuery(state, q);
    const back = new URLSearchParams(q.toString());
    expect({ screen: screenFromQuery(back), dataset: datasetFromQuery(back), form: formFromQuery(back, defaults) }).toEqual(state);
  });

  it('writes only the parts given and leaves the rest of the URL as it was', () => {
    const q = new URLSearchParams('screen=explore&algo=NMF&p.n_factors=3');
    labToQuery({ screen: 'recommend' }, q);
    expect(q.toString()).toBe('screen=recommend&algo=NMF&p.n_factors=3');
    labToQuery({ dataset: null }, q);
    expect(q.toString()).toBe('screen=recommend&algo=NMF&p.n_factors=3');
  });

  it('round-trips every screen', () => {
    for (const screen of SCREENS) {
      const q = new URLSearchParams();
      labToQuery({ screen }, q);
      expect(screenFromQuery(new URLSearchParams(q.toString()))).toBe(screen);
    }
    expect(SCREENS).toContain('studies');
  });

  it('drops what does not fit: an unknown screen or model, a bad hyperparameter', () => {
    const q = new URLSearchParams('screen=admin&algo=Nope&p.n_factors=-3');
    expect(screenFromQuery(q)).toBeNull();
    expect(formFromQuery(q, defaults)).toEqual({ algo: 'SVD', params: defaultParams(findAlgorithm('SVD')), settings: defaults });
    expect(formFromQuery(new URLSearchParams('algo=SVD&p.n_factors=-3'), defaults).params).toEqual(defaultParams(findAlgorithm('SVD')));
  });
});
