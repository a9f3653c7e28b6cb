import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256, sha256OfStream } from './sha256.ts';
import { streamOf } from './testStreams.ts';

describe('Sha256', () => {
  it('matches node:crypto for lengths around the block and padding edges, fed in odd pieces', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
      const h = new Sha256();
      for (let p = 0; p < n; ) {
        const q = Math.min(n, p + 1 + ((p * 7) % 97));
        h.update(data.subarray(p, q));
        p = q;
      }
      expect(h.hex()).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('hashes a stream', async () => {
    expect(await sha256OfStream(streamOf('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
