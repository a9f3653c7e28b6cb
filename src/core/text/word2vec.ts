/**
 * Word2Vec, skip-gram with negative sampling (Mikolov et al. 2013, as word2vec.c
 * trains it), over short documents such as item titles or review text, seeded:
 *
 * - tokens as the TF-IDF index reads them (./tfidf.ts: lowercase runs of two or
 *   more word characters), words seen fewer than `minCount` times dropped;
 * - frequent words subsampled: a word of corpus share f is kept with probability
 *   (√(f/t) + 1)·t/f, t = `sample`;
 * - each kept word predicts the words within a window drawn uniformly from 1..window
 *   on either side; each prediction is one positive and `negatives` words drawn from
 *   the unigram distribution raised to ¾, updated by logistic-loss SGD;
 * - the learning rate falls linearly from `lr` to lr·10⁻⁴ over all epochs.
 *
 * One seeded stream decides everything (initial vectors, subsampling, windows,
 * negatives) and one thread runs it, so a seed gives the same vectors every time.
 * A document's vector is the mean of its known words' vectors (zero when it has none).
 */
import { createRng } from '../rng.ts';
import { tokenize } from './tfidf.ts';

export interface Word2VecOptions {
  dim: number;
  window: number;
  negatives: number;
  epochs: number;
  minCount: number;
  /** Starting learning rate (word2vec.c's skip-gram default: 0.025). */
  lr: number;
  /** Subsampling threshold t (0: off). */
  sample: number;
  seed: number;
}

export const WORD2VEC_DEFAULTS: Omit<Word2VecOptions, 'seed'> = { dim: 32, window: 5, negatives: 5, epochs: 5, minCount: 1, lr: 0.025, sample: 1e-3 };

export interface WordVectors {
  /** Word → row of `vectors`. */
  vocabulary: Map<string, number>;
  dim: number;
  /** Row-major words × dim: the input ("syn0") vectors. */
  vectors: Float32Array;
}

/** The unigram^¾ distribution as a cumulative table, drawn from by binary search. */
function negativeTable(counts: Int32Array): Float64Array {
  const cdf = new Float64Array(counts.length);
  let sum = 0;
  for (let w = 0; w < counts.length; w++) cdf[w] = sum += counts[w] ** 0.75;
  for (let w = 0; w < cdf.length; w++) cdf[w] /= sum;
  return cdf;
}

function drawFrom(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Word ids per document (CSR), dropping words under `minCount`; ids by first appearance. */
function corpusOf(documents: ArrayLike<string>, minCount: number): { vocabulary: Map<string, number>; counts: Int32Array; start: Int32Array; words: Int32Array } {
  const tokens = Array.from({ length: documents.length }, (_, d) => tokenize(documents[d]));
  const freq = new Map<string, number>();
  for (const doc of tokens) for (const t of doc) freq.set(t, (freq.get(t) ?? 0) + 1);
  const vocabulary = new Map<string, number>();
  const counts: number[] = [];
  for (const doc of tokens) {
    for (const t of doc) {
      if (vocabulary.has(t) || freq.get(t)! < minCount) continue;
      vocabulary.set(t, counts.length);
      counts.push(freq.get(t)!);
    }
  }
  const start = new Int32Array(documents.length + 1);
  const words: number[] = [];
  tokens.forEach((doc, d) => {
    for (const t of doc) {
      const id = vocabulary.get(t);
      if (id !== undefined) words.push(id);
    }
    start[d + 1] = words.length;
  });
  return { vocabulary, counts: Int32Array.from(counts), start, words: Int32Array.from(words) };
}

export function trainWord2Vec(documents: ArrayLike<string>, options: Word2VecOptions): WordVectors {
  const { dim, window, negatives, epochs, lr, sample, seed } = options;
  const { vocabulary, counts, start, words } = corpusOf(documents, Math.max(1, options.minCount));
  const nWords = counts.length;
  const rng = createRng(seed);
  const syn0 = new Float32Array(nWords * dim);
  for (let x = 0; x < syn0.length; x++) syn0[x] = (rng.next() - 0.5) / dim;
  const syn1 = new Float32Array(nWords * dim);
  if (nWords === 0) return { vocabulary, dim, vectors: syn0 };
  const cdf = negativeTable(counts);
  const total = words.length;
  const keep = Float64Array.from(counts, (c) => (sample > 0 ? Math.min(1, (Math.sqrt(c / (sample * total)) + 1) * ((sample * total) / c)) : 1));
  const grad = new Float32Array(dim);
  let longest = 1;
  for (let d = 0; d < documents.length; d++) longest = Math.max(longest, start[d + 1] - start[d]);
  const sentence = new Int32Array(longest);
  const steps = epochs * total + 1;
  let done = 0;

  /** One (context → target, label) logistic step: syn1[target] moves now, syn0[context]'s share adds to grad. */
  const step = (cOff: number, target: number, label: number, alpha: number): void => {
    const tOff = target * dim;
    let f = 0;
    for (let j = 0; j < dim; j++) f += syn0[cOff + j] * syn1[tOff + j];
    const g = (label - 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, f))))) * alpha;
    for (let j = 0; j < dim; j++) {
      grad[j] += g * syn1[tOff + j];
      syn1[tOff + j] += g * syn0[cOff + j];
    }
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let d = 0; d < documents.length; d++) {
      let n = 0;
      for (let p = start[d]; p < start[d + 1]; p++) {
        const w = words[p];
        if (keep[w] < 1 && rng.next() >= keep[w]) continue;
        sentence[n++] = w;
      }
      done += start[d + 1] - start[d];
      const alpha = lr * Math.max(1e-4, 1 - done / steps);
      for (let i = 0; i < n; i++) {
        const w = sentence[i];
        const reach = 1 + rng.int(window);
        for (let c = Math.max(0, i - reach); c <= Math.min(n - 1, i + reach); c++) {
          if (c === i) continue;
          const cOff = sentence[c] * dim;
          grad.fill(0);
          step(cOff, w, 1, alpha);
          for (let k = 0; k < negatives; k++) {
            const neg = drawFrom(cdf, rng.next());
            if (neg !== w) step(cOff, neg, 0, alpha);
          }
          for (let j = 0; j < dim; j++) syn0[cOff + j] += grad[j];
        }
      }
    }
  }
  return { vocabulary, dim, vectors: syn0 };
}

/** Each document's mean word vector (documents × dim, row-major); zero for a document with no known word. */
export function documentVectors(model: WordVectors, documents: ArrayLike<string>): Float32Array {
  return groupVectors(model, documents, Int32Array.from({ length: documents.length }, (_, d) => d), documents.length);
}

/**
 * Each group's mean word vector over all the words of its documents (document d is in
 * group `group[d]`; groups × dim, row-major); zero for a group with no known word.
 */
export function groupVectors(model: WordVectors, documents: ArrayLike<string>, group: Int32Array, groups: number): Float32Array {
  const { dim, vectors, vocabulary } = model;
  const out = new Float32Array(groups * dim);
  const words = new Int32Array(groups);
  for (let d = 0; d < documents.length; d++) {
    const at = group[d] * dim;
    for (const t of tokenize(documents[d])) {
      const w = vocabulary.get(t);
      if (w === undefined) continue;
      words[group[d]]++;
      for (let j = 0; j < dim; j++) out[at + j] += vectors[w * dim + j];
    }
  }
  for (let g = 0; g < groups; g++) if (words[g] > 1) for (let j = 0; j < dim; j++) out[g * dim + j] /= words[g];
  return out;
}
