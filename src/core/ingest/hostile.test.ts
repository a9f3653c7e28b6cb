/** Files that must fail with one clear message naming the file, or count bad rows: never crash. */
import { describe, expect, it } from 'vitest';
import { importRatings } from './import.ts';
import { gzip, streamOf } from './testStreams.ts';

const load = (data: string | Uint8Array | ReadableStream<Uint8Array>, fileName: string, opts = {}) =>
  importRatings(data instanceof ReadableStream ? data : streamOf(data, 4096), { fileName, ...opts });

/** `mb` MiB of one byte, streamed in 1 MiB chunks without ever building it as one buffer. */
function longLine(mb: number, prefix = ''): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1 << 20).fill(97);
  let sent = -1;
  return new ReadableStream({
    pull(c) {
      if (sent < 0) c.enqueue(new TextEncoder().encode(prefix));
      else if (sent < mb) c.enqueue(chunk);
      else c.close();
      sent++;
    },
  });
}

describe('hostile inputs', () => {
  it('empty file, and an empty gzip', async () => {
    await expect(load('', 'empty.csv')).rejects.toThrow('empty.csv: the file is empty.');
    await expect(load(await gzip(''), 'empty.csv.gz')).rejects.toThrow('empty.csv.gz: the file is empty.');
  });

  it('binary data (a PNG)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    await expect(load(png, 'photo.csv')).rejects.toThrow('photo.csv: this is binary data, not a ratings file');
  });

  it('truncated gzip', async () => {
    const gz = await gzip('u,i,5,1\n'.repeat(20_000));
    await expect(load(gz.subarray(0, gz.length >> 1), 'cut.csv.gz')).rejects.toThrow(
      /cut\.csv\.gz: the gzip data is truncated or corrupt .*Download or copy the file again/,
    );
  });

  it('wrong delimiter: detected as an unknown header, or no valid row when forced', async () => {
    await expect(load('1;2;5;100\n3;4;4;200\n', 'semi.csv')).rejects.toThrow(
      /semi\.csv, line 1: the first line, read as a header, does not say which columns hold the user, item, rating \(its columns are 0:"1", 1:"2"/,
    );
    await expect(load('1;2;5;100\n3;4;4;200\n', 'semi.csv', { format: 'kaggle-csv' })).rejects.toThrow(
      /semi\.csv: no valid rating row in 2 data lines \(line 1: expected at least 3 fields, found 1\)/,
    );
  });

  it('a 50 MB single line stops at the line limit instead of exhausting memory', async () => {
    await expect(load(longLine(50), 'one-line.csv')).rejects.toThrow(
      /one-line\.csv, line 1: a single line is longer than 16 MB/,
    );
    await expect(load(longLine(50, 'u,i,5,1\nu,j,4,2\n'), 'tail.csv')).rejects.toThrow(/tail\.csv, line 3: a single line is longer/);
  });

  it('NaN, infinite, negative and too-large ratings are bad rows, not fatal', async () => {
    const json = [
      '{"reviewerID": "a", "asin": "x", "overall": 5.0, "unixReviewTime": 1}',
      '{"reviewerID": "a", "asin": "y", "overall": null, "unixReviewTime": 1}',
      '{"reviewerID": "a", "asin": "z", "overall": "NaN", "unixReviewTime": 1}',
      '{"reviewerID": "a", "asin": "w", "overall": 1e309, "unixReviewTime": 1}',
      '{"reviewerID": "a", "asin": "v", "overall": 99, "unixReviewTime": 1}',
      '{"reviewerID": "a", "asin": "u", "overall": 4, "unixReviewTime": 1',
    ].join('\n');
    const r = await load(json, 'reviews.json');
    expect(r.rowsRead).toBe(1);
    expect(r.badExamples.map((b) => b.reason)).toEqual([
      'rating "undefined" is not a number',
      'rating "NaN" is not a number',
      'rating Infinity is outside 0–10',
      'rating 99 is outside 0–10',
      'not valid JSON',
    ]);
  });

  it('more rows than the memory cap', async () => {
    await expect(load('u,i,5,1\n'.repeat(20), 'big.csv', { maxRows: 10 })).rejects.toThrow(
      /big\.csv: more than 10 ratings, more than this tab can hold/,
    );
  });

  it('UTF-16 text, and a metadata file offered as ratings', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x75, 0, 0x2c, 0, 0x69, 0]);
    await expect(load(utf16, 'excel.csv')).rejects.toThrow('excel.csv: the file is UTF-16 text; save it as UTF-8');
    await expect(load(`{'asin': '0001', 'title': 'x'}\n`, 'meta.json')).rejects.toThrow(/meta\.json: this is an item metadata file/);
  });
});
