/**
 * Seeded pseudo-random numbers. Every random choice in RecLab goes through one of
 * these so that a run is reproducible from the seed it records.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting), seeded through
 * splitmix32 so that nearby seeds give unrelated streams.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  uint32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Normal deviate (Box–Muller). */
  normal(mean?: number, std?: number): number;
  /** out[k] = normal(mean, std) for every k in order: the same draws as that many normal() calls, in one tight loop (millions of embedding rows). */
  fillNormal(out: Float32Array | Float64Array, mean?: number, std?: number): void;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T;
}

/** MurmurHash3's 32-bit finaliser: every input bit moves every output bit (an unsigned 32-bit result). */
export function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    return fmix32(s);
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const init = splitmix32(Math.floor(seed));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state during the first few rounds.
  for (let k = 0; k < 12; k++) uint32();

  const next = (): number => uint32() / 4294967296;
  let spare: number | null = null;
  const normal = (mean = 0, std = 1): number => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uint32,
    int(n: number): number {
      return Math.floor(next() * n);
    },
    normal,
    fillNormal(out, mean = 0, std = 1) {
      let k = 0;
      if (k < out.length && spare !== null) out[k++] = normal(mean, std);
      // Whole pairs inline; a last odd one leaves its spare for the next draw, as normal() does.
      for (; k + 1 < out.length; k += 2) {
        let u = 0;
        while (u === 0) u = next();
        const v = next();
        const r = Math.sqrt(-2 * Math.log(u));
        out[k] = mean + std * r * Math.cos(2 * Math.PI * v);
        out[k + 1] = mean + std * (r * Math.sin(2 * Math.PI * v));
      }
      if (k < out.length) out[k] = normal(mean, std);
    },
    shuffle(arr) {
      const x = arr as unknown as unknown[];
      for (let i = x.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = x[i];
        x[i] = x[j];
        x[j] = t;
      }
      return arr;
    },
  };
}

/** The start of the counter-based stream of (key, index): see keyedUniforms. */
function keyedStart(key: number, index: number): number {
  return fmix32((key ^ fmix32(index + 1)) >>> 0);
}

/**
 * `out[at + k]` for k < n: uniform floats in (0, 1) drawn from (key, index) alone, a
 * counter-based stream (splitmix32 over a hashed start), so that any index's draws can
 * be made in any order and come out the same: big embedding tables draw a row's start
 * when the row is first used.
 */
export function keyedUniforms(key: number, index: number, out: Float32Array | Float64Array, at: number, n: number): void {
  let s = keyedStart(key, index);
  for (let k = 0; k < n; k++) {
    s = (s + 0x9e3779b9) >>> 0;
    out[at + k] = (fmix32(s) + 0.5) / 4294967296;
  }
}

/**
 * `out[at + k]` for k < n: normal(0, std) deviates from the stream keyedUniforms
 * draws from (key, index), by Marsaglia's polar method (a pair per accepted point of
 * the unit disc: one log and one square root, no sine or cosine, which made drawing
 * millions of rows' starts the larger part of a big table's first epoch).
 */
export function keyedNormals(key: number, index: number, out: Float32Array | Float64Array, at: number, n: number, std: number): void {
  let s = keyedStart(key, index);
  for (let k = 0; k < n; ) {
    s = (s + 0x9e3779b9) >>> 0;
    const x = (fmix32(s) + 0.5) / 2147483648 - 1;
    s = (s + 0x9e3779b9) >>> 0;
    const y = (fmix32(s) + 0.5) / 2147483648 - 1;
    const r2 = x * x + y * y;
    if (r2 >= 1) continue;
    const f = std * Math.sqrt((-2 * Math.log(r2)) / r2);
    out[at + k++] = x * f;
    if (k < n) out[at + k++] = y * f;
  }
}

/** A permutation of 0..n-1 drawn from `rng`. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return rng.shuffle(p);
}
