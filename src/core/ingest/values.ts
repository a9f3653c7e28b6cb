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

/** Unix seconds from a date written as text (ISO 8601 and the like), or NaN. */
export function dateTextToSeconds(text: string): number {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? NaN : ms / 1000;
}

/** Verified-purchase flags as spreadsheets and JSON write them. */
export function truthy(text: string): number {
  return /^(true|yes|y|1)$/i.test(text.trim()) ? 1 : 0;
}
