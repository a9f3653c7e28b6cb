/**
 * The epochs of SVD and NMF as WebAssembly SIMD kernels (kernels.wat): the same
 * arithmetic as the JS loops in svd.ts, so the same bits, 3.5× (SVD) and 1.7× (NMF)
 * faster (npm run bench:speed). Used where the engine validates the module
 * (WebAssembly SIMD: Chrome 91, Firefox 89, Safari 16.4, Node 16); elsewhere, and for
 * memories past MAX_BYTES, the models run their JS loops.
 *
 * A kernel holds copies of the trainset's ratings and of the model's arrays in its
 * memory, and points the model's arrays at those copies while it trains: the model
 * predicts from what the kernel trains (learning curves score it after each epoch).
 * Kernel.train gives the model arrays of its own again when it ends.
 */
import type { FitHooks } from './algo.ts';
import { runEpochs } from './epochs.ts';
import type { Trainset } from './trainset.ts';
import { WASM_BASE64 } from './kernels.wasm.ts';

/** The biases and factor rows a kernel trains (SVD's and NMF's fields). */
export interface FactorArrays {
  bu: Float64Array;
  bi: Float64Array;
  pu: Float64Array;
  qi: Float64Array;
}

/** The biases' part of an epoch's constants, SVD's and NMF's alike. */
interface BiasStep {
  mean: number;
  biased: boolean;
  lrBu: number;
  lrBi: number;
  regBu: number;
  regBi: number;
}

/** One SVD epoch's constants, as SVD.epoch uses them. */
export interface SvdStep extends BiasStep {
  keepP: number;
  lrPu: number;
  keepQ: number;
  lrQi: number;
}

/** NMF's constants, as NMF.epoch uses them. */
export interface NmfStep extends BiasStep {
  regPu: number;
  regQi: number;
}

const KEYS = ['bu', 'bi', 'pu', 'qi'] as const;

interface KernelExports {
  memory: WebAssembly.Memory;
  svdEpoch(...args: number[]): void;
  nmfAccumulate(...args: number[]): void;
  nmfUpdate(...args: number[]): void;
}

/** wasm32 addresses reach 4 GiB, and some engines stop a memory at 2. */
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once per worker (a few KB: synchronous compiling is allowed); null without SIMD. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

type Column = Float64Array | Int32Array;

/**
 * An instance whose memory holds a copy of each array, each from a 16-byte boundary:
 * its exports, each copy's byte offset, and views of the copies. Null where the engine
 * lacks SIMD or the memory would not fit.
 */
function instanceWith<T extends Record<string, Column>>(arrays: T): { exports: KernelExports; at: Record<keyof T, number>; views: T } | null {
  const module = kernelModule();
  if (!module) return null;
  const keys = Object.keys(arrays) as (keyof T)[];
  const at = {} as Record<keyof T, number>;
  let bytes = 0;
  for (const key of keys) {
    at[key] = bytes;
    bytes += Math.ceil(arrays[key].byteLength / 16) * 16;
  }
  if (bytes > MAX_BYTES) return null;
  const exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
  try {
    exports.memory.grow(Math.ceil(bytes / PAGE));
  } catch {
    return null; // the engine could not give that much memory: the JS loop needs none more
  }
  const views = {} as T;
  for (const key of keys) {
    const a = arrays[key];
    const view = a instanceof Int32Array ? new Int32Array(exports.memory.buffer, at[key], a.length) : new Float64Array(exports.memory.buffer, at[key], a.length);
    view.set(a);
    views[key] = view as T[keyof T];
  }
  return { exports, at, views };
}

/** Points `m`'s arrays at the kernel's copies. */
function attach(m: FactorArrays, views: FactorArrays): void {
  for (const key of KEYS) m[key] = views[key];
}

/** The trainset's user-major ratings, as every kernel reads them. */
const ratingsOf = (ts: Trainset) => ({ urStart: ts.urStart, urItem: ts.urItem, urRating: ts.urRating });

/** A model's epochs in a kernel instance. */
export class Kernel<Step> {
  constructor(
    private readonly epoch: (s: Step) => void,
    private readonly views: FactorArrays,
  ) {}

  /**
   * The model's epochs, run here (runEpochs: cancellation, progress), then the model
   * given arrays of its own (copies of the memory's) so that the memory can go; a
   * stopped fit keeps its last complete epoch.
   */
  train(m: FactorArrays, nEpochs: number, hooks: FitHooks, step: Step): void {
    try {
      runEpochs(nEpochs, hooks, () => this.epoch(step));
    } finally {
      for (const key of KEYS) m[key] = this.views[key].slice();
    }
  }
}

/** A kernel over `ts` that trains `m` (SVD's biases and factors of `k`); null: run the JS loop. */
export function openSvdKernel(ts: Trainset, k: number, m: FactorArrays): Kernel<SvdStep> | null {
  const got = instanceWith({ bu: m.bu, bi: m.bi, pu: m.pu, qi: m.qi, ...ratingsOf(ts) });
  if (!got) return null;
  const { exports, at, views } = got;
  attach(m, views);
  return new Kernel(
    (s) => exports.svdEpoch(ts.nUsers, k, at.urStart, at.urItem, at.urRating, at.bu, at.bi, at.pu, at.qi, s.mean, s.biased ? 1 : 0, s.lrBu, s.lrBi, s.regBu, s.regBi, s.keepP, s.lrPu, s.keepQ, s.lrQi),
    views,
  );
}

/** A kernel over `ts` that trains `m` (NMF's biases and factors of `k`, and its sums); null: run the JS loop. */
export function openNmfKernel(ts: Trainset, k: number, m: FactorArrays): Kernel<NmfStep> | null {
  const users = ts.nUsers * k;
  const items = ts.nItems * k;
  const got = instanceWith({
    bu: m.bu,
    bi: m.bi,
    pu: m.pu,
    qi: m.qi,
    userNum: new Float64Array(users),
    userDenom: new Float64Array(users),
    itemNum: new Float64Array(items),
    itemDenom: new Float64Array(items),
    ...ratingsOf(ts),
    irStart: ts.irStart,
  });
  if (!got) return null;
  const { exports, at, views } = got;
  attach(m, views);
  return new Kernel((s) => {
    for (const sum of [views.userNum, views.userDenom, views.itemNum, views.itemDenom]) sum.fill(0);
    exports.nmfAccumulate(ts.nUsers, k, at.urStart, at.urItem, at.urRating, at.bu, at.bi, at.pu, at.qi, at.userNum, at.userDenom, at.itemNum, at.itemDenom, s.mean, s.biased ? 1 : 0, s.lrBu, s.lrBi, s.regBu, s.regBi);
    exports.nmfUpdate(ts.nUsers, k, at.urStart, at.pu, at.userNum, at.userDenom, s.regPu);
    exports.nmfUpdate(ts.nItems, k, at.irStart, at.qi, at.itemNum, at.itemDenom, s.regQi);
  }, views);
}
