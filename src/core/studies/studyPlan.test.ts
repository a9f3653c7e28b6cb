import { describe, expect, it } from 'vitest';
import { DEFAULT_RECIPE } from '../ingest/filter.ts';
import { findAlgorithm } from '../registry/index.ts';
import { STUDY_PRESETS, findPreset, type StudyPreset } from './presets.ts';
import { filteredFrom, filteredName, QUICK, sourceNote, studyRequests, studySource, type StoredDataset } from './studyPlan.ts';

const electronics = findPreset('electronics')!;
const fashion = findPreset('fashion')!;
const plain = (id: string, fileName: string): StoredDataset => ({ id, name: `name of ${id}`, fileName, derived: null });

describe('studySource', () => {
  it("uses the study's own file when it is here, the latest import of it", () => {
    const ds = [plain('a', 'ratings_Electronics.csv'), plain('s', electronics.sample), plain('b', 'ratings_Electronics.csv')];
    const source = studySource(electronics, ds);
    expect(source).toEqual({ kind: 'own', dataset: ds[2] });
    expect(sourceNote(electronics, source)).toBe('Runs on “name of b” (ratings_Electronics.csv), the study’s own data.');
  });

  it('falls back to the bundled sample and says so, loaded or not', () => {
    const loaded = studySource(electronics, [plain('x', 'other.csv'), plain('s', electronics.sample)]);
    expect(loaded).toEqual({ kind: 'sample', fileName: electronics.sample, dataset: plain('s', electronics.sample) });
    expect(sourceNote(electronics, loaded)).toBe(`ratings_Electronics.csv is not here, so this study runs on the bundled sample ${electronics.sample} (loaded as “name of s”).`);
    const missing = studySource(electronics, []);
    expect(missing).toEqual({ kind: 'sample', fileName: electronics.sample, dataset: null });
    expect(sourceNote(electronics, missing)).toMatch(/is not here, so this study runs on the bundled sample .*, loaded when you run it\.$/);
  });

  it('never takes a filtered dataset for the file itself', () => {
    const child: StoredDataset = { ...plain('f', 'ratings_Electronics.csv'), derived: { parentId: 'p', filters: DEFAULT_RECIPE } };
    expect(studySource(electronics, [child]).kind).toBe('sample');
  });
});

describe('filteredFrom', () => {
  const source = plain('s', electronics.sample);
  it('reuses the dataset saved from the same source with the same filter, and nothing else', () => {
    const same: StoredDataset = { ...plain('k', electronics.sample), derived: { parentId: 's', filters: { ...electronics.filter! } } };
    const other: StoredDataset = { ...plain('o', electronics.sample), derived: { parentId: 's', filters: { ...electronics.filter!, minItemRatings: 2 } } };
    const elsewhere: StoredDataset = { ...plain('e', electronics.sample), derived: { parentId: 'z', filters: { ...electronics.filter! } } };
    expect(filteredFrom(electronics, source, [other, elsewhere])).toBeNull();
    expect(filteredFrom(electronics, source, [other, same, elsewhere])).toBe(same);
    expect(filteredName(electronics, source)).toBe('name of s (k-core 5/10)');
    expect(filteredName(fashion, source)).toBe('name of s (verified only)');
  });
});

describe('studyRequests', () => {
  it.each(STUDY_PRESETS.map((p) => [p.id, p] as const))('%s: one request per model, all on the same dataset, split, ranking and seed', (_, p: StudyPreset) => {
    const reqs = studyRequests(p, 'ds-1', false);
    expect(reqs.map((r) => r.algo)).toEqual(p.runs.map((r) => r.algo));
    for (const [k, r] of reqs.entries()) {
      expect(r.datasetId).toBe('ds-1');
      expect(r.evaluation).toEqual(p.evaluation);
      expect(r.seed).toBe(p.seed);
      expect(r.ranking).toEqual(p.ranking ?? undefined);
      // Complete parameters: the study's over the registry's defaults.
      expect(Object.keys(r.params).sort()).toEqual(findAlgorithm(r.algo).params.map((x) => x.key).sort());
      for (const [key, value] of Object.entries(p.runs[k].params)) expect(r.params[key]).toBe(value);
    }
  });

  it('quick caps the epochs of every model that has them and the folds, and nothing else', () => {
    const full = studyRequests(electronics, 'd', false);
    const quick = studyRequests(electronics, 'd', true);
    expect(full[0].evaluation).toEqual({ kind: 'kfold', folds: 5, seed: 0 });
    expect(quick[0].evaluation).toEqual({ kind: 'kfold', folds: QUICK.folds, seed: 0 });
    const svd = quick.find((r) => r.algo === 'SVD')!;
    expect(full.find((r) => r.algo === 'SVD')!.params.n_epochs).toBe(20);
    expect(svd.params.n_epochs).toBe(QUICK.epochs);
    for (const algo of ['NN', 'LSTM']) expect(quick.find((r) => r.algo === algo)!.params.epochs).toBe(QUICK.epochs);
    const knn = quick.find((r) => r.algo === 'KNNBasic')!;
    expect(knn.params).toEqual(full.find((r) => r.algo === 'KNNBasic')!.params);
    // A split that is not k-fold stays as it is.
    expect(studyRequests(fashion, 'd', true)[0].evaluation).toEqual({ kind: 'last' });
  });
});
