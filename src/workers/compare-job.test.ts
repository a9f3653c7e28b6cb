import { describe, expect, it } from 'vitest';
import { Signal } from '../core/estimator/signal.ts';
import { compareUsers } from '../core/stats/index.ts';
import { syntheticTable } from '../core/testing/synthetic.ts';
import { estimatorLoaders } from '../models/estimators.ts';
import type { RunDetails } from '../storage/details.ts';
import type { RunRecord } from '../storage/runs.ts';
import { comparable, compareToReference, detailsCsv, detailsTable, protocolAgreement } from './compare-job.ts';
import { runJob } from './train-job.ts';
import type { TrainEvents, TrainRequest } from './protocol.ts';

const loaders = estimatorLoaders(async () => {});
const events: TrainEvents = { onStatus() {}, onEpoch() {}, onBatch() {}, onProgress() {} };
const table = (() => {
  const t = syntheticTable(12, 60, 40, 0.4);
  return { ...t, time: Float64Array.from(t.time, (_, k) => k) };
})();

async function run(id: string, algo: string, over: Partial<TrainRequest> = {}): Promise<{ record: RunRecord; details: RunDetails }> {
  const req: TrainRequest = { runId: id, datasetId: 'd', algo, params: {}, seed: 0, evaluation: { kind: 'last' }, ranking: { k: 5, negatives: 15 }, ...over };
  const { run: r, details } = await runJob(table, req, { events, signal: new Signal(), estimator: (spec) => loaders[spec.engine]() });
  return { record: { ...r, id, datasetId: 'd', createdAt: 0 }, details: { id, datasetId: 'd', ...details! } };
}

describe('comparing runs', () => {
  it('lays a run out per user (rating errors for test users, ranking values for ranked users) and writes it as CSV', async () => {
    const { details } = await run('a', 'SVD');
    const t = detailsTable(details);
    expect(Object.keys(t.columns)).toEqual(['rmse', 'mae', 'hr', 'precision', 'recall', 'ap', 'ndcg', 'mrr', 'sampled_hr', 'sampled_precision', 'sampled_recall', 'sampled_ap', 'sampled_ndcg', 'sampled_mrr']);
    const first = details.ratings.user[0];
    const row = Array.from(t.user).indexOf(first);
    expect(t.columns.rmse[row]).toBe(details.ratings.rmse[0]);
    const csv = await detailsCsv(details, table.userIds).text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('user,rmse,mae,hr,precision,recall,ap,ndcg,mrr,sampled_hr,sampled_precision,sampled_recall,sampled_ap,sampled_ndcg,sampled_mrr');
    expect(lines).toHaveLength(t.user.length + 1);
    expect(lines[row + 1].startsWith(`${table.userIds[first]},${details.ratings.rmse[0]},`)).toBe(true);
  });

  it('pairs runs on the same split and protocol with the reference, and measures how the protocols agree', async () => {
    const svd = await run('svd', 'SVD');
    const pop = await run('pop', 'MostPop');
    const base = await run('base', 'BaselineOnly');
    const other = await run('other', 'SVD', { evaluation: { kind: 'random', testFraction: 0.2, seed: 0 } });
    expect(comparable(svd.record, pop.record)).toBe(true);
    expect(comparable(svd.record, other.record)).toBe(false);
    expect(comparable(svd.record, { ...base.record, ranking: { ...base.record.ranking!, full: { ...base.record.ranking!.full, k: 10 } } })).toBe(false);
    const c = compareToReference(svd.details, [pop.details, base.details]);
    // MostPop has no rating errors: only the ranking metrics are compared.
    expect(Object.keys(c.pop.metrics)).not.toContain('rmse');
    expect(Object.keys(c.base.metrics)).toContain('rmse');
    const t = (d: RunDetails) => {
      const x = detailsTable(d);
      return { users: x.user, columns: x.columns };
    };
    expect(c.base).toEqual(compareUsers(t(base.details), t(svd.details), Object.keys(c.base.metrics)));
    const agree = protocolAgreement([svd.record, pop.record, base.record], 'hr');
    expect(agree.runs).toBe(3);
    expect(agree.tau).toBeGreaterThanOrEqual(-1);
    expect(agree.tau).toBeLessThanOrEqual(1);
  });
});
