/**
 * An item's text as a model input: Word2Vec (seeded by the run's seed, in whatever
 * worker fits the model) trained on one of two corpora, each item then a mean of word
 * vectors:
 *
 * - titles: every item's title; the item's vector is its title's mean. Titles
 *   describe items, not ratings, so every item's title may be read whatever the split.
 * - reviews: the review text of the rows the model learns from, one document per
 *   review; the item's vector is the mean over all the words of its reviews among
 *   those rows. Only those rows: a test or validation row's review is about the very
 *   rating the model must not see, so its text never reaches Word2Vec or an item.
 */
import type { ItemText } from '../estimator/types.ts';
import type { RatingsTable } from '../ratings.ts';
import type { FlatParams } from '../registry/types.ts';
import { reviewOf } from '../reviews.ts';
import { documentVectors, groupVectors, trainWord2Vec, WORD2VEC_DEFAULTS, type Word2VecOptions } from './word2vec.ts';

/** Fixed per-item input features: rows × dim, row-major, one row per table item. */
export interface ItemFeatures {
  dim: number;
  values: Float32Array;
}

/** What the text can come from: the items' titles, and the table's review text of the rows a model learns from. */
export interface TextSource {
  itemText?: ItemText;
  table: RatingsTable;
  /** The rows the model learns from (its validation rows left out). */
  rows: Int32Array;
}

/** Whether these params switch the text input on. */
export function readsText(params: FlatParams): boolean {
  return params.text !== undefined && params.text !== 'none';
}

/** What a run's status line says while Word2Vec trains. */
export function textStatus(params: FlatParams): string {
  return params.text === 'reviews' ? "training Word2Vec on the training rows' reviews" : 'training Word2Vec on the item titles';
}

/** Why a dataset cannot feed the text the params ask for, or null when it can. */
export function textProblem(algo: string, params: FlatParams, has: { titles: boolean; reviews: boolean }): string | null {
  if (params.text === 'titles' && !has.titles) {
    return `${algo} with text input (text=titles) needs item titles: attach item metadata to the dataset (on the command line: --meta FILE).`;
  }
  if (params.text === 'reviews' && !has.reviews) {
    return `${algo} with text input (text=reviews) needs review text, and this dataset has none: import an Amazon review file that carries it (reviewText/summary; text/title in 2023).`;
  }
  return null;
}

/** The text features the params ask for, or null when the switch is off. */
export function textFeatures(algo: string, params: FlatParams, source: TextSource, seed: number): ItemFeatures | null {
  if (!readsText(params)) return null;
  const { itemText, table, rows } = source;
  const nItems = table.itemIds.length;
  const problem = textProblem(algo, params, { titles: !!itemText?.titles.some((t) => t !== ''), reviews: !!table.reviews });
  if (problem) throw new Error(problem);
  const dim = params.text_dim as number;
  const options: Word2VecOptions = { ...WORD2VEC_DEFAULTS, dim, window: params.text_window as number, epochs: params.text_epochs as number, seed };
  if (params.text === 'reviews') {
    const documents: string[] = [];
    const item: number[] = [];
    for (let k = 0; k < rows.length; k++) {
      const text = reviewOf(table.reviews!, rows[k]);
      if (text === '') continue;
      documents.push(text);
      item.push(table.item[rows[k]]);
    }
    return { dim, values: groupVectors(trainWord2Vec(documents, options), documents, Int32Array.from(item), nItems) };
  }
  const titles = itemText!.titles;
  if (titles.length !== nItems) throw new Error(`item titles for ${titles.length} items, but the table has ${nItems}`);
  return { dim, values: documentVectors(trainWord2Vec(titles, options), titles) };
}
