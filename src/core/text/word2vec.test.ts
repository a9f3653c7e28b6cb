import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { documentVectors, groupVectors, trainWord2Vec, WORD2VEC_DEFAULTS, type WordVectors } from './word2vec.ts';

/**
 * A planted corpus: "cat" and "dog" fill the same slot between the same animal words;
 * "car" and "bus" fill another slot between traffic words. Nothing else ties them.
 */
function planted(seed: number, n = 400): string[] {
  const rng = createRng(seed);
  const pick = (xs: string[]) => xs[rng.int(xs.length)];
  const docs: string[] = [];
  for (let k = 0; k < n; k++) {
    docs.push(
      rng.next() < 0.5
        ? `${pick(['the', 'my', 'a'])} ${pick(['cat', 'dog'])} ${pick(['purrs', 'sleeps', 'eats'])} ${pick(['fish', 'milk', 'treats'])}`
        : `${pick(['the', 'our', 'a'])} ${pick(['car', 'bus'])} ${pick(['drives', 'brakes', 'honks'])} ${pick(['road', 'traffic', 'highway'])}`,
    );
  }
  return docs;
}

function cosine(m: WordVectors, a: string, b: string): number {
  const [x, y] = [m.vocabulary.get(a)!, m.vocabulary.get(b)!];
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let j = 0; j < m.dim; j++) {
    const u = m.vectors[x * m.dim + j];
    const v = m.vectors[y * m.dim + j];
    dot += u * v;
    nx += u * u;
    ny += v * v;
  }
  return dot / Math.sqrt(nx * ny);
}

// No subsampling: in a corpus this small it would drop most of every word.
const options = { ...WORD2VEC_DEFAULTS, dim: 16, window: 2, epochs: 10, sample: 0, seed: 5 };

describe('Word2Vec (skip-gram, negative sampling)', () => {
  it('gives the same vectors for the same seed, and others for another', () => {
    const docs = planted(1, 100);
    const a = trainWord2Vec(docs, options);
    const b = trainWord2Vec(docs, options);
    expect(b.vectors).toEqual(a.vectors);
    expect([...a.vocabulary.keys()]).toEqual([...b.vocabulary.keys()]);
    expect(trainWord2Vec(docs, { ...options, seed: 6 }).vectors).not.toEqual(a.vectors);
  });

  it('puts words of the same contexts closer than unrelated ones', () => {
    for (const seed of [1, 2, 3]) {
      const m = trainWord2Vec(planted(seed), { ...options, seed });
      expect(cosine(m, 'cat', 'dog'), `seed ${seed}`).toBeGreaterThan(cosine(m, 'cat', 'car') + 0.3);
      expect(cosine(m, 'car', 'bus'), `seed ${seed}`).toBeGreaterThan(cosine(m, 'bus', 'dog') + 0.3);
      expect(cosine(m, 'fish', 'milk'), `seed ${seed}`).toBeGreaterThan(cosine(m, 'fish', 'road'));
    }
  });

  it('drops words under the minimum count; a document is the mean of its known words, zero without any', () => {
    const m = trainWord2Vec(['red fox', 'red hen', 'blue'], { ...options, minCount: 2 });
    expect([...m.vocabulary.keys()]).toEqual(['red']);
    const v = documentVectors(m, ['Red red FOX', 'fox', '']);
    const red = m.vectors.subarray(0, m.dim);
    expect(Array.from(v.subarray(0, m.dim))).toEqual(Array.from(red));
    expect(Array.from(v.subarray(m.dim))).toEqual(new Array(2 * m.dim).fill(0));
    const both = trainWord2Vec(['red fox', 'red hen'], options);
    const mean = documentVectors(both, ['red fox']);
    const [r, f] = [both.vocabulary.get('red')!, both.vocabulary.get('fox')!];
    for (let j = 0; j < both.dim; j++) expect(mean[j]).toBeCloseTo((both.vectors[r * both.dim + j] + both.vectors[f * both.dim + j]) / 2, 6);
  });

  it("gives a group of documents the mean over all its documents' words", () => {
    const m = trainWord2Vec(['red fox', 'red hen', 'blue'], options);
    // Group 0: 'red fox' and 'hen' (three words, not the mean of two document means); group 1: none.
    const v = groupVectors(m, ['red fox', 'blue', 'hen'], Int32Array.of(0, 2, 0), 3);
    expect(Array.from(v.subarray(0, m.dim))).toEqual(Array.from(documentVectors(m, ['red fox hen'])));
    expect(Array.from(v.subarray(m.dim, 2 * m.dim))).toEqual(new Array(m.dim).fill(0));
    expect(Array.from(v.subarray(2 * m.dim))).toEqual(Array.from(documentVectors(m, ['blue'])));
  });

  it('handles an empty corpus', () => {
    const m = trainWord2Vec(['', '!!'], options);
    expect(m.vocabulary.size).toBe(0);
    expect(Array.from(documentVectors(m, ['anything']))).toEqual(new Array(16).fill(0));
  });
});
