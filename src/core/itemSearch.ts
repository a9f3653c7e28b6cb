/**
 * Typeahead over a catalog, for a visitor looking for items to rate: an item matches
 * when its title or raw id holds every word of the query, ignoring case and accents.
 * Best first: titles that start with the query, then titles with a word starting with
 * the query's first word, then any match; within each, the most rated first, then by
 * raw id. One scan with a bounded top-k, so a million titles stay interactive.
 */
import { topKById } from './topk.ts';

export interface SearchIndex {
  ids: readonly string[];
  /** Per item: its title and id folded (lowercase, no accents), the title first. */
  titles: string[];
  foldedIds: string[];
  /** Ratings per item: the tie-break within a tier. */
  count: ArrayLike<number>;
}

/** Lowercase with accents and other combining marks removed. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function searchIndex(ids: readonly string[], titles: readonly string[], count: ArrayLike<number>): SearchIndex {
  return { ids, titles: titles.map(fold), foldedIds: ids.map(fold), count };
}

/** A tier's weight in the key, above any rating count. */
const TIER = 2 ** 32;

/** Table items matching `query`, best first, at most `limit`. */
export function searchItems(index: SearchIndex, query: string, limit: number): Int32Array {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0 || limit < 1) return new Int32Array(0);
  const phrase = words.join(' ');
  const key = new Float64Array(index.titles.length).fill(NaN);
  for (let i = 0; i < key.length; i++) {
    const title = index.titles[i];
    const id = index.foldedIds[i];
    if (!words.every((w) => title.includes(w) || id.includes(w))) continue;
    const tier = title.startsWith(phrase) || id.startsWith(phrase) ? 2 : wordStarts(title, words[0]) ? 1 : 0;
    key[i] = tier * TIER + index.count[i];
  }
  return topKById(key, limit, index.ids);
}

/** Whether some word of `text` starts with `prefix`. */
function wordStarts(text: string, prefix: string): boolean {
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1])) return true;
  }
  return false;
}
