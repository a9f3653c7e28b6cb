import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holm } from './holm.ts';
import { HOLM, HOLM_NAN, VERSIONS } from './scipyFixtures.ts';

describe(`holm matches statsmodels multipletests(method='holm') (statsmodels ${VERSIONS.statsmodels})`, () => {
  it('on the fixtures, exactly (the same products and maxima)', () => {
    for (const { p, adjusted } of HOLM) expect(holm(p)).toEqual(adjusted);
  });

  it('passes NaN through without counting it in m', () => {
    expect(holm(HOLM_NAN.p)).toEqual(HOLM_NAN.adjusted);
    expect(holm([NaN, NaN])).toEqual([NaN, NaN]);
    expect(holm([])).toEqual([]);
  });

  it('is a monotone step-down adjustment capped at 1', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (p) => {
        const adj = holm(p);
        for (let i = 0; i < p.length; i++) {
          if (!(adj[i] >= p[i] && adj[i] <= 1 && adj[i] <= Math.min(1, p[i] * p.length))) return false;
          for (let j = 0; j < p.length; j++) if (p[i] < p[j] && adj[i] > adj[j]) return false;
        }
        return true;
      }),
    );
  });

  it('refuses values that are not p-values', () => {
    expect(() => holm([0.5, 1.2])).toThrow(RangeError);
    expect(() => holm([-0.1])).toThrow(RangeError);
    expect(() => holm([Infinity])).toThrow(RangeError);
  });
});
