/**
 * `reclab search`: Surprise's GridSearchCV and RandomizedSearchCV from the command
 * line, for any model. Candidates are scored on the test file (--train/--test, as a
 * PredefinedKFold), on seeded folds (--data --cv), or, with --split, on validation
 * folds of the split's training rows only; then the winner is fitted on all training
 * rows and scored once on the test rows, as the lab's search does.
 */
import type { Estimator } from '../core/estimator/types.ts';
import { nestParams, resolveParams, type FlatParams } from '../core/registry/index.ts';
import { fitAndScore } from '../core/selection/crossValidate.ts';
import { validationFolds } from '../core/selection/folds.ts';
import { bestBy, gridCandidates, measureOf, randomCandidates, searchCandidates, type Measure, type ParamDistributions, type RankMeasure, type ParamGrid, type SearchOutcome } from '../core/selection/search.ts';
import type { Split } from '../core/split.ts';
import { parseAlgoArgs, type AlgoArgs } from './algoArgs.ts';
import { BACKEND_USAGE, backendFlag, loadEstimator, type CliBackend } from './estimator.ts';
import { flagValues, MODEL_OPTIONS } from './flags.ts';
import { CliError } from './main.ts';
import { parseRankMetric, RANK_METRIC_NAMES } from './ranking.ts';
import { fitExtras, foldJson } from './report.ts';
import { checkText, loadSource, parseSource, progressLine, SOURCE_OPTIONS, SOURCE_USAGE, type Loaded, type Source } from './source.ts';

const USAGE = `usage:
  reclab search --train FILE --test FILE --algo NAME (--grid JSON | --random N --space JSON) [options]
  reclab search --data FILE --cv N --algo NAME (--grid JSON | --random N --space JSON) [options]
  reclab search --data FILE --split random|last|time|users --algo NAME (--grid …|--random …) [options]

  --algo NAME            any algorithm of \`reclab evaluate\`
  --grid JSON            values to try per parameter, Surprise's param_grid, e.g.
                         '{"k":[10,40],"sim_options":{"name":["msd","pearson_baseline"]}}'
  --random N             N candidates drawn (seeded) from --space
  --space JSON           per parameter a list of values or a range, e.g.
                         '{"lr_all":{"min":0.001,"max":0.1,"log":true},"n_factors":[50,100]}'
  --params JSON          base hyperparameters every candidate starts from
  --metric NAME          what picks the best candidate (default rmse): rmse, mae or fcp,
                         or a ranking metric at K of the full ranking (every unrated
                         catalog item): hr@K, precision@K, recall@K, map@K, ndcg@K, mrr@K
  --folds K              with --split: validation folds of the training rows (default 3)
  --seed N               seed of the folds, the split, the draws and the fits (default 0)
  --train/--test         candidates are scored on the test file (a PredefinedKFold)
  --cv N                 candidates are cross-validated on N seeded folds of --data
${SOURCE_USAGE}
${BACKEND_USAGE}
  --json                 print one JSON object on the last line`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  ...MODEL_OPTIONS,
  grid: { type: 'string' },
  random: { type: 'string' },
  space: { type: 'string' },
  metric: { type: 'string' },
  folds: { type: 'string' },
} as const;

const METRICS: readonly Measure[] = ['rmse', 'mae', 'fcp'];

/** The objective: a measure, its name as given ("ndcg@10"), and K for a ranking measure. */
type Objective = { measure: RankMeasure; name: string; k: number } | { measure: Measure; name: string; k?: undefined };

function parseMetric(value: string | undefined): Objective {
  const name = value ?? 'rmse';
  if (METRICS.includes(name as Measure)) return { measure: name as Measure, name };
  const rank = parseRankMetric(name);
  if (rank) return { measure: rank.measure, name: `${rank.measure}@${rank.k}`, k: rank.k };
  throw new CliError(`--metric must be one of ${[...METRICS, ...RANK_METRIC_NAMES].join(', ')}, got ${value}`);
}

interface Args {
  algo: AlgoArgs;
  source: Source;
  /** Each candidate's own values (the grid's or the draw's keys), in order. */
  own: FlatParams[];
  metric: Objective;
  /** Validation folds of the training rows; set only for --split. */
  folds?: number;
  backend?: CliBackend;
  json: boolean;
}

function jsonObject(flag: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--${flag} is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliError(`--${flag} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** The candidates' own values from --grid or --random/--space; the registry's checks become CliError. */
function candidates(values: { grid?: string; random?: string; space?: string }, a: AlgoArgs): FlatParams[] {
  if ((values.grid === undefined) === (values.random === undefined)) throw new CliError(`give either --grid JSON or --random N with --space JSON\n${USAGE}`);
  try {
    if (values.grid !== undefined) {
      if (values.space !== undefined) throw new CliError('--space goes with --random, not --grid');
      return gridCandidates(a.spec, jsonObject('grid', values.grid) as ParamGrid);
    }
    const n = Number(values.random);
    if (!Number.isInteger(n) || n < 1) throw new CliError(`--random N needs N ≥ 1 candidates, got ${values.random}`);
    if (values.space === undefined) throw new CliError('--random needs --space JSON');
    return randomCandidates(a.spec, jsonObject('space', values.space) as ParamDistributions, n, a.seed);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError((err as Error).message);
  }
}

function parse(argv: string[]): Args | null {
  const values = flagValues(argv, OPTIONS, USAGE);
  if (values.help) return null;
  const algo = parseAlgoArgs(values, USAGE);
  const source = parseSource(values, algo.seed, USAGE);
  const metric = parseMetric(values.metric);
  let folds: number | undefined;
  if (values.split !== undefined) {
    folds = values.folds === undefined ? 3 : Number(values.folds);
    if (!Number.isInteger(folds) || folds < 2) throw new CliError(`--folds K needs K ≥ 2 folds, got ${values.folds}`);
  } else if (values.folds !== undefined) {
    throw new CliError('--folds goes with --split (validation folds of its training rows)');
  }
  return { algo, source, own: candidates(values, algo), metric, folds, backend: backendFlag(values.backend), json: values.json ?? false };
}

/** Where the candidates are scored: the source's folds, or validation folds of the split's training rows. */
function scoringFolds(args: Args, run: Loaded): Split[] {
  if (args.folds === undefined) return run.folds;
  try {
    return validationFolds(run.folds[0].train, args.folds, args.algo.seed);
  } catch (err) {
    throw new CliError(`--folds ${args.folds}: ${(err as Error).message}`);
  }
}

function describe(args: Args, run: Loaded): string {
  if (args.folds !== undefined) return `${args.folds} validation folds of the training rows (split: ${run.split.label})`;
  return run.split.kind === 'predefined' ? 'the test file' : run.split.label;
}

/** "k=10, sim_options.name=msd": a candidate's own values, for the table. */
const paramsText = (p: FlatParams): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

type TestJson = ReturnType<typeof foldJson> & Record<string, unknown>;

function readable(args: Args, run: Loaded, outcome: SearchOutcome, best: number, test: TestJson | undefined): string {
  const num = (v: number, d = 4) => (Number.isNaN(v) ? '—' : v.toFixed(d)).padStart(8);
  // A ranking objective gets its own column (RMSE, MAE, FCP stay: the rating side of the same fits).
  const { name, measure, k: rankK } = args.metric;
  const rankHead = rankK !== undefined ? name.toUpperCase().padStart(11) : '';
  const rankCell = (v: number) => (rankK !== undefined ? num(v).padStart(11) : '');
  const lines = [
    `Searching ${args.algo.spec.id} (seed ${args.algo.seed}): ${outcome.results.length} candidates scored on ${describe(args, run)}; best by ${name.toUpperCase()}.`,
    '',
    `    #${'RMSE'.padStart(8)}${'MAE'.padStart(8)}${'FCP'.padStart(8)}${rankHead}${'fit s'.padStart(8)}  params`,
  ];
  outcome.results.forEach((r, k) => {
    const mark = k === best ? '*' : ' ';
    lines.push(
      `${mark}${String(k + 1).padStart(4)}${num(r.cv.rmse)}${num(r.cv.mae)}${num(r.cv.fcp)}${rankCell(measureOf(r.cv, measure))}${num(r.cv.fitSeconds, 2)}  ${paramsText(args.own[k])}`,
    );
  });
  if (test) {
    const rank = rankK !== undefined ? `, ${name.toUpperCase()} ${num(test[name] as number).trim()}` : '';
    lines.push('', `Winner (#${best + 1}) fitted on all ${run.split.train} training rows, on the ${run.split.test} test rows: RMSE ${num(test.rmse).trim()}, MAE ${num(test.mae).trim()}, FCP ${num(test.fcp).trim()}${rank}`);
  }
  return lines.join('\n');
}

async function testWinner(estimator: Estimator, args: Args, run: Loaded, params: FlatParams): Promise<TestJson> {
  progressLine('fitting the winner on all training rows…');
  const { metric } = args;
  const { scores, model, ranking } = await fitAndScore(
    estimator,
    run.table,
    run.folds[0],
    { algo: args.algo.spec.id, params, seed: args.algo.seed, scale: run.scale, itemText: run.itemText },
    metric.k !== undefined ? { k: metric.k } : undefined,
  );
  model.dispose();
  // The objective on the test rows too, so the winner's test figure sits beside its validation score.
  const rank = ranking && metric.k !== undefined ? { [metric.name]: ranking.full[metric.measure] } : {};
  return { ...foldJson(scores), ...fitExtras(model.info), ...rank };
}

export async function search(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const { spec, params: base, seed } = args.algo;
  const estimator = await loadEstimator(spec, args.backend);
  const run = await loadSource(args.source);
  // Every candidate starts from the base params; the complete params are what a later
  // `reclab evaluate --params` reproduces.
  const full = args.own.map((c) => resolveParams(spec, { ...base, ...c }));
  for (const params of full) checkText(spec.id, params, run);
  const outcome = await searchCandidates(run.table, spec, full, scoringFolds(args, run), {
    estimator,
    seed,
    scale: run.scale,
    itemText: run.itemText,
    // A ranking objective: every candidate's folds are ranked at its K (full protocol).
    ...(args.metric.k !== undefined ? { ranking: { k: args.metric.k } } : {}),
    onProgress: (p) => progressLine(`candidate ${p.combination} of ${p.combinations}, fold ${p.fold} of ${p.folds}…`),
  });
  const chosen = bestBy(outcome.results, args.metric.measure);
  // No candidate defines the metric (FCP without a user with two test ratings): keep the first, as the lab does.
  const best = chosen?.index ?? 0;
  const test = args.folds !== undefined ? await testWinner(estimator, args, run, full[best]) : undefined;
  progressLine(null);

  if (args.json) {
    const out = {
      algo: spec.id,
      metric: args.metric.name,
      seed,
      split: run.split,
      ...(run.filter ? { filter: run.filter } : {}),
      best: { params: nestParams(full[best]), score: chosen?.score ?? null },
      candidates: outcome.results.map((r) => ({
        params: nestParams(r.params),
        rmse: r.cv.rmse,
        mae: r.cv.mae,
        fcp: r.cv.fcp,
        fit_s: r.cv.fitSeconds,
        test_s: r.cv.testSeconds,
        ...(args.metric.k !== undefined ? { [args.metric.name]: measureOf(r.cv, args.metric.measure) } : {}),
      })),
      ...(test ? { test } : {}),
    };
    console.log(JSON.stringify(out));
  } else {
    console.log(readable(args, run, outcome, best, test));
  }
  return 0;
}
