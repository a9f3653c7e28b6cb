import type { RatingsTable } from '../ratings.ts';
import { REVIEW_LIMITS, type ReviewLimits } from '../reviews.ts';
import { RatingsBuilder } from './builder.ts';
import { ImportError } from './errors.ts';
import { detectFormat, formatByName, type ColumnMap, type FormatName } from './formats.ts';
import { DEFAULT_MAX_ROWS, fatal, readLines, type BadRow, type ReadOptions } from './pipeline.ts';
import { UserSample, type UserSampleRule } from './userSample.ts';

export { ImportError, isAbortError } from './errors.ts';
export { FORMATS, type ColumnMap, type FormatName } from './formats.ts';
export type { UserSampleRule } from './userSample.ts';
export { DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_ROWS, type BadRow, type ImportProgress } from './pipeline.ts';

export interface ImportResult {
  /** Deduplicated (keep the latest rating of a repeated user–item pair); ids as strings. */
  table: RatingsTable;
  format: FormatName;
  fileName: string;
  /** Raw (compressed) bytes read. */
  bytes: number;
  /** Valid rows kept before deduplication. */
  rowsRead: number;
  /** The user sample the rows were read through, when there was one. */
  sampleUsers: UserSampleRule | null;
  /** Valid rows left out by the user sample. */
  sampledOut: number;
  badRows: number;
  /** The first few bad rows. */
  badExamples: BadRow[];
  /** Rows removed by keep-latest. */
  duplicates: number;
  /**
   * Set when the file's review text outgrew what an import keeps: from this valid row
   * on (0-based, in file order) no text was kept. The table's `reviews` hold the rest.
   */
  reviewsStoppedAt: number | null;
  /** Hex SHA-256 of the raw file bytes ('' when hashing was turned off). */
  sha256: string;
  seconds: number;
}

export interface ImportOptions extends ReadOptions {
  /** Skip auto-detection. */
  format?: FormatName;
  /** Which columns hold what, when a delimited file's header is not recognised. */
  columnMap?: ColumnMap;
  /** Review text kept per review and in all (REVIEW_LIMITS unless given). */
  reviewLimits?: ReviewLimits;
  /** Keep only the users whose seeded key falls under the fraction, all of their rows (see userSample.ts). */
  sampleUsers?: UserSampleRule;
}

/**
 * Read a ratings file of any known format (plain or gzip) from a byte stream into a
 * columnar table: bytes → lines → typed columns, never the whole file as one string.
 * Bad rows are counted and sampled; fatal problems reject with ImportError; a
 * cancelled import rejects with the signal's AbortError.
 */
export async function importRatings(source: ReadableStream<Uint8Array>, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  let format: FormatName | undefined;
  let builder: RatingsBuilder | undefined;
  const userSample = opts.sampleUsers ? new UserSample(opts.sampleUsers) : null;
  const read = await readLines(source, opts, (sample, hints) => {
    const f = opts.format ? formatByName(opts.format) : detectFormat(sample);
    const parser = f.parser(sample, opts.columnMap);
    // A little over the estimate: lines vary in length, and one more doubling would cost far more.
    const share = opts.sampleUsers?.fraction ?? 1;
    const expected = hints.expectedLines === null ? 0 : Math.min(hints.expectedLines * share * 1.05, opts.maxRows ?? DEFAULT_MAX_ROWS);
    const out = new RatingsBuilder(parser.hasVerified, expected, parser.hasReviews ? (opts.reviewLimits ?? REVIEW_LIMITS) : null, userSample);
    format = f.name;
    builder = out;
    return {
      headerLines: parser.headerLines,
      line: (b, s, e) => parser.parse(b, s, e, out),
      flush: () => parser.flush?.(out),
      rows: () => out.length,
    };
  });
  const rowsRead = builder!.length;
  const reviewsStoppedAt = builder!.reviews?.stoppedAt ?? null;
  if (rowsRead === 0 && builder!.sampledOut > 0) {
    throw new ImportError(opts.fileName, `the sample of users kept none of its ${builder!.sampledOut.toLocaleString('en-US')} rows; keep a larger share of users.`);
  }
  if (rowsRead === 0) {
    const first = read.badExamples[0];
    const why = first ? ` (line ${first.line}: ${first.reason})` : '';
    throw new ImportError(
      opts.fileName,
      `no valid rating row in ${read.badRows} data line${read.badRows === 1 ? '' : 's'}${why}. Check that it is a ratings file, or choose its format or columns by hand.`,
    );
  }
  let built;
  try {
    built = builder!.build();
  } catch (err) {
    throw fatal(err, opts.fileName);
  }
  const { table, duplicates } = built;
  const sampledOut = builder!.sampledOut;
  return {
    table,
    format: format!,
    fileName: opts.fileName,
    bytes: read.bytes,
    rowsRead,
    sampleUsers: opts.sampleUsers ?? null,
    sampledOut,
    badRows: read.badRows,
    badExamples: read.badExamples,
    duplicates,
    reviewsStoppedAt,
    sha256: read.sha256,
    seconds: (performance.now() - started) / 1000,
  };
}
