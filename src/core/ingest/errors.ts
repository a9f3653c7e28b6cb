/**
 * Fatal import problems. The message is shown to the user as is (UI and CLI alike),
 * so it names the file, the line where known, and what to do about it.
 */
export class ImportError extends Error {
  readonly fileName: string;
  readonly line?: number;
  /**
   * Set when a delimited file's header names no known user/item/rating columns: its
   * column names, for a column-mapping step (retry with `columnMap`).
   */
  readonly header?: string[];

  constructor(fileName: string, problem: string, opts: { line?: number; cause?: unknown; header?: string[] } = {}) {
    const where = opts.line === undefined ? fileName : `${fileName}, line ${opts.line}`;
    super(`${where}: ${problem}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ImportError';
    this.fileName = fileName;
    if (opts.line !== undefined) this.line = opts.line;
    if (opts.header !== undefined) this.header = opts.header;
  }
}

/** What a cancelled import rejects with: a DOMException named AbortError, as fetch does. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The import was cancelled.', 'AbortError');
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
