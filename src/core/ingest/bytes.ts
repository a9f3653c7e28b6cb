/**
 * Byte-level helpers for the parsers: they read fields straight from the decoded
 * byte buffer so that the hot loop never builds a per-row string.
 */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

const SPACE = 32;
const TAB = 9;

export function trimStart(b: Uint8Array, s: number, e: number): number {
  while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
  return s;
}

export function trimEnd(b: Uint8Array, s: number, e: number): number {
  while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
  return e;
}

/** The bytes [s, e) as a string, for the rare slow paths and for messages (ASCII/Latin-1 view). */
export function latin1(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let k = s; k < e; k += 4096) {
    out += String.fromCharCode.apply(null, b.subarray(k, Math.min(e, k + 4096)) as unknown as number[]);
  }
  return out;
}

/**
 * A decimal number written in bytes [s, e) (surrounding spaces allowed), or NaN.
 * Plain forms like `5`, `4.5`, `1341100800` take an exact fast path: at most 15
 * digits and a power of ten below 1e16, so the one division is correctly rounded and
 * agrees with `Number()`. Anything else (exponents, long mantissas) goes through `Number()`.
 */
export function parseNumber(b: Uint8Array, s: number, e: number): number {
  s = trimStart(b, s, e);
  e = trimEnd(b, s, e);
  if (s === e) return NaN;
  let i = s;
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  } else if (b[i] === 43) i++;
  let mant = 0;
  let digits = 0;
  let scale = 0;
  while (i < e) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) break;
    mant = mant * 10 + c;
    digits++;
    i++;
  }
  if (i < e && b[i] === 46) {
    i++;
    while (i < e) {
      const c = b[i] - 48;
      if (c < 0 || c > 9) break;
      mant = mant * 10 + c;
      digits++;
      scale++;
      i++;
    }
  }
  if (i < e || digits > 15) {
    const text = latin1(b, s, e);
    // Number() accepts '', '0x1f' and 'Infinity'; a rating or timestamp is none of those.
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  }
  if (digits === 0) return NaN;
  const v = scale ? mant / POW10[scale] : mant;
  return neg ? -v : v;
}

/** True when the bytes [s, e) equal the ASCII `word`, ignoring case. */
export function equalsIgnoreCase(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((b[s + k] | 0x20) !== (word.charCodeAt(k) | 0x20)) return false;
  }
  return true;
}
