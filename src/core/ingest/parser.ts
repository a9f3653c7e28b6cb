import type { RatingsBuilder } from './builder.ts';

/** Reads one format's lines into a RatingsBuilder. */
export interface RowParser {
  /** Leading lines that hold no data (a header). */
  readonly headerLines: number;
  /** Whether rows carry a verified-purchase flag. */
  readonly hasVerified: boolean;
  /** Whether rows carry review text (passed as add's `review`). */
  readonly hasReviews?: boolean;
  /**
   * Parse the line in bytes [s, e) (no newline, no CR) and append its row to `out`.
   * Returns null when a row was added, otherwise why the line is a bad row.
   */
  parse(b: Uint8Array, s: number, e: number, out: RatingsBuilder): string | null;
  /**
   * Append rows still held back. A parser may keep the positions of valid lines and
   * append them in batches; the bytes stay valid until this is called.
   */
  flush?(out: RatingsBuilder): void;
}
