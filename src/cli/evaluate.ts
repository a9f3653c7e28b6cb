/**
 * `reclab evaluate`: score one algorithm on a train/test pair of files or by k-fold
 * cross-validation of one file, with the same engine the lab runs. `--json` prints
 * one JSON object on the last line for scripts and CI.
 */
import { parseArgs } from 'node:util';
import type { RatingsTable } from '../core/ratings.ts';
import { nestParams, type AlgorithmSpec, type FlatParams } from '../core/registry/index.ts';
import { crossValidate, tableScale, type CvResult, type FoldScores } from '../core/selection/crossValidate.ts';
import { predefinedFold } from '../core/selection/predefined.ts';
import { kFold } from '../core/selection/splits.ts';
import type { Split } from '../core/split.ts';
import type { RatingScale } from '../core/surprise/trainset.ts';
import { parseAlgoArgs } from './algoArgs.ts';
import { CliError } from './main.ts';
import { readRatingsFile } from './readFile.ts';

const USAGE = `usage:
  reclab evaluate --train FILE --test FILE --algo NAME [options]
  reclab evaluate --data FILE --cv N --algo NAME [options]

  --algo NAME            Surprise's name (SVD, SVDpp, KNNBaseline, …) or a deep model
                         (MF, SigmoidMF, BiasMF, NNMF, NN, GMF, MLP, NeuMF, LSTM, AutoRec)
  --params JSON          hyperparameters with Surprise's names, nested options allowed:
                         '{"k":40,"sim_options":{"name":"pearson_baseline","user_based":false}}'
  --seed N               seed of the folds and of the algorithm (default 0)
  --format NAME          input format (default: detected from the file)
  --rating-scale MIN,MAX clip predictions to this scale (default: the data's range)
  --backend cpu|wasm     TensorFlow.js backend of a deep model (default: wasm, else cpu)
  --json                 print one JSON object on the last line`;

const BACKENDS = ['cpu', 'wasm'] as const;

interface Args {
  spec: AlgorithmSpec;
  params: FlatParams;
  seed: number;
  json: boolean;
  scale?: RatingScale;
  backend?: (typeof BACKENDS)[number];
  format?: string;
  source: { train: string; test: string } | { data: string; cv: number };
}

const OPTIONS = {
  train: { type: 'string' },
  test: { type: 'string' },
  data: { type: 'string' },
  cv: { type: 'string' },
  algo: { type: 'string' },
  params: { type: 'string' },
  seed: { type: 'string' },
  format: { type: 'string' },
  'rating-scale': { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function flags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`);
  }
}

function parse(argv: string[]): Args | null {
  const values = flags(argv);
  if (values.help) return null;

  const { spec, params, seed } = parseAlgoArgs(values, USAGE);

  let scale: RatingScale | undefined;
  if (values['rating-scale'] !== undefined) {
    const [min, max] = values['rating-scale'].split(',').map(Number);
    if (!(min < max)) throw new CliError(`--rating-scale must be MIN,MAX with MIN < MAX, got ${values['rating-scale']}`);
    scale = { min, max };
  }

  const backend = values.backend as Args['backend'];
  if (backend !== undefined) {
    if (!BACKENDS.includes(backend)) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}, got ${backend}`);
    if (spec.engine !== 'tfjs') throw new CliError(`--backend applies to the deep models only, not ${spec.id}`);
  }

  let source: Args['source'];
  if (values.data !== undefined) {
    if (values.train !== undefined || values.test !== undefined) throw new CliError('give either --data with --cv, or --train with --test');
    const cv = Number(values.cv);
    if (values.cv === undefined || !Number.isInteger(cv) || cv < 2) throw new CliError('--data needs --cv N with N ≥ 2 folds');
    source = { data: values.data, cv };
  } else {
    if (values.train === undefined || values.test === undefined) throw new CliError(`give --train and --test, or --data with --cv\n${USAGE}`);
    if (values.cv !== undefined) throw new CliError('--cv goes with --data, not with --train/--test');
    source = { train: values.train, test: values.test };
  }
  return { spec, params, seed, json: values.json ?? false, scale, backend, format: values.format, source };
}

/** readRatingsFile reports unreadable and malformed files as CliError itself. */
async function read(path: string, format: string | undefined): Promise<RatingsTable> {
  return (await readRatingsFile(path, { format })).table;
}

async function loadFolds(args: Args): Promise<{ table: RatingsTable; folds: Split[] }> {
  if ('data' in args.source) {
    const table = await read(args.source.data, args.format);
    if (table.rating.length < args.source.cv) {
      throw new CliError(`${args.source.data} has ${table.rating.length} ratings, fewer than ${args.source.cv} folds`);
    }
    return { table, folds: kFold(table.rating.length, { nSplits: args.source.cv, seed: args.seed }) };
  }
  const [train, test] = await Promise.all([read(args.source.train, args.format), read(args.source.test, args.format)]);
  if (train.rating.length === 0) throw new CliError(`${args.source.train} holds no ratings`);
  if (test.rating.length === 0) throw new CliError(`${args.source.test} holds no ratings`);
  const { table, split } = predefinedFold(train, test);
  return { table, folds: [split] };
}

type Extra = { backend: string; epochs_run: number; samples_per_s: number } | Record<string, never>;

function foldJson(f: FoldScores) {
  return { rmse: f.rmse, mae: f.mae, mse: f.mse, fcp: f.fcp, fit_s: f.fitSeconds, test_s: f.testSeconds, impossible: f.impossible };
}

/** Surprise's verbose cross_validate table: one column per fold, then mean and std. */
function readableTable(args: Args, res: CvResult, extra: Extra): string {
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
  const lines = [`Evaluating ${args.spec.id} on ${res.folds.length} split(s), seed ${args.seed}.`, '', ''.padEnd(16) + cols.map(cell).join('')];
  for (const [label, get, digits] of rows) {
    const vals = res.folds.map(get);
    const defined = vals.filter((v) => !Number.isNaN(v));
    const mean = defined.reduce((a, b) => a + b, 0) / defined.length;
    const std = Math.sqrt(defined.reduce((a, v) => a + (v - mean) ** 2, 0) / defined.length);
    lines.push(label.padEnd(16) + [...vals, mean, std].map((v) => cell(Number.isNaN(v) ? '—' : v.toFixed(digits))).join(''));
  }
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
  const { table: data, folds } = await loadFolds(args);
  const scale = args.scale ?? tableScale(data);
  const progress = (fold: number) => {
    if (process.stderr.isTTY) process.stderr.write(`\rfold ${fold} of ${folds.length}…`);
  };

  let res: CvResult;
  let extra: Extra = {};
  if (args.spec.engine === 'tfjs') {
    const { evaluateDeep } = await import('./evaluateDeep.ts');
    const deep = await evaluateDeep(data, folds, args.spec.id, args.params, args.seed, scale, args.backend, progress);
    res = deep;
    extra = { backend: deep.backend, epochs_run: deep.epochsRun, samples_per_s: deep.samplesPerSec };
  } else {
    res = await crossValidate(data, args.spec.id, args.params, folds, {
      seed: args.seed,
      scale,
      onProgress: (p) => {
        if (p.phase === 'fit' && p.epoch === undefined) progress(p.fold);
      },
    });
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

  if (args.json) {
    const out = {
      algo: args.spec.id,
      params: nestParams(args.params),
      seed: args.seed,
      ...foldJson(res),
      ...extra,
      folds: res.folds.map(foldJson),
    };
    console.log(JSON.stringify(out));
  } else {
    console.log(readableTable(args, res, extra));
  }
  return 0;
}
