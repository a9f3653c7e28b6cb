import { describe, expect, it } from 'vitest';
import { buildTfidfIndex, cosineSimilarities, tfidfProfile, tokenize, type TfidfIndex } from './tfidf.ts';

/** Item i's vector as term → weight. */
function vector(index: TfidfIndex, i: number): Record<string, number> {
  const name = [...index.vocabulary.keys()];
  const out: Record<string, number> = {};
  for (let p = index.start[i]; p < index.start[i + 1]; p++) out[name[index.terms[p]]] = index.weights[p];
  return out;
}

function expectVector(index: TfidfIndex, i: number, want: Record<string, number>): void {
  const got = vector(index, i);
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const [t, w] of Object.entries(want)) expect(got[t]).toBeCloseTo(w, 14);
}

// Every expected value below was worked out by hand (the formulas in the comments)
// and agrees with scikit-learn 1.2.1's TfidfVectorizer() to 1e-15: see tfidf_sklearn.py.
describe('TF-IDF with scikit-learn TfidfVectorizer defaults', () => {
  // n = 4 documents; df(café) = 2, df(tacvba) = 1, df(ñu) = 2.
  const titles = ['Café Tacvba', 'café café Ñu', 'Ñu', ''];
  const a = Math.log(5 / 3) + 1; // idf of café and ñu: ln((1+4)/(1+2)) + 1
  const b = Math.log(5 / 2) + 1; // idf of tacvba: ln((1+4)/(1+1)) + 1
  const index = buildTfidfIndex(titles);

  it('weights raw counts by smooth idf and L2-normalises each title (non-ASCII letters are word characters)', () => {
    expect(index.nDocs).toBe(4);
    expect(index.idf[index.vocabulary.get('café')!]).toBeCloseTo(a, 15);
    expect(index.idf[index.vocabulary.get('tacvba')!]).toBeCloseTo(b, 15);
    // d0 = (a, b) / √(a² + b²) = (0.6191302964899972, 0.7852882757103967)
    expectVector(index, 0, { café: a / Math.hypot(a, b), tacvba: b / Math.hypot(a, b) });
    expect(vector(index, 0)['café']).toBeCloseTo(0.6191302964899972, 15);
    expect(vector(index, 0)['tacvba']).toBeCloseTo(0.7852882757103967, 15);
    // d1: café twice, ñu once, both idf a: (2a, a) / (a√5) = (2, 1) / √5
    expectVector(index, 1, { café: 2 / Math.sqrt(5), ñu: 1 / Math.sqrt(5) });
    expectVector(index, 2, { ñu: 1 });
    // An untitled item is a document of the corpus (it counts in n) with the zero vector.
    expectVector(index, 3, {});
  });

  it('builds a profile as Σ rating × vector, normalised, and scores items by cosine', () => {
    // Rated d0 with 5 and d2 with 1: d0 ⟂ d2 (no shared term), so |5·d0 + d2| = √26.
    const profile = tfidfProfile(index, [0, 2], [5, 1]);
    const sims = cosineSimilarities(index, profile, [0, 1, 2, 3]);
    expect(sims[0]).toBeCloseTo(5 / Math.sqrt(26), 15); // 0.9805806756909201
    // d1·(5·d0 + d2) / √26 = (5 · (2/√5) · a/√(a²+b²) + 1/√5) / √26 = 0.6307189934631936
    expect(sims[1]).toBeCloseTo((5 * (2 / Math.sqrt(5)) * (a / Math.hypot(a, b)) + 1 / Math.sqrt(5)) / Math.sqrt(26), 15);
    expect(sims[1]).toBeCloseTo(0.6307189934631936, 15);
    expect(sims[2]).toBeCloseTo(1 / Math.sqrt(26), 15);
    expect(sims[3]).toBe(0);
  });

  it('gives similarity 0 for a zero profile: no ratings, untitled items only, or a sum that cancels', () => {
    for (const profile of [tfidfProfile(index, [], []), tfidfProfile(index, [3], [5]), tfidfProfile(index, [2, 2], [4, -4])]) {
      expect(profile.terms.length).toBe(0);
      expect(Array.from(cosineSimilarities(index, profile, [0, 1, 2, 3]))).toEqual([0, 0, 0, 0]);
    }
  });

  it('tokenizes like Python re \\b\\w\\w+\\b after str.lower(): code points, letters of any script, digits, underscore', () => {
    // 𝐀𝐁 is two code points (four UTF-16 units): a token; a lone 𝐀 is not.
    expect(tokenize('𝐀𝐁 test 𝐀')).toEqual(['𝐀𝐁', 'test']);
    // İ lowercases to i + U+0307 (a combining mark, not a word character): "i" is too short.
    expect(tokenize('İstanbul x_y 2 42')).toEqual(['stanbul', 'x_y', '42']);
    // Final sigma as Python lowercases it; CJK and accented letters are word characters.
    expect(tokenize('Naïve 東京 ΣΟΦΟΣ')).toEqual(['naïve', '東京', 'σοφος']);
    expect(tokenize("a b c — What's Going on")).toEqual(['what', 'going', 'on']);
  });

  it('matches scikit-learn on those titles: idf over five documents, one of them empty after tokenizing', () => {
    const edge = buildTfidfIndex(['𝐀𝐁 test 𝐀', 'İstanbul x_y 2 42', 'Naïve 東京 ΣΟΦΟΣ', 'a b c', 'TEST test']);
    const rare = Math.log(6 / 2) + 1; // df 1: 2.0986122886681096
    const test = Math.log(6 / 3) + 1; // df 2: 1.6931471805599454
    expect(edge.idf[edge.vocabulary.get('test')!]).toBeCloseTo(test, 15);
    expectVector(edge, 0, { '𝐀𝐁': rare / Math.hypot(rare, test), test: test / Math.hypot(rare, test) }); // 0.7782829228046183, 0.6279137616509934
    expect(vector(edge, 0)['𝐀𝐁']).toBeCloseTo(0.7782829228046183, 15);
    expectVector(edge, 1, { stanbul: 1 / Math.sqrt(3), x_y: 1 / Math.sqrt(3), '42': 1 / Math.sqrt(3) });
    expectVector(edge, 2, { naïve: 1 / Math.sqrt(3), 東京: 1 / Math.sqrt(3), σοφος: 1 / Math.sqrt(3) });
    expectVector(edge, 3, {});
    expectVector(edge, 4, { test: 1 });
  });

  it('indexes only the corpus items: n counts them, the others stay zero vectors', () => {
    // Items 0 and 2 only: df(ñu) = 1, n = 2, so every idf is ln(3/2) + 1 and d0 = (1, 1)/√2.
    const part = buildTfidfIndex(titles, [2, 0]);
    expect(part.nDocs).toBe(2);
    expectVector(part, 0, { café: Math.SQRT1_2, tacvba: Math.SQRT1_2 });
    expectVector(part, 1, {});
    expectVector(part, 2, { ñu: 1 });
    expect(part.idf[part.vocabulary.get('ñu')!]).toBeCloseTo(Math.log(3 / 2) + 1, 15);
  });
});
