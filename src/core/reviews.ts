import { grow } from './ingest/idDictionary.ts';

/**
 * Review text as an optional column of a ratings table, kept compactly: every row's
 * UTF-8 bytes one after another in one buffer, and Uint32 offsets (rows + 1 of them:
 * row k's text is bytes[offsets[k], offsets[k + 1]), empty for a row without one).
 * A string per row would cost tens of bytes of header each and slow every garbage
 * collection of a multi-million-row table.
 */
export interface ReviewTexts {
  bytes: Uint8Array;
  offsets: Uint32Array;
}

/** How much review text an import keeps: bytes per review (cut at a character boundary), and in all (past it, later rows keep none). */
export interface ReviewLimits {
  perReview: number;
  total: number;
}

/** 2 KiB of a review is plenty for Word2Vec to learn from; 512 MiB in all is what a tab can spare beside the rows. */
export const REVIEW_LIMITS: ReviewLimits = { perReview: 2048, total: 512 << 20 };

const utf8 = new TextDecoder();

/** Row `row`'s review text ('' when it has none). */
export function reviewOf(r: ReviewTexts, row: number): string {
  const a = r.offsets[row];
  const b = r.offsets[row + 1];
  return a === b ? '' : utf8.decode(r.bytes.subarray(a, b));
}

/** The texts of `rows`, in that order. */
export function selectReviews(r: ReviewTexts, rows: ArrayLike<number>): ReviewTexts {
  const offsets = new Uint32Array(rows.length + 1);
  for (let k = 0; k < rows.length; k++) offsets[k + 1] = offsets[k] + r.offsets[rows[k] + 1] - r.offsets[rows[k]];
  const bytes = new Uint8Array(offsets[rows.length]);
  for (let k = 0; k < rows.length; k++) bytes.set(r.bytes.subarray(r.offsets[rows[k]], r.offsets[rows[k] + 1]), offsets[k]);
  return { bytes, offsets };
}

/**
 * Tables' texts one after the other, for tables stacked row-wise (a part without
 * texts adds `rows` empty ones); undefined when no part has any.
 */
export function joinReviews(parts: { reviews?: ReviewTexts; rows: number }[]): ReviewTexts | undefined {
  if (!parts.some((p) => p.reviews)) return undefined;
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const offsets = new Uint32Array(rows + 1);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + (p.reviews ? p.reviews.offsets[p.rows] : 0), 0));
  let row = 0;
  let at = 0;
  for (const p of parts) {
    const r = p.reviews;
    if (r) bytes.set(r.bytes.subarray(0, r.offsets[p.rows]), at);
    for (let k = 0; k < p.rows; k++) offsets[row + k + 1] = at + (r ? r.offsets[k + 1] : 0);
    row += p.rows;
    at = offsets[row];
  }
  return { bytes, offsets };
}

const encoder = new TextEncoder();

/**
 * The growing review column of an import: each text cut to `perReview` bytes, and
 * once `total` bytes are kept, no more text (`stoppedAt` says from which row on).
 */
export class ReviewColumn {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  offsets: Uint32Array;
  /** Whether any row had text. */
  any = false;
  /** The first row whose text was not kept because the total was reached; null while all are. */
  stoppedAt: number | null = null;

  constructor(
    capacity: number,
    private readonly limits: ReviewLimits,
  ) {
    this.offsets = new Uint32Array(capacity + 1);
  }

  /** Row `row`'s text (rows come in order 0, 1, 2, …). */
  set(row: number, text: string): void {
    if (row + 1 >= this.offsets.length) this.offsets = grow(this.offsets, row + 2);
    if (text !== '' && this.stoppedAt === null) {
      // Each character is at least one byte: a longer string cannot fit anyway.
      const s = text.length > this.limits.perReview ? text.slice(0, this.limits.perReview) : text;
      const room = Math.min(this.limits.perReview, this.limits.total - this.length);
      if (this.bytes.length - this.length < room) {
        const bytes = new Uint8Array(Math.min(this.limits.total, Math.max(2 * this.bytes.length, this.length + room)));
        bytes.set(this.bytes.subarray(0, this.length));
        this.bytes = bytes;
      }
      // encodeInto stops before a character that does not fit whole: the cut never splits one.
      const { read, written } = encoder.encodeInto(s, this.bytes.subarray(this.length, this.length + room));
      if (read! < s.length && room < this.limits.perReview) {
        this.stoppedAt = row;
      } else {
        this.length += written!;
        this.any ||= written! > 0;
      }
    }
    this.offsets[row + 1] = this.length;
  }

  /** The texts of rows 0 … rows − 1, in buffers of their own size; the column is spent. */
  finish(rows: number): ReviewTexts | undefined {
    const out = this.any ? { bytes: this.bytes.slice(0, this.length), offsets: this.offsets.slice(0, rows + 1) } : undefined;
    this.bytes = new Uint8Array(0);
    this.offsets = new Uint32Array(0);
    return out;
  }
}
