/**
 * Reading ratings files from disk for the CLI: the same streaming import the browser
 * worker runs, fed from a file stream. Expected failures become CliError (one line).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ImportError, importRatings, type ImportOptions, type ImportResult } from '../core/ingest/import.ts';
import { FORMATS, type FormatName } from '../core/ingest/formats.ts';
import { CliError } from './main.ts';

/** A file as a web ReadableStream of bytes, with its size; CliError when it cannot be opened. */
export async function openFile(path: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number }> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(`${path}: not a file`);
    size = s.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return { stream: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, size };
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
  const { stream, size } = await openFile(path);
  try {
    return await importRatings(stream, { ...rest, fileName: path, totalBytes: size, format: forced });
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(err.message);
    throw err;
  }
}
