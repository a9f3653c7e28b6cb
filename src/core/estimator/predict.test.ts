import { describe, expect, it } from 'vitest';
import { syntheticTable } from '../testing/synthetic.ts';
import { predictRows } from './predict.ts';
import type { FittedModel } from './types.ts';

describe('predictRows', () => {
  it('asks for each row at its own time, so a sequence model reads only the history before it', async () => {
    const table = syntheticTable(2);
    table.time.forEach((_, k) => (table.time[k] = 1000 + k));
    let asked: Float64Array | undefined;
    const model: FittedModel = {
      algo: 'fake',
      params: {},
      seed: 0,
      scale: { min: 1, max: 5 },
      defaultPrediction: 3,
      info: { backend: 'js' },
      async estimate(user, _item, time) {
        asked = time;
        return new Float64Array(user.length).fill(3);
      },
      save: () => Promise.reject(new Error('unused')),
      dispose: () => {},
    };
    await predictRows(model, table, Int32Array.of(4, 1, 7));
    expect(Array.from(asked!)).toEqual([1004, 1001, 1007]);
  });
});
