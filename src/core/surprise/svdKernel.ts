/**
 * SVD's epoch as a WebAssembly SIMD kernel (svdKernel.wat): the same arithmetic as the
 * JS loop in svd.ts, so the same bits, in about half the time. Used where the engine
 * validates the module (WebAssembly SIMD: Chrome 91, Firefox 89, Safari 16.4, Node 16);
 * elsewhere, and for memories past MAX_BYTES, SVD runs its JS loop.
 */
import type { Trainset } from './trainset.ts';
import { WASM_BASE64 } from './svdKernel.wasm.ts';

/** The biases and factor rows the kernel trains (SVD's fields). */
export interface FactorArrays {
  bu: Float64Array;
  bi: Float64Array;
  pu: Float64Array;
  qi: Float64Array;
}

/** One epoch's constants, as SVD.epoch computes them. */
export interface SvdStep {
  mean: number;
  biased: boolean;
  lrBu: number;
  lrBi: number;
  regBu: number;
  regBi: number;
  keepP: number;
  lrPu: number;
  keepQ: number;
  lrQi: number;
}

const KEYS = ['bu', 'bi', 'pu', 'qi'] as const;

interface KernelExports {
  memory: WebAssembly.Memory;
  svdEpoch(...args: number[]): void;
}

/** wasm32 addresses reach 4 GiB, and some engines stop a memory at 2. */
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once per worker (under 1 KB: synchronous compiling is allowed); null without SIMD. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

export class SvdKernel {
  private constructor(
    private readonly run: KernelExports['svdEpoch'],
    private readonly nUsers: number,
    private readonly k: number,
    /** Byte offsets of urStart, urItem, urRating, bu, bi, pu, qi in the memory. */
    private readonly at: readonly number[],
    /** The memory's views of bu, bi, pu, qi. */
    private readonly views: FactorArrays,
  ) {}

  /**
   * A kernel instance holding a copy of the trainset's ratings and of `m`'s starting
   * values, with `m`'s arrays pointed at that copy: the model predicts from what the
   * kernel trains (learning curves score it after each epoch). Null where the engine
   * lacks SIMD or the copy would not fit.
   */
  static open(ts: Trainset, k: number, m: FactorArrays): SvdKernel | null {
    const module = kernelModule();
    if (!module) return null;
    // f64 arrays first, each from a 16-byte boundary, then the i32 ones.
    const sizes = [m.bu.length * 8, m.bi.length * 8, m.pu.length * 8, m.qi.length * 8, ts.urRating.length * 8, ts.urStart.length * 4, ts.urItem.length * 4];
    const at: number[] = [];
    let bytes = 0;
    for (const size of sizes) {
      at.push(bytes);
      bytes += Math.ceil(size / 16) * 16;
    }
    if (bytes > MAX_BYTES) return null;
    const exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    try {
      exports.memory.grow(Math.ceil(bytes / PAGE));
    } catch {
      return null; // the engine could not give that much memory: the JS loop needs none more
    }
    const buffer = exports.memory.buffer;
    const f64 = (k: number, n: number) => new Float64Array(buffer, at[k], n);
    const views = { bu: f64(0, m.bu.length), bi: f64(1, m.bi.length), pu: f64(2, m.pu.length), qi: f64(3, m.qi.length) };
    for (const key of KEYS) {
      views[key].set(m[key]);
      m[key] = views[key];
    }
    f64(4, ts.urRating.length).set(ts.urRating);
    new Int32Array(buffer, at[5], ts.urStart.length).set(ts.urStart);
    new Int32Array(buffer, at[6], ts.urItem.length).set(ts.urItem);
    return new SvdKernel(exports.svdEpoch, ts.nUsers, k, [at[5], at[6], at[4], at[0], at[1], at[2], at[3]], views);
  }

  epoch(s: SvdStep): void {
    this.run(this.nUsers, this.k, ...this.at, s.mean, s.biased ? 1 : 0, s.lrBu, s.lrBi, s.regBu, s.regBi, s.keepP, s.lrPu, s.keepQ, s.lrQi);
  }

  /** Gives `m` arrays of its own (copies of the memory's), so that the memory can go. */
  release(m: FactorArrays): void {
    for (const key of KEYS) m[key] = this.views[key].slice();
  }
}
