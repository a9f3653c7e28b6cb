/**
 * Embedding tables kept as plain Float32Arrays on the JS side. A batch copies its
 * rows out (gather), tf computes the gradient with respect to those copies, and the
 * table sums the gradients of repeated rows and updates just the rows it handed out.
 * No op ever touches the whole table, so a step costs O(batch × dim) and needs no
 * UnsortedSegmentSum kernel (missing on wasm, slow on cpu).
 */
import type { Rng } from '../core/rng.ts';
import { type OptimizerConfig, type StepInfo, slotCount, sparseUpdate } from './optimizer.ts';

export type EmbeddingInit = { kind: 'normal'; std: number } | { kind: 'uniform'; low: number; high: number } | { kind: 'zeros' };

export class EmbeddingTable {
  readonly values: Float32Array;
  private readonly slots: Float32Array[];
  /** Row → its position in this step's touched list, −1 when untouched. */
  private readonly slotOf: Int32Array;
  private touched: Int32Array;
  private nTouched = 0;
  /** Per touched row, its summed gradient (nTouched × dim). */
  private grad: Float32Array;

  constructor(
    readonly name: string,
    readonly rows: number,
    readonly dim: number,
    cfg: OptimizerConfig,
    init: EmbeddingInit,
    rng: Rng,
    /** Project onto x ≥ 0 after each update (non-negative MF). */
    readonly nonNegative = false,
  ) {
    const n = rows * dim;
    this.values = new Float32Array(n);
    if (init.kind === 'normal') for (let k = 0; k < n; k++) this.values[k] = rng.normal(0, init.std);
    else if (init.kind === 'uniform') {
      for (let k = 0; k < n; k++) this.values[k] = init.low + (init.high - init.low) * rng.next();
    }
    if (nonNegative) for (let k = 0; k < n; k++) this.values[k] = Math.abs(this.values[k]);
    this.slots = Array.from({ length: slotCount(cfg) }, () => new Float32Array(n));
    this.slotOf = new Int32Array(rows).fill(-1);
    this.touched = new Int32Array(256);
    this.grad = new Float32Array(256 * dim);
  }

  /** The rows `index` names, row-major (index.length × dim). */
  gather(index: Int32Array): Float32Array {
    const d = this.dim;
    const out = new Float32Array(index.length * d);
    for (let k = 0; k < index.length; k++) {
      const r = index[k];
      if (r < 0 || r >= this.rows) throw new RangeError(`${this.name}: row ${r} outside 0..${this.rows - 1}`);
      out.set(this.values.subarray(r * d, r * d + d), k * d);
    }
    return out;
  }

  /** Add per-lookup gradients (index.length × dim) into this step's per-row sums. */
  accumulate(index: Int32Array, g: Float32Array): void {
    const d = this.dim;
    for (let k = 0; k < index.length; k++) {
      const r = index[k];
      let s = this.slotOf[r];
      if (s < 0) {
        s = this.nTouched++;
        this.slotOf[r] = s;
        this.reserve(this.nTouched);
        this.touched[s] = r;
        this.grad.fill(0, s * d, s * d + d);
      }
      const gb = s * d;
      const kb = k * d;
      for (let j = 0; j < d; j++) this.grad[gb + j] += g[kb + j];
    }
  }

  /** Apply the optimiser to the touched rows and start the next step clean. */
  step(cfg: OptimizerConfig, info: StepInfo): void {
    sparseUpdate(cfg, info, this.values, this.slots, this.dim, this.touched, this.nTouched, this.grad, this.nonNegative);
    for (let k = 0; k < this.nTouched; k++) this.slotOf[this.touched[k]] = -1;
    this.nTouched = 0;
  }

  private reserve(n: number): void {
    if (n <= this.touched.length) return;
    const touched = new Int32Array(this.touched.length * 2);
    touched.set(this.touched);
    this.touched = touched;
    const grad = new Float32Array(touched.length * this.dim);
    grad.set(this.grad);
    this.grad = grad;
  }
}
