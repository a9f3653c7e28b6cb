import { equalsIgnoreCase, latin1, parseNumber, trimEnd, trimStart } from './bytes.ts';
import type { RatingsBuilder } from './builder.ts';
import { hashBytes } from './idDictionary.ts';
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
/** Columns a line may have up to the last one read. */
export const MAX_FIELDS = 1024;
/** Rows interned together: enough to overlap many cache misses, few enough to stay in L1/L2. */
const BATCH = 256;
const utf8 = new TextDecoder();

/**
 * Reads delimited lines (CSV, TSV, `::`) field by field straight from the bytes: only
 * the needed columns are scanned, numbers are parsed in place, and ids are interned
 * from their bytes. Quoted fields may hold delimiters and doubled quotes (a quoted
 * field cannot span lines). Valid rows are held back and interned in batches, so the
 * dictionaries' cache misses overlap (see IdDictionary.warmSlot).
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
  /** The batch: bytes of `batchBytes` holding each pending row's ids, and its values. */
  private batchBytes: Uint8Array | null = null;
  private pending = 0;
  private readonly idAt = new Int32Array(BATCH * 4);
  private readonly hashes = new Int32Array(BATCH * 2);
  private readonly ratings = new Float32Array(BATCH);
  private readonly times = new Float64Array(BATCH);
  private readonly flags = new Uint8Array(BATCH);
  /** Where the warm-up loads go, so the compiler cannot drop them. */
  private warmth = 0;

  constructor(private readonly layout: DelimitedLayout) {
    this.headerLines = layout.headerLines;
    this.hasVerified = layout.verified >= 0;
    this.need = Math.max(layout.user, layout.item, layout.rating, layout.time, layout.verified) + 1;
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

    // Ids are kept verbatim (leading zeros too), surrounding spaces trimmed.
    const us = trimStart(b, fs[L.user], fe[L.user]);
    const ue = trimEnd(b, us, fe[L.user]);
    if (ue === us) return 'missing user id';
    const is = trimStart(b, fs[L.item], fe[L.item]);
    const ie = trimEnd(b, is, fe[L.item]);
    if (ie === is) return 'missing item id';
    const keep = this.escaped[L.user] ? out.keepsUser(this.scratch, 0, this.unescape(b, us, ue)) : out.keepsUser(b, us, ue);
    if (!keep) return null;

    if (this.escaped[L.user] || this.escaped[L.item]) {
      // Rare: quotes inside an id. Unescape and intern now, keeping row order.
      this.flush(out);
      const u = this.escaped[L.user] ? out.users.intern(this.scratch, 0, this.unescape(b, us, ue)) : out.users.intern(b, us, ue);
      const i = this.escaped[L.item] ? out.items.intern(this.scratch, 0, this.unescape(b, is, ie)) : out.items.intern(b, is, ie);
      out.add(u, i, r, t, v);
      return null;
    }
    if (b !== this.batchBytes) {
      this.flush(out);
      this.batchBytes = b;
    }
    const k = this.pending++;
    this.idAt[4 * k] = us;
    this.idAt[4 * k + 1] = ue;
    this.idAt[4 * k + 2] = is;
    this.idAt[4 * k + 3] = ie;
    this.ratings[k] = r;
    this.times[k] = t;
    this.flags[k] = v;
    if (this.pending === BATCH) this.flush(out);
    return null;
  }

  /** Intern and append the pending rows: hash all, warm all slots, warm all records, then look up. */
  flush(out: RatingsBuilder): void {
    const n = this.pending;
    const b = this.batchBytes;
    if (n === 0 || !b) return;
    const at = this.idAt;
    const h = this.hashes;
    const users = out.users;
    const items = out.items;
    for (let k = 0; k < n; k++) {
      h[2 * k] = hashBytes(b, at[4 * k], at[4 * k + 1]);
      h[2 * k + 1] = hashBytes(b, at[4 * k + 2], at[4 * k + 3]);
    }
    let warmth = this.warmth;
    for (let k = 0; k < n; k++) warmth ^= users.warmSlot(h[2 * k]) ^ items.warmSlot(h[2 * k + 1]);
    for (let k = 0; k < n; k++) warmth ^= users.warmRecord(h[2 * k]) ^ items.warmRecord(h[2 * k + 1]);
    this.warmth = warmth;
    for (let k = 0; k < n; k++) {
      const u = users.internHashed(b, at[4 * k], at[4 * k + 1], h[2 * k]);
      const i = items.internHashed(b, at[4 * k + 2], at[4 * k + 3], h[2 * k + 1]);
      out.add(u, i, this.ratings[k], this.times[k], this.flags[k]);
    }
    this.pending = 0;
    this.batchBytes = null;
  }

  /** Copy [s, e) into scratch with each doubled quote made single; returns the length. */
  private unescape(b: Uint8Array, s: number, e: number): number {
    if (this.scratch.length < e - s) this.scratch = new Uint8Array(e - s);
    let n = 0;
    for (let k = s; k < e; k++) {
      this.scratch[n++] = b[k];
      if (b[k] === QUOTE && b[k + 1] === QUOTE) k++;
    }
    return n;
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
