import { describe, expect, it } from 'vitest';
import { tinyTable } from '../testing/tiny.ts';
import { csvField, perUserCsv, perUserRatingErrors, readPerUserCsv } from './perUser.ts';

describe('perUserRatingErrors', () => {
  // Users: 'plain' = 0 (training only), 'a,b' = 1, 'q"x' = 2.
  const table = tinyTable([
    ['plain', 'i1', 3],
    ['a,b', 'i1', 4],
    ['a,b', 'i2', 2],
    ['q"x', 'i1', 1],
  ]);
  const split = { train: Int32Array.from([0]), test: Int32Array.from([3, 1, 2]) };

  it('gives RMSE and MAE per test user, users ascending', () => {
    // Estimates for rows 3, 1, 2: q"x 1 (error 0); a,b 3 (−1) and 5 (+3).
    const r = perUserRatingErrors(table, split, Float64Array.from([1, 3, 5]));
    expect(Array.from(r.user)).toEqual([1, 2]);
    expect(Array.from(r.count)).toEqual([2, 1]);
    // a,b: RMSE √((1 + 9)/2) = √5, MAE (1 + 3)/2 = 2.
    expect(Array.from(r.rmse)).toEqual([Math.sqrt(5), 0]);
    expect(Array.from(r.mae)).toEqual([2, 0]);
  });

  it('refuses mismatched or NaN estimates', () => {
    expect(() => perUserRatingErrors(table, split, [1, 2])).toThrow(/differ/);
    expect(() => perUserRatingErrors(table, split, [1, NaN, 2])).toThrow(/NaN/);
  });

  it('writes a CSV with raw user ids quoted per RFC 4180', () => {
    const r = perUserRatingErrors(table, split, Float64Array.from([1, 3, 5]));
    const csv = perUserCsv(table.userIds, r.user, { rmse: r.rmse, mae: r.mae, ratings: r.count });
    expect(csv).toBe('user,rmse,mae,ratings\n"a,b",2.23606797749979,2,2\n"q""x",0,0,1\n');
  });
});

describe('perUserCsv', () => {
  it('quotes newlines, writes NaN as empty and keeps column order', () => {
    const ids = ['line\nbreak', 'cr\r', ' spaced ', '007'];
    const csv = perUserCsv(ids, Int32Array.from([3, 0, 1, 2]), { ndcg: [1 / 3, NaN, 0, 1], hr: [1, 0, 0, 1] });
    expect(csv).toBe('user,ndcg,hr\n007,0.3333333333333333,1\n"line\nbreak",,0\n"cr\r",0,0\n spaced ,1,1\n');
  });

  it('checks column lengths', () => {
    expect(() => perUserCsv(['a'], Int32Array.from([0]), { hr: [] })).toThrow(/0 values for 1 users/);
  });

  it('quotes only what RFC 4180 needs', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a,b')).toBe('"a,b"');
  });
});

describe('readPerUserCsv', () => {
  const plain = (r: ReturnType<typeof readPerUserCsv>) => ({ users: r.users, columns: Object.fromEntries(Object.entries(r.columns).map(([k, v]) => [k, Array.from(v)])) });

  it('reads back what perUserCsv writes: quotes, commas and newlines in ids, empty cells as NaN', () => {
    const ids = ['a,b', 'q"x', 'line\nbreak', 'cr\r', ' spaced ', '007', ''];
    const user = Int32Array.from([5, 0, 1, 2, 3, 4, 6]);
    const cols = { rmse: [0.1, NaN, 1 / 3, 2, 1e-20, -7, 3], ndcg: [NaN, NaN, 0, 1, 0.5, 1e21, 0.25] };
    const back = readPerUserCsv(perUserCsv(ids, user, cols));
    expect(back.users).toEqual(Array.from(user, (u) => ids[u]));
    expect(Object.keys(back.columns)).toEqual(['rmse', 'ndcg']);
    expect(back.columns.rmse).toBeInstanceOf(Float64Array);
    expect(Array.from(back.columns.rmse)).toEqual(cols.rmse);
    expect(Array.from(back.columns.ndcg)).toEqual(cols.ndcg);
  });

  it('takes CRLF, a BOM, no final line end, a user column anywhere and a trailing empty cell', () => {
    const r = readPerUserCsv('\uFEFFhr,user,mae\r\n1,"x ""y""",\r\n0,z,2.5');
    expect(plain(r)).toEqual({ users: ['x "y"', 'z'], columns: { hr: [1, 0], mae: [NaN, 2.5] } });
    // A quoted field may span lines; the next record's line counts them.
    expect(() => readPerUserCsv('user,hr\n"a\nb",1\nc,oops\n')).toThrow(/^line 4: column "hr" holds "oops", not a number$/);
    expect(plain(readPerUserCsv('user\n'))).toEqual({ users: [], columns: {} });
  });

  it.each([
    ['', /^line 1: no header/],
    ['rmse,mae\n1,2\n', /^line 1: no "user" column/],
    ['user,hr,hr\na,1,1\n', /^line 1: column "hr" appears twice/],
    ['user,hr\na,1\nb,1,2\n', /^line 3: 3 fields, the header has 2/],
    ['user,hr\na,1\nb\n', /^line 3: 1 fields, the header has 2/],
    ['user,hr\na, 1\n', /^line 2: column "hr" holds " 1", not a number/],
    ['user,hr\na,0x1\n', /^line 2: column "hr" holds "0x1"/],
    ['user,hr\na,1e\n', /^line 2: column "hr" holds "1e"/],
    ['user,hr\na,1\na,2\n', /^line 3: user "a" again \(first on line 2\)/],
    ['user,hr\n"a,1\n', /^line 2: a quoted field is never closed/],
    ['user,hr\n"a"b,1\n', /^line 2: text after a closing quote/],
    ['user,hr\na"b,1\n', /^line 2: a quote inside an unquoted field/],
  ])('names the line of a bad file: %j', (text, message) => {
    expect(() => readPerUserCsv(text)).toThrow(message);
  });
});
