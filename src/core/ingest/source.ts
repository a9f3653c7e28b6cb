import { Sha256 } from './sha256.ts';

/** Whether bytes start with the gzip magic number (a file's name is not trusted). */
export function isGzip(head: Uint8Array | undefined): boolean {
  return head !== undefined && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The raw byte stream of a file, counted and hashed as it passes, and gunzipped when
 * its first bytes are the gzip magic number (the name is not trusted).
 */
export class ByteSource {
  /** Raw (possibly compressed) bytes read so far. */
  rawBytes = 0;
  readonly gzip: boolean;
  private readonly hasher: Sha256 | null;
  private readonly decoded: ReadableStreamDefaultReader<Uint8Array> | null;

  private constructor(
    private readonly raw: ReadableStreamDefaultReader<Uint8Array>,
    private peeked: Uint8Array[],
    hash: boolean,
  ) {
    this.hasher = hash ? new Sha256() : null;
    const head = peeked[0];
    this.gzip = isGzip(head);
    if (!this.gzip) {
      this.decoded = null;
      return;
    }
    const tapped = new ReadableStream<Uint8Array>({
      pull: async (c) => {
        const chunk = await this.readRaw();
        if (chunk) c.enqueue(chunk);
        else c.close();
      },
      cancel: (reason) => this.raw.cancel(reason),
    });
    this.decoded = tapped.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  }

  static async open(stream: ReadableStream<Uint8Array>, hash: boolean): Promise<ByteSource> {
    const reader = stream.getReader();
    const peeked: Uint8Array[] = [];
    let have = 0;
    // Two bytes decide gzip; a stream may hand them over in separate chunks.
    while (have < 2) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.length === 0) continue;
      peeked.push(value);
      have += value.length;
    }
    if (peeked.length > 1) peeked.splice(0, peeked.length, concat(peeked));
    return new ByteSource(reader, peeked, hash);
  }

  /** The next chunk of (decompressed) file content, or null at the end. */
  read(): Promise<Uint8Array | null> {
    if (this.decoded) return this.decoded.read().then((r) => (r.done ? null : r.value));
    return this.readRaw();
  }

  private async readRaw(): Promise<Uint8Array | null> {
    let chunk = this.peeked.shift();
    if (!chunk) {
      const r = await this.raw.read();
      if (r.done) return null;
      chunk = r.value;
    }
    this.rawBytes += chunk.length;
    this.hasher?.update(chunk);
    return chunk;
  }

  /** SHA-256 (hex) of the raw bytes; call after the last read. Empty string when hashing was off. */
  sha256(): string {
    return this.hasher ? this.hasher.hex() : '';
  }

  async cancel(reason?: unknown): Promise<void> {
    await (this.decoded ?? this.raw).cancel(reason).catch(() => undefined);
  }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
