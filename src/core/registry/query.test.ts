import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS, defaultParams, findAlgorithm, type FlatParams } from './index.ts';
import { paramsFromQuery, paramsToQuery } from './query.ts';

describe('params in the URL', () => {
  it('writes only what differs from the defaults and reads it back', () => {
    const knn = findAlgorithm('KNNBaseline');
    const params = { ...defaultParams(knn), k: 20, 'sim_options.name': 'pearson_baseline', 'sim_options.user_based': false };
    const q = new URLSearchParams('screen=train&p.stale=1');
    paramsToQuery(knn, params, q);
    expect(q.toString()).toBe('screen=train&p.k=20&p.sim_options.name=pearson_baseline&p.sim_options.user_based=false');
    expect(paramsFromQuery(knn, q)).toEqual({ params, dropped: [] });
  });

  it('drops values that do not fit the registry, with the reason', () => {
    const svd = findAlgorithm('SVD');
    const { params, dropped } = paramsFromQuery(svd, new URLSearchParams('p.n_factors=-3&p.biased=maybe&p.nope=1&p.lr_bu=0.01'));
    expect(params).toEqual({ ...defaultParams(svd), lr_bu: 0.01 });
    expect(dropped).toHaveLength(3);
    expect(dropped.join(' ')).toMatch(/n_factors must be between/);
  });

  it('round-trips any valid values of every algorithm', () => {
    for (const spec of ALGORITHMS) {
      const arb = fc.record(
        Object.fromEntries(
          spec.params.map((p) => [
            p.key,
            p.type === 'bool'
              ? fc.boolean()
              : p.type === 'choice'
                ? fc.constantFrom(...p.options)
                : p.type === 'int'
                  ? fc.integer({ min: p.min, max: p.max })
                  : // + 0 turns −0 into 0: a URL has no negative zero.
                    fc.double({ min: p.min, max: p.max, noNaN: true }).map((x) => x + 0),
          ]),
        ),
      );
      fc.assert(
        fc.property(arb, (params) => {
          const q = new URLSearchParams();
          paramsToQuery(spec, params as FlatParams, q);
          expect(paramsFromQuery(spec, new URLSearchParams(q.toString()))).toEqual({ params, dropped: [] });
        }),
        { numRuns: 20 },
      );
    }
  });
});
