import { describe, expect, it } from 'vitest';
import { tinyTable } from '../testing/tiny.ts';
import { csvField, perUserCsv, perUserRatingErrors } from './perUser.ts';

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
