/** The dataset-recipe flags `reclab inspect` and `reclab job` share, parsed into the lab's FilterRecipe. */
import { DEFAULT_RECIPE, type FilterRecipe } from '../core/ingest/filter.ts';
import { sampleFractionProblem, type UserSampleRule } from '../core/ingest/userSample.ts';
import { dateTextToSeconds } from '../core/ingest/values.ts';
import { CliError } from './main.ts';

export const RECIPE_OPTIONS = {
  'min-user-ratings': { type: 'string' },
  'min-item-ratings': { type: 'string' },
  'verified-only': { type: 'boolean' },
  'rating-min': { type: 'string' },
  'rating-max': { type: 'string' },
  'date-from': { type: 'string' },
  'date-to': { type: 'string' },
  'sample-users': { type: 'string' },
  seed: { type: 'string' },
} as const;

export const RECIPE_USAGE = `  --min-user-ratings N    k-core: keep users with at least N ratings (default ${DEFAULT_RECIPE.minUserRatings})
  --min-item-ratings N    k-core: keep items with at least N ratings (default ${DEFAULT_RECIPE.minItemRatings})
  --verified-only         keep verified purchases only (Amazon review files)
  --rating-min X          keep ratings ≥ X …
  --rating-max Y          … and ≤ Y
  --date-from D           keep ratings from D (YYYY-MM-DD, from midnight UTC; ISO 8601 time; or unix seconds) …
  --date-to D             … to D (a day: to its last second, UTC)
  --sample-users N        keep the N users with the smallest seeded keys, before the k-core
  --seed N                seed of the user sample (default ${DEFAULT_RECIPE.seed})`;

export type RecipeValues = { [K in keyof typeof RECIPE_OPTIONS]?: (typeof RECIPE_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export function countFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--${flag} needs a whole number ≥ 0, got "${value}"`);
  return n;
}

function numberFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new CliError(`--${flag} needs a number, got "${value}"`);
  return x;
}

/** A date flag as unix seconds: a day is its first second (or with `endOfDay` its last, as the lab's date boxes). */
function dateFlag(flag: string, value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return Number(value);
  const t = dateTextToSeconds(value);
  if (Number.isNaN(t)) throw new CliError(`--${flag} needs a date (YYYY-MM-DD or ISO 8601) or unix seconds, got "${value}"`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && endOfDay ? t + 86_399 : t;
}

export function parseRecipe(values: RecipeValues): FilterRecipe {
  const seed = values.seed === undefined ? DEFAULT_RECIPE.seed : Number(values.seed);
  if (!Number.isFinite(seed)) throw new CliError(`--seed needs a number, got "${values.seed}"`);
  const optional = <T>(key: string, v: T | undefined) => (v === undefined ? {} : { [key]: v });
  return {
    minUserRatings: countFlag('min-user-ratings', values['min-user-ratings']) ?? DEFAULT_RECIPE.minUserRatings,
    minItemRatings: countFlag('min-item-ratings', values['min-item-ratings']) ?? DEFAULT_RECIPE.minItemRatings,
    verifiedOnly: values['verified-only'] ?? false,
    ...optional('ratingMin', numberFlag('rating-min', values['rating-min'])),
    ...optional('ratingMax', numberFlag('rating-max', values['rating-max'])),
    ...optional('timeFrom', dateFlag('date-from', values['date-from'], false)),
    ...optional('timeTo', dateFlag('date-to', values['date-to'], true)),
    ...optional('sampleUsers', countFlag('sample-users', values['sample-users'])),
    seed,
  };
}

export const SAMPLE_USAGE = `  --sample-users-fraction F  read only the users whose key("<seed>:<user id>") is under F, with all
                          their rows, so the rest is never held (seeded by --seed; see README)`;

/** --sample-users-fraction F as the import's user sample, seeded by the command's seed. */
export function sampleFractionFlag(value: string | undefined, seed: number): UserSampleRule | undefined {
  if (value === undefined) return undefined;
  const fraction = value.trim() === '' ? Number.NaN : Number(value);
  const problem = sampleFractionProblem(fraction);
  if (problem) throw new CliError(`--sample-users-fraction: ${problem.replace(/, got .*/, '')}, got "${value}"`);
  return { fraction, seed };
}
