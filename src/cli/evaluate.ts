/**
 * `reclab evaluate`: score one algorithm on a train/test pair of files, by k-fold
 * cross-validation of one file, or on one of the lab's splits of one file, with the
 * same estimator the lab runs. `--json` prints one JSON object on the last line for
 * scripts and CI.
 */
import { writeFile } from 'node:fs/promises';
import { perUserCsv } from '../core/ranking/perUser.ts';
import { nestParams } from '../core/registry/index.ts';
import { crossValidateModel, fitAndScore, rankingMeans, type FoldScores, type RankingMeans, type RankingRequest } from '../core/selection/crossValidate.ts';
import type { Estimator, FitInfo } from '../core/estimator/types.ts';
import { parseAlgoArgs, type AlgoArgs } from './algoArgs.ts';
import { BACKEND_USAGE, backendFlag, loadEstimator, type CliBackend } from './estimator.ts';
import { flagValues, MODEL_OPTIONS } from './flags.ts';
import { CliError } from './main.ts';
import { perUserColumns, parseRanking, RANKING_OPTIONS, RANKING_USAGE, rankingBlock, rankingJson, sampledJson } from './ranking.ts';
import { fitExtras, foldJson, type FitExtras } from './report.ts';
import { checkText, loadSource, parseSource, progressLine, SOURCE_OPTIONS, SOURCE_USAGE, type Loaded, type Source } from './source.ts';

const USAGE = `usage:
  reclab evaluate --train FILE --test FILE --algo NAME [options]
  reclab evaluate --data FILE --cv N --algo NAME [options]
  reclab evaluate --data FILE --split random|last|time|users --algo NAME [options]

  --algo NAME            Surprise's name (SVD, SVDpp, KNNBaseline, …) or a deep model
                         (MF, SigmoidMF, BiasMF, NNMF, NN, GMF, MLP, NeuMF, LSTM, AutoRec)
  --params JSON          hyperparameters with Surprise's names, nested options allowed:
                         '{"k":40,"sim_options":{"name":"pearson_baseline","user_based":false}}'
  --seed N               seed of the folds, the split, the algorithm and the negatives (default 0)
${RANKING_USAGE}
  --per-user FILE        one split only: write a CSV of each test user's values
                         (user,rmse,mae[,hr,precision,recall,ap,ndcg,mrr][,sampled_…]),
                         raw user ids, an empty cell where a user has no value
${SOURCE_USAGE}
${BACKEND_USAGE}
  --json                 print one JSON object on the last line`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  ...MODEL_OPTIONS,
  ...RANKING_OPTIONS,
  'per-user': { type: 'string' },
} as const;

interface Args {
  algo: AlgoArgs;
  source: Source;
  ranking?: RankingRequest;
  /** --per-user FILE (one split only). */
  perUser?: string;
  backend?: CliBackend;
  json: boolean;
}

function parse(argv: string[]): Args | null {
  const values = flagValues(argv, OPTIONS, USAGE);
  if (values.help) return null;
  const algo = parseAlgoArgs(values, USAGE);
  const source = parseSource(values, algo.seed, USAGE);
  const perUser = values['per-user'];
  // Per-user values pair runs user by user; across folds a user has several.
  if (perUser !== undefined && source.evaluation.kind === 'kfold') throw new CliError('--per-user needs one split (--train/--test or --split), not --cv');
  if (perUser === '') throw new CliError('--per-user needs a file name');
  return {
    algo,
    source,
    ranking: parseRanking(values, algo.seed),
    perUser,
    backend: backendFlag(values.backend),
    json: values.json ?? false,
  };
}

interface Result {
  mean: FoldScores;
  folds: FoldScores[];
  info: FitInfo;
  /** Ranking means (over folds with --cv), when --ranking. */
  ranking?: { full: RankingMeans; sampled?: RankingMeans };
}

/**
 * One split: fit on its training rows and score its test rows (and write the per-user
 * CSV when asked); several: cross-validate.
 */
async function score(estimator: Estimator, args: Args, run: Loaded): Promise<Result> {
  const { spec, params, seed } = args.algo;
  const { table, folds, scale, itemText } = run;
  const fit = { algo: spec.id, params, seed, itemText };
  if (folds.length === 1) {
    // No fit progress callback: it would make iterative fits score a learning curve.
    progressLine(args.ranking ? 'fitting and ranking…' : 'fitting…');
    const { scores, model, perUser, ranking } = await fitAndScore(estimator, table, folds[0], { ...fit, scale }, args.ranking);
    model.dispose();
    if (args.perUser !== undefined) {
      const { user, columns } = perUserColumns(perUser, spec.ranksOnly ?? false, ranking?.full.perUser, ranking?.sampled?.perUser);
      await writePerUser(args.perUser, perUserCsv(table.userIds, user, columns));
    }
    const means = ranking && { full: rankingMeans(ranking.full), ...(ranking.sampled ? { sampled: rankingMeans(ranking.sampled) } : {}) };
    return { mean: scores, folds: [scores], info: model.info, ...(means ? { ranking: means } : {}) };
  }
  const cv = await crossValidateModel(estimator, table, folds, fit, {
    scale,
    ranking: args.ranking,
    onProgress: (p) => progressLine(`fold ${p.fold} of ${p.folds}…`),
  });
  return { mean: cv, folds: cv.folds, info: cv.info, ...(cv.ranking ? { ranking: cv.ranking } : {}) };
}

async function writePerUser(path: string, csv: string): Promise<void> {
  try {
    await writeFile(path, csv);
  } catch (err) {
    throw new CliError(`--per-user ${path}: ${(err as Error).message}`);
  }
}

/** Surprise's verbose cross_validate table: one column per fold, then mean and std. */
function readableTable(args: Args, run: Loaded, res: Result, extra: FitExtras): string {
  const rows: [string, (f: FoldScores) => number, number][] = [
    ['RMSE (testset)', (f) => f.rmse, 4],
    ['MAE (testset)', (f) => f.mae, 4],
    ['MSE (testset)', (f) => f.mse, 4],
    ['FCP (testset)', (f) => f.fcp, 4],
    ['Fit time (s)', (f) => f.fitSeconds, 3],
    ['Test time (s)', (f) => f.testSeconds, 3],
    ['Impossible', (f) => f.impossible, 0],
  ];
  const cols = [...res.folds.map((_, k) => `Fold ${k + 1}`), 'Mean', 'Std'];
  const cell = (s: string) => s.padStart(9);
  const { split, filter } = run;
  const lines = [
    `Evaluating ${args.algo.spec.id} on ${res.folds.length} split(s), seed ${args.algo.seed}.`,
    `Split: ${split.label} (${split.train} train, ${split.test} test rows; fingerprint ${split.fingerprint}).`,
  ];
  if (filter) {
    lines.push(
      `Filter: k-core users ≥ ${filter.min_user_ratings}, items ≥ ${filter.min_item_ratings}, ${filter.mode} the split` +
        (filter.mode === 'after' ? `; ${split.unscorable} test rows unscorable.` : '.'),
    );
  }
  lines.push('', ''.padEnd(16) + cols.map(cell).join(''));
  for (const [label, get, digits] of rows) {
    const vals = res.folds.map(get);
    const defined = vals.filter((v) => !Number.isNaN(v));
    const mean = defined.reduce((a, b) => a + b, 0) / defined.length;
    const std = Math.sqrt(defined.reduce((a, v) => a + (v - mean) ** 2, 0) / defined.length);
    lines.push(label.padEnd(16) + [...vals, mean, std].map((v) => cell(Number.isNaN(v) ? '—' : v.toFixed(digits))).join(''));
  }
  if (args.algo.spec.ranksOnly) lines.push('', `${args.algo.spec.id} only ranks: its scores are not ratings, so it has no rating metrics.`);
  if (res.ranking && args.ranking) lines.push(...rankingBlock(args.ranking, res.ranking.full, res.ranking.sampled, res.folds.length));
  if (args.perUser !== undefined) lines.push('', `Per-user values written to ${args.perUser}.`);
  if ('backend' in extra) {
    lines.push('', `backend ${extra.backend}, ${extra.epochs_run} epochs, ${Math.round(extra.samples_per_s)} samples/s`);
  }
  return lines.join('\n');
}

export async function evaluate(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  // The adapter first: a flag it rejects fails before any file is read.
  const estimator = await loadEstimator(args.algo.spec, args.backend);
  const run = await loadSource(args.source);
  checkText(args.algo.spec.id, args.algo.params, run);
  const res = await score(estimator, args, run);
  progressLine(null);

  const extra = fitExtras(res.info);
  if (args.json) {
    const { spec, params, seed } = args.algo;
    const out = {
      algo: spec.id,
      params: nestParams(params),
      seed,
      ...foldJson(res.mean),
      ...extra,
      folds: res.folds.map(foldJson),
      split: run.split,
      ...(run.filter ? { filter: run.filter } : {}),
      // NaN (a reference ranker's rating metrics, a ranking with no user) prints as null.
      ...(res.ranking ? { ranking: rankingJson(res.ranking.full) } : {}),
      ...(res.ranking?.sampled ? { sampled: sampledJson(res.ranking.sampled, args.ranking!.negatives!) } : {}),
    };
    console.log(JSON.stringify(out));
  } else {
    console.log(readableTable(args, run, res, extra));
  }
  return 0;
}
