/**
 * Every ratings file in ../shared/data, checked against the counts and checksums its
 * PROVENANCE.md records (computed there with the Python standard library).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importRatings } from './import.ts';
import { SHARED_DATA_DIR, sharedDataAvailable } from '../testing/ml100k.ts';

const DATA = SHARED_DATA_DIR;

const CASES = [
  { path: 'amazon-electronics-ratings-2014-vignette5k/data_raw.csv', format: 'kaggle-csv', rows: 5001, users: 4930, items: 299, duplicates: 0, sha256: '53e2ddccaa7e9ba86b1ad4d0559933a1f5e89cc63893f1b8f833ce5dc649e12e', times: [940896000, 1405987200] },
  { path: 'amazon-electronics-ratings-2014-first50k/ratings_Electronics.csv', format: 'csv', rows: 50698, users: 47141, items: 3529, duplicates: 0, sha256: 'ff848486cfb5bb243eae20e27eb41c0fba470ce7926b9c1d6098cfde160a396e', times: [912729600, 1405987200] },
  { path: 'amazon2014-beauty-ratings-first30k/ratings_Beauty.csv', format: 'csv', rows: 29999, users: 28456, items: 1858, duplicates: 1, sha256: 'd6d5cdc6fc573cc3d6238e0d5d25436f911b11063be5c3c9d7d079d245ffd731', times: [908755200, 1406073600] },
  { path: 'amazon2023-all-beauty-5core-ratings/All_Beauty.csv', format: 'csv', rows: 2535, users: 253, items: 356, duplicates: 0, sha256: '502c64beaf441afa39f2897b0e7af3f5f361d9e77021011e365a154f0e5afb3a', times: [1544671031.249, 1678171704.867] },
  { path: 'amazon2018-fashion-5core/AMAZON_FASHION_5.json.gz', format: 'amazon2018-json', rows: 3176, users: 406, items: 31, duplicates: 134, sha256: '5c73b65d0a5cc5dcd905b75a87086c37513ff0d023b02b381e729ab8a9541cb6', times: [1261699200, 1530748800] },
  { path: 'amazon2018-magazine-subscriptions/Magazine_Subscriptions_5.json.gz', format: 'amazon2018-json', rows: 2375, users: 348, items: 157, duplicates: 73, sha256: '95c124603d62d6acdfd1bd62284934fb6c513db836ea64c2e8176c14256426f2', times: [1005523200, 1526774400] },
  { path: 'movielens-100k/u.data', format: 'movielens-udata', rows: 100000, users: 943, items: 1682, duplicates: 0, sha256: '06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490', times: [874724710, 893286638] },
];

describe.skipIf(!sharedDataAvailable())('real files in ../shared/data', () => {
  for (const c of CASES) {
    it(`${c.path}: ${c.rows} rows, ${c.users} users, ${c.items} items`, async () => {
      const r = await importRatings(Readable.toWeb(createReadStream(DATA + c.path)) as ReadableStream<Uint8Array>, {
        fileName: c.path,
      });
      expect(r.format).toBe(c.format);
      expect(r.badRows).toBe(0);
      expect(r.rowsRead).toBe(c.rows);
      expect(r.duplicates).toBe(c.duplicates);
      expect(r.table.rating.length).toBe(c.rows - c.duplicates);
      expect(r.table.userIds.length).toBe(c.users);
      expect(r.table.itemIds.length).toBe(c.items);
      expect(r.sha256).toBe(c.sha256);
      let lo = Infinity;
      let hi = -Infinity;
      for (const t of r.table.time) {
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
      // The duplicates dropped may hold an extreme time, so the range can only shrink.
      expect(lo).toBeGreaterThanOrEqual(c.times[0]);
      expect(hi).toBeLessThanOrEqual(c.times[1]);
      if (c.duplicates === 0) expect([lo, hi]).toEqual(c.times);
    });
  }

  it('keeps ASIN leading zeros in the Kaggle file (1,261 rows have them)', async () => {
    const r = await importRatings(
      Readable.toWeb(createReadStream(DATA + CASES[0].path)) as ReadableStream<Uint8Array>,
      { fileName: 'data_raw.csv' },
    );
    let zeros = 0;
    for (const i of r.table.item) if (r.table.itemIds[i].startsWith('0')) zeros++;
    expect(zeros).toBe(1261);
  });

  it('reads the Magazine reviews rating distribution of PROVENANCE.md before dedupe', async () => {
    const r = await importRatings(
      Readable.toWeb(createReadStream(DATA + CASES[5].path)) as ReadableStream<Uint8Array>,
      { fileName: 'm.json.gz' },
    );
    const hist = [0, 0, 0, 0, 0];
    for (const x of r.table.rating) hist[x - 1]++;
    // 1→102; 2→118; 3→239; 4→375; 5→1,541 over 2,375 rows; 73 repeats removed.
    expect(hist.reduce((a, b) => a + b)).toBe(2375 - 73);
    expect(hist[4]).toBeLessThanOrEqual(1541);
  });
});
