/**
 * Reading ratings files from disk for the CLI: the same streaming import the browser
 * worker runs, fed from a file stream. Expected failures become CliError (one line).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { ImportError, importRatings, type ImportOptions, type ImportResult } from '../core/ingest/import.ts';
import { FORMATS, type FormatName } from '../core/ingest/formats.ts';
import { importItemMetadata } from '../core/ingest/metadata.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { CliError } from './main.ts';

/**
 * A file as a web ReadableStream of bytes, with its size and, once the stream has been
 * read to the end, its SHA-256 (node:crypto, native: far faster than the portable
 * hasher the browser uses). CliError when it cannot be opened.
 */
export async function openFile(path: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number; sha256: () => string }> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(`${path}: not a file`);
    size = s.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const hash = createHash('sha256');
  const hashed = createReadStream(path).pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    }),
  );
  return { stream: Readable.toWeb(hashed) as ReadableStream<Uint8Array>, size, sha256: () => hash.digest('hex') };
}

/** A known format name, or CliError listing them. */
export function formatFlag(name: string): FormatName {
  const f = FORMATS.find((d) => d.name === name);
  if (!f) throw new CliError(`unknown format "${name}"; one of: ${FORMATS.map((d) => d.name).join(', ')}`);
  return f.name;
}

/** Import a ratings file of any supported format (plain or .gz) from disk. */
export async function readRatingsFile(
  path: string,
  opts: { format?: string } & Omit<ImportOptions, 'fileName' | 'totalBytes' | 'format'> = {},
): Promise<ImportResult> {
  const { format, ...rest } = opts;
  const forced = format === undefined ? undefined : formatFlag(format);
  const { stream, size, sha256 } = await openFile(path);
  try {
    const result = await importRatings(stream, { ...rest, fileName: path, totalBytes: size, format: forced, hash: false });
    return { ...result, sha256: sha256() };
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(err.message);
    throw err;
  }
}

/** Display titles per table item from a metadata file ('' for items it does not describe). */
export async function readTitles(path: string, table: RatingsTable): Promise<string[]> {
  const { stream, size } = await openFile(path);
  try {
    const meta = await importItemMetadata(stream, { fileName: path, totalBytes: size, hash: false });
    return table.itemIds.map((id) => meta.items.get(id)?.displayTitle ?? '');
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(err.message);
    throw err;
  }
}
