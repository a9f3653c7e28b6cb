import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RatingsTable } from '../core/ratings.ts';
import { reviewTexts } from '../core/testing/tiny.ts';
import { createRng } from '../core/rng.ts';
import { openLabDB } from './db.ts';
import { partCounts, readTable, tableHead, writeTable, type PartSizes } from './tableParts.ts';

/** Seeded review texts for `rows` rows: some empty, some non-ASCII, some long. */
function randomReviews(rows: number): RatingsTable['reviews'] {
  const rng = createRng(rows + 1);
  const words = ['good', 'bad', 'Château', '名曲', 'x'];
  const texts = Array.from({ length: rows }, () => Array.from({ length: rng.int(3) * rng.int(40) }, () => words[rng.int(words.length)]).join(' '));
  return reviewTexts(texts);
}

/** A seeded table whose bytes exercise the clone: NaN times with payloads, −0, subnormals, odd ids; review text when asked. */
function randomTable(rows: number, users: number, items: number, verified: boolean, reviews = false): RatingsTable {
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
    ...(reviews ? { reviews: randomReviews(rows) } : {}),
    userIds: Array.from({ length: users }, (_, u) => (u === 0 ? '0007' : `A${u.toString(36)}é`)),
    itemIds: Array.from({ length: items }, (_, i) => `B00${i}`),
  };
}

const bytes = (a: ArrayBufferView | null) => (a ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : null);

function expectSameBits(got: RatingsTable, want: RatingsTable): void {
  expect(Number.isNaN(want.time[0])).toBe(true);
  for (const col of ['user', 'item', 'rating', 'time', 'verified'] as const) expect(bytes(got[col]), col).toEqual(bytes(want[col]));
  expect(bytes(got.reviews?.bytes ?? null), 'review bytes').toEqual(bytes(want.reviews?.bytes ?? null));
  expect(bytes(got.reviews?.offsets ?? null), 'review offsets').toEqual(bytes(want.reviews?.offsets ?? null));
  expect(got.userIds).toEqual(want.userIds);
  expect(got.itemIds).toEqual(want.itemIds);
}

async function roundTrip(t: RatingsTable, sizes: PartSizes): Promise<RatingsTable> {
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

const SMALL: PartSizes = { rows: 64, ids: 10, textBytes: 1000 };

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('tables in parts', () => {
  it('lays a table out in row parts, then user id parts, then item id parts', () => {
    const head = tableHead('d', randomTable(10, 5, 3, false), { rows: 4, ids: 2, textBytes: 8 });
    expect(partCounts(head)).toEqual({ rows: 3, users: 3, items: 2, reviews: 0, total: 8 });
    const reviewed = randomTable(10, 5, 3, false, true);
    const withText = tableHead('d', reviewed, { rows: 4, ids: 2, textBytes: 8 });
    expect(withText.reviewBytes).toBe(reviewed.reviews!.bytes.length);
    expect(partCounts(withText).reviews).toBe(Math.ceil(reviewed.reviews!.bytes.length / 8));
  });

  it('round-trips a table over many parts bit for bit', async () => {
    for (const verified of [true, false]) {
      const t = randomTable(1001, 97, 31, verified);
      expectSameBits(await roundTrip(t, SMALL), t);
    }
  });

  it('round-trips tables that fill their last part exactly, or have one row', async () => {
    const full = randomTable(128, 20, 10, true);
    expectSameBits(await roundTrip(full, SMALL), full);
    const one = randomTable(1, 1, 1, false);
    expectSameBits(await roundTrip(one, SMALL), one);
  });

  it('round-trips review text bit for bit, its bytes cut across parts anywhere, even inside a character', async () => {
    const t = randomTable(1001, 97, 31, true, true);
    expect(t.reviews!.bytes.length).toBeGreaterThan(20 * 1000);
    for (const textBytes of [1000, 1001, 1 << 20]) expectSameBits(await roundTrip(t, { ...SMALL, textBytes }), t);
    // Review text with no byte at all (a filter kept only rows without any) still reads as a column.
    const empty: RatingsTable = { ...randomTable(10, 3, 3, false), reviews: { bytes: new Uint8Array(0), offsets: new Uint32Array(11) } };
    expectSameBits(await roundTrip(empty, SMALL), empty);
  });

  it('stores a table without review text as before review text was kept (no text fields), and reads it back without', async () => {
    const t = randomTable(100, 10, 5, true);
    expect(Object.keys(tableHead('t', t, SMALL)).sort()).toEqual(['hasVerified', 'id', 'idsPerPart', 'items', 'rows', 'rowsPerPart', 'users']);
    const got = await roundTrip(t, SMALL);
    expect(got.reviews).toBeUndefined();
    expectSameBits(got, t);
  });

  it('refuses a table with a part missing instead of returning a short one', async () => {
    const db = await openLabDB();
    const t = randomTable(200, 20, 10, false);
    const w = db.transaction(['tables', 'parts'], 'readwrite');
    await Promise.all([writeTable({ tables: w.objectStore('tables'), parts: w.objectStore('parts') }, 't', t, SMALL), w.done]);
    await db.delete('parts', ['t', 2]);
    const r = db.transaction(['tables', 'parts']);
    await expect(readTable({ tables: r.objectStore('tables'), parts: r.objectStore('parts') }, 't')).rejects.toThrow(/part 2 of 7 is missing/);
    db.close();
  });
});
