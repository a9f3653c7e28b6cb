/**
 * Where `reclab evaluate` and `reclab search` get their rows: a train/test pair of
 * files (Surprise's PredefinedKFold), seeded k-fold cross-validation of one file, or
 * one of the lab's train/test splits of one file, with an optional k-core before or
 * after the split. The flags, their checks and the JSON that names the split are
 * here once for both commands.
 */
import { applyRecipe, DEFAULT_RECIPE, FilterError } from '../core/ingest/filter.ts';
import type { ItemText } from '../core/estimator/types.ts';
import type { Scale } from '../core/predict.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { tableScale } from '../core/selection/crossValidate.ts';
import { applyTrainFilter, evaluationFolds, evaluationLabel, type Evaluation, type TrainFilter } from '../core/selection/evaluation.ts';
import { splitSummary } from '../core/selection/folds.ts';
import { predefinedFold } from '../core/selection/predefined.ts';
import type { Split } from '../core/split.ts';
import type { FlatParams } from '../core/registry/types.ts';
import { textProblem } from '../core/text/itemText.ts';
import { CliError } from './main.ts';
import { readRatingsFile, readTitles } from './readFile.ts';
import type { UserSampleRule } from '../core/ingest/userSample.ts';
import { countFlag, SAMPLE_USAGE, sampleFractionFlag } from './recipeFlags.ts';

export const SOURCE_OPTIONS = {
  train: { type: 'string' },
  test: { type: 'string' },
  data: { type: 'string' },
  cv: { type: 'string' },
  split: { type: 'string' },
  'test-size': { type: 'string' },
  quantile: { type: 'string' },
  users: { type: 'string' },
  reveal: { type: 'string' },
  'min-user-ratings': { type: 'string' },
  'min-item-ratings': { type: 'string' },
  'filter-after-split': { type: 'boolean' },
  format: { type: 'string' },
  'rating-scale': { type: 'string' },
  meta: { type: 'string' },
  'sample-users-fraction': { type: 'string' },
} as const;

export const SOURCE_USAGE = `  --split random|last|time|users
                         one train/test split of --data: random rows, each user's last
                         rating by time, a global time cut, or held-out users
  --test-size F          random: the test share (default 0.2)
  --quantile Q           time: the cut, a quantile of the timestamps (default 0.8)
  --users F              users: the share of users held out (default 0.2)
  --reveal F             users: the share of each held-out user's ratings revealed to
                         training (default 0.5)
  --min-user-ratings N   k-core: keep users with at least N ratings (default 0) …
  --min-item-ratings M   … and items with at least M, on the whole --data file before
                         splitting, or with --filter-after-split on the training rows
                         only (test rows whose user or item is gone are unscorable)
  --filter-after-split   apply the k-core after the split
  --format NAME          input format (default: detected from the file)
  --rating-scale MIN,MAX clip predictions to this scale (default: the data's range)
  --meta FILE            item metadata (Amazon 2014/2018/2023, MovieLens u.item or
                         movies.csv): titles for models with text input ({"text":"titles"})
${SAMPLE_USAGE}`;

type SplitKind = 'random' | 'last' | 'time' | 'users';
/** Each split's own flags; any other split flag is an error. */
const SPLIT_FLAGS: Record<SplitKind, string[]> = { random: ['test-size'], last: [], time: ['quantile'], users: ['users', 'reveal'] };

export interface SourceValues {
  train?: string;
  test?: string;
  data?: string;
  cv?: string;
  split?: string;
  'test-size'?: string;
  quantile?: string;
  users?: string;
  reveal?: string;
  'min-user-ratings'?: string;
  'min-item-ratings'?: string;
  'filter-after-split'?: boolean;
  format?: string;
  'rating-scale'?: string;
  meta?: string;
  'sample-users-fraction'?: string;
}

export interface Filter extends TrainFilter {
  /** 'before': the whole file, before splitting; 'after': the training rows only. */
  mode: 'before' | 'after';
}

export interface Source {
  /** The --data file, or the --train and --test files. */
  files: { data: string } | { train: string; test: string };
  /** 'predefined' for a train/test pair of files. */
  evaluation: Evaluation;
  filter?: Filter;
  format?: string;
  scale?: Scale;
  /** --meta: an item metadata file. */
  meta?: string;
  /** --sample-users-fraction: the users kept as the files are read (the same users of each file). */
  sampleUsers?: UserSampleRule;
}

/** A share flag in (0, 1), or the fallback when absent. */
export function share(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (!(x > 0 && x < 1)) throw new CliError(`--${flag} must be a number between 0 and 1, got ${value}`);
  return x;
}

/** The --split flag and its own flags as an evaluation; any other split's flag is an error. */
export function splitEvaluation(values: SourceValues, seed: number): Extract<Evaluation, { kind: SplitKind }> {
  const kind = values.split as SplitKind;
  if (!(kind in SPLIT_FLAGS)) throw new CliError(`--split must be one of ${Object.keys(SPLIT_FLAGS).join(', ')}, got ${values.split}`);
  for (const [other, flags] of Object.entries(SPLIT_FLAGS)) {
    for (const f of flags) {
      if (other !== kind && values[f as keyof SourceValues] !== undefined) throw new CliError(`--${f} goes with --split ${other}, not --split ${kind}`);
    }
  }
  switch (kind) {
    case 'random':
      return { kind, testFraction: share('test-size', values['test-size'], 0.2), seed };
    case 'last':
      return { kind };
    case 'time':
      return { kind, quantile: share('quantile', values.quantile, 0.8) };
    case 'users':
      return { kind, userFraction: share('users', values.users, 0.2), revealFraction: share('reveal', values.reveal, 0.5), seed };
  }
}

function parseFilter(values: SourceValues): Filter | undefined {
  const minUser = countFlag('min-user-ratings', values['min-user-ratings']);
  const minItem = countFlag('min-item-ratings', values['min-item-ratings']);
  const after = values['filter-after-split'] ?? false;
  if (minUser === undefined && minItem === undefined) {
    if (after) throw new CliError('--filter-after-split needs --min-user-ratings and/or --min-item-ratings');
    return undefined;
  }
  return { mode: after ? 'after' : 'before', minUserRatings: minUser ?? 0, minItemRatings: minItem ?? 0 };
}

/** The source flags, checked; `seed` seeds the folds and splits. */
export function parseSource(values: SourceValues, seed: number, usage: string): Source {
  let scale: Scale | undefined;
  if (values['rating-scale'] !== undefined) {
    const [min, max] = values['rating-scale'].split(',').map(Number);
    if (!(min < max)) throw new CliError(`--rating-scale must be MIN,MAX with MIN < MAX, got ${values['rating-scale']}`);
    scale = { min, max };
  }
  const filter = parseFilter(values);
  const common = { filter, format: values.format, scale, meta: values.meta, sampleUsers: sampleFractionFlag(values['sample-users-fraction'], seed) };

  if (values.data === undefined) {
    if (values.train === undefined || values.test === undefined) throw new CliError(`give --train and --test, or --data with --cv or --split\n${usage}`);
    for (const f of ['cv', 'split', ...Object.values(SPLIT_FLAGS).flat()]) {
      if (values[f as keyof SourceValues] !== undefined) throw new CliError(`--${f} goes with --data, not with --train/--test`);
    }
    if (filter?.mode === 'before') {
      throw new CliError('--min-user-ratings/--min-item-ratings with --train/--test need --filter-after-split (there is no whole file to filter first)');
    }
    return { files: { train: values.train, test: values.test }, evaluation: { kind: 'predefined' }, ...common };
  }

  if (values.train !== undefined || values.test !== undefined) throw new CliError('give either --data, or --train with --test');
  if ((values.cv === undefined) === (values.split === undefined)) {
    throw new CliError(`--data needs either --cv N (N ≥ 2 folds) or --split random|last|time|users\n${usage}`);
  }
  if (values.cv !== undefined) {
    const folds = Number(values.cv);
    if (!Number.isInteger(folds) || folds < 2) throw new CliError(`--cv N needs N ≥ 2 folds, got ${values.cv}`);
    for (const f of Object.values(SPLIT_FLAGS).flat()) {
      if (values[f as keyof SourceValues] !== undefined) throw new CliError(`--${f} goes with --split, not with --cv`);
    }
    return { files: { data: values.data }, evaluation: { kind: 'kfold', folds, seed }, ...common };
  }
  return { files: { data: values.data }, evaluation: splitEvaluation(values, seed), ...common };
}

export interface Loaded {
  table: RatingsTable;
  folds: Split[];
  /** The source's scale, or the table's observed range. */
  scale: Scale;
  /** JSON naming the split: kind, label, fingerprint, sizes and unscorable test rows. */
  split: { kind: Evaluation['kind']; label: string; fingerprint: string; train: number; test: number; unscorable: number };
  /** JSON of the k-core, when one was given. */
  filter?: { mode: Filter['mode']; min_user_ratings: number; min_item_ratings: number };
  /** The items' titles from --meta. */
  itemText?: ItemText;
}

/** A CliError when the params ask for item text (titles, review text) the loaded data lacks. */
export function checkText(algo: string, params: FlatParams, run: Loaded): void {
  const problem = textProblem(algo, params, { titles: !!run.itemText?.titles.some((t) => t !== ''), reviews: !!run.table.reviews });
  if (problem) throw new CliError(problem);
}

/** readRatingsFile reports unreadable and malformed files as CliError itself. */
async function read(path: string, format: string | undefined, sampleUsers: UserSampleRule | undefined): Promise<RatingsTable> {
  const { table } = await readRatingsFile(path, { format, ...(sampleUsers ? { sampleUsers } : {}) });
  if (table.rating.length === 0) throw new CliError(`${path} holds no ratings`);
  return table;
}

/** The table of the files and its folds; a split or filter this data cannot take is one CliError line. */
export async function loadSource(src: Source): Promise<Loaded> {
  const { files, evaluation, filter, format, sampleUsers } = src;
  const name = 'data' in files ? files.data : `${files.train} and ${files.test}`;
  try {
    let table: RatingsTable;
    let folds: Split[];
    if ('data' in files) {
      table = await read(files.data, format, sampleUsers);
      if (filter?.mode === 'before') table = applyRecipe(table, { ...filter, verifiedOnly: false, seed: DEFAULT_RECIPE.seed }).table;
      folds = evaluationFolds(table, evaluation);
    } else {
      const [train, test] = await Promise.all([read(files.train, format, sampleUsers), read(files.test, format, sampleUsers)]);
      const fold = predefinedFold(train, test);
      table = fold.table;
      folds = [fold.split];
    }
    const after = applyTrainFilter(table, folds, filter?.mode === 'after' ? filter : undefined);
    folds = after.folds;
    if (folds.some((f) => f.train.length === 0 || f.test.length === 0)) {
      throw new CliError(`${name}: a fold has no training or no test rows left${filter ? ' after the k-core' : ''}`);
    }
    return {
      table,
      folds,
      ...(src.meta !== undefined ? { itemText: { titles: await readTitles(src.meta, table) } } : {}),
      scale: src.scale ?? tableScale(table),
      split: { kind: evaluation.kind, label: evaluationLabel(evaluation), ...splitSummary(folds, after.unscorable) },
      ...(filter ? { filter: { mode: filter.mode, min_user_ratings: filter.minUserRatings, min_item_ratings: filter.minItemRatings } } : {}),
    };
  } catch (err) {
    // The splits and the k-core say what the data lacks (no timestamps, too few ratings…).
    if (err instanceof RangeError || err instanceof FilterError) throw new CliError(`${name}: ${err.message}`);
    throw err;
  }
}

/** One line of progress on a terminal's stderr; nothing when piped. */
export function progressLine(text: string | null): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(text === null ? '\r\x1b[K' : `\r${text}`);
}
