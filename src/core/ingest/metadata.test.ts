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
