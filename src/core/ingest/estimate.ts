/**
 * Before a file is parsed: how many ratings, users and items it holds, and how much
 * memory importing it takes, from its size and a read of its head, so the lab can
 * refuse a file the tab cannot hold instead of parsing until the tab dies. The head
 * is read with the import's own format detection and parsers (importRatings on the
 * head's bytes), so it counts exactly what the import would.
 */
import type { ColumnMap, FormatName } from './formats.ts';
import { importRatings } from './import.ts';
import { isGzip } from './source.ts';

/** How much of the file is read: a few tens of thousands of rows, parsed in well under a second. */
export const HEAD_BYTES = 4 << 20;

/**
 * The memory model, in bytes: rows × (TABLE_BYTES_PER_ROW + TRANSIENT_BYTES_PER_ROW)
 * + distinct ids (users + items) × BYTES_PER_ID. Measured in a Chromium worker by
 * `npm run bench:ingest:browser` on the Kaggle-shaped Electronics file (7,824,482 rows,
 * 4.2M users, 476k items; README, Benchmarks): the table held 43.7 B/row
 * (measureUserAgentSpecificMemory), and import + k-core peaked at 1,255 MB PSS over all
 * Chromium processes, 383 MB of them idle, so 872 MB = 111.4 B/row.
 */
/** Columns: Int32 user and item, Float32 rating, Float64 time. */
export const TABLE_BYTES_PER_ROW = 20;
/** An id's string, its dictionary record and hash slot: (43.7 − 20) B/row × 7,824,482 rows / 4,676,000 ids = 39.7 B. */
export const BYTES_PER_ID = 40;
/**
 * What the import holds only while it runs, beyond the table: the builder's columns
 * beside their trimmed copy, and the copies IndexedDB's write and the k-core make:
 * 111.4 − 43.7 = 67.7 B/row at the measured peak.
 */
export const TRANSIENT_BYTES_PER_ROW = 68;

/** Peak memory of importing (and k-core filtering) a table of this shape. */
export function importMemoryBytes(rows: number, ids: number): number {
  return rows * (TABLE_BYTES_PER_ROW + TRANSIENT_BYTES_PER_ROW) + ids * BYTES_PER_ID;
}

/** The start of a file, decompressed, and how many of the file's raw bytes it stands for. */
export interface FileHead {
  /** Content bytes (gunzipped), cut after the last whole line unless `whole`. */
  bytes: Uint8Array<ArrayBuffer>;
  /** Raw (possibly compressed) bytes of the file that `bytes` came from. */
  rawBytes: number;
  /** The raw file's size. */
  fileBytes: number;
  /** True when `bytes` is the whole file. */
  whole: boolean;
}

/** Read the head of a file (a Blob or File): a slice of HEAD_BYTES raw bytes, gunzipped when it is gzip. */
export async function readFileHead(file: Blob, headBytes = HEAD_BYTES): Promise<FileHead> {
  const raw = new Uint8Array(await file.slice(0, headBytes).arrayBuffer());
  const whole = raw.length >= file.size;
  let content: Uint8Array<ArrayBuffer> = raw;
  if (isGzip(raw)) content = await gunzipPrefix(raw);
  if (whole) return { bytes: content, rawBytes: raw.length, fileBytes: file.size, whole };
  const cut = content.lastIndexOf(10) + 1;
  // A gzip slice's raw bytes stand for its content evenly (the compression ratio of the head).
  return { bytes: content.subarray(0, cut), rawBytes: content.length ? (raw.length * cut) / content.length : 0, fileBytes: file.size, whole };
}

/** As much as a (possibly cut) gzip prefix decompresses to: the cut end is an error here, not a problem. */
async function gunzipPrefix(raw: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const reader = new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      length += value.length;
    }
  } catch {
    // the slice ended inside the stream
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface ImportEstimate {
  fileName: string;
  fileBytes: number;
  /** Valid rows the file holds: the head's valid rows × fileBytes / the head's raw bytes. */
  rows: number;
  /**
   * Distinct users: the head's distinct users per row × rows. Distinct ids grow slower
   * than rows (users repeat), so in a file in random order this is an upper bound; in a
   * file sorted by user it is about right; a head of one user's many rows would
   * underestimate, which no ratings dump we know is.
   */
  users: number;
  /** Distinct items, by the same rule as users. */
  items: number;
  /** importMemoryBytes(rows, users + items). */
  memoryBytes: number;
  /** True when the head was the whole file: the counts are exact (before deduplication). */
  exact: boolean;
}

/**
 * Estimate a file's rows, users, items and import memory from its head, read with the
 * import's detection and parsers. A head no parser can read rejects with the import's
 * own ImportError, which the import would raise too.
 */
export async function estimateImport(head: FileHead, opts: { fileName: string; format?: FormatName; columnMap?: ColumnMap }): Promise<ImportEstimate> {
  const read = await importRatings(new Blob([head.bytes]).stream(), { ...opts, hash: false });
  const headRows = read.rowsRead;
  const scale = head.whole || head.rawBytes === 0 ? 1 : head.fileBytes / head.rawBytes;
  const rows = Math.round(headRows * scale);
  const perRow = (distinct: number) => Math.min(rows, Math.round((distinct / headRows) * rows));
  const users = perRow(read.table.userIds.length);
  const items = perRow(read.table.itemIds.length);
  return { fileName: opts.fileName, fileBytes: head.fileBytes, rows, users, items, memoryBytes: importMemoryBytes(rows, users + items), exact: head.whole };
}

/** What the browser says about memory; each is absent where the browser does not say. */
export interface MemorySignals {
  /** Chromium's performance.memory.jsHeapSizeLimit: the heap one isolate (this tab's page or worker) may grow to. */
  jsHeapSizeLimit?: number;
  /** navigator.deviceMemory: the device's RAM in GiB, rounded down to a power of two and capped at 8. */
  deviceMemoryGiB?: number;
}

const GiB = 2 ** 30;
/** The budget when the browser says nothing (Firefox, Safari): what a 4 GiB device would allow. */
export const UNKNOWN_BUDGET_BYTES = 2 * GiB;

/**
 * What an import in this tab may use: min(jsHeapSizeLimit, deviceMemory / 2). The table
 * and its import live in one worker, whose heap V8 stops at jsHeapSizeLimit (about 4 GiB
 * on 64-bit); and half the device leaves the other half to the system, the browser and
 * the tab's other workers (training loads its own copy of the table). deviceMemory is
 * capped at 8, so the budget is at most 4 GiB, the target for one tab.
 */
export function memoryBudget(s: MemorySignals): number {
  const terms = [s.jsHeapSizeLimit, s.deviceMemoryGiB === undefined ? undefined : (s.deviceMemoryGiB * GiB) / 2].filter(
    (x): x is number => x !== undefined && Number.isFinite(x) && x > 0,
  );
  return terms.length ? Math.min(...terms) : UNKNOWN_BUDGET_BYTES;
}

/** A sample of users: about `users` users and `rows` ratings, and the memory its import takes. */
export interface SampledEstimate {
  users: number;
  rows: number;
  memoryBytes: number;
}

/**
 * What keeping `fraction` of the users leaves: rows and users scale by it; items are
 * counted whole, as the users kept may still rate most of them.
 */
export function sampledEstimate(e: ImportEstimate, fraction: number): SampledEstimate {
  const rows = Math.round(e.rows * fraction);
  const users = Math.round(e.users * fraction);
  return { users, rows, memoryBytes: importMemoryBytes(rows, users + e.items) };
}

/** Keep 1 in `oneIn` users. */
export interface SampleAdvice extends SampledEstimate {
  oneIn: number;
}

const MAX_ONE_IN = 10_000;

/** The largest 1-in-K sample of users whose import fits the budget, or null when none does. */
export function adviseSample(e: ImportEstimate, budgetBytes: number): SampleAdvice | null {
  for (let k = 2; k <= MAX_ONE_IN; k++) {
    const s = sampledEstimate(e, 1 / k);
    if (s.memoryBytes <= budgetBytes) return { oneIn: k, ...s };
  }
  return null;
}
