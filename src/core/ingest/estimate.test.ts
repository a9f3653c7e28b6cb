import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA_DIR, sharedDataAvailable } from '../testing/ml100k.ts';
import {
  adviseSample,
  BYTES_PER_ID,
  estimateImport,
  importMemoryBytes,
  memoryBudget,
  readFileHead,
  TABLE_BYTES_PER_ROW,
  TRANSIENT_BYTES_PER_ROW,
  UNKNOWN_BUDGET_BYTES,
  type ImportEstimate,
} from './estimate.ts';
import { gzip } from './testStreams.ts';

const GiB = 2 ** 30;

describe('estimateImport on a synthetic head', () => {
  // 1,000 lines of equal length: 250 users (each 4 times), 1,000 items; the file is ten heads long.
  const lines = Array.from({ length: 1000 }, (_, k) => `u${String(k % 250).padStart(3, '0')},i${String(k).padStart(4, '0')},5,1000000000\n`).join('');
  const bytes = new TextEncoder().encode(lines);

  it('scales the head by the file size, and distinct ids by their share of the head rows', async () => {
    const e = await estimateImport({ bytes, rawBytes: bytes.length, fileBytes: 10 * bytes.length, whole: false }, { fileName: 'big.csv' });
    expect(e).toEqual({
      fileName: 'big.csv',
      fileBytes: 10 * bytes.length,
      rows: 10_000,
      users: 2_500,
      // Every head row has a new item, so items are capped at the rows.
      items: 10_000,
      memoryBytes: 10_000 * (TABLE_BYTES_PER_ROW + TRANSIENT_BYTES_PER_ROW) + 12_500 * BYTES_PER_ID,
      exact: false,
    });
  });

  it('reads the head of a file as the import does: cut at the last whole line', async () => {
    const file = new Blob([bytes]);
    const head = await readFileHead(file, 1000);
    expect(head.whole).toBe(false);
    expect(new TextDecoder().decode(head.bytes).endsWith('\n')).toBe(true);
    expect(head.rawBytes).toBe(head.bytes.length);
    const e = await estimateImport(head, { fileName: 'f.csv' });
    expect(e.rows).toBe(1000);
    const whole = await estimateImport(await readFileHead(file), { fileName: 'f.csv' });
    expect(whole).toMatchObject({ rows: 1000, users: 250, items: 1000, exact: true });
  });

  it('takes the compression ratio of a gzip head', async () => {
    // Varied lines: a repeated block would compress far better after the head than in it.
    const varied = Array.from({ length: 20_000 }, (_, k) => `u${(k * 7919) % 5003},i${(k * 104729) % 20011},${1 + (k % 5)},${1e9 + k * 37}\n`).join('');
    const gz = await gzip(varied);
    const head = await readFileHead(new Blob([gz as Uint8Array<ArrayBuffer>]), Math.floor(gz.length / 3));
    const e = await estimateImport(head, { fileName: 'f.csv.gz' });
    expect(e.rows).toBeGreaterThan(20_000 * 0.85);
    expect(e.rows).toBeLessThan(20_000 * 1.15);
  });

  it('rejects a head no parser reads with the import’s own message', async () => {
    const text = new TextEncoder().encode('hello world\nnot ratings\n');
    await expect(estimateImport({ bytes: text, rawBytes: text.length, fileBytes: text.length, whole: true }, { fileName: 'x.txt' })).rejects.toThrow(/^x\.txt, line 1: not a recognised ratings file/);
  });
});

describe.skipIf(!sharedDataAvailable())('estimateImport on real files (a head of a tenth to a quarter of each)', () => {
  const CASES = [
    { path: 'amazon-electronics-ratings-2014-first50k/ratings_Electronics.csv', head: 256 << 10, rows: 50698, users: 47141 },
    { path: 'amazon2014-beauty-ratings-first30k/ratings_Beauty.csv', head: 256 << 10, rows: 29999, users: 28456 },
    { path: 'amazon2014-digital-music-5core-first6908/reviews_Digital_Music_5.first6908.json.gz', head: 512 << 10, rows: 6908, users: 2490 },
    { path: 'amazon2018-magazine-subscriptions/Magazine_Subscriptions_5.json.gz', head: 64 << 10, rows: 2375, users: 348 },
    { path: 'movielens-100k/u.data', head: 256 << 10, rows: 100000, users: 943 },
  ];
  for (const c of CASES) {
    it(`${c.path}: rows within 12%, users per row an upper bound`, async () => {
      const e = await estimateImport(await readFileHead(new Blob([readFileSync(SHARED_DATA_DIR + c.path)]), c.head), { fileName: c.path });
      expect(e.exact).toBe(false);
      expect(Math.abs(e.rows - c.rows) / c.rows).toBeLessThan(0.12);
      expect(e.users / e.rows).toBeGreaterThanOrEqual(c.users / c.rows);
      expect(e.memoryBytes).toBe(importMemoryBytes(e.rows, e.users + e.items));
    });
  }
});

describe('memoryBudget', () => {
  it('is min(jsHeapSizeLimit, deviceMemory / 2)', () => {
    // Desktop Chromium on 64-bit: a 4 GiB heap limit, deviceMemory capped at 8.
    expect(memoryBudget({ jsHeapSizeLimit: 4294705152, deviceMemoryGiB: 8 })).toBe(4294705152);
    expect(memoryBudget({ jsHeapSizeLimit: 4294705152, deviceMemoryGiB: 4 })).toBe(2 * GiB);
    expect(memoryBudget({ deviceMemoryGiB: 2 })).toBe(GiB);
    expect(memoryBudget({ jsHeapSizeLimit: 3 * GiB })).toBe(3 * GiB);
  });

  it('falls back to 2 GiB when the browser says nothing', () => {
    expect(memoryBudget({})).toBe(UNKNOWN_BUDGET_BYTES);
    expect(memoryBudget({ jsHeapSizeLimit: 0, deviceMemoryGiB: Number.NaN })).toBe(UNKNOWN_BUDGET_BYTES);
  });
});

describe('adviseSample', () => {
  const reviews23: ImportEstimate = { fileName: 'Electronics.csv', fileBytes: 2.4e9, rows: 43_900_000, users: 18_300_000, items: 1_600_000, memoryBytes: importMemoryBytes(43_900_000, 19_900_000), exact: false };

  it('keeps the largest 1-in-K sample of users that fits', () => {
    expect(reviews23.memoryBytes).toBeGreaterThan(4 * GiB);
    const a = adviseSample(reviews23, 4 * GiB)!;
    expect(a).toEqual({ oneIn: 2, users: 9_150_000, rows: 21_950_000, memoryBytes: importMemoryBytes(21_950_000, 9_150_000 + 1_600_000) });
    expect(importMemoryBytes(43_900_000 / 1, 18_300_000 + 1_600_000)).toBeGreaterThan(4 * GiB);
    const small = adviseSample(reviews23, 1 * GiB)!;
    expect(small.memoryBytes).toBeLessThanOrEqual(GiB);
    expect(importMemoryBytes(Math.round(43_900_000 / (small.oneIn - 1)), Math.round(18_300_000 / (small.oneIn - 1)) + 1_600_000)).toBeGreaterThan(GiB);
  });

  it('offers none when the items alone do not fit', () => {
    expect(adviseSample(reviews23, 1_600_000 * BYTES_PER_ID)).toBeNull();
  });
});
