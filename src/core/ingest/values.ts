/** Checks shared by every ratings parser, so each format rejects the same things. */

/** Ratings outside this range are bad rows: every known scale (1–5, 0.5–5, 1–10) fits. */
export const RATING_MIN = 0;
export const RATING_MAX = 10;

export function validRating(r: number): boolean {
  return r >= RATING_MIN && r <= RATING_MAX;
}

/** Why a rating that failed validRating is unusable, quoting how the file wrote it. */
export function ratingProblem(r: number, text: string): string {
  return Number.isNaN(r) ? `rating "${text}" is not a number` : `rating ${text} is outside ${RATING_MIN}–${RATING_MAX}`;
}

/**
 * Unix seconds from a numeric timestamp. Values above 1e11 are taken as milliseconds
 * (Amazon 2023 writes ms; 1e11 seconds would be the year 5138), so both kinds of file
 * land in seconds without a setting.
 */
export function toSeconds(t: number): number {
  return t > 1e11 ? t / 1000 : t;
}

// YYYY-MM-DD, optionally with a time (T or a space) and an offset (Z, ±HH, ±HHMM, ±HH:MM).
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2})?)?)?$/;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Unix seconds from an ISO 8601 date written as text, or NaN. A date alone is
 * midnight UTC, and so is a time without an offset: the file, not the machine reading
 * it, decides the instant (the Dask job reads dates by this same rule). Fractions of
 * a second are added last.
 */
export function dateTextToSeconds(text: string): number {
  const m = ISO_DATE.exec(text);
  if (!m) return NaN;
  const num = (k: number) => (m[k] === undefined ? 0 : Number(m[k]));
  const [y, mo, d, h, mi, s, oh, om] = [1, 2, 3, 4, 5, 6, 10, 11].map(num);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (days === undefined || d < 1 || d > days || h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return NaN;
  const offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  const whole = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
  return m[7] === undefined ? whole : whole + Number(`0${m[7]}`);
}

/** Verified-purchase flags as spreadsheets and JSON write them. */
export function truthy(text: string): number {
  return /^(true|yes|y|1)$/i.test(text.trim()) ? 1 : 0;
}
