import { describe, expect, it } from 'vitest';
import { queuedRun, type LiveRun } from '../train/useTrainer.ts';
import { filterHistory, historyRows, NO_FILTER } from './historyFilter.ts';

function run(id: string, datasetId: string, algo: string, extra: Partial<LiveRun> = {}): LiveRun {
  const listed = queuedRun(id, { datasetId, algo, params: {}, seed: 0, evaluation: { kind: 'random', testFraction: 0.2, seed: 0 } }, 0);
  return { ...listed, status: 'done', statusText: 'done', ...extra };
}

const names = new Map([
  ['d1', 'Digital Music'],
  ['d2', 'Gift Cards (k-core 5)'],
]);
const runs = [
  run('a', 'd1', 'SVD'),
  run('b', 'd2', 'SVD', { params: { n_factors: 7 } }),
  run('c', 'd1', 'BiasMF', { status: 'failed' }),
  run('d', 'd1', 'SVD', { evaluation: { kind: 'last' } }),
];

describe('history', () => {
  it('labels runs as their dataset numbers them, newest first', () => {
    const rows = historyRows(runs, names);
    expect(rows.map((r) => `${r.label} ${r.datasetName}`)).toEqual(['SVD #3 Digital Music', 'BiasMF #2 Digital Music', 'SVD #1 Gift Cards (k-core 5)', 'SVD #1 Digital Music']);
    expect(historyRows([run('x', 'gone', 'SVD')], names)[0].datasetName).toBe('a deleted dataset');
  });

  it('filters by dataset, model and status', () => {
    const rows = historyRows(runs, names);
    expect(filterHistory(rows, { ...NO_FILTER, datasetId: 'd1' }).map((r) => r.run.id)).toEqual(['d', 'c', 'a']);
    expect(filterHistory(rows, { ...NO_FILTER, datasetId: 'd1', algo: 'SVD' }).map((r) => r.run.id)).toEqual(['d', 'a']);
    expect(filterHistory(rows, { ...NO_FILTER, status: 'failed' }).map((r) => r.run.id)).toEqual(['c']);
  });

  it('matches every word of the text, in any order, ignoring case and accents, over what a row shows', () => {
    const rows = historyRows(runs, names);
    expect(filterHistory(rows, { ...NO_FILTER, text: 'GIFT svd' }).map((r) => r.run.id)).toEqual(['b']);
    expect(filterHistory(rows, { ...NO_FILTER, text: 'n_factors=7' }).map((r) => r.run.id)).toEqual(['b']);
    expect(filterHistory(rows, { ...NO_FILTER, text: 'leave last' }).map((r) => r.run.id)).toEqual(['d']);
    expect(filterHistory(rows, { ...NO_FILTER, text: 'dígital #2' }).map((r) => r.run.id)).toEqual(['c']);
    expect(filterHistory(rows, { ...NO_FILTER, text: 'svd nmf' })).toEqual([]);
  });
});
