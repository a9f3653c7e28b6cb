import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRng } from '../core/rng.ts';
import { EmbeddingTable } from './embedding.ts';
import { optimizerConfig } from './optimizer.ts';
import { disposeBatch, lookupTensors } from './predict.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('lookupTensors', () => {
  it('hands tf each lookup’s own rows, still intact once the batch is built, when a batch reads one table twice', () => {
    const cfg = optimizerConfig('adam', 0, 0);
    const items = new EmbeddingTable('items', 10, 3, cfg, { kind: 'normal', std: 1 }, createRng(5));
    const users = new EmbeddingTable('users', 4, 3, cfg, { kind: 'normal', std: 1 }, createRng(6));
    const lookups = [
      { table: items, index: Int32Array.of(1, 2, 3) },
      { table: users, index: Int32Array.of(3) },
      { table: items, index: Int32Array.of(7, 8) },
    ];
    // What the backend is given: it keeps these arrays (cpu; WebGL and WebGPU until they upload), so each must still hold its rows after every lookup of the batch was gathered. The second read of `items` is smaller than the first, so it would land in the same buffer.
    const given: Float32Array[] = [];
    const backend = tf.backend();
    const write = backend.write.bind(backend);
    const spy = vi.spyOn(backend, 'write').mockImplementation((values, shape, dtype) => {
      given.push(values as Float32Array);
      return write(values, shape, dtype);
    });
    try {
      const batch = { size: 2, lookups, inputs: [] };
      const rows = lookupTensors(batch);
      lookups.forEach((l, k) => expect(Array.from(given[k])).toEqual(Array.from(l.table.gather(l.index))));
      disposeBatch(batch, rows);
    } finally {
      spy.mockRestore();
    }
  });
});
