import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { createRng } from '../core/rng.ts';
import { buildModel } from './builders.ts';
import type { TrainData } from './model.ts';
import { optimizerConfig } from './optimizer.ts';
import { disposeBatch, lookupTensors, predictPairs } from './predict.ts';
import { buildHistories } from './sequences.ts';
import { toyData } from './testing/toy.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const params = resolveParams(findAlgorithm('LSTM'), { units: 8, factors: 4, seq_len: 20 });
/** An untrained LSTM: its weights come from the seed and the table sizes only, not from the rows. */
const build = (data: TrainData) => buildModel('LSTM', { params, data, mean: 3, optimizer: optimizerConfig('adam', 0, 0), rng: createRng(3) });

// Toy ratings whose times come in tied pairs (…0, …0, …20, …20, …), as ML-100k's often do.
const base = toyData();
const data: TrainData = { ...base, time: base.time!.map((t) => Math.floor(t / 20) * 20), valTime: base.valTime!.map((t) => Math.floor(t / 20) * 20) };

/** `data` plus one training rating of user u at time `at`. */
function plant(u: number, item: number, rating: number, at: number): TrainData {
  return {
    ...data,
    user: Int32Array.from([...data.user, u]),
    item: Int32Array.from([...data.item, item]),
    rating: Float32Array.from([...data.rating, rating]),
    time: Float64Array.from([...data.time!, at]),
  };
}

describe('LSTM scoring respects time', () => {
  // A validation rating with training events of its user on both sides of its time.
  const h = buildHistories(data.user, data.nUsers, data.time);
  const q = data.valUser.findIndex((u, k) => {
    const times = Array.from(h.rows.subarray(h.start[u], h.start[u + 1]), (r) => data.time![r]);
    return times[0] < data.valTime![k] - 5 && times[times.length - 1] > data.valTime![k] + 5;
  });
  const [u, i, t] = [data.valUser[q], data.valItem[q], data.valTime![q]];
  const ask = (d: TrainData) => predictPairs(build(d), Int32Array.of(u), Int32Array.of(i), -Infinity, Infinity, Float64Array.of(t));

  it('a planted later event of the same user does not move the prediction; an earlier one does', async () => {
    const before = (await ask(data))[0];
    expect((await ask(plant(u, (i + 1) % data.nItems, 5, t + 3)))[0]).toBe(before);
    expect((await ask(plant(u, (i + 1) % data.nItems, 5, t - 3)))[0]).not.toBe(before);
  });

  it('an event at the very time of the query is not read either (a tie is not earlier)', async () => {
    expect((await ask(plant(u, (i + 1) % data.nItems, 5, t)))[0]).toBe((await ask(data))[0]);
  });

  it('without a time a query reads the whole history', async () => {
    const model = build(plant(u, (i + 1) % data.nItems, 5, t + 3));
    const timed = await predictPairs(model, Int32Array.of(u), Int32Array.of(i), -Infinity, Infinity, Float64Array.of(t));
    const untimed = await predictPairs(model, Int32Array.of(u), Int32Array.of(i), -Infinity, Infinity, Float64Array.of(NaN));
    expect(untimed[0]).not.toBe(timed[0]);
    expect((await predictPairs(model, Int32Array.of(u), Int32Array.of(i), -Infinity, Infinity))[0]).toBe(untimed[0]);
  });
});

describe('LSTM training in one pass per window', () => {
  it('predicts every event of a window as the one-query path does at the event’s own time', async () => {
    const model = build(data);
    const h = buildHistories(data.user, data.nUsers, data.time);
    // Every toy user has at most 16 training events: one window each, users in order.
    for (const w of [0, 7, 19]) {
      const batch = model.trainBatch(Int32Array.of(w), createRng(1));
      const rows = lookupTensors(batch);
      const each = await tf.tidy(() => model.predict(rows, batch)).data();
      disposeBatch(batch, rows);
      const events = h.rows.subarray(h.start[w], h.start[w + 1]);
      expect(batch.size).toBe(events.length);
      const one = await predictPairs(model, Int32Array.from(events, (r) => data.user[r]), Int32Array.from(events, (r) => data.item[r]), -Infinity, Infinity, Float64Array.from(events, (r) => data.time![r]));
      one.forEach((p, s) => expect(each[s]).toBeCloseTo(p, 5));
    }
  });
});

describe('LSTM scoring of many pairs', () => {
  it('runs each (user, time) history once for all the pairs that share it, with the same predictions as one pair at a time', async () => {
    const model = build(data);
    // Every item for three users without a time (a ranking's grid), and the validation pairs at their times.
    const users = [0, 5, 9];
    const gridUser = Int32Array.from(users.flatMap((u) => Array.from({ length: data.nItems }, () => u)));
    const gridItem = Int32Array.from(users.flatMap(() => Array.from({ length: data.nItems }, (_, i) => i)));
    const together = await predictPairs(model, gridUser, gridItem, -Infinity, Infinity);
    const timed = await predictPairs(model, data.valUser, data.valItem, -Infinity, Infinity, data.valTime);
    for (const k of [0, 1, data.nItems + 3, gridUser.length - 1]) {
      const alone = await predictPairs(model, gridUser.subarray(k, k + 1), gridItem.subarray(k, k + 1), -Infinity, Infinity);
      expect(together[k]).toBeCloseTo(alone[0], 5);
    }
    for (const k of [0, 3, data.valUser.length - 1]) {
      const alone = await predictPairs(model, data.valUser.subarray(k, k + 1), data.valItem.subarray(k, k + 1), -Infinity, Infinity, data.valTime!.subarray(k, k + 1));
      expect(timed[k]).toBeCloseTo(alone[0], 5);
    }
  });
});

