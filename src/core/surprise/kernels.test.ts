import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat } from '../../../scripts/wat.ts';
import { syntheticTrainset } from '../testing/synthetic.ts';
import { ml100kAvailable, ml100kFolds } from '../testing/ml100k.ts';
import { FitCancelled } from './algo.ts';
import { openSvdKernel } from './kernels.ts';
import { WASM_BASE64 } from './kernels.wasm.ts';
import { NMF, SVD, type NMFOptions, type SVDOptions } from './svd.ts';
import type { Trainset } from './trainset.ts';

type Model = SVD | NMF;
const MODELS = {
  SVD: (o: Partial<SVDOptions & NMFOptions>, seed: number) => new SVD(o, seed),
  NMF: (o: Partial<SVDOptions & NMFOptions>, seed: number) => new NMF(o, seed),
};

/** The model fitted by its kernel and by its JS loop, from the same seed. */
function both(name: keyof typeof MODELS, ts: Trainset, options: Partial<SVDOptions & NMFOptions>, seed = 3): [Model, Model] {
  const kernel = MODELS[name](options, seed).fit(ts);
  const loop = MODELS[name]({ ...options, simd: false }, seed).fit(ts);
  expect([kernel.ranOn, loop.ranOn]).toEqual(['wasm-simd', 'js']);
  return [kernel, loop];
}

function expectSameBits([a, b]: [Model, Model]): void {
  for (const key of ['bu', 'bi', 'pu', 'qi'] as const) expect(a[key], key).toEqual(b[key]);
}

describe('WebAssembly SIMD kernels', () => {
  it('are the assembly of kernels.wat as it stands (run `npm run build:wasm` after editing it)', async () => {
    const source = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
    expect(Buffer.from(await assembleWat('kernels.wat', source)).toString('base64')).toBe(WASM_BASE64);
  });

  // Odd k and k < 4 take the dot product's and the pairs' scalar tails.
  it.each([1, 2, 3, 5, 8, 13])('SVD: the JS loop bit for bit, k = %i, biased and not', (k) => {
    const ts = syntheticTrainset(7);
    expectSameBits(both('SVD', ts, { n_factors: k, n_epochs: 5 }));
    expectSameBits(both('SVD', ts, { n_factors: k, n_epochs: 5, biased: false, lr_pu: 0.02, reg_qi: 0.1 }));
  });

  it.each([1, 2, 3, 5, 8, 15])('NMF: the JS loop bit for bit, k = %i, biased and not', (k) => {
    const ts = syntheticTrainset(7);
    expectSameBits(both('NMF', ts, { n_factors: k, n_epochs: 8 }));
    expectSameBits(both('NMF', ts, { n_factors: k, n_epochs: 8, biased: true, reg_qi: 0.1, lr_bi: 0.02 }));
  });

  it('NMF: factors that start at zero stay zero (the lanes the update must skip), as in the JS loop', () => {
    const [a] = both('NMF', syntheticTrainset(3), { n_factors: 4, n_epochs: 3, init_low: 0, init_high: 0 });
    expect(a.pu.every((x) => x === 0) && a.qi.every((x) => x === 0)).toBe(true);
  });

  it.each(['SVD', 'NMF'] as const)('%s: the model predicts from the kernel after every epoch (learning curves), and owns its arrays at the end', (name) => {
    const ts = syntheticTrainset(2);
    const curve = (simd: boolean): number[] => {
      const points: number[] = [];
      const m = MODELS[name]({ n_factors: 6, n_epochs: 4, simd }, 5);
      m.fit(ts, { onEpoch: () => points.push(m.estimate(1, 2)) });
      return points;
    };
    expect(curve(true)).toEqual(curve(false));
    // Its own: a view into the kernel's memory would keep the memory (and the ratings' copy) alive.
    const fitted = MODELS[name]({ n_factors: 6 }, 0).fit(ts);
    for (const a of [fitted.bu, fitted.bi, fitted.pu, fitted.qi]) expect(a.buffer.byteLength).toBe(a.byteLength);
  });

  it.each(['SVD', 'NMF'] as const)('%s: a fit stopped after two epochs keeps those two epochs, in arrays of its own', (name) => {
    const ts = syntheticTrainset(4);
    const stopped = (simd: boolean): Model => {
      const m = MODELS[name]({ n_factors: 5, n_epochs: 6, simd }, 1);
      let epochs = 0;
      expect(() => m.fit(ts, { onEpoch: () => epochs++, shouldStop: () => epochs === 2 })).toThrow(FitCancelled);
      return m;
    };
    const [a, b] = [stopped(true), stopped(false)];
    expectSameBits([a, b]);
    expectSameBits([a, MODELS[name]({ n_factors: 5, n_epochs: 2, simd: false }, 1).fit(ts)]);
    expect(a.pu.buffer.byteLength).toBe(a.pu.byteLength);
  });

  it('open: null where the memory would pass 2 GiB, so the model runs its JS loop', () => {
    const ts = syntheticTrainset(1);
    const huge = { bu: new Float64Array(0), bi: new Float64Array(0), pu: { length: 0, byteLength: 2 ** 31 } as Float64Array, qi: new Float64Array(0) };
    expect(openSvdKernel(ts, 3, huge)).toBeNull();
  });

  it.skipIf(!ml100kAvailable())('SVD and NMF: the JS loop bit for bit on a MovieLens-100k fold at the defaults', () => {
    const { ts } = ml100kFolds()[0];
    expectSameBits(both('SVD', ts, {}, 0));
    expectSameBits(both('NMF', ts, {}, 0));
  });
});
