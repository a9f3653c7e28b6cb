import type { RatingsBuilder } from './builder.ts';
import type { IdDictionary } from './idDictionary.ts';
import type { RowParser } from './parser.ts';
import { parseRecord } from './records.ts';
import { ratingProblem, toSeconds, truthy, validRating } from './values.ts';

/** Which keys of a review object hold each column; the first key present wins. */
export interface ReviewKeys {
  user: string[];
  item: string[];
  rating: string[];
  time: string[];
  verified: string[];
  /** The review's title and body, kept as its text (joined by a line break). */
  text: string[];
}

/** Amazon 2014 and 2018 review dumps. */
export const AMAZON_2018_KEYS: ReviewKeys = {
  user: ['reviewerID'],
  item: ['asin'],
  rating: ['overall'],
  time: ['unixReviewTime'],
  verified: ['verified'],
  text: ['summary', 'reviewText'],
};

/** Amazon Reviews 2023: items are keyed by parent_asin (asin is the variant). */
export const AMAZON_2023_KEYS: ReviewKeys = {
  user: ['user_id'],
  item: ['parent_asin', 'asin'],
  rating: ['rating'],
  time: ['timestamp'],
  verified: ['verified_purchase'],
  text: ['title', 'text'],
};

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** One review object per line (JSON, or a Python dict in old dumps), its text kept as the row's review. */
export class JsonReviewParser implements RowParser {
  readonly headerLines = 0;
  readonly hasVerified = true;
  readonly hasReviews = true;
  private scratch = new Uint8Array(256);

  constructor(private readonly keys: ReviewKeys) {}

  parse(b: Uint8Array, s: number, e: number, out: RatingsBuilder): string | null {
    const rec = parseRecord(utf8.decode(b.subarray(s, e)));
    if (typeof rec === 'string') return rec;
    const user = idOf(pick(rec, this.keys.user));
    if (user === null) return `missing ${this.keys.user[0]}`;
    const item = idOf(pick(rec, this.keys.item));
    if (item === null) return `missing ${this.keys.item[0]}`;
    const rv = pick(rec, this.keys.rating);
    const r = typeof rv === 'number' ? rv : typeof rv === 'string' && rv.trim() !== '' ? Number(rv) : NaN;
    if (!validRating(r)) return ratingProblem(r, String(rv));
    const tv = pick(rec, this.keys.time);
    const t = typeof tv === 'number' ? toSeconds(tv) : typeof tv === 'string' ? toSeconds(Number(tv)) : NaN;
    if (tv !== undefined && tv !== null && Number.isNaN(t)) return `timestamp ${JSON.stringify(tv)} is not a number`;
    const vv = pick(rec, this.keys.verified);
    const v = vv === undefined ? -1 : vv === true ? 1 : typeof vv === 'string' ? truthy(vv) : 0;
    if (!this.keeps(user, out)) return null;
    out.add(this.intern(user, out.users), this.intern(item, out.items), r, t, v, textOf(rec, this.keys.text));
    return null;
  }

  private intern(id: string, dict: IdDictionary): number {
    return dict.intern(this.scratch, 0, this.encode(id));
  }

  private keeps(user: string, out: RatingsBuilder): boolean {
    return out.keepsUser(this.scratch, 0, this.encode(user));
  }

  /** The id's UTF-8 bytes into scratch; returns their length. */
  private encode(id: string): number {
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    return encoder.encodeInto(id, this.scratch).written;
  }
}

/** The non-empty string fields among `keys`, trimmed, joined by a line break. */
function textOf(rec: Record<string, unknown>, keys: string[]): string {
  let text = '';
  for (const k of keys) {
    const v = rec[k];
    if (typeof v !== 'string') continue;
    const s = v.trim();
    if (s !== '') text = text === '' ? s : `${text}\n${s}`;
  }
  return text;
}

function pick(rec: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (rec[k] !== undefined && rec[k] !== null) return rec[k];
  return undefined;
}

/** Ids are strings; a number id (rare in dumps) is kept as its decimal text. */
function idOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}
