/** Byte streams for the ingest tests: text or bytes, cut into chunks, optionally gzipped (web APIs only). */
export function streamOf(data: string | Uint8Array, chunkSize = 7): ReadableStream<Uint8Array> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + chunkSize));
      at += chunkSize;
    },
  });
}

export async function gzip(data: string | Uint8Array): Promise<Uint8Array> {
  const compressed = streamOf(data, 1 << 16).pipeThrough(new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}
