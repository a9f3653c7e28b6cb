import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importRatings, ImportError, type ImportProgress } from './import.ts';
import { applyRecipe, DEFAULT_RECIPE } from './filter.ts';
import { gzip, streamOf } from './testStreams.ts';
import type { RatingsTable } from '../ratings.ts';
import { reviewOf } from '../reviews.ts';
import { createHash } from 'node:crypto';

const rows = (t: RatingsTable) =>
  Array.from(t.rating, (r, k) => [t.userIds[t.user[k]], t.itemIds[t.item[k]], r, t.time[k]]);

const load = (text: string | Uint8Array, fileName = 'f.csv', opts = {}) =>
  importRatings(streamOf(text), { fileName, ...opts });

describe('importRatings', () => {
  it('reads a headerless Kaggle CSV, keeping leading zeros and an unterminated last line', async () => {
    const r = await load('A1,0132793040,5.0,1365811200\nA2,0321732944,4.0,1341100800');
    expect(r.format).toBe('kaggle-csv');
    expect(rows(r.table)).toEqual([
      ['A1', '0132793040', 5, 1365811200],
      ['A2', '0321732944', 4, 1341100800],
    ]);
    expect(r.rowsRead).toBe(2);
    // Columns are trimmed copies, so a transfer sends only the rows.
    expect(r.table.time.buffer.byteLength).toBe(2 * 8);
  });

  it('reads a headerless file in another column order through a column map', async () => {
    const r = await load('5,1365811200,ITEM,USER\n', 'f.csv', { format: 'kaggle-csv', columnMap: { user: 3, item: 2, rating: 0, timestamp: 1 } });
    expect(rows(r.table)).toEqual([['USER', 'ITEM', 5, 1365811200]]);
    await expect(load('5,1,I,U\n', 'f.csv', { format: 'kaggle-csv', columnMap: { user: 'who', item: 2, rating: 0 } })).rejects.toThrow(
      /no column named "who" for the user id: it has no header, so give column numbers/,
    );
  });

  it('reads the same file gzipped, detected by magic bytes and not by name', async () => {
    const text = 'A1,0132793040,5.0,1365811200\nA2,0321732944,4.0,1341100800\n';
    const gz = await gzip(text);
    const r = await load(gz, 'ratings.csv');
    expect(r.format).toBe('kaggle-csv');
    expect(r.rowsRead).toBe(2);
    expect(r.bytes).toBe(gz.length);
    expect(r.sha256).toBe(createHash('sha256').update(gz).digest('hex'));
  });

  it('survives spreadsheet damage: BOM, CRLF, quotes with delimiters, trailing commas', async () => {
    const text = '\ufeffUserId,"Product, Id",Rating,Timestamp,\r\n"A ""1""",0007,5,1369699200,\r\n A2 ,"x,y",3,1355443200,\r\n';
    const r = await load(text);
    expect(r.format).toBe('csv');
    expect(rows(r.table)).toEqual([
      ['A "1"', '0007', 5, 1369699200],
      ['A2', 'x,y', 3, 1355443200],
    ]);
  });

  it('maps the listed header names and converts millisecond timestamps to seconds', async () => {
    const r = await load('user_id,parent_asin,rating,timestamp\nAF,B07J3GH1W1,5.0,1547589356557\n');
    expect(rows(r.table)).toEqual([['AF', 'B07J3GH1W1', 5, 1547589356.557]]);
    const ml = await load('userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n');
    expect(rows(ml.table)).toEqual([['1', '31', 2.5, 1260759144]]);
    const tsv = await load('reviewerID\tasin\toverall\tunixReviewTime\nR\t01\t4\t100\n');
    expect(rows(tsv.table)).toEqual([['R', '01', 4, 100]]);
  });

  it('reads MovieLens u.data and ratings.dat', async () => {
    const u = await load('196\t242\t3\t881250949\n186\t302\t3\t891717742\n', 'u.data');
    expect(u.format).toBe('movielens-udata');
    expect(rows(u.table)[1]).toEqual(['186', '302', 3, 891717742]);
    const dat = await load('1::1193::5::978300760\n1::661::3::978302109\n', 'ratings.dat');
    expect(dat.format).toBe('movielens-dat');
    expect(rows(dat.table)[1]).toEqual(['1', '661', 3, 978302109]);
  });

  it('reads Amazon 2018 and 2023 review JSON lines with the verified flag', async () => {
    const a18 =
      '{"overall": 4.0, "verified": true, "reviewerID": "R1", "asin": "0001", "reviewText": "a, b", "unixReviewTime": 1393372800}\n' +
      '{"overall": 2.0, "verified": false, "reviewerID": "R2", "asin": "0001", "unixReviewTime": 1078531200}\n';
    const r18 = await load(await gzip(a18), 'Magazine_5.json.gz');
    expect(r18.format).toBe('amazon2018-json');
    expect(rows(r18.table)).toEqual([['R1', '0001', 4, 1393372800], ['R2', '0001', 2, 1078531200]]);
    expect(Array.from(r18.table.verified!)).toEqual([1, 0]);
    const a23 =
      '{"rating": 5.0, "title": "t", "text": "x", "images": [], "asin": "B0V", "parent_asin": "B0P", "user_id": "U1", "timestamp": 1588687728923, "helpful_vote": 2, "verified_purchase": true}\n';
    const r23 = await load(`{"rating": 5.0, "user_id": "cut off\n${a23}`, 'All_Beauty.jsonl');
    expect(r23.format).toBe('amazon2023-jsonl');
    expect(rows(r23.table)).toEqual([['U1', 'B0P', 5, 1588687728.923]]);
    expect(r23.badExamples).toMatchObject([{ line: 1, reason: 'not valid JSON' }]);
  });

  it("keeps each review's text (summary/title, a line break, then the body) as the row's review", async () => {
    const a18 =
      '{"overall": 4.0, "reviewerID": "R1", "asin": "0001", "summary": " Great ", "reviewText": "Loved the \\u00e9t\\u00e9 songs", "unixReviewTime": 1}\n' +
      '{"overall": 2.0, "reviewerID": "R2", "asin": "0001", "unixReviewTime": 2}\n' +
      '{"overall": 3.0, "reviewerID": "R3", "asin": "0002", "reviewText": "", "summary": "Only a summary", "unixReviewTime": 3}\n';
    const r18 = await load(await gzip(a18), 'Digital_Music_5.json.gz');
    const texts = (t: RatingsTable) => Array.from(t.rating, (_, k) => reviewOf(t.reviews!, k));
    expect(texts(r18.table)).toEqual(['Great\nLoved the été songs', '', 'Only a summary']);
    expect(r18.reviewsStoppedAt).toBeNull();
    const a23 = '{"rating": 5.0, "title": "Nice", "text": "Smells of 名曲<br />lavender", "parent_asin": "B0P", "user_id": "U1", "timestamp": 1588687728923}\n';
    expect(texts((await load(a23, 'All_Beauty.jsonl')).table)).toEqual(['Nice\nSmells of 名曲<br />lavender']);
    const py = `{'reviewerID': 'A2', 'asin': '01', 'reviewText': "my husband's piano", 'summary': 'Five Stars', 'overall': 5.0, 'unixReviewTime': 1}\n`;
    expect(texts((await load(py, 'reviews_Musical_Instruments.json')).table)).toEqual(["Five Stars\nmy husband's piano"]);
  });

  it('has no review column for files without review text, and keeps the text of the latest of repeated pairs', async () => {
    expect((await load('A1,0132793040,5.0,1365811200\n')).table.reviews).toBeUndefined();
    expect((await load('{"reviewerID": "A1", "asin": "B1", "overall": 5.0, "unixReviewTime": 1}\n', 'r.json')).table.reviews).toBeUndefined();
    const lines =
      '{"reviewerID": "u", "asin": "i", "overall": 1.0, "unixReviewTime": 10, "reviewText": "first"}\n' +
      '{"reviewerID": "v", "asin": "i", "overall": 2.0, "unixReviewTime": 5, "reviewText": "other"}\n' +
      '{"reviewerID": "u", "asin": "i", "overall": 4.0, "unixReviewTime": 30, "reviewText": "latest"}\n';
    const r = await load(lines, 'r.json');
    expect(r.duplicates).toBe(1);
    expect(Array.from(r.table.rating, (_, k) => reviewOf(r.table.reviews!, k))).toEqual(['other', 'latest']);
  });

  it('cuts a review at the byte limit on a character boundary, and past the total keeps no more text and says from which row', async () => {
    const line = (k: number, text: string) => JSON.stringify({ reviewerID: `u${k}`, asin: 'i', overall: 5, unixReviewTime: k, reviewText: text }) + '\n';
    // 'é' is two bytes: 7 bytes hold 'abéé' (6) and no half of the third 'é'.
    const cut = await load(line(0, 'abééé') + line(1, 'xy'), 'r.json', { reviewLimits: { perReview: 7, total: 1000 } });
    expect([reviewOf(cut.table.reviews!, 0), reviewOf(cut.table.reviews!, 1)]).toEqual(['abéé', 'xy']);
    expect(cut.table.reviews!.bytes.length).toBe(8);
    const full = await load(line(0, 'aaaa') + line(1, 'bbbb') + line(2, 'cccc') + line(3, 'd'), 'r.json', { reviewLimits: { perReview: 4, total: 10 } });
    // 8 bytes kept; the third review needs 4 of the 2 left: text stops at row 2, even for the short fourth.
    expect(Array.from(full.table.rating, (_, k) => reviewOf(full.table.reviews!, k))).toEqual(['aaaa', 'bbbb', '', '']);
    expect(full.reviewsStoppedAt).toBe(2);
  });

  it('reads 2014 review dumps written as Python dicts', async () => {
    const py =
      `{'reviewerID': 'A2SUAM1J3GNN3B', 'asin': '0000013714', 'helpful': [2, 3], 'reviewText': "I bought this for my husband's piano", 'overall': 5.0, 'unixReviewTime': 1252800000}\n` +
      `{'reviewerID': 'A1', 'asin': '0000013714', 'overall': 4.0, 'unixReviewTime': 1252800001, 'verified': True}\n`;
    const r = await load(py, 'reviews_Musical_Instruments.json');
    expect(r.format).toBe('amazon2018-json');
    expect(rows(r.table)).toEqual([['A2SUAM1J3GNN3B', '0000013714', 5, 1252800000], ['A1', '0000013714', 4, 1252800001]]);
    expect(Array.from(r.table.verified!)).toEqual([0, 1]);
  });

  it('has no verified column when no review carries the flag (the 2014 dumps), so "verified only" is refused, not emptying', async () => {
    const lines =
      '{"reviewerID": "A1", "asin": "B1", "overall": 5.0, "unixReviewTime": 1252800000}\n' +
      '{"reviewerID": "A2", "asin": "B1", "overall": 3.0, "unixReviewTime": 1252800001}\n';
    const r = await load(lines, 'Digital_Music_5.json');
    expect(r.table.verified).toBeNull();
    expect(() => applyRecipe(r.table, { ...DEFAULT_RECIPE, verifiedOnly: true })).toThrow(/has none/);
  });

  it('keeps the latest of repeated user–item pairs and reports how many it dropped', async () => {
    const r = await load('u,i,1,10\nu,i,4,30\nv,i,2,5\nu,i,5,20\n');
    expect(r.rowsRead).toBe(4);
    expect(r.duplicates).toBe(2);
    expect(rows(r.table)).toEqual([['u', 'i', 4, 30], ['v', 'i', 2, 5]]);
  });

  it('counts bad rows with line numbers and reasons instead of failing', async () => {
    const r = await load('u,i,5,1\nu,j,NaN,1\nu,k,11,1\nu,l,-1,1\nonly-one-field\n,m,3,1\nv,i,4,1\n');
    expect(r.rowsRead).toBe(2);
    expect(r.badRows).toBe(5);
    expect(r.badExamples.map((b) => [b.line, b.reason])).toEqual([
      [2, 'rating "NaN" is not a number'],
      [3, 'rating 11 is outside 0–10'],
      [4, 'rating -1 is outside 0–10'],
      [5, 'expected at least 4 fields, found 1'],
      [6, 'missing user id'],
    ]);
    expect(r.table.userIds).toEqual(['u', 'v']);
  });

  it('imports an unrecognised header through a column map, and explains the header without one', async () => {
    const text = 'who,what,stars_given,when\nA,B,4,1\n';
    await expect(load(text)).rejects.toThrow(/does not say which columns hold the user, item.*0:"who"/);
    await expect(load(text)).rejects.toMatchObject({ header: ['who', 'what', 'stars_given', 'when'], line: 1 });
    const r = await load(text, 'f.csv', { columnMap: { user: 'who', item: 1, rating: 'stars_given', timestamp: 'when' } });
    expect(rows(r.table)).toEqual([['A', 'B', 4, 1]]);
  });

  it('reports throttled progress and rejects with AbortError when cancelled', async () => {
    const seen: ImportProgress[] = [];
    await load('u,i,5,1\n', 'f.csv', { totalBytes: 8, onProgress: (p: ImportProgress) => seen.push(p) });
    expect(seen.at(-1)).toMatchObject({ bytesRead: 8, totalBytes: 8, rows: 1 });
    const ac = new AbortController();
    const big = 'u,i,5,1\n'.repeat(50_000);
    const p = importRatings(streamOf(big, 1000), { fileName: 'f.csv', signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails clearly, naming the file, on an empty file and on a file with no valid row', async () => {
    await expect(load('', 'empty.csv')).rejects.toThrow(new ImportError('empty.csv', 'the file is empty.'));
    await expect(load('\n\r\n  \n', 'blank.csv')).rejects.toThrow(/blank\.csv: the file is empty/);
    await expect(load('u,i,x,1\nu,i,y,2\n', 'bad.csv', { format: 'kaggle-csv' })).rejects.toThrow(
      /bad\.csv: no valid rating row in 2 data lines \(line 1: rating "x" is not a number\)/,
    );
  });
});

describe('importRatings on random files cut into random chunks', () => {
  const id = fc.stringMatching(/^[A-Za-z0-9 ,"]{1,6}$/).filter((s) => s.trim() === s && s.length > 0);
  const quote = (s: string) => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

  it('gives the rows a plain reference reader gives, keep-latest applied', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(id, fc.constantFrom('0001', 'B2', 'x,y', 'q"q'), fc.integer({ min: 1, max: 5 }), fc.nat(50)), {
          minLength: 1,
          maxLength: 700,
        }),
        fc.integer({ min: 1, max: 97 }),
        fc.boolean(),
        async (rs, chunk, crlf) => {
          const text = rs.map(([u, i, r, t]) => `${quote(u)},${quote(i)},${r},${t}`).join(crlf ? '\r\n' : '\n');
          const got = await importRatings(streamOf(text, chunk), { fileName: 'p.csv', format: 'kaggle-csv' });
          // Reference: the last row of a pair wins unless an earlier one has a larger time.
          const best = new Map<string, number>();
          rs.forEach(([u, i, , t], k) => {
            const key = JSON.stringify([u, i]);
            const prev = best.get(key);
            if (prev === undefined || !(rs[prev][3] > t)) best.set(key, k);
          });
          const expected = rs.filter((_, k) => best.get(JSON.stringify([rs[k][0], rs[k][1]])) === k);
          expect(rows(got.table)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
