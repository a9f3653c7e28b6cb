import { equalsIgnoreCase, latin1, parseNumber, trimEnd, trimStart } from './bytes.ts';
import type { RatingsBuilder } from './builder.ts';
import type { RowParser } from './parser.ts';
import { dateTextToSeconds, ratingProblem, toSeconds, validRating } from './values.ts';

/** Where each field sits in a delimited line; -1 for a column the file lacks. */
export interface DelimitedLayout {
  /** The delimiter byte; `double` means it is written twice (MovieLens `::`). */
  delimiter: number;
  double: boolean;
  headerLines: number;
  user: number;
  item: number;
  rating: number;
  time: number;
  verified: number;
}

const QUOTE = 34;
const MAX_FIELDS = 1024;
const utf8 = new TextDecoder();

/**
 * Reads delimited lines (CSV, TSV, `::`) field by field straight from the bytes: only
 * the needed columns are scanned, numbers are parsed in place, and ids are interned
 * from their bytes. Quoted fields may hold delimiters and doubled quotes.
 */
export class DelimitedParser implements RowParser {
  readonly headerLines: number;
  readonly hasVerified: boolean;
  private readonly fieldStart = new Int32Array(MAX_FIELDS);
  private readonly fieldEnd = new Int32Array(MAX_FIELDS);
  /** 1 where a quoted field contains doubled quotes that must be undone. */
  private readonly escaped = new Uint8Array(MAX_FIELDS);
  private readonly need: number;
  private scratch = new Uint8Array(256);

  constructor(private readonly layout: DelimitedLayout) {
    this.headerLines = layout.headerLines;
    this.hasVerified = layout.verified >= 0;
    this.need = Math.max(layout.user, layout.item, layout.rating, layout.time, layout.verified) + 1;
    if (this.need > MAX_FIELDS) throw new RangeError(`column ${this.need} is beyond the ${MAX_FIELDS} supported`);
  }

  parse(b: Uint8Array, s: number, e: number, out: RatingsBuilder): string | null {
    const L = this.layout;
    const found = splitFields(b, s, e, L.delimiter, L.double, this.need, this.fieldStart, this.fieldEnd, this.escaped);
    if (found < this.need) return `expected at least ${this.need} fields, found ${found}`;
    const fs = this.fieldStart;
    const fe = this.fieldEnd;

    const r = parseNumber(b, fs[L.rating], fe[L.rating]);
    if (!validRating(r)) return ratingProblem(r, latin1(b, fs[L.rating], fe[L.rating]).trim());

    let t = NaN;
    if (L.time >= 0) {
      const ts = trimStart(b, fs[L.time], fe[L.time]);
      const te = trimEnd(b, ts, fe[L.time]);
      if (te > ts) {
        t = parseNumber(b, ts, te);
        if (Number.isNaN(t)) t = dateTextToSeconds(utf8.decode(b.subarray(ts, te)));
        else t = toSeconds(t);
        if (Number.isNaN(t)) return `timestamp "${latin1(b, ts, te)}" is not a number or a date`;
      }
    }

    let v = 0;
    if (L.verified >= 0) {
      const vs = trimStart(b, fs[L.verified], fe[L.verified]);
      const ve = trimEnd(b, vs, fe[L.verified]);
      v = equalsIgnoreCase(b, vs, ve, 'true') || equalsIgnoreCase(b, vs, ve, '1') || equalsIgnoreCase(b, vs, ve, 'y') ? 1 : 0;
    }

    if (this.idEmpty(b, L.user)) return 'missing user id';
    if (this.idEmpty(b, L.item)) return 'missing item id';
    const u = this.intern(b, L.user, out.users);
    const i = this.intern(b, L.item, out.items);
    out.add(u, i, r, t, v);
    return null;
  }

  private idEmpty(b: Uint8Array, f: number): boolean {
    const s = trimStart(b, this.fieldStart[f], this.fieldEnd[f]);
    return trimEnd(b, s, this.fieldEnd[f]) === s;
  }

  /** Ids are interned verbatim (leading zeros kept), surrounding spaces trimmed. */
  private intern(b: Uint8Array, f: number, dict: RatingsBuilder['users']): number {
    const s = trimStart(b, this.fieldStart[f], this.fieldEnd[f]);
    const e = trimEnd(b, s, this.fieldEnd[f]);
    if (!this.escaped[f]) return dict.intern(b, s, e);
    if (this.scratch.length < e - s) this.scratch = new Uint8Array(e - s);
    let n = 0;
    for (let k = s; k < e; k++) {
      this.scratch[n++] = b[k];
      if (b[k] === QUOTE && b[k + 1] === QUOTE) k++;
    }
    return dict.intern(this.scratch, 0, n);
  }
}

/**
 * Split [s, e) into at most `max` fields, writing their content bounds (quotes
 * removed) into `fs`/`fe`; returns how many fields were found.
 */
export function splitFields(
  b: Uint8Array,
  s: number,
  e: number,
  delim: number,
  double: boolean,
  max: number,
  fs: Int32Array,
  fe: Int32Array,
  escaped: Uint8Array,
): number {
  let n = 0;
  let p = s;
  while (n < max) {
    const q = trimStart(b, p, e);
    if (q < e && b[q] === QUOTE) {
      // Quoted: runs to the next lone quote; "" inside stands for one quote.
      let k = q + 1;
      let esc = 0;
      for (;;) {
        if (k >= e) break;
        if (b[k] === QUOTE) {
          if (k + 1 < e && b[k + 1] === QUOTE) {
            esc = 1;
            k += 2;
            continue;
          }
          break;
        }
        k++;
      }
      fs[n] = q + 1;
      fe[n] = k;
      escaped[n] = esc;
      n++;
      // Skip anything between the closing quote and the delimiter.
      while (k < e && !(b[k] === delim && (!double || b[k + 1] === delim))) k++;
      if (k >= e) return n;
      p = k + (double ? 2 : 1);
      continue;
    }
    let k = p;
    while (k < e && !(b[k] === delim && (!double || b[k + 1] === delim))) k++;
    fs[n] = p;
    fe[n] = k;
    escaped[n] = 0;
    n++;
    if (k >= e) return n;
    p = k + (double ? 2 : 1);
  }
  return n;
}

/** The fields of one line as strings (headers, detection, previews). */
export function fieldsOf(line: Uint8Array, delim: number, double: boolean): string[] {
  const fs = new Int32Array(MAX_FIELDS);
  const fe = new Int32Array(MAX_FIELDS);
  const esc = new Uint8Array(MAX_FIELDS);
  const n = splitFields(line, 0, line.length, delim, double, MAX_FIELDS, fs, fe, esc);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const text = utf8.decode(line.subarray(fs[k], fe[k])).trim();
    out.push(esc[k] ? text.replaceAll('""', '"') : text);
  }
  return out;
}
