import { describe, expect, it } from 'vitest';
import { ratedBy } from '../core/recommend.ts';
import { tinyTable } from '../core/testing/tiny.ts';
import { alignMetadata } from '../storage/items.ts';
import { hybridRecommendations, worstProducts, type ListContext } from './recommend-lists.ts';

// u rated "Pet Sounds" (5); the model likes "Blue" best, then "Greatest Hits", then "Sounds of Silence".
const table = tinyTable([
  ['u', 'p', 5], ['v', 's', 4], ['v', 'g', 3], ['w', 'g', 1], ['w', 'b', 5], ['x', 'b', 4], ['x', 's', 2],
]);
const s = 1;
const titles = ['Pet Sounds', 'Sounds of Silence', 'Greatest Hits', 'Blue'];
const meta = alignMetadata('d', 'meta.json', table.itemIds, (id) => ({ title: titles[table.itemIds.indexOf(id)], store: '', category: '' }));
const scores = Float64Array.from([4.9, 3.1, 3.4, 4.2]);
const ctx: ListContext = {
  table,
  train: Int32Array.from(table.rating.keys()),
  user: 0,
  seen: ratedBy(table, 0),
  scores,
  describe: (i) => ({ id: table.itemIds[i], title: meta.titles[i], store: '', rating: Math.min(5, scores[i]) }),
};

describe('the Recommend screen lists', () => {
  it('gives both hybrid lists with scores, similarities and both ranks, so moves can be shown', () => {
    const h = hybridRecommendations(ctx, meta, 'run-1', { candidates: 3, keep: 2 });
    expect(h.candidates).toBe(3);
    expect(h.corpus).toBe(4);
    expect(h.model.map((it) => [it.id, it.modelRank, it.hybridRank])).toEqual([['b', 1, 2], ['g', 2, 3]]);
    // "Sounds of Silence" shares "sounds" with the profile: up from the model's 3rd place to 1st.
    expect(h.hybrid.map((it) => [it.id, it.modelRank, it.hybridRank])).toEqual([['s', 3, 1], ['b', 1, 2]]);
    expect(h.hybrid[0]).toMatchObject({ title: 'Sounds of Silence', score: scores[s] });
    expect(h.hybrid[0].similarity).toBeGreaterThan(0);
    expect(h.hybrid[1].similarity).toBe(0);
    expect(h.profileWords.sort()).toEqual(['pet', 'sounds']);
  });

  it('lists the worst products for the user and overall, with count, mean and damped mean', () => {
    // Training mean: (5 + 4 + 3 + 1 + 5 + 4 + 2) / 7 = 24/7. g: 3, 1 → mean 2, damped (4 + 24/7) / 3 with weight 1.
    const w = worstProducts(ctx, { minCount: 2, priorWeight: 1 }, 5);
    expect(w.globalMean).toBeCloseTo(24 / 7, 12);
    // For u: unseen items with ≥ 2 ratings, lowest estimate first (p is u's own, and has one rating).
    expect(w.forUser.map((it) => it.id)).toEqual(['s', 'g', 'b']);
    expect(w.overall.map((it) => it.id)).toEqual(['g', 's', 'b']);
    expect(w.overall[0]).toMatchObject({ count: 2, mean: 2, title: 'Greatest Hits' });
    expect(w.overall[0].damped).toBeCloseTo((4 + 24 / 7) / 3, 12);
    expect(worstProducts(ctx, { minCount: 3, priorWeight: 1 }, 5).overall).toEqual([]);
  });
});
