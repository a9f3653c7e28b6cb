import { describe, expect, it } from 'vitest';
import { buildHistories, distinctQueries, historyWindows, scaledTime, trainingWindows } from './sequences.ts';

// Rows of two users, out of time order; user 0 has a tie at t=20.
const user = Int32Array.from([0, 1, 0, 0, 1, 0]);
const time = Float64Array.from([30, 5, 10, 20, 7, 20]);

describe('sequence builder', () => {
  const h = buildHistories(user, 2, time);

  it('orders each user history by time, ties by row', () => {
    expect(Array.from(h.rows.subarray(h.start[0], h.start[1]))).toEqual([2, 3, 5, 0]);
    expect(Array.from(h.rows.subarray(h.start[1], h.start[2]))).toEqual([1, 4]);
  });

  it('feeds a prediction only strictly earlier events of the same user, oldest first, padded after', () => {
    // Each training row asked at its own time: itself and its tie never appear.
    const w = historyWindows(h, user, time, 3);
    const windows = Array.from({ length: user.length }, (_, q) => Array.from(w.subarray(q * 3, q * 3 + 3)));
    expect(windows).toEqual([
      [2, 3, 5],
      [-1, -1, -1],
      [-1, -1, -1],
      [2, -1, -1],
      [1, -1, -1],
      [2, -1, -1],
    ]);
    for (let q = 0; q < user.length; q++) {
      for (const r of windows[q]) if (r >= 0) expect(user[r] === user[q] && time[r] < time[q]).toBe(true);
    }
  });

  it('takes the whole history at +Infinity and the latest events when it is longer than the window', () => {
    expect(Array.from(historyWindows(h, Int32Array.of(0), Float64Array.of(Infinity), 2))).toEqual([5, 0]);
  });

  it('tiles each history into training windows: every event a target once, later windows led by context', () => {
    // User 0 has 4 events, user 1 has 2: windows of 3 with 1 event of context.
    const w = trainingWindows(h, 3, 1);
    expect(Array.from(w.from)).toEqual([0, 2, 4]);
    expect(Array.from(w.target)).toEqual([0, 3, 4]);
    expect(Array.from(w.to)).toEqual([3, 4, 6]);
    const g = buildHistories(Int32Array.from({ length: 10 }, () => 0), 1, Float64Array.from({ length: 10 }, (_, k) => k));
    const long = trainingWindows(g, 4, 2);
    const targets = Array.from(long.target, (t, k) => Array.from({ length: long.to[k] - t }, (_, j) => t + j)).flat();
    expect(targets).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    long.from.forEach((f, k) => expect(long.to[k] - f).toBeLessThanOrEqual(4));
    expect(Array.from(long.target, (t, k) => t - long.from[k])).toEqual([0, 2, 2, 2]);
  });

  it('scales time since the user first rating by the largest such span', () => {
    expect(h.span).toBe(20);
    expect(scaledTime(h, 0, 20)).toBeCloseTo(0.5);
    expect(scaledTime(h, 1, 7)).toBeCloseTo(0.1);
  });

  it('falls back to row order when times are missing', () => {
    const g = buildHistories(user, 2, Float64Array.from([1, NaN, 2, 3, 4, 5]));
    expect(g.byRowOrder).toBe(true);
    expect(Array.from(g.rows.subarray(g.start[0], g.start[1]))).toEqual([0, 2, 3, 5]);
  });
});

describe('distinctQueries', () => {
  it('gives one run per distinct (user, time), in order of first appearance, and each pair its run', () => {
    const user = Int32Array.of(4, 4, 2, 4, 2, 4);
    const at = Float64Array.of(Infinity, Infinity, 7, 3, 7, Infinity);
    const { first, history } = distinctQueries(user, at);
    expect(Array.from(first)).toEqual([0, 2, 3]);
    expect(Array.from(history)).toEqual([0, 0, 1, 2, 1, 0]);
  });
});

