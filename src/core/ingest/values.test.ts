import { describe, expect, it } from 'vitest';
import { dateTextToSeconds } from './values.ts';

describe('dateTextToSeconds', () => {
  it('reads ISO 8601 dates as UTC unless an offset is given', () => {
    expect(dateTextToSeconds('2019-01-02')).toBe(Date.UTC(2019, 0, 2) / 1000);
    expect(dateTextToSeconds('2019-01-02T03:04')).toBe(Date.UTC(2019, 0, 2, 3, 4) / 1000);
    expect(dateTextToSeconds('2019-01-02 03:04:05')).toBe(Date.UTC(2019, 0, 2, 3, 4, 5) / 1000);
    expect(dateTextToSeconds('2019-01-02T03:04:05.25Z')).toBe(Date.UTC(2019, 0, 2, 3, 4, 5) / 1000 + 0.25);
    expect(dateTextToSeconds('2019-01-02T03:04:05+02:00')).toBe(Date.UTC(2019, 0, 2, 1, 4, 5) / 1000);
    expect(dateTextToSeconds('2019-01-02T03:04:05-0130')).toBe(Date.UTC(2019, 0, 2, 4, 34, 5) / 1000);
    expect(dateTextToSeconds('1969-12-31T23:59:59Z')).toBe(-1);
    expect(dateTextToSeconds('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 1000);
    expect(dateTextToSeconds('0001-03-01')).toBe(Date.parse('0001-03-01T00:00:00Z') / 1000);
  });

  it('refuses what is not such a date, rather than guess', () => {
    for (const bad of ['2019-02-29', '2019-13-01', '2019-01-02T24:00', 'Jan 2, 2019', '01/02/2019', '2019-1-2', '']) {
      expect(dateTextToSeconds(bad)).toBeNaN();
    }
  });
});
