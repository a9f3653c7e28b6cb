import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { toCsv } from '../core/ingest/csvExport.ts';
import { applyRecipe, RECIPE_VERSION, type FilterRecipe } from '../core/ingest/filter.ts';
import { importRatings } from '../core/ingest/import.ts';
import { createRng } from '../core/rng.ts';
import { jobRecipe, type JobEvaluationResult, type JobSummary } from '../core/scale/recipe.ts';
import { evaluationFolds } from '../core/selection/evaluation.ts';
import { splitFingerprint } from '../core/selection/splits.ts';
import { tableCounts } from '../core/ratings.ts';
import { listDatasets, newId, saveDataset, type DatasetRecord } from '../storage/datasets.ts';
import { listRuns } from '../storage/runs.ts';
import { importJobOutput } from './scale-import.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** A u.data-like file: 60 users × 30 items, 40% rated, times 1..n. */
function file(): string {
  const rng = createRng(4);
  const lines: string[] = [];
  for (let u = 0; u < 60; u++) for (let i = 0; i < 30; i++) if (rng.next() < 0.4) lines.push(`${u}\t${i}\t${1 + rng.int(5)}\t${lines.length + 1}`);
  return `${lines.join('\n')}\n`;
}

const filter: FilterRecipe = { minUserRatings: 5, minItemRatings: 5, verifiedOnly: false, sampleUsers: 50, seed: 7 };
const SHA = 'ab'.repeat(32);

/** What job.py would write for `text` under `filter`, with a BaselineOnly evaluation on the 80/20 split. */
async function jobOutput(text: string, evaluation?: Partial<JobEvaluationResult>) {
  const raw = await importRatings(new Blob([text]).stream(), { fileName: 'u.data', hash: false });
  const f = applyRecipe(raw.table, filter);
  const sample = await new Response(toCsv(f.table)).blob();
  const split = { kind: 'random' as const, testFraction: 0.2, seed: 0 };
  const [fold] = evaluationFolds(f.table, split);
  const summary: JobSummary = {
    engine: 'dask',
    dask: '2022.12.1',
    recipe_version: RECIPE_VERSION,
    workers: 2,
    input: '/data/u.data',
    files: [{ path: '/data/u.data', bytes: text.length, sha256: SHA }],
    format: 'movielens-udata',
    rows: f.before.rows,
    users: f.before.users,
    items: f.before.items,
    bad_rows: 0,
    duplicates: 0,
    bad_examples: [],
    after: { rows: f.after.rows, users: f.after.users, items: f.after.items, rounds: f.rounds.length },
    rounds: f.rounds,
    seconds: { parse: 1, filter: 1, total: 3 },
    peak_rss_mb: [100, 100],
    evaluations: [
      {
        algo: 'BaselineOnly',
        params: {},
        split: { ...split, label: 'random 20% test, seed 0', train: fold.train.length, test: fold.test.length },
        rmse: 0.95,
        mae: 0.75,
        mse: 0.9025,
        impossible: 0,
        fit_s: 1,
        test_s: 0.5,
        ranking: { k: 5, users: 10, hr: 0.5, precision: 0.1, recall: 0.5, map: 0.2, ndcg: 0.3, mrr: 0.2, coverage: 0.4, novelty: 2, arp: 10, long_tail: 0.5, gini: 0.6 },
        ...evaluation,
      },
    ],
  };
  const recipe = jobRecipe({ fileName: 'u.data', sha256: SHA }, filter);
  return { raw, f, sample, fold, summary, recipe: JSON.stringify(recipe) };
}

async function storePlain(raw: Awaited<ReturnType<typeof importRatings>>): Promise<DatasetRecord> {
  const rec: DatasetRecord = {
    id: newId('ds'),
    name: 'u.data',
    createdAt: 0,
    source: { fileName: 'u.data', bytes: 1, sha256: SHA, format: 'movielens-udata' },
    counts: tableCounts(raw.table),
    importReport: { rowsRead: raw.rowsRead, badRows: 0, badExamples: [], duplicates: 0, seconds: 0 },
    recipe: null,
    hasVerified: false,
  };
  await saveDataset(rec, raw.table);
  return rec;
}

describe('importing a Dask job’s output', () => {
  it('stores the sample with the job’s recipe, checks it against the lab’s own run, and adds each evaluation as a Dask run on the lab’s split', async () => {
    const { raw, f, sample, fold, summary, recipe } = await jobOutput(file());
    const plain = await storePlain(raw);
    const outcome = await importJobOutput(sample, recipe, JSON.stringify(summary), () => {});
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const rec = outcome.record;
    expect(rec.counts.rows).toBe(f.after.rows);
    expect(rec.recipe).toMatchObject({ version: RECIPE_VERSION, parent: { id: plain.id }, filters: filter, rounds: f.rounds });
    expect(rec.scale).toMatchObject({ engine: 'dask', workers: 2, labCheck: { datasetId: plain.id, same: true, rows: f.after.rows } });
    expect(rec.source).toMatchObject({ fileName: 'u.data', sha256: SHA });
    const [run] = await listRuns(rec.id);
    expect(run).toMatchObject({ algo: 'BaselineOnly', engine: 'dask', backend: 'dask', rmse: 0.95, evaluation: { kind: 'random', testFraction: 0.2, seed: 0 } });
    expect(run.split).toEqual({ fingerprint: splitFingerprint(fold), train: fold.train.length, test: fold.test.length, unscorable: 0 });
    expect(run.ranking?.full).toMatchObject({ k: 5, users: 10, longTail: 0.5 });
    expect(outcome.runs).toEqual([run]);
  });

  it('says when the lab’s own run of the recipe disagrees, and when it has no copy of the file', async () => {
    const out = await jobOutput(file());
    const wrong = { ...out.summary, after: { ...out.summary.after, rounds: out.summary.after.rounds + 1 } };
    await storePlain(out.raw);
    const first = await importJobOutput(out.sample, out.recipe, JSON.stringify(wrong), () => {});
    expect(first.ok && first.record.scale?.labCheck?.same).toBe(false);
    globalThis.indexedDB = new IDBFactory();
    const second = await importJobOutput(out.sample, out.recipe, JSON.stringify(out.summary), () => {});
    expect(second.ok && second.record.scale?.labCheck).toBeNull();
  });

  it('refuses a sample that is not the summary’s, and a run whose split the lab would not draw', async () => {
    const out = await jobOutput(file());
    const other = { ...out.summary, after: { ...out.summary.after, rows: out.summary.after.rows + 1 } };
    const bad = await importJobOutput(out.sample, out.recipe, JSON.stringify(other), () => {});
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/sample.csv holds \d+ ratings .* but summary.json says/) });
    expect(await listDatasets()).toEqual([]);
    const skewed = await jobOutput(file(), { split: { kind: 'random', testFraction: 0.2, seed: 0, label: '', train: 1, test: 2 } });
    const partly = await importJobOutput(skewed.sample, skewed.recipe, JSON.stringify(skewed.summary), () => {});
    expect(partly.ok && partly.runs).toEqual([]);
    expect(partly.ok && partly.message).toMatch(/not imported: BaselineOnly/);
    expect(await importJobOutput(out.sample, '{"engine":"spark"}', JSON.stringify(out.summary), () => {})).toEqual({ ok: false, message: expect.stringMatching(/not a Dask job recipe/) });
  });
});
