import { describe, expect, it } from 'vitest';
import { catalogIndex, hybridList, trainingCatalog } from './hybrid.ts';
import { ratedBy } from './recommend.ts';
import { tinyTable } from './testing/tiny.ts';

// Items in table order: p 0, s 1, g2 2, g1 3, b 4, h 5, k 6 (k only in the held-out last row).
const table = tinyTable([
  ['u', 'p', 5], ['v', 's', 4], ['v', 'g2', 3], ['w', 'g1', 2], ['w', 'b', 5], ['u', 'h', 2],
  ['x', 'k', 4],
]);
const titles = ['Pet Sounds', 'Sounds of Silence', 'Greatest Hits', 'Greatest Hits', 'Blue', 'Hits Collection', 'Kind of Blue'];
const train = Int32Array.from([0, 1, 2, 3, 4, 5]);
const inCatalog = trainingCatalog(table, train);
const catalog = { index: catalogIndex(titles, inCatalog), inCatalog };
const [p, s, g2, g1, b, h, k] = [0, 1, 2, 3, 4, 5, 6];
const U = 0;
const X = 3;

/** Raw scores per item; p and h are u's own, k is off the catalog (never a candidate however high). */
const scores = (over: Partial<Record<number, number>> = {}) => {
  const out = Float64Array.from([5, 3.0, 3.5, 3.5, 4.0, 1, 9]);
  for (const [i, v] of Object.entries(over)) out[Number(i)] = v!;
  return out;
};

describe('hybrid re-ranking', () => {
  it('indexes the training catalog only: the held-out item is no document', () => {
    expect(Array.from(inCatalog)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(catalog.index.nDocs).toBe(6);
    expect(catalog.index.start[k + 1] - catalog.index.start[k]).toBe(0);
  });

  it('takes the top-C unseen catalog items by raw estimate, equal estimates by raw item id ("g1" before "g2")', () => {
    const all = hybridList(scores(), table, train, U, ratedBy(table, U), catalog, 10);
    expect(Array.from(all.candidates)).toEqual([b, g1, g2, s]);
    // C = 2 cuts inside the tie at 3.5: the smaller id wins, though g2 comes first in the table.
    expect(Array.from(hybridList(scores(), table, train, U, ratedBy(table, U), catalog, 2).candidates)).toEqual([b, g1]);
  });

  it('re-ranks by similarity to 5·"Pet Sounds" + 2·"Hits Collection", equal similarities by candidate rank', () => {
    const list = hybridList(scores(), table, train, U, ratedBy(table, U), catalog, 10);
    const sim = (item: number) => list.similarity[Array.from(list.candidates).indexOf(item)];
    // "Sounds of Silence" shares "sounds" with the 5-star album; both "Greatest Hits" share "hits" with the 2-star one.
    expect(sim(s)).toBeGreaterThan(sim(g1));
    expect(sim(g1)).toBeGreaterThan(0);
    expect(sim(g1)).toBe(sim(g2));
    expect(sim(b)).toBe(0);
    expect(Array.from(list.order, (c) => list.candidates[c])).toEqual([s, g1, g2, b]);
    // When the model puts g2 above g1, the tie keeps the model's order: g2 first.
    const swapped = hybridList(scores({ [g2]: 3.6 }), table, train, U, ratedBy(table, U), catalog, 10);
    expect(Array.from(swapped.candidates)).toEqual([b, g2, g1, s]);
    expect(Array.from(swapped.order, (c) => swapped.candidates[c])).toEqual([s, g2, g1, b]);
  });

  it("keeps the model's order for a zero profile (no training rating with a title word)", () => {
    // x's only rating is the held-out row: nothing in training to build a profile from.
    const list = hybridList(scores(), table, train, X, [], catalog, 10);
    expect(list.profile.terms.length).toBe(0);
    expect(Array.from(list.similarity)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(list.order)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(list.candidates)).toEqual([p, b, g1, g2, s, h]);
  });
});
