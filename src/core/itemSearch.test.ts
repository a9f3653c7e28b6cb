import { describe, expect, it } from 'vitest';
import { searchIndex, searchItems } from './itemSearch.ts';

const ids = ['B01', 'B02', 'B03', 'B04', 'B05', 'star-1'];
const titles = ['Star Wars (1977)', 'Lone Star', 'Return of the Jedi', 'Amélie', 'The Star Maker', ''];
const count = [50, 10, 40, 5, 60, 1];
const index = searchIndex(ids, titles, count);
const found = (q: string, limit = 10) => Array.from(searchItems(index, q, limit), (i) => ids[i]);

describe('item search', () => {
  it('ranks a title that starts with the query, then a word starting with it, then the most rated', () => {
    // Star Wars starts with it; Lone Star and The Star Maker have a word starting with it
    // (The Star Maker more rated); star-1 matches by its id, which also starts with it.
    expect(found('star')).toEqual(['B01', 'star-1', 'B05', 'B02']);
    expect(found('sta', 2)).toEqual(['B01', 'star-1']);
  });

  it('needs every word, in any order, ignoring case and accents', () => {
    expect(found('WARS star')).toEqual(['B01']);
    expect(found('amelie')).toEqual(['B04']);
    expect(found('jedi return')).toEqual(['B03']);
    // Inside words only: one tier, the most rated first.
    expect(found('ar')).toEqual(['B05', 'B01', 'B02', 'star-1']);
  });

  it('finds nothing for an empty query or no match', () => {
    expect(found('   ')).toEqual([]);
    expect(found('zebra')).toEqual([]);
  });
});
