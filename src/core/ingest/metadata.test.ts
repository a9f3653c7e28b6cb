import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importRatings } from './import.ts';
import { importItemMetadata } from './metadata.ts';
import { parsePythonLiteral } from './pythonLiteral.ts';
import { gzip, streamOf } from './testStreams.ts';
import { SHARED_DATA_DIR, sharedDataAvailable } from '../testing/ml100k.ts';

describe('parsePythonLiteral', () => {
  it('reads repr() of dicts: quotes, escapes, True/False/None, tuples, numbers', () => {
    const v = parsePythonLiteral(
      `{'asin': '0000031852', 'title': "It's a \\"tutu\\"\\n", 'n': -3.5e2, 'ok': True, 'no': False, 'x': None, 'c': [['A & B', u'D\\xe9cor']], 't': (1, 2,)}`,
    );
    expect(v).toEqual(
      Object.assign(Object.create(null), {
        asin: '0000031852',
        title: 'It\'s a "tutu"\n',
        n: -350,
        ok: true,
        no: false,
        x: null,
        c: [['A & B', 'Décor']],
        t: [1, 2],
      }),
    );
  });

  it('keeps __proto__ a plain key and never evaluates code', () => {
    const v = parsePythonLiteral(`{'__proto__': {'polluted': 1}}`) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parsePythonLiteral(`__import__('os').system('rm -rf /')`)).toThrow(/unexpected character at character 0/);
    expect(() => parsePythonLiteral(`{'a': 1} + 1`)).toThrow(/unexpected text after the value/);
    expect(() => parsePythonLiteral(`{'a': 'open`)).toThrow(/unterminated string/);
  });
});

describe('importItemMetadata', () => {
  it('reads Amazon 2023 metadata JSONL (gzipped), keyed by parent_asin, HTML kept as text', async () => {
    const lines = [
      { main_category: 'All Beauty', title: '<script>alert(1)</script>Rose &amp; Co <b>Serum</b>', store: 'F&amp;W Publications', categories: [], parent_asin: 'B01' },
      { main_category: 'All Beauty', title: 'Plain', store: '', categories: ['Beauty', 'Skin'], parent_asin: 'B02', details: { a: 1 } },
    ];
    const r = await importItemMetadata(streamOf(await gzip(lines.map((l) => JSON.stringify(l)).join('\n'))), { fileName: 'meta.jsonl.gz' });
    expect(r.format).toBe('amazon2023-meta');
    expect(r.items.get('B01')).toEqual({
      title: '<script>alert(1)</script>Rose &amp; Co <b>Serum</b>',
      displayTitle: 'alert(1) Rose & Co Serum',
      // Stores are shown too: decoded the same way (issue 11: "F&amp;W Publications").
      store: 'F&W Publications',
      category: 'All Beauty',
    });
    expect(r.items.get('B02')).toMatchObject({ displayTitle: 'Plain', category: 'All Beauty' });
  });

  it('reads 2014 Python-literal metadata with CRLF, and counts broken lines', async () => {
    const text =
      `{'asin': '0000031852', 'title': 'Girls Ballet Tutu', 'brand': 'Coxlures', 'categories': [['Sports & Outdoors', 'Dance']], 'price': 3.17, 'related': {'also_bought': ['B00']}}\r\n` +
      `{'asin': '0000032034', 'title': 'Adult Ballet Tutu', 'salesRank': {'Sports &amp; Outdoors': 8547}}\r\n` +
      `{'asin': oops}\r\n`;
    const r = await importItemMetadata(streamOf(text), { fileName: 'meta_Clothing.json' });
    expect(r.format).toBe('amazon2018-meta');
    expect(r.items.get('0000031852')).toEqual({ title: 'Girls Ballet Tutu', displayTitle: 'Girls Ballet Tutu', store: 'Coxlures', category: 'Dance' });
    expect(r.items.size).toBe(2);
    expect(r.badExamples).toEqual([{ line: 3, reason: 'neither JSON nor a Python dict', text: "{'asin': oops}" }]);
  });

  it('refuses a reviews file and a ratings CSV with a message saying what to do', async () => {
    await expect(
      importItemMetadata(streamOf('{"reviewerID": "A", "asin": "B", "overall": 5}\n'), { fileName: 'r.json' }),
    ).rejects.toThrow('r.json: this is a reviews (ratings) file, not item metadata. Import it as ratings instead.');
    await expect(importItemMetadata(streamOf('u,i,5,1\n'), { fileName: 'r.csv' })).rejects.toThrow(/r\.csv, line 1: not an item metadata file/);
  });

  it('reads MovieLens u.item: |-separated, Latin-1, genres from the 19 flags, keyed by movie id', async () => {
    const flags = (on: number[]) => Array.from({ length: 19 }, (_, g) => (on.includes(g) ? '1' : '0')).join('|');
    const text =
      `1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|${flags([3, 4, 5])}\r\n` +
      `543|Mis\xe9rables, Les (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Mis%E9rables|${flags([8, 12])}\n` +
      `267|unknown||||${flags([0])}\n` +
      `x|not a movie\n`;
    // Latin-1 bytes as written (é is the single byte 0xE9, invalid as UTF-8).
    const r = await importItemMetadata(streamOf(Uint8Array.from(text, (c) => c.charCodeAt(0))), { fileName: 'u.item' });
    expect(r.format).toBe('movielens-u.item');
    expect(r.items.get('1')).toEqual({ title: 'Toy Story (1995)', displayTitle: 'Toy Story (1995)', store: '', category: "Animation, Children's, Comedy" });
    expect(r.items.get('543')).toMatchObject({ displayTitle: 'Misérables, Les (1995)', category: 'Drama, Musical' });
    expect(r.items.get('267')).toMatchObject({ displayTitle: 'unknown', category: 'unknown' });
    expect(r.records).toBe(3);
    expect(r.badExamples).toEqual([{ line: 4, reason: 'expected movie id|title|… (MovieLens u.item)', text: 'x|not a movie' }]);
  });

  it('reads MovieLens movies.csv: quoted titles with commas and doubled quotes, UTF-8, genres', async () => {
    const text = [
      'movieId,title,genres',
      '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
      '11,"American President, The (1995)",Comedy|Drama|Romance',
      '1104,"Streetcar Named Desire, A (1951)",Drama',
      '26587,"Decalogue, The (Dekalog) (1989)",Crime|Drama|Romance',
      '7243,"Intolerance: Love\'s Struggle Throughout the Ages (1916)",Drama',
      '99,"The ""Great"" Dictator, Sort Of (1940)",Comedy',
      '114,Amélie (Fabuleux destin d\'Amélie Poulain; Le) (2001),Comedy|Romance',
      '200,Untitled Thing (2020),(no genres listed)',
      'title without id',
    ].join('\n');
    const r = await importItemMetadata(streamOf(text), { fileName: 'movies.csv' });
    expect(r.format).toBe('movielens-movies.csv');
    expect(r.items.get('1')).toEqual({ title: 'Toy Story (1995)', displayTitle: 'Toy Story (1995)', store: '', category: 'Adventure, Animation, Children, Comedy, Fantasy' });
    expect(r.items.get('11')?.displayTitle).toBe('American President, The (1995)');
    expect(r.items.get('26587')).toMatchObject({ displayTitle: 'Decalogue, The (Dekalog) (1989)', category: 'Crime, Drama, Romance' });
    expect(r.items.get('99')?.displayTitle).toBe('The "Great" Dictator, Sort Of (1940)');
    expect(r.items.get('114')?.displayTitle).toBe("Amélie (Fabuleux destin d'Amélie Poulain; Le) (2001)");
    expect(r.items.get('200')?.category).toBe('');
    expect(r.records).toBe(8);
    expect(r.badExamples).toEqual([{ line: 10, reason: 'expected movieId,title,genres (MovieLens movies.csv)', text: 'title without id' }]);
  });

  it.skipIf(!sharedDataAvailable())('reads the real ml-100k u.item: 1,682 movies, the Latin-1 titles intact', async () => {
    const open = (f: string) => Readable.toWeb(createReadStream(f)) as ReadableStream<Uint8Array>;
    const meta = await importItemMetadata(open(`${SHARED_DATA_DIR}movielens-100k/u.item`), { fileName: 'u.item' });
    expect(meta.items.size).toBe(1682);
    expect(meta.badRows).toBe(0);
    expect(meta.items.get('543')?.displayTitle).toBe('Misérables, Les (1995)');
    expect(meta.items.get('1')?.category).toBe("Animation, Children's, Comedy");
    const ratings = await importRatings(open(`${SHARED_DATA_DIR}movielens-100k/u.data`), { fileName: 'u.data' });
    expect(ratings.table.itemIds.every((id) => meta.items.has(id))).toBe(true);
  });

  const DATA = `${SHARED_DATA_DIR}amazon2018-magazine-subscriptions/`;
  it.skipIf(!sharedDataAvailable())('reads the real 2018 Magazine metadata: 3,385 records, 2,320 items, 151 of the 157 reviewed', async () => {
    const open = (f: string) => Readable.toWeb(createReadStream(DATA + f)) as ReadableStream<Uint8Array>;
    const meta = await importItemMetadata(open('meta_Magazine_Subscriptions.json.gz'), { fileName: 'meta.json.gz' });
    expect(meta.records).toBe(3385);
    expect(meta.items.size).toBe(2320);
    expect(meta.badRows).toBe(0);
    const reviews = await importRatings(open('Magazine_Subscriptions_5.json.gz'), { fileName: 'r.json.gz' });
    expect(reviews.table.itemIds.filter((id) => meta.items.has(id))).toHaveLength(151);
  });
});
