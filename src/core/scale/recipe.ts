/**
 * The recipe a Dask job runs (recipe.json beside job.py) and the summary it writes
 * back (summary.json): the lab's filters and seed, the source file's format, and the
 * evaluation to run at scale. job.py reads this shape; the lab builds it from a
 * dataset's recipe or from `reclab job` flags, and reads the summary on import.
 */
import type { FilterRecipe } from '../ingest/filter.ts';
import { RECIPE_VERSION } from '../ingest/filter.ts';
import type { ColumnMap, FormatName } from '../ingest/formats.ts';
import type { Evaluation } from '../selection/evaluation.ts';

/** The splits the job computes, by the lab's keyed rules. */
export type JobSplit = Extract<Evaluation, { kind: 'random' | 'last' | 'users' }>;

/**
 * ALS matrix factorisation (job.py): r̂ = μ + b_u + b_i + p_u·q_i, alternating
 * regularised least squares with each user's (item's) penalty λ·n_u (ALS-WR). Of
 * Surprise's SVD, n_factors maps to rank and reg_all to reg (λ, on another scale:
 * weighted by the number of ratings). Implicit: Hu, Koren & Volinsky's confidence
 * 1 + alpha·r, no biases; it ranks, it has no RMSE.
 */
export interface AlsParams {
  rank: number;
  reg: number;
  iterations: number;
  implicit: boolean;
  alpha: number;
  seed: number;
}

export const ALS_DEFAULTS: AlsParams = { rank: 32, reg: 0.1, iterations: 10, implicit: false, alpha: 40, seed: 0 };

export type JobAlgo = { algo: 'BaselineOnly'; params: Record<string, never> } | { algo: 'ALS'; params: AlsParams };

export const JOB_ALGOS = ['BaselineOnly', 'ALS'] as const;

export interface JobEvaluation {
  split: JobSplit;
  algos: JobAlgo[];
  ranking?: { k: number };
}

export interface JobRecipe {
  engine: 'dask';
  /** RECIPE_VERSION: the rules the job must follow. */
  version: number;
  /** What the lab knows of the file it was exported for; job.py takes the input path when run. */
  source: { fileName?: string; bytes?: number; sha256?: string; format?: FormatName; columnMap?: ColumnMap };
  filters: Omit<FilterRecipe, 'seed'>;
  seed: number;
  evaluation?: JobEvaluation;
}

export function jobRecipe(source: JobRecipe['source'], filter: FilterRecipe, evaluation?: JobEvaluation): JobRecipe {
  const { seed, ...filters } = filter;
  return { engine: 'dask', version: RECIPE_VERSION, source, filters, seed, ...(evaluation ? { evaluation } : {}) };
}

/** The figures of one algorithm, as job.py writes them (null: not defined, e.g. implicit ALS's RMSE). */
export interface JobEvaluationResult {
  algo: 'BaselineOnly' | 'ALS';
  params: Record<string, unknown>;
  split: JobSplit & { label: string; train: number; test: number };
  rmse: number | null;
  mae: number | null;
  mse: number | null;
  impossible: number;
  fit_s: number;
  test_s: number;
  ranking?: JobRanking;
}

/** The full protocol's means at K, named as `reclab evaluate --json` names them (null: no user to average). */
export interface JobRanking {
  k: number;
  users: number;
  hr: number | null;
  precision: number | null;
  recall: number | null;
  map: number | null;
  ndcg: number | null;
  mrr: number | null;
  coverage: number;
  novelty: number | null;
  arp: number | null;
  long_tail: number | null;
  gini: number;
}

export interface KcoreRoundJson {
  round: number;
  rows: number;
  users: number;
  items: number;
}

/** summary.json: `reclab inspect --json`'s counts, the k-core rounds, and the evaluations. */
export interface JobSummary {
  engine: 'dask';
  dask: string;
  recipe_version: number;
  workers: number;
  /** The input as given, and each file it named with its size and SHA-256. */
  input: string;
  files: { path: string; bytes: number; sha256: string }[];
  format: string | string[];
  rows: number;
  users: number;
  items: number;
  bad_rows: number;
  duplicates: number;
  bad_examples: { file: string; line: number; reason: string; text: string }[];
  after: { rows: number; users: number; items: number; rounds: number };
  rounds: KcoreRoundJson[];
  seconds: Record<string, number>;
  peak_rss_mb: number[] | null;
  evaluation?: JobEvaluationResult;
  evaluations?: JobEvaluationResult[];
}

/** Why a recipe.json or summary.json cannot be used (message for the user). */
export class JobFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobFileError';
  }
}

function parseJson(text: string, name: string): Record<string, unknown> {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (err) {
    throw new JobFileError(`${name} is not JSON: ${(err as Error).message}`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new JobFileError(`${name} is not a JSON object`);
  return o as Record<string, unknown>;
}

const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** A recipe.json written by the lab or `reclab job`. */
export function readJobRecipe(text: string): JobRecipe {
  const o = parseJson(text, 'recipe.json');
  if (o.engine !== 'dask') throw new JobFileError('recipe.json is not a Dask job recipe (no "engine": "dask")');
  if (o.version !== RECIPE_VERSION) throw new JobFileError(`recipe.json has recipe version ${String(o.version)}; this lab reads version ${RECIPE_VERSION}`);
  const f = o.filters as Record<string, unknown> | undefined;
  if (!f || !isCount(f.minUserRatings) || !isCount(f.minItemRatings) || typeof o.seed !== 'number') {
    throw new JobFileError('recipe.json lacks its filters (minUserRatings, minItemRatings) or seed');
  }
  return o as unknown as JobRecipe;
}

/** A summary.json written by job.py. */
export function readJobSummary(text: string): JobSummary {
  const o = parseJson(text, 'summary.json');
  const after = o.after as Record<string, unknown> | undefined;
  if (o.engine !== 'dask' || ![o.rows, o.users, o.items, o.bad_rows].every(isCount) || !after || ![after.rows, after.users, after.items, after.rounds].every(isCount)) {
    throw new JobFileError('summary.json is not the summary of a Dask job (rows, users, items, bad_rows and after{…} expected)');
  }
  return o as unknown as JobSummary;
}
