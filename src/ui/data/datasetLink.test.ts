import { describe, expect, it } from 'vitest';
import type { FilterRecipe } from '../../core/ingest/filter.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { datasetFromQuery, labToQuery } from '../labState.ts';
import { findLinked, linkedFile, linkOf } from './datasetLink.ts';

const SHA = 'ab'.repeat(32);
const counts = { rows: 1, users: 1, items: 1, sparsity: 0, ratingMin: 1, ratingMax: 5, timed: 1 } as DatasetRecord['counts'];
const f2: FilterRecipe = { minUserRatings: 2, minItemRatings: 2, verifiedOnly: false, seed: 42 };
const f5: FilterRecipe = { minUserRatings: 5, minItemRatings: 1, verifiedOnly: true, ratingMin: 2, seed: 7 };

function dataset(id: string, sha256 = SHA, parent?: DatasetRecord, filters?: FilterRecipe): DatasetRecord {
  return {
    id,
    name: `name ${id}`,
    createdAt: 0,
    source: { fileName: 'ratings.csv', bytes: 1, sha256, format: 'csv' },
    counts,
    importReport: { rowsRead: 1, badRows: 0, badExamples: [], duplicates: 0, seconds: 0 },
    recipe: parent && filters ? { parent: { id: parent.id, name: parent.name, counts }, filters, rounds: [] } : null,
    hasVerified: false,
  };
}

const roundTrip = (d: DatasetRecord, all: DatasetRecord[]) => {
  const q = new URLSearchParams('screen=train&algo=SVD');
  labToQuery({ dataset: linkOf(d, all) }, q);
  return { q, link: datasetFromQuery(new URLSearchParams(q.toString()))! };
};

describe('dataset links', () => {
  const raw = dataset('raw');
  const once = dataset('once', SHA, raw, f2);
  const twice = dataset('twice', SHA, once, f5);
  const other = dataset('other', 'cd'.repeat(32));
  const all = [raw, once, twice, other];

  it('names a dataset by its file and the filters from it, through the URL', () => {
    const { link } = roundTrip(twice, all);
    expect(link).toEqual({ sha256: SHA, fileName: 'ratings.csv', name: 'name twice', filters: [f2, f5] });
    expect(findLinked(link, all)?.id).toBe('twice');
    expect(findLinked(roundTrip(raw, all).link, all)?.id).toBe('raw');
    expect(findLinked(roundTrip(once, all).link, all)?.id).toBe('once');
  });

  it('matches filters whatever the order of their keys, and no other file or filter', () => {
    const { link } = roundTrip(once, all);
    const reordered = dataset('re', SHA, raw, { seed: 42, verifiedOnly: false, minItemRatings: 2, minUserRatings: 2 });
    expect(findLinked(link, [raw, reordered])?.id).toBe('re');
    expect(findLinked(link, [raw, dataset('x', SHA, raw, f5)])).toBeNull();
    expect(findLinked(link, [other])).toBeNull();
  });

  it('tells an import with a user sample from the whole file’s, through the URL', () => {
    const sampled: DatasetRecord = { ...dataset('sampled'), source: { ...raw.source, sampleUsers: { fraction: 0.125, seed: 9 } } };
    const sampledOnce: DatasetRecord = { ...dataset('sampledOnce', SHA, sampled, f2), source: sampled.source };
    const with_ = [raw, once, sampled, sampledOnce];
    const { q, link } = roundTrip(sampledOnce, with_);
    expect(q.get('ds_sample')).toBe('{"fraction":0.125,"seed":9}');
    expect(link.sample).toEqual({ fraction: 0.125, seed: 9 });
    expect(findLinked(link, with_)?.id).toBe('sampledOnce');
    expect(findLinked(link, [raw, once])).toBeNull();
    expect(linkedFile(link, [raw, sampled])?.id).toBe('sampled');
    expect(linkedFile(link, [raw])).toBeNull();
    expect(findLinked(roundTrip(raw, with_).link, [sampled])).toBeNull();
    expect(datasetFromQuery(new URLSearchParams(`ds=${SHA}&ds_sample={"fraction":2,"seed":1}`))).toBeNull();
  });

  it('finds the imported file to filter again when only it is stored', () => {
    const { link } = roundTrip(twice, all);
    expect(findLinked(link, [raw, other])).toBeNull();
    expect(linkedFile(link, [raw, other])?.id).toBe('raw');
    expect(linkedFile(roundTrip(raw, all).link, [raw])).toBeNull();
  });

  it('reads no link from a URL without one or with a broken one, and clears its keys', () => {
    expect(datasetFromQuery(new URLSearchParams('screen=train'))).toBeNull();
    expect(datasetFromQuery(new URLSearchParams('ds=1234'))).toBeNull();
    expect(datasetFromQuery(new URLSearchParams(`ds=${SHA}&ds_filters=[{"minUserRatings":"x"}]`))).toBeNull();
    expect(datasetFromQuery(new URLSearchParams(`ds=${SHA}&ds_filters=nope`))).toBeNull();
    const { q } = roundTrip(twice, all);
    labToQuery({ dataset: null }, q);
    expect(q.toString()).toBe('screen=train&algo=SVD');
  });
});
