import { describe, expect, it } from 'vitest';
import { coreEstimator } from '../core/estimator/coreEstimator.ts';
import { itemEvidence, rankByDampedMean } from '../core/dampedMean.ts';
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { tableScale } from '../core/selection/crossValidate.ts';
import { syntheticTable } from '../core/testing/synthetic.ts';
import { alignMetadata, type ItemMetadata } from '../storage/items.ts';
import type { ModelRecord } from '../storage/models.ts';
import type { RunRecord } from '../storage/runs.ts';
import { openVisitorSession, POPULAR_MIN_COUNT, POPULAR_PRIOR_WEIGHT, recommendForVisitor } from './visitor-job.ts';

const table = syntheticTable(4, 50, 30, 0.5);
const train = Int32Array.from(table.rating.keys()).filter((r) => r % 5 !== 0);
const estimator = coreEstimator();

async function session(algo: string, params = {}, meta?: ItemMetadata) {
  const resolved = resolveParams(findAlgorithm(algo), params);
  const model = await estimator.fit({ table, train, algo, params: resolved, seed: 3, scale: tableScale(table) });
  const stored: ModelRecord = { id: 'r', datasetId: 'd', createdAt: 0, saved: await model.save() };
  model.dispose();
  const run = { id: 'r', algo, params: resolved, seed: 3 } as RunRecord;
  return openVisitorSession('d', table, run, stored, estimator, meta);
}

describe("a visitor's lists", () => {
  it('before any rating: the popular items by damped mean over the model’s training rows', async () => {
    const s = await session('SVD', { n_factors: 4 });
    const recs = await recommendForVisitor(s, [], 5);
    expect(recs.mode).toBe('popular');
    expect(recs.foldIn).toBe(true);
    const evidence = itemEvidence(table, train, POPULAR_PRIOR_WEIGHT);
    const want = rankByDampedMean(evidence, POPULAR_MIN_COUNT, 5, 'highest', table.itemIds);
    expect(recs.top.map((it) => it.id)).toEqual(Array.from(want, (i) => table.itemIds[i]));
    expect(recs.top.map((it) => it.rating)).toEqual(Array.from(want, (i) => evidence.damped[i]));
  });

  it('after ratings: the fold-in’s unseen items, best first, never the rated ones, and they move with the ratings', async () => {
    const s = await session('SVD', { n_factors: 4 });
    const likes = await recommendForVisitor(s, [['i3', 5], ['i7', 5]], 30);
    expect(likes.mode).toBe('fold-in');
    expect(likes.rated).toBe(2);
    expect(likes.top).toHaveLength(28);
    expect(likes.top.map((it) => it.id)).not.toContain('i3');
    const [i3, i7] = [table.itemIds.indexOf('i3'), table.itemIds.indexOf('i7')];
    const scores = await s.model!.foldIn!({ item: Int32Array.of(i3, i7), rating: Float32Array.of(5, 5) });
    const order = Array.from(scores.keys()).filter((i) => i !== i3 && i !== i7).sort((a, b) => scores[b] - scores[a]);
    expect(likes.top.map((it) => it.id)).toEqual(order.map((i) => table.itemIds[i]));
    const hates = await recommendForVisitor(s, [['i3', 1], ['i7', 1]], 30);
    expect(hates.top.map((it) => it.id)).not.toEqual(likes.top.map((it) => it.id));
    await expect(recommendForVisitor(s, [['nope', 3]], 5)).rejects.toThrow('This dataset has no item "nope".');
  });

  it('a model without fold-in is refitted with the visitor’s ratings, and says so', async () => {
    const s = await session('SlopeOne');
    expect(s.model).toBeNull();
    const recs = await recommendForVisitor(s, [['i3', 5]], 5);
    expect(recs.foldIn).toBe(false);
    expect(recs.mode).toBe('refit');
    expect(recs.source).toContain('refitted on all ratings and yours');
    expect(recs.top).toHaveLength(5);
  });

  it('re-ranks by the profile of the titles the visitor rated (TF-IDF), not any training user’s', async () => {
    // Even items are "Blue …" records, odd ones "Red …": a visitor who loves two Blue ones gets Blue first.
    const title = (id: string) => `${Number(id.slice(1)) % 2 ? 'Red' : 'Blue'} record ${id}`;
    const s = await session('SVD', { n_factors: 4 }, alignMetadata('d', 'meta.json', table.itemIds, (id) => ({ title: title(id), store: '', category: '' })));
    const recs = await recommendForVisitor(s, [['i2', 5], ['i4', 5]], 10, { hybrid: { candidates: 20, keep: 5 } });
    const h = recs.hybrid!;
    expect(h.profileWords).toContain('blue');
    expect(h.profileWords).not.toContain('red');
    expect(h.hybrid.every((it) => it.title.startsWith('Blue'))).toBe(true);
    expect(h.hybrid.map((it) => it.id)).not.toContain('i2');
    // The candidates are the fold-in's own top 20, in its order.
    expect(h.model.map((it) => it.id)).toEqual(recs.top.slice(0, 5).map((it) => it.id));
  });
});
