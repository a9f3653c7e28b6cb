import { describe, expect, it } from 'vitest';
import type { RatingsTable } from '../ratings.ts';
import { findAlgorithm, resolveParams } from '../registry/index.ts';
import { createRng } from '../rng.ts';
import { reviewTexts, tinyTable, type Triple } from '../testing/tiny.ts';
import { textFeatures } from './itemText.ts';

/** The table with row k's review text set to texts[k]. */
const withReviews = (table: RatingsTable, texts: string[]): RatingsTable => ({ ...table, reviews: reviewTexts(texts) });

/** 120 seeded reviews of 6 items; every tenth row is a test row. */
function reviewed() {
  const rng = createRng(3);
  const rows: Triple[] = [];
  const texts: string[] = [];
  const words = ['great', 'awful', 'songs', 'album', 'voice', 'guitar', 'boring', 'lovely'];
  for (let k = 0; k < 120; k++) {
    rows.push([`u${k % 30}`, `i${k % 6}`, 1 + rng.int(5)]);
    texts.push(Array.from({ length: 4 + rng.int(6) }, () => words[rng.int(words.length)]).join(' '));
  }
  const all = Int32Array.from(rows.keys());
  return { table: tinyTable(rows), texts, train: all.filter((r) => r % 10 !== 0), testRow: 0 };
}

const params = resolveParams(findAlgorithm('MLP'), { text: 'reviews', text_dim: 8, text_epochs: 2 });

describe('review text as item features', () => {
  it("reads only the given rows' reviews: a word planted in a test row's review changes nothing", () => {
    const { table, texts, train, testRow } = reviewed();
    const features = (t: string[], rows = train) => textFeatures('MLP', params, { table: withReviews(table, t), rows }, 7)!.values;
    const base = features(texts);
    const planted = texts.slice();
    planted[testRow] = 'zzplanted zzplanted guitar zzplanted';
    // Bit for bit: the planted word neither joined the vocabulary (which would move the
    // seeded stream and every vector) nor the test row's item (i0).
    expect(features(planted)).toEqual(base);
    // The same review among the training rows does change the vectors: the check can fail.
    const withTest = Int32Array.from([...train, testRow]);
    expect(features(planted, withTest)).not.toEqual(features(texts, withTest));
  });

  it('gives zero to an item none of whose training reviews has text', () => {
    const { table, texts, train } = reviewed();
    // Item i5's training reviews all lose their text: its vector is zero, the others' are not.
    const blank = texts.map((t, k) => (table.itemIds[table.item[k]] === 'i5' ? '' : t));
    const { dim, values } = textFeatures('MLP', params, { table: withReviews(table, blank), rows: train }, 7)!;
    const row = (i: number) => Array.from(values.subarray(i * dim, (i + 1) * dim));
    expect(row(table.itemIds.indexOf('i5'))).toEqual(new Array(dim).fill(0));
    expect(row(table.itemIds.indexOf('i4')).some((v) => v !== 0)).toBe(true);
  });

  it('says what is missing when the table has no review text', () => {
    const { table, train } = reviewed();
    expect(() => textFeatures('NeuMF', params, { table, rows: train }, 7)).toThrow('NeuMF with text input (text=reviews) needs review text, and this dataset has none');
  });
});
