/**
 * Embedding tables kept as plain Float32Arrays on the JS side. A batch copies its
 * rows out (gather), tf computes the gradient with respect to those copies, and the
 * table sums the gradients of repeated rows and updates just the rows it handed out.
 * No op ever touches the whole table, so a step costs O(batch × dim) and needs no
 * UnsortedSegmentSum kernel (missing on wasm, slow on cpu).
 *
 * Layout: row r holds its dim values and then its optimiser slots (Adam's m and v,
 * SGD's momentum, or row-wise Adagrad's one accumulator) in one contiguous span. A
 * touched row is then one run of cache lines on one or two memory pages instead of
 * three far-apart rows, which is what keeps a step on a million-row table about as
 * fast as on a thousand-row one. Rows live in chunks of CHUNK_ROWS, each its own
 * buffer: when training ends (freeze) the slots go chunk by chunk, and the chunks of
 * values are then the saved model's weights as they are, so a table never has a copy
 * of itself beside it (on 4.2M users that copy was 0.64 GB at the lab's peak).
 *
 * A big table (LAZY_INIT_BYTES and up: hundreds of thousands of rows) draws each row's
 * start when the row is first used, from (a key the seed gives, the row number) alone,
 * instead of drawing every row in turn before the first batch: on 4.2M users that
 * up-front pass (150M normal draws and mapping a GB of fresh memory) kept the lab's
 * first batch 10–20 s away. Same seed, same values, in whatever order rows are first
 * used; the draws differ from a small table's single stream, so results on big tables
 * are reproducible but not the numbers the eager stream would give.
 */
import { keyedNormals, keyedUniforms, type Rng } from '../core/rng.ts';
import { slotFloats } from '../core/registry/embeddingMemory.ts';
import { releaseBuffer } from '../core/release.ts';
import { type OptimizerConfig, type StepInfo, sparseUpdate } from './optimizer.ts';

export type EmbeddingInit =
  | { kind: 'normal'; std: number }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'constant'; value: number };

/** Multiplicative hashing (Knuth): spreads row numbers over a power-of-two table. */
const HASH = 0x9e3779b1;
/** Float32s per 64-byte cache line. */
const FLOATS_PER_LINE = 16;
/** Rows per chunk, 2^CHUNK_SHIFT: 16 MiB of values at 32 dims, one part of a stored model. */
const CHUNK_SHIFT = 17;
export const CHUNK_ROWS = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_ROWS - 1;
/**
 * Tables of this many bytes (values and optimiser state) and more start lazily: about
 * 0.1 s of draws up front. Below it, the single seeded stream every published figure
 * on small data was made with.
 */
export const LAZY_INIT_BYTES = 32 * 2 ** 20;

/** One row's uniform draws, for lazy uniform starts. */
let uniforms = new Float64Array(64);

/** A lazy table's start: the key its rows' draws come from, and which rows have drawn. */
interface LazyStart {
  key: number;
  init: EmbeddingInit;
  ready: Uint8Array;
}

export class EmbeddingTable {
  /**
   * Row r: in chunk r >> CHUNK_SHIFT, values at [(r & CHUNK_MASK)·stride, … + dim), its
   * optimiser slots after them. Emptied by dispose(): GBs on millions of users.
   */
  private chunks: Float32Array[];
  /** Floats per row: dim and the optimiser's slots; dim alone once frozen. */
  private stride: number;
  /** Its chunks are a saved model's weights too: dispose leaves them to the GC. */
  private shared = false;
  /** Set while some rows have not drawn their start yet (big tables). */
  private lazy: LazyStart | null = null;
  /** This step's touched rows in first-touch order, and their summed gradients (nTouched × dim). */
  private touched = new Int32Array(256);
  private grad: Float32Array;
  private nTouched = 0;
  /**
   * Open-addressing map row → position in `touched`, sized by the batch, not the
   * catalog: a catalog-sized index would cost a cache miss per lookup on big tables.
   * keys hold row + 1 (0 = empty); `at[k]` is touched[k]'s key slot, for clearing.
   */
  private keys = new Int32Array(512);
  private pos = new Int32Array(512);
  private at = new Int32Array(256);
  /** 32 − log2(keys.length): the hash's top bits index the map. */
  private shift = 32 - 9;
  /** The prefetch loads' sum: stored (and public, so nothing flags it unread) only to keep the JIT from dropping the loads. */
  prefetchSink = 0;

  constructor(
    readonly name: string,
    readonly rows: number,
    readonly dim: number,
    cfg: OptimizerConfig,
    init: EmbeddingInit,
    rng: Rng,
    /** Project onto x ≥ 0 after each update (non-negative MF). */
    readonly nonNegative = false,
    /** From this many bytes on, rows start when first used (tests lower it). */
    lazyFrom = LAZY_INIT_BYTES,
  ) {
    const stride = dim + slotFloats(cfg.name, dim);
    this.stride = stride;
    this.grad = new Float32Array(256 * dim);
    const lazy = rows * stride * 4 >= lazyFrom;
    // Lazy: fresh zeroed memory, mapped page by page as rows are first used. Eager: writing
    // every element (zeros included) maps the pages now, not on first touch mid-training.
    this.chunks = Array.from({ length: Math.ceil(rows / CHUNK_ROWS) }, (_, c) => {
      const chunk = new Float32Array(Math.min(CHUNK_ROWS, rows - c * CHUNK_ROWS) * stride);
      return lazy ? chunk : chunk.fill(0);
    });
    if (lazy) {
      this.lazy = { key: rng.uint32(), init, ready: new Uint8Array(rows) };
      return;
    }
    if (init.kind === 'normal') this.fillNormal(rng, init.std);
    else {
      const draw = init.kind === 'uniform' ? () => init.low + (init.high - init.low) * rng.next() : () => init.value;
      for (let r = 0; r < rows; r++) {
        const w = this.chunks[r >>> CHUNK_SHIFT];
        const base = (r & CHUNK_MASK) * stride;
        for (let j = 0; j < dim; j++) {
          const x = draw();
          w[base + j] = nonNegative ? Math.abs(x) : x;
        }
      }
    }
  }

  /**
   * Every row's values drawn normal(0, std) in row order, a block of rows at a time:
   * the draws of one normal() per value (millions of rows: the bulk of a big fit's setup).
   */
  private fillNormal(rng: Rng, std: number): void {
    const { dim, stride, rows } = this;
    const block = new Float32Array(Math.max(1, Math.floor(65536 / dim)) * dim);
    for (let r0 = 0; r0 < rows; r0 += block.length / dim) {
      const n = Math.min(block.length / dim, rows - r0);
      const values = block.subarray(0, n * dim);
      rng.fillNormal(values, 0, std);
      if (this.nonNegative) for (let k = 0; k < values.length; k++) values[k] = Math.abs(values[k]);
      // Plain loops: a subarray per row is an object per row, millions of them for the GC.
      for (let r = r0, o = 0; r < r0 + n; r++) {
        const w = this.chunks[r >>> CHUNK_SHIFT];
        const base = (r & CHUNK_MASK) * stride;
        for (let j = 0; j < dim; j++) w[base + j] = values[o++];
      }
    }
  }

  /** Row r's start, drawn from (key, r) alone. */
  private startRow(r: number): void {
    const lazy = this.lazy!;
    const { init } = lazy;
    const { dim } = this;
    const data = this.chunks[r >>> CHUNK_SHIFT];
    const base = (r & CHUNK_MASK) * this.stride;
    lazy.ready[r] = 1;
    if (init.kind === 'normal') keyedNormals(lazy.key, r, data, base, dim, init.std);
    else if (init.kind === 'uniform') {
      // In doubles first: a uniform just under 1 rounds to 1 in a float32.
      if (uniforms.length < dim) uniforms = new Float64Array(dim);
      keyedUniforms(lazy.key, r, uniforms, 0, dim);
      for (let j = 0; j < dim; j++) data[base + j] = init.low + (init.high - init.low) * uniforms[j];
    } else data.fill(init.value, base, base + dim);
    if (this.nonNegative) for (let j = 0; j < dim; j++) data[base + j] = Math.abs(data[base + j]);
  }

  /** Every row started (before reading the whole table): the table is eager from then on. */
  private startAll(): void {
    if (!this.lazy) return;
    const { ready } = this.lazy;
    for (let r = 0; r < this.rows; r++) if (ready[r] === 0) this.startRow(r);
    this.lazy = null;
  }

  /**
   * Frozen: the slots are gone, the table predicts but no longer trains. Every optimiser
   * keeps at least one slot float per row (slotFloats), so a row of dim floats has none.
   */
  private get frozen(): boolean {
    return this.stride === this.dim;
  }

  /**
   * Training is over: every row started, the optimiser slots dropped a chunk at a time
   * (a new chunk of values, the old one freed), so the table holds its values only and
   * predicts from them. It no longer trains.
   */
  freeze(): void {
    if (this.frozen) return;
    this.startAll();
    const { dim, stride } = this;
    this.chunks = this.chunks.map((chunk) => {
      const rows = chunk.length / stride;
      const values = new Float32Array(rows * dim);
      for (let r = 0, base = 0, o = 0; r < rows; r++, base += stride) for (let j = 0; j < dim; j++) values[o++] = chunk[base + j];
      releaseBuffer(chunk.buffer);
      return values;
    });
    this.stride = dim;
  }

  /**
   * The values as buffers (freezing first), chunk after chunk, that together hold
   * rows × dim floats row-major: a saved model's weights, shared, not copied.
   */
  valueBuffers(): ArrayBuffer[] {
    this.freeze();
    this.shared = true;
    return this.chunks.map((c) => c.buffer as ArrayBuffer);
  }

  /**
   * Frees the values and optimiser state now (GBs on millions of users, before the run is
   * stored), unless a saved model holds them; the table is unusable afterwards.
   */
  dispose(): void {
    if (!this.shared) for (const c of this.chunks) releaseBuffer(c.buffer);
    this.chunks = [];
    this.lazy = null;
  }

  /** The rows `index` names, row-major (index.length × dim). */
  gather(index: Int32Array): Float32Array {
    return this.gatherInto(index, new Float32Array(index.length * this.dim));
  }

  private scratch = new Float32Array(0);
  /**
   * gather() into a buffer this table reuses, valid until its next call: for a batch's
   * rows, which tf copies into a tensor. A new 128 KB array per lookup per step is
   * what made a step in Chromium twice as slow as in Node.
   */
  gatherReused(index: Int32Array): Float32Array {
    const n = index.length * this.dim;
    if (this.scratch.length < n) this.scratch = new Float32Array(n);
    return this.gatherInto(index, this.scratch.subarray(0, n));
  }

  private gatherInto(index: Int32Array, out: Float32Array): Float32Array {
    const { dim: d, stride, chunks } = this;
    if (chunks.length === 0 && this.rows > 0) throw new Error(`${this.name} was disposed`);
    this.prefetch(index);
    const ready = this.lazy?.ready;
    for (let k = 0; k < index.length; k++) {
      const r = index[k];
      if (r < 0 || r >= this.rows) throw new RangeError(`${this.name}: row ${r} outside 0..${this.rows - 1}`);
      if (ready !== undefined && ready[r] === 0) this.startRow(r);
      const w = chunks[r >>> CHUNK_SHIFT];
      const base = (r & CHUNK_MASK) * stride;
      const o = k * d;
      for (let j = 0; j < d; j++) out[o + j] = w[base + j];
    }
    return out;
  }

  /**
   * Software prefetch: read one float per cache line of every named row (values and
   * slots) in a tight loop of independent loads, so the CPU overlaps the misses of a
   * big table instead of taking them one row at a time inside the copy and update
   * loops. The batch's rows then sit in L2 for gather, accumulate and step.
   */
  private prefetch(index: Int32Array): void {
    const { stride, chunks } = this;
    let sink = 0;
    for (let k = 0; k < index.length; k++) {
      const r = index[k];
      // A row outside the table is gatherInto's error to report.
      const w = chunks[r >>> CHUNK_SHIFT];
      if (w === undefined) continue;
      const base = (r & CHUNK_MASK) * stride;
      for (let j = 0; j < stride; j += FLOATS_PER_LINE) sink += w[base + j];
    }
    this.prefetchSink = sink;
  }

  /** out[r] = row r · x for every row: a whole-catalog score without copying the table. */
  dotAll(x: ArrayLike<number>, out: Float64Array): Float64Array {
    this.startAll();
    const { dim: d, stride } = this;
    let r = 0;
    for (const w of this.chunks) {
      for (let base = 0; base < w.length; base += stride, r++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += w[base + j] * x[j];
        out[r] = s;
      }
    }
    return out;
  }

  /** A copy of every row's values (rows × dim), for snapshots. */
  read(): Float32Array {
    this.startAll();
    const { dim: d, stride } = this;
    const out = new Float32Array(this.rows * d);
    let o = 0;
    for (const w of this.chunks) for (let base = 0; base < w.length; base += stride) for (let j = 0; j < d; j++) out[o++] = w[base + j];
    return out;
  }

  /** Overwrite every row's values from `values` (rows × dim); optimiser state is kept. */
  write(values: Float32Array): void {
    const { dim: d, stride } = this;
    if (values.length !== this.rows * d) throw new RangeError(`${this.name}: ${values.length} values for ${this.rows} × ${d}`);
    this.lazy = null; // every row's values are given
    let o = 0;
    for (const w of this.chunks) for (let base = 0; base < w.length; base += stride) for (let j = 0; j < d; j++) w[base + j] = values[o++];
  }

  /** Add per-lookup gradients (index.length × dim) into this step's per-row sums. */
  accumulate(index: Int32Array, g: Float32Array): void {
    const d = this.dim;
    for (let k = 0; k < index.length; k++) {
      const s = this.slotFor(index[k]);
      const gb = s * d;
      const kb = k * d;
      for (let j = 0; j < d; j++) this.grad[gb + j] += g[kb + j];
    }
  }

  /** Apply the optimiser to the touched rows and start the next step clean. */
  step(cfg: OptimizerConfig, info: StepInfo): void {
    if (this.frozen) throw new Error(`${this.name} is frozen: its training is over`);
    sparseUpdate(cfg, info, this.chunks, CHUNK_SHIFT, this.stride, this.dim, this.touched, this.nTouched, this.grad, this.nonNegative);
    for (let k = 0; k < this.nTouched; k++) this.keys[this.at[k]] = 0;
    this.nTouched = 0;
  }

  /** Row r's position in this step's touched list, added (with a zeroed gradient) if new. */
  private slotFor(r: number): number {
    const mask = this.keys.length - 1;
    let h = Math.imul(r, HASH) >>> this.shift;
    for (let key = this.keys[h]; key !== 0; key = this.keys[h]) {
      if (key === r + 1) return this.pos[h];
      h = (h + 1) & mask;
    }
    if (this.nTouched === this.touched.length) {
      this.grow();
      return this.slotFor(r);
    }
    // A gradient for a row this table never handed out would update its unstarted zeros.
    if (this.lazy && this.lazy.ready[r] === 0) this.startRow(r);
    const s = this.nTouched++;
    this.keys[h] = r + 1;
    this.pos[h] = s;
    this.at[s] = h;
    this.touched[s] = r;
    this.grad.fill(0, s * this.dim, (s + 1) * this.dim);
    return s;
  }

  /** Double the touched list and the map (kept at most half full), re-inserting the rows so far. */
  private grow(): void {
    const n = this.touched.length * 2;
    const touched = new Int32Array(n);
    touched.set(this.touched);
    this.touched = touched;
    const grad = new Float32Array(n * this.dim);
    grad.set(this.grad);
    this.grad = grad;
    this.keys = new Int32Array(2 * n);
    this.pos = new Int32Array(2 * n);
    this.at = new Int32Array(n);
    this.shift--;
    const mask = 2 * n - 1;
    for (let k = 0; k < this.nTouched; k++) {
      let h = Math.imul(touched[k], HASH) >>> this.shift;
      while (this.keys[h] !== 0) h = (h + 1) & mask;
      this.keys[h] = touched[k] + 1;
      this.pos[h] = k;
      this.at[k] = h;
    }
  }
}
