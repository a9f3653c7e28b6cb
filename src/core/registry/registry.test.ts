import { describe, expect, it } from 'vitest';
import { ALGORITHMS, defaultParams, findAlgorithm, flattenParams, nestParams, paramError, resolveParams } from './index.ts';

describe('the registry', () => {
  it('has unique ids and unique parameter keys per algorithm', () => {
    expect(new Set(ALGORITHMS.map((a) => a.id)).size).toBe(ALGORITHMS.length);
    for (const a of ALGORITHMS) expect(new Set(a.params.map((p) => p.key)).size, a.id).toBe(a.params.length);
  });

  // The sliders and number boxes are generated from these: a default off the
  // min/step grid would make the browser refuse the form.
  it('gives every number a default inside its range and on its step grid', () => {
    for (const a of ALGORITHMS) {
      for (const p of a.params) {
        if (p.type !== 'int' && p.type !== 'float') continue;
        expect(p.min, `${a.id}.${p.key}`).toBeLessThan(p.max);
        if (p.default === null) {
          expect(p.nullable, `${a.id}.${p.key}`).toBe(true);
          continue;
        }
        expect(paramError(p, p.default), `${a.id}.${p.key}`).toBeNull();
        const steps = (p.default - p.min) / p.step;
        expect(Math.abs(steps - Math.round(steps)), `${a.id}.${p.key} default ${p.default} is off the step ${p.step}`).toBeLessThan(1e-6);
      }
    }
  });

  it('only conditions parameters on parameters that exist', () => {
    for (const a of ALGORITHMS) {
      const keys = new Set(a.params.map((p) => p.key));
      for (const p of a.params) for (const k of Object.keys(p.when ?? {})) expect(keys.has(k), `${a.id}.${p.key} when ${k}`).toBe(true);
    }
  });

  it('resolves params with defaults and rejects unknown keys and bad values', () => {
    const svd = findAlgorithm('SVD');
    expect(resolveParams(svd, { n_factors: 10 })).toEqual({ ...defaultParams(svd), n_factors: 10 });
    expect(() => resolveParams(svd, { n_factor: 10 })).toThrow(/no parameter "n_factor"/);
    expect(() => resolveParams(svd, { n_factors: 0.5 })).toThrow(/integer/);
    expect(() => findAlgorithm('SVDplus')).toThrow(/unknown algorithm/);
  });

  it('round-trips Surprise-style nested options', () => {
    const nested = { k: 20, sim_options: { name: 'pearson_baseline', user_based: false } };
    expect(nestParams(flattenParams(nested))).toEqual(nested);
    expect(flattenParams(nested)).toEqual({ k: 20, 'sim_options.name': 'pearson_baseline', 'sim_options.user_based': false });
  });
});
