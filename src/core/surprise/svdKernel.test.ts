import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat } from '../../../scripts/wat.ts';
import { syntheticTrainset } from '../testing/synthetic.ts';
import { ml100kAvailable, ml100kFolds } from '../testing/ml100k.ts';
import { SVD, type SVDOptions } from './svd.ts';
import { SvdKernel } from './svdKernel.ts';
import { WASM_BASE64 } from './svdKernel.wasm.ts';
import type { Trainset } from './trainset.ts';

/** SVD fitted by the kernel and by the JS loop from the same seed. */
function both(ts: Trainset, options: Partial<SVDOptions>, seed = 3): [SVD, SVD] {
  return [new SVD(options, seed).fit(ts), new SVD({ ...options, simd: false }, seed).fit(ts)];
}

function expectSameBits(a: SVD, b: SVD): void {
  for (const key of ['bu', 'bi', 'pu', 'qi'] as const) expect(a[key], key).toEqual(b[key]);
}

describe('SVD kernel (WebAssembly SIMD)', () => {
  it('is the assembly of svdKernel.wat as it stands (run `npm run build:wasm` after editing it)', async () => {
    const source = readFileSync(new URL('./svdKernel.wat', import.meta.url), 'utf8');
    expect(Buffer.from(await assembleWat('svdKernel.wat', source)).toString('base64')).toBe(WASM_BASE64);
  });

  it('runs here (Node has WebAssembly SIMD), so the tests below compare two paths', () => {
    const ts = syntheticTrainset(1);
    const m = new SVD({ n_factors: 3 }).fit(ts);
    expect(SvdKernel.open(ts, 3, m)).not.toBeNull();
  });

  // Odd k and k < 4 take the dot product's and the step's scalar tails.
  it.each([1, 2, 3, 5, 8, 13])('gives the JS loop bit for bit: k = %i, biased and not', (k) => {
    const ts = syntheticTrainset(7);
    expectSameBits(...both(ts, { n_factors: k, n_epochs: 5 }));
    expectSameBits(...both(ts, { n_factors: k, n_epochs: 5, biased: false, lr_pu: 0.02, reg_qi: 0.1 }));
  });

  it('lets the model predict from the kernel after every epoch (learning curves), and gives it its own arrays at the end', () => {
    const ts = syntheticTrainset(2);
    const curve = (simd: boolean): number[] => {
      const points: number[] = [];
      const svd: SVD = new SVD({ n_factors: 6, n_epochs: 4, simd }, 5);
      svd.fit(ts, { onEpoch: () => points.push(svd.estimate(1, 2)) });
      return points;
    };
    expect(curve(true)).toEqual(curve(false));
    // Its own: a view into the kernel's memory would keep the memory (and the ratings' copy) alive.
    const fitted = new SVD({ n_factors: 6 }).fit(ts);
    expect(fitted.pu.byteOffset).toBe(0);
    expect(fitted.pu.buffer.byteLength).toBe(fitted.pu.byteLength);
  });

  it.skipIf(!ml100kAvailable())('gives the JS loop bit for bit on a MovieLens-100k fold at the defaults', () => {
    const [a, b] = both(ml100kFolds()[0].ts, {}, 0);
    expectSameBits(a, b);
  });
});
