import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.ts';
import { EmbeddingTable } from './embedding.ts';
import { optimizerConfig } from './optimizer.ts';
import { disposeBatch, lookupTensors } from './predict.ts';

beforeAll(async () => {
  // The cpu backend keeps a tensor's values by reference: the case the reused buffer must not break.
  await tf.setBackend('cpu');
});

describe('lookupTensors', () => {
  it("gives each lookup its own rows when a batch reads one table twice, and the next batch's rows replace them only after the first is disposed", async () => {
    const cfg = optimizerConfig('adam', 0, 0);
    const items = new EmbeddingTable('items', 10, 3, cfg, { kind: 'normal', std: 1 }, createRng(5));
    const users = new EmbeddingTable('users', 4, 3, cfg, { kind: 'normal', std: 1 }, createRng(6));
    const lookups = [
      { table: items, index: Int32Array.of(1, 2) },
      { table: users, index: Int32Array.of(3) },
      { table: items, index: Int32Array.of(7, 8, 9) },
    ];
    const batch = { size: 2, lookups, inputs: [] };
    const rows = lookupTensors(batch);
    const values = await Promise.all(rows.map((r) => r.data()));
    lookups.forEach((l, k) => expect(Array.from(values[k])).toEqual(Array.from(l.table.gather(l.index))));
    disposeBatch(batch, rows);

    const next = { size: 1, lookups: [{ table: items, index: Int32Array.of(0) }], inputs: [] };
    const again = lookupTensors(next);
    expect(Array.from(await again[0].data())).toEqual(Array.from(items.gather(Int32Array.of(0))));
    disposeBatch(next, again);
  });
});
