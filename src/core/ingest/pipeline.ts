import { trimStart } from './bytes.ts';
import { abortError, ImportError } from './errors.ts';
import type { FormatSample } from './formats.ts';
import { LineSplitter, LineTooLong } from './lines.ts';
import { ByteSource, concat } from './source.ts';

/**
 * The streaming front half shared by ratings and metadata import: raw bytes (counted,
 * hashed, gunzipped) → a format sample → lines handed to a consumer, with progress,
 * cancellation, the line and row guards, and every fatal error turned into one
 * ImportError naming the file.
 */
export interface ReadOptions {
  fileName: string;
  /** Size of the raw file, for progress and ETA. */
  totalBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Stop with a clear message beyond this many rows (memory guard). */
  maxRows?: number;
  /** Stop with a clear message at a longer line (a ratings line is well under 1 KB). */
  maxLineBytes?: number;
  /** Hash the raw bytes (SHA-256) for the dataset recipe; on by default. */
  hash?: boolean;
}

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

/** What the start of a file says about the rest. */
export interface FileHints {
  /** Lines to expect, from the file size and the first lines' length; null when unknown (gzip, no size). */
  expectedLines: number | null;
}

/** What reads the lines once the sample has shown what the file is. */
export interface LineConsumer {
  /** Leading lines to skip (a header). */
  headerLines: number;
  /** One non-blank line; returns null when it was used, else why it is a bad row. */
  line(b: Uint8Array, s: number, e: number): string | null;
  /** Rows kept so far. */
  rows(): number;
  /** The bytes of the lines handed out so far are about to be reused. */
  flush?(): void;
}

/** About 21 bytes a row plus dictionaries: 60M rows is near what one tab can hold. */
export const DEFAULT_MAX_ROWS = 60_000_000;
export const DEFAULT_MAX_LINE_BYTES = 16 << 20;
const MAX_BAD_EXAMPLES = 10;
const SAMPLE_BYTES = 64 << 10;
const SAMPLE_LINES = 20;
const PROGRESS_MS = 100;
const utf8 = new TextDecoder();

export async function readLines(
  source: ReadableStream<Uint8Array>,
  opts: ReadOptions,
  start: (sample: FormatSample, hints: FileHints) => LineConsumer,
): Promise<{ bytes: number; sha256: string; badRows: number; badExamples: BadRow[] }> {
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
    const consumer = start(sampleOf(fileName, head, eof), { expectedLines: expectedLines(head, src.gzip ? undefined : opts.totalBytes) });
    let badRows = 0;
    const badExamples: BadRow[] = [];
    const splitter = new LineSplitter(maxLineBytes, (b, s, e) => {
      if (splitter.lines <= consumer.headerLines || trimStart(b, s, e) === e) return;
      const reason = consumer.line(b, s, e);
      if (reason === null) return;
      badRows++;
      if (badExamples.length < MAX_BAD_EXAMPLES) {
        badExamples.push({ line: splitter.lines, reason, text: utf8.decode(b.subarray(s, Math.min(e, s + 200))) });
      }
    }, () => consumer.flush?.());

    let lastReport = performance.now();
    const report = (now: number) => {
      if (!opts.onProgress) return;
      const elapsed = Math.max(1e-3, (now - started) / 1000);
      const total = opts.totalBytes ?? null;
      const rate = src.rawBytes / elapsed;
      const rows = consumer.rows();
      opts.onProgress({
        bytesRead: src.rawBytes,
        totalBytes: total,
        rows,
        rowsPerSec: rows / elapsed,
        etaSec: total !== null && rate > 0 ? Math.max(0, (total - src.rawBytes) / rate) : null,
      });
    };

    for (let chunk: Uint8Array | null = head; chunk; chunk = await read()) {
      splitter.push(chunk);
      if (consumer.rows() > maxRows) {
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
    return { bytes: src.rawBytes, sha256: src.sha256(), badRows, badExamples };
  } catch (err) {
    await src.cancel(err);
    throw fatal(err, fileName, maxLineBytes);
  }
}

/** Errors from deep inside, turned into the one clear message the user sees. */
export function fatal(err: unknown, fileName: string, maxLineBytes = DEFAULT_MAX_LINE_BYTES): unknown {
  if (err instanceof LineTooLong) {
    return new ImportError(
      fileName,
      `a single line is longer than ${Math.round(maxLineBytes / (1 << 20))} MB, so this is not a file with one record per line (or it is damaged).`,
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

/** File size over the mean length of the lines in `head` (plain files only). */
function expectedLines(head: Uint8Array, totalBytes: number | undefined): number | null {
  if (!totalBytes) return null;
  let lines = 0;
  let last = -1;
  for (let nl = head.indexOf(10); nl >= 0; nl = head.indexOf(10, nl + 1)) {
    lines++;
    last = nl;
  }
  return lines >= 2 ? Math.ceil((totalBytes * lines) / (last + 1)) : null;
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
