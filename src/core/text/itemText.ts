/**
 * An item's text as a model input: Word2Vec trained on the items' titles (seeded by
 * the run's seed, in whatever worker fits the model), each item then the mean vector
 * of its title's words. Titles describe items, not ratings, so every item's title
 * may be read whatever the split: no test rating leaks through them.
 */
import type { ItemText } from '../estimator/types.ts';
import type { FlatParams } from '../registry/types.ts';
import { documentVectors, trainWord2Vec, WORD2VEC_DEFAULTS } from './word2vec.ts';

/** Fixed per-item input features: rows × dim, row-major, one row per table item. */
export interface ItemFeatures {
  dim: number;
  values: Float32Array;
}

/** Whether these params switch the text input on. */
export function readsText(params: FlatParams): boolean {
  return params.text !== undefined && params.text !== 'none';
}

/** The text features the params ask for, or null when the switch is off. */
export function textFeatures(algo: string, params: FlatParams, text: ItemText | undefined, nItems: number, seed: number): ItemFeatures | null {
  if (!readsText(params)) return null;
  if (!text || !text.titles.some((t) => t !== '')) {
    throw new Error(`${algo} with text input (text=${String(params.text)}) needs item titles: attach item metadata to the dataset (on the command line: --meta FILE).`);
  }
  if (text.titles.length !== nItems) throw new Error(`item titles for ${text.titles.length} items, but the table has ${nItems}`);
  const dim = params.text_dim as number;
  const words = trainWord2Vec(text.titles, { ...WORD2VEC_DEFAULTS, dim, window: params.text_window as number, epochs: params.text_epochs as number, seed });
  return { dim, values: documentVectors(words, text.titles) };
}
