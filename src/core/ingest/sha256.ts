/**
 * Incremental SHA-256 (FIPS 180-4). crypto.subtle.digest needs the whole input at
 * once, which a streaming import of a multi-GB file cannot give it; this hashes the
 * raw bytes chunk by chunk as they pass.
 */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

export class Sha256 {
  private readonly h = Int32Array.from(INITIAL);
  private readonly w = new Int32Array(64);
  private readonly pending = new Uint8Array(64);
  private pendingLength = 0;
  private total = 0;

  update(data: Uint8Array): void {
    this.total += data.length;
    let p = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(64 - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      p = take;
      if (this.pendingLength < 64) return;
      compress(this.h, this.w, this.pending, 0, 64);
      this.pendingLength = 0;
    }
    const whole = p + ((data.length - p) & ~63);
    compress(this.h, this.w, data, p, whole);
    this.pending.set(data.subarray(whole));
    this.pendingLength = data.length - whole;
  }

  /** The digest as lowercase hex. The hasher is spent afterwards. */
  hex(): string {
    const bits = this.total * 8;
    const tail = new Uint8Array(this.pendingLength + 9 <= 64 ? 64 : 128);
    tail.set(this.pending.subarray(0, this.pendingLength));
    tail[this.pendingLength] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
    view.setUint32(tail.length - 4, bits >>> 0);
    compress(this.h, this.w, tail, 0, tail.length);
    return Array.from(this.h, (x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
  }
}

/** The SHA-256 compression of the 64-byte blocks b[start, end) into the state h, with w as scratch. */
function compress(h: Int32Array, w: Int32Array, b: Uint8Array, start: number, end: number): void {
  // The state lives in locals across blocks; it is written back once per call.
  let h0 = h[0];
  let h1 = h[1];
  let h2 = h[2];
  let h3 = h[3];
  let h4 = h[4];
  let h5 = h[5];
  let h6 = h[6];
  let h7 = h[7];
  for (let p = start; p < end; p += 64) {
    for (let i = 0; i < 16; i++) {
      const q = p + i * 4;
      w[i] = (b[q] << 24) | (b[q + 1] << 16) | (b[q + 2] << 8) | b[q + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h0;
    let bb = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let hh = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      // Ch and Maj in their two-operation forms.
      const t1 = (hh + S1 + (g ^ (e & (f ^ g))) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & bb) | (c & (a | bb)))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + bb) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + hh) | 0;
  }
  h[0] = h0;
  h[1] = h1;
  h[2] = h2;
  h[3] = h3;
  h[4] = h4;
  h[5] = h5;
  h[6] = h6;
  h[7] = h7;
}

/** Hex SHA-256 of a whole stream, e.g. a File hashed in a second worker while another imports it. */
export async function sha256OfStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const h = new Sha256();
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) h.update(r.value);
  return h.hex();
}

const keyState = new Int32Array(8);
const keyScratch = new Int32Array(64);
let keyBlocks = new Uint8Array(128);

/**
 * The first 8 bytes of SHA-256 of data[0, length), as two big-endian unsigned 32-bit
 * halves written to out[at] (high) and out[at + 1] (low). For the millions of short
 * keys of user sampling and keyed splits: no allocation per call.
 */
export function sha256Prefix(data: Uint8Array, length: number, out: Uint32Array, at: number): void {
  const padded = (length + 9 + 63) & ~63;
  if (keyBlocks.length < padded) keyBlocks = new Uint8Array(padded);
  const b = keyBlocks;
  b.set(data.subarray(0, length));
  b[length] = 0x80;
  b.fill(0, length + 1, padded);
  // The bit length, big-endian; a key is far below 2^29 bytes, so its high word is 0.
  const bits = length * 8;
  for (let k = 0; k < 4; k++) b[padded - 1 - k] = (bits >>> (8 * k)) & 255;
  keyState.set(INITIAL);
  compress(keyState, keyScratch, b, 0, padded);
  out[at] = keyState[0] >>> 0;
  out[at + 1] = keyState[1] >>> 0;
}
