import { grow } from './idDictionary.ts';

/** Called once per line: bytes [start, end) of `buf`, newline and trailing CR removed. */
export type LineSink = (buf: Uint8Array, start: number, end: number) => void;

/**
 * Splits a stream of byte chunks into lines without decoding them. Complete lines are
 * handed out in place (no copy); only a line cut by a chunk boundary is assembled in a
 * small growable buffer, and a line longer than `maxLineBytes` stops with LineTooLong
 * before it can exhaust memory. `flush` runs whenever the bytes handed out so far are
 * about to be reused (end of a chunk, end of input), so a sink may hold on to line
 * positions until then.
 */
export class LineSplitter {
  private carry = new Uint8Array(1 << 12);
  private carryLength = 0;
  /** Lines handed out so far (1-based number of the last one). */
  lines = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly sink: LineSink,
    private readonly flush: () => void,
  ) {}

  push(chunk: Uint8Array): void {
    let pos = 0;
    if (this.carryLength > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.append(chunk, 0, chunk.length);
        return;
      }
      this.append(chunk, 0, nl);
      this.emit(this.carry, 0, this.carryLength);
      this.flush();
      this.carryLength = 0;
      pos = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      if (nl - pos > this.maxLineBytes) throw new LineTooLong(this.lines + 1, nl - pos);
      this.emit(chunk, pos, nl);
      pos = nl + 1;
    }
    this.flush();
    if (pos < chunk.length) this.append(chunk, pos, chunk.length);
  }

  /** Flush the last line when the file does not end with a newline. */
  end(): void {
    if (this.carryLength > 0) this.emit(this.carry, 0, this.carryLength);
    this.flush();
    this.carryLength = 0;
  }

  private append(chunk: Uint8Array, s: number, e: number): void {
    const need = this.carryLength + (e - s);
    if (need > this.maxLineBytes) throw new LineTooLong(this.lines + 1, need);
    if (need > this.carry.length) this.carry = grow(this.carry, need);
    this.carry.set(chunk.subarray(s, e), this.carryLength);
    this.carryLength = need;
  }

  private emit(buf: Uint8Array, s: number, e: number): void {
    this.lines++;
    if (e > s && buf[e - 1] === 13) e--;
    this.sink(buf, s, e);
  }
}

export class LineTooLong extends Error {
  constructor(
    readonly line: number,
    readonly bytes: number,
  ) {
    super(`line ${line} is longer than ${bytes} bytes`);
    this.name = 'LineTooLong';
  }
}
