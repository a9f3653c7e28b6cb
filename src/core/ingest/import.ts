import { dedupeKeepLatest, type RatingsTable } from '../ratings.ts';
import { RatingsBuilder } from './builder.ts';
import { trimStart } from './bytes.ts';
import { abortError, ImportError } from './errors.ts';
import { detectFormat, formatByName, type ColumnMap, type FormatName, type FormatSample } from './formats.ts';
import { LineSplitter, LineTooLong } from './lines.ts';
import { ByteSource, concat } from './source.ts';

export { ImportError } from './errors.ts';

export interface ImportProgress {
  /** Raw (compressed) bytes read. */
  bytesRead: number;
  totalBytes: number | null;
  rows: number;
  rowsPerSec: number;
  etaSec: number | null;
}

export interface BadRow {
  line: number;
  reason: string;
  /** The line, cut to about 200 characters. */
  text: string;
}

export interface ImportResult {
  /** Deduplicated (keep the latest rating of a repeated user–item pair); ids as strings. */
  table: RatingsTable;
  format: FormatName;
  fileName: string;
  /** Raw (compressed) bytes read. */
  bytes: number;
  /** Valid rows before deduplication. */
  rowsRead: number;
  badRows: number;
  /** The first few bad rows. */
  badExamples: BadRow[];
  /** Rows removed by keep-latest. */
  duplicates: number;
  /** Hex SHA-256 of the raw file bytes ('' when hashing was turned off). */
  sha256: string;
  seconds: number;
}

export interface ImportOptions {
  fileName: string;
  /** Size of the raw file, for progress and ETA. */
  totalBytes?: number;
  /** Skip auto-detection. */
  format?: FormatName;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Which columns hold what, when a delimited file's header is not recognised. */
  columnMap?: ColumnMap;
  /** Stop with a clear message beyond this many valid rows (memory guard). */
  maxRows?: number;
  /** Stop with a clear message at a longer line (a ratings line is well under 1 KB). */
  maxLineBytes?: number;
  /** Hash the raw bytes (SHA-256) for the dataset recipe; on by default. */
  hash?: boolean;
}

/** About 21 bytes a row plus dictionaries: 60M rows is near what one tab can hold. */
export const DEFAULT_MAX_ROWS = 60_000_000;
export const DEFAULT_MAX_LINE_BYTES = 16 << 20;
const MAX_BAD_EXAMPLES = 10;
const SAMPLE_BYTES = 64 << 10;
const SAMPLE_LINES = 20;
const PROGRESS_MS = 100;
const utf8 = new TextDecoder();

/**
 * Read a ratings file of any known format (plain or gzip) from a byte stream into a
 * columnar table: bytes → lines → typed columns, never the whole file as one string.
 * Bad rows are counted and sampled; fatal problems reject with ImportError; a
 * cancelled import rejects with the signal's AbortError.
 */
export async function importRatings(source: ReadableStream<Uint8Array>, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const { fileName, signal } = opts;
  if (signal?.aborted) throw abortError(signal);
  const src = await ByteSource.open(source, opts.hash ?? true);
  const read = async (): Promise<Uint8Array | null> => {
    if (signal?.aborted) throw abortError(signal);
    try {
      return await src.read();
    } catch (err) {
      if (signal?.aborted) throw abortError(signal);
      const what = src.gzip ? 'the gzip data is truncated or corrupt' : 'the file could not be read';
      throw new ImportError(fileName, `${what} (${(err as Error).message}). Download or copy the file again.`, { cause: err });
    }
  };
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;

  try {
    const { head, eof } = await readHead(read, maxLineBytes);
    const sample = sampleOf(fileName, head, eof);
    const format = opts.format ? formatByName(opts.format) : detectFormat(sample);
    const parser = format.parser(sample, opts.columnMap);
    const builder = new RatingsBuilder(parser.hasVerified);
    let badRows = 0;
    const badExamples: BadRow[] = [];
    const splitter = new LineSplitter(maxLineBytes, (b, s, e) => {
      if (splitter.lines <= parser.headerLines || trimStart(b, s, e) === e) return;
      const reason = parser.parse(b, s, e, builder);
      if (reason === null) return;
      badRows++;
      if (badExamples.length < MAX_BAD_EXAMPLES) {
        badExamples.push({ line: splitter.lines, reason, text: utf8.decode(b.subarray(s, Math.min(e, s + 200))) });
      }
    });

    let lastReport = performance.now();
    const report = (now: number) => {
      if (!opts.onProgress) return;
      const elapsed = Math.max(1e-3, (now - started) / 1000);
      const total = opts.totalBytes ?? null;
      const rate = src.rawBytes / elapsed;
      opts.onProgress({
        bytesRead: src.rawBytes,
        totalBytes: total,
        rows: builder.length,
        rowsPerSec: builder.length / elapsed,
        etaSec: total !== null && rate > 0 ? Math.max(0, (total - src.rawBytes) / rate) : null,
      });
    };

    for (let chunk: Uint8Array | null = head; chunk; chunk = await read()) {
      splitter.push(chunk);
      if (builder.length > maxRows) {
        throw new ImportError(
          fileName,
          `more than ${maxRows.toLocaleString('en-US')} ratings, more than this tab can hold. ` +
            'Filter or split the file first (for example with `reclab inspect`), or use a smaller category.',
        );
      }
      const now = performance.now();
      if (now - lastReport >= PROGRESS_MS) {
        lastReport = now;
        report(now);
      }
    }
    splitter.end();
    report(performance.now());

    const rowsRead = builder.length;
    if (rowsRead === 0) {
      const why = badExamples.length ? ` (line ${badExamples[0].line}: ${badExamples[0].reason})` : '';
      throw new ImportError(
        fileName,
        `no valid rating row in ${badRows} data line${badRows === 1 ? '' : 's'}${why}. Check that it is a ratings file, or choose its format or columns by hand.`,
      );
    }
    const { table, duplicates } = dedupeKeepLatest(builder.build());
    return {
      table,
      format: format.name,
      fileName,
      bytes: src.rawBytes,
      rowsRead,
      badRows,
      badExamples,
      duplicates,
      sha256: src.sha256(),
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    await src.cancel(err);
    throw fatal(err, fileName, maxLineBytes);
  }
}

/** Errors from deep inside, turned into the one clear message the user sees. */
function fatal(err: unknown, fileName: string, maxLineBytes: number): unknown {
  if (err instanceof LineTooLong) {
    return new ImportError(
      fileName,
      `a single line is longer than ${Math.round(maxLineBytes / (1 << 20))} MB, so this is not a file with one rating per line (or it is damaged).`,
      { line: err.line },
    );
  }
  if (err instanceof RangeError && /allocation|invalid (typed )?array length|out of memory/i.test(err.message)) {
    return new ImportError(
      fileName,
      'ran out of memory while reading: the file is too large for this tab. Filter or split it first, or use a smaller category.',
      { cause: err },
    );
  }
  return err;
}

/**
 * The first chunks of content: at least SAMPLE_BYTES and a newline (so the first line
 * is whole, however long), or everything when the file is shorter.
 */
async function readHead(
  read: () => Promise<Uint8Array | null>,
  maxLineBytes: number,
): Promise<{ head: Uint8Array; eof: boolean }> {
  const parts: Uint8Array[] = [];
  let bytes = 0;
  let eof = false;
  for (;;) {
    const c = await read();
    if (!c) {
      eof = true;
      break;
    }
    parts.push(c);
    bytes += c.length;
    if ((bytes >= SAMPLE_BYTES && c.indexOf(10) >= 0) || bytes > maxLineBytes) break;
  }
  let head = parts.length ? concat(parts) : new Uint8Array(0);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  return { head, eof };
}

function sampleOf(fileName: string, head: Uint8Array, eof: boolean): FormatSample {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new ImportError(fileName, 'the file is UTF-16 text; save it as UTF-8 (or plain CSV) and import it again.');
  }
  const probe = head.subarray(0, 4096);
  let control = 0;
  for (let k = 0; k < probe.length; k++) {
    const c = probe[k];
    if (c === 0) control += probe.length;
    else if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  if (control * 20 > probe.length) {
    throw new ImportError(fileName, 'this is binary data, not a ratings file (CSV, TSV or JSON lines, plain or .gz).');
  }
  const lines: Uint8Array[] = [];
  let pos = 0;
  while (lines.length < SAMPLE_LINES && pos < head.length) {
    let nl = head.indexOf(10, pos);
    if (nl < 0) {
      if (!eof) break;
      nl = head.length;
    }
    let end = nl;
    if (end > pos && head[end - 1] === 13) end--;
    if (trimStart(head, pos, end) < end) lines.push(head.subarray(pos, end));
    pos = nl + 1;
  }
  if (lines.length === 0) {
    if (eof) throw new ImportError(fileName, 'the file is empty.');
    throw new LineTooLong(1, head.length);
  }
  return { fileName, lines, text: lines.map((l) => utf8.decode(l)) };
}
