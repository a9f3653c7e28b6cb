/**
 * TF-IDF vectors of item titles, with scikit-learn's `TfidfVectorizer` defaults, so
 * that the lab's figures can be checked against it:
 *
 * - one document per item of the corpus (its title; '' when it has none);
 * - lowercase (`String.prototype.toLowerCase`, full Unicode case mapping, as
 *   Python's `str.lower`), then tokens = runs of two or more word characters
 *   (`\b\w\w+\b` in Python's `re`, where a word character is a Unicode letter, digit
 *   or underscore; lengths count code points, not UTF-16 units);
 * - term frequency = raw count; idf = ln((1 + n) / (1 + df)) + 1 over the n documents;
 * - each document vector (tf × idf) divided by its L2 norm (a title with no token
 *   stays the zero vector).
 *
 * The index is sparse (CSR over table items, typed arrays, no per-document objects),
 * so a million titles fit. A user's profile is Σ rating × item vector over the items
 * they rated, L2-normalised; similarity = the dot product of two unit vectors (cosine),
 * 0 against a zero vector.
 */

/** Python's `\w` for str patterns: Unicode letters and numbers, and the underscore. */
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** The tokens of one document, in order (repeats kept). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

export interface TfidfIndex {
  /** Documents in the corpus (n of the idf). */
  nDocs: number;
  /** Term → term id (ids in order of first appearance). */
  vocabulary: Map<string, number>;
  /** Per term id: ln((1 + n) / (1 + df)) + 1. */
  idf: Float64Array;
  /** CSR over table items: item i's terms are terms[start[i] … start[i + 1]), ascending term id. */
  start: Int32Array;
  terms: Int32Array;
  /** The L2-normalised tf-idf weight of each stored term. */
  weights: Float64Array;
}

/** Growable typed storage for the CSR arrays while the corpus is read. */
class Growing<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * The TF-IDF index of `titles` (one per table item). `corpus`: the items that are
 * documents (default every item); the others get no terms and do not count in n.
 */
export function buildTfidfIndex(titles: ArrayLike<string>, corpus?: ArrayLike<number>): TfidfIndex {
  const nItems = titles.length;
  const docs = corpus ?? Int32Array.from({ length: nItems }, (_, i) => i);
  const vocabulary = new Map<string, number>();
  const df = new Growing(new Int32Array(1024));
  // Per document, its distinct term ids (ascending) and their counts, in corpus order.
  const terms = new Growing(new Int32Array(Math.max(16, docs.length * 4)));
  const tf = new Growing(new Float64Array(Math.max(16, docs.length * 4)));
  const itemTerms = new Int32Array(nItems);
  const itemFirst = new Int32Array(nItems);
  let scratch = new Int32Array(64);
  for (let d = 0; d < docs.length; d++) {
    const item = docs[d];
    const tokens = tokenize(titles[item]);
    if (scratch.length < tokens.length) scratch = new Int32Array(tokens.length * 2);
    for (let k = 0; k < tokens.length; k++) {
      let id = vocabulary.get(tokens[k]);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(tokens[k], id);
        df.push(0);
      }
      scratch[k] = id;
    }
    const ids = scratch.subarray(0, tokens.length).sort();
    itemFirst[item] = terms.length;
    for (let k = 0; k < ids.length; ) {
      let e = k + 1;
      while (e < ids.length && ids[e] === ids[k]) e++;
      terms.push(ids[k]);
      tf.push(e - k);
      df.data[ids[k]]++;
      k = e;
    }
    itemTerms[item] = terms.length - itemFirst[item];
  }
  const n = docs.length;
  const idf = new Float64Array(vocabulary.size);
  for (let t = 0; t < idf.length; t++) idf[t] = Math.log((1 + n) / (1 + df.data[t])) + 1;

  // Lay the rows out in item order (the corpus may list items in any order).
  const start = new Int32Array(nItems + 1);
  for (let i = 0; i < nItems; i++) start[i + 1] = start[i] + itemTerms[i];
  const outTerms = new Int32Array(start[nItems]);
  const weights = new Float64Array(start[nItems]);
  for (let i = 0; i < nItems; i++) {
    const from = itemFirst[i];
    const to = start[i];
    let norm = 0;
    for (let k = 0; k < itemTerms[i]; k++) {
      const t = terms.data[from + k];
      const w = tf.data[from + k] * idf[t];
      outTerms[to + k] = t;
      weights[to + k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (let k = 0; k < itemTerms[i]; k++) weights[to + k] /= norm;
  }
  return { nDocs: n, vocabulary, idf, start, terms: outTerms, weights };
}

/** A sparse unit vector: ascending term ids and their weights (both empty for the zero vector). */
export interface TfidfProfile {
  terms: Int32Array;
  weights: Float64Array;
}

/**
 * Σ ratings[k] × vector(items[k]), L2-normalised: what a person who rated these items
 * reads like (the zero vector when no rated item has a term, or the sum cancels).
 */
export function tfidfProfile(index: TfidfIndex, items: ArrayLike<number>, ratings: ArrayLike<number>): TfidfProfile {
  const sum = new Map<number, number>();
  for (let k = 0; k < items.length; k++) {
    const i = items[k];
    for (let p = index.start[i]; p < index.start[i + 1]; p++) {
      const t = index.terms[p];
      sum.set(t, (sum.get(t) ?? 0) + ratings[k] * index.weights[p]);
    }
  }
  const terms = Int32Array.from(sum.keys()).sort();
  const weights = new Float64Array(terms.length);
  let norm = 0;
  for (let k = 0; k < terms.length; k++) {
    weights[k] = sum.get(terms[k])!;
    norm += weights[k] * weights[k];
  }
  if (norm === 0) return { terms: new Int32Array(0), weights: new Float64Array(0) };
  norm = Math.sqrt(norm);
  for (let k = 0; k < weights.length; k++) weights[k] /= norm;
  return { terms, weights };
}

/** Cosine similarity of each item's vector with the profile (0 for a zero vector on either side). */
export function cosineSimilarities(index: TfidfIndex, profile: TfidfProfile, items: ArrayLike<number>): Float64Array {
  const out = new Float64Array(items.length);
  const pt = profile.terms;
  const pw = profile.weights;
  for (let k = 0; k < items.length; k++) {
    const i = items[k];
    // Both term lists are ascending: one merge pass.
    let dot = 0;
    let q = 0;
    for (let p = index.start[i]; p < index.start[i + 1] && q < pt.length; p++) {
      const t = index.terms[p];
      while (q < pt.length && pt[q] < t) q++;
      if (q < pt.length && pt[q] === t) dot += index.weights[p] * pw[q];
    }
    out[k] = dot;
  }
  return out;
}
