/**
 * Seeded keys that any engine can recompute: key(text) = the first 8 bytes of
 * SHA-256 of the text in UTF-8, read as one unsigned big-endian 64-bit number. User
 * sampling keeps the users with the smallest keys of "<seed>:<user id>", a random
 * split tests the rows with the smallest keys of "<seed>:<user id>:<item id>", and
 * held-out users are again the smallest "<seed>:<user id>". The Dask job
 * (src/core/scale/job.py) computes the same keys with hashlib, so both engines choose the
 * same users and rows by definition, whatever their order of work.
 *
 * A key is kept as two uint32 halves (high, low) side by side in a Uint32Array.
 */
import { sha256Prefix } from './ingest/sha256.ts';

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** Write key(text) to out[2·at] (high half) and out[2·at + 1] (low half). */
export function keyInto(text: string, out: Uint32Array, at: number): void {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  sha256Prefix(scratch, written, out, 2 * at);
}

/** Order of two strings by Unicode code point (UTF-8 byte order, Python's str order). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts above every other UTF-16 unit.
    const sx = x >= 0xd800 && x < 0xe000;
    const sy = y >= 0xd800 && y < 0xe000;
    return sx === sy ? x - y : sx ? 1 : -1;
  }
  return a.length - b.length;
}

/**
 * The `count` entries with the smallest keys (keys as from keyInto, n = keys.length / 2
 * entries), ties broken by `tie(a, b)` on entry numbers; returns a 0/1 mask. The
 * count-th smallest high half is found by sorting the high halves only; just the
 * entries sharing it are ordered in full.
 */
export function smallestKeys(keys: Uint32Array, count: number, tie: (a: number, b: number) => number): Uint8Array {
  const n = keys.length / 2;
  const chosen = new Uint8Array(n);
  if (count >= n) return chosen.fill(1);
  if (count <= 0) return chosen;
  const high = new Uint32Array(n);
  for (let k = 0; k < n; k++) high[k] = keys[2 * k];
  const edge = high.slice().sort()[count - 1];
  let below = 0;
  const atEdge: number[] = [];
  for (let k = 0; k < n; k++) {
    if (high[k] < edge) {
      chosen[k] = 1;
      below++;
    } else if (high[k] === edge) atEdge.push(k);
  }
  atEdge.sort((a, b) => keys[2 * a + 1] - keys[2 * b + 1] || tie(a, b));
  for (let j = 0; j < count - below; j++) chosen[atEdge[j]] = 1;
  return chosen;
}
