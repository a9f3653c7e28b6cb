import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RatingsTable } from '../core/ratings.ts';
import { createRng } from '../core/rng.ts';
import { openLabDB } from './db.ts';
import { partCounts, readTable, tableHead, writeTable } from './tableParts.ts';

/** A seeded table whose bytes exercise the clone: NaN times with payloads, −0, subnormals, odd ids. */
function randomTable(rows: number, users: number, items: number, verified: boolean): RatingsTable {
  const rng = createRng(rows);
  const time = Float64Array.from({ length: rows }, () => rng.next() * 2e9);
  // A NaN with a payload of its own (little-endian words), and the ordinary one.
  const words = new Uint32Array(time.buffer);
  words[0] = 0xdeadbeef;
  words[1] = 0x7ff81234;
  if (rows > 1) time[1] = NaN;
  const rating = Float32Array.from({ length: rows }, () => 1 + rng.int(9) / 2);
  if (rows > 2) rating[2] = -0;
  if (rows > 3) rating[3] = 1e-45;
  return {
    user: Int32Array.from({ length: rows }, () => rng.int(users)),
    item: Int32Array.from({ length: rows }, () => rng.int(items)),
    rating,
    time,
    verified: verified ? Uint8Array.from({ length: rows }, () => rng.int(2)) : null,
    userIds: Array.from({ length: users }, (_, u) => (u === 0 ? '0007' : `A${u.toString(36)}é`)),
    itemIds: Array.from({ length: items }, (_, i) => `B00${i}`),
  };
}

const bytes = (a: ArrayBufferView | null) => (a ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : null);

function expectSameBits(got: RatingsTable, want: RatingsTable): void {
  expect(Number.isNaN(want.time[0])).toBe(true);
  for (const col of ['user', 'item', 'rating', 'time', 'verified'] as const) expect(bytes(got[col]), col).toEqual(bytes(want[col]));
  expect(got.userIds).toEqual(want.userIds);
  expect(got.itemIds).toEqual(want.itemIds);
}

async function roundTrip(t: RatingsTable, sizes: { rows: number; ids: number }): Promise<RatingsTable> {
  globalThis.indexedDB = new IDBFactory();
  const db = await openLabDB();
  try {
    const w = db.transaction(['tables', 'parts'], 'readwrite');
    await Promise.all([writeTable({ tables: w.objectStore('tables'), parts: w.objectStore('parts') }, 't', t, sizes), w.done]);
    const r = db.transaction(['tables', 'parts']);
    return await readTable({ tables: r.objectStore('tables'), parts: r.objectStore('parts') }, 't');
  } finally {
    db.close();
  }
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('tables in parts', () => {
  it('lays a table out in row parts, then user id parts, then item id parts', () => {
    const head = tableHead('d', randomTable(10, 5, 3, false), 4, 2);
    expect(partCounts(head)).toEqual({ rows: 3, users: 3, items: 2, total: 8 });
  });

  it('round-trips a table over many parts bit for bit', async () => {
    for (const verified of [true, false]) {
      const t = randomTable(1001, 97, 31, verified);
      expectSameBits(await roundTrip(t, { rows: 64, ids: 10 }), t);
    }
  });

  it('round-trips tables that fill their last part exactly, or have one row', async () => {
    const full = randomTable(128, 20, 10, true);
    expectSameBits(await roundTrip(full, { rows: 64, ids: 10 }), full);
    const one = randomTable(1, 1, 1, false);
    expectSameBits(await roundTrip(one, { rows: 64, ids: 10 }), one);
  });

  it('refuses a table with a part missing instead of returning a short one', async () => {
    const db = await openLabDB();
    const t = randomTable(200, 20, 10, false);
    const w = db.transaction(['tables', 'parts'], 'readwrite');
    await Promise.all([writeTable({ tables: w.objectStore('tables'), parts: w.objectStore('parts') }, 't', t, { rows: 64, ids: 10 }), w.done]);
    await db.delete('parts', ['t', 2]);
    const r = db.transaction(['tables', 'parts']);
    await expect(readTable({ tables: r.objectStore('tables'), parts: r.objectStore('parts') }, 't')).rejects.toThrow(/part 2 of 7 is missing/);
    db.close();
  });
});
