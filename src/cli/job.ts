/**
 * `reclab job --engine dask --data PATH --out DIR [recipe flags] [--split … --evaluate …]`:
 * writes DIR/job.py (one Python file: standard library, Dask, pandas, NumPy) and
 * DIR/recipe.json, and prints the command that runs them on a laptop's cores or on a
 * Dask cluster. Nothing is read but the --data file's size and SHA-256 (when it is a
 * local file), which the lab later uses to tell whether a sample came from its own copy.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ALS_DEFAULTS, JOB_ALGOS, jobRecipe, type JobAlgo, type JobEvaluation, type JobRecipe, type JobSplit } from '../core/scale/recipe.ts';
import { flagValues } from './flags.ts';
import { CliError } from './main.ts';
import { DASK_INSTALL, daskPython } from './python.ts';
import { formatFlag } from './readFile.ts';
import { countFlag, parseRecipe, RECIPE_OPTIONS, RECIPE_USAGE } from './recipeFlags.ts';
import { splitEvaluation } from './source.ts';

const USAGE = `usage: reclab job --engine dask --data PATH --out DIR [options]

  --engine dask           the engine that runs the job (Dask: dask.dataframe + dask.distributed)
  --data PATH             the ratings file the job will read (a glob names several as one dataset)
  --format NAME           input format (default: detected from each file)
  --out DIR               where to write job.py and recipe.json
${RECIPE_USAGE}
  --split last|random|users
                          split the sample, by the lab's rules and keys
  --test-size F           random: the test share (default 0.2)
  --users F               users: the share of users held out (default 0.2)
  --reveal F              users: the share of each held-out user's ratings revealed (default 0.5)
  --split-seed N          seed of the random and held-out-user splits, and of ALS (default 0)
  --evaluate A[,B]        BaselineOnly and/or ALS on the split
  --rank N                ALS: factors (Surprise's n_factors; default ${ALS_DEFAULTS.rank})
  --reg X                 ALS: λ, each user's and item's penalty times its rating count (default ${ALS_DEFAULTS.reg})
  --iterations N          ALS: alternations (default ${ALS_DEFAULTS.iterations})
  --implicit              ALS: implicit feedback, confidence 1 + alpha·rating (ranks; no RMSE)
  --alpha X               ALS: the confidence scale (default ${ALS_DEFAULTS.alpha})
  --ranking               rank each test user's candidates (the lab's full protocol) …
  --k K                   … and report the metrics at K (default 10)`;

const OPTIONS = {
  engine: { type: 'string' },
  data: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  ...RECIPE_OPTIONS,
  split: { type: 'string' },
  'test-size': { type: 'string' },
  users: { type: 'string' },
  reveal: { type: 'string' },
  'split-seed': { type: 'string' },
  evaluate: { type: 'string' },
  rank: { type: 'string' },
  reg: { type: 'string' },
  iterations: { type: 'string' },
  implicit: { type: 'boolean' },
  alpha: { type: 'string' },
  ranking: { type: 'boolean' },
  k: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof flagValues<typeof OPTIONS>>;

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (!(x > 0) || !Number.isFinite(x)) throw new CliError(`--${flag} needs a number > 0, got "${value}"`);
  return x;
}

/** The lab's split flags (source.ts), of the splits a job can make. */
function split(values: Values, seed: number): JobSplit {
  const kinds: string[] = ['last', 'random', 'users'] satisfies JobSplit['kind'][];
  if (!kinds.includes(values.split!)) throw new CliError(`--split must be last, random or users, got ${values.split}`);
  // One of the kinds above, so a JobSplit.
  return splitEvaluation(values, seed) as JobSplit;
}

function evaluation(values: Values): JobEvaluation | undefined {
  const alsFlags = ['rank', 'reg', 'iterations', 'implicit', 'alpha'] as const;
  if (values.split === undefined) {
    for (const f of ['evaluate', 'ranking', 'k', 'test-size', 'users', 'reveal', 'split-seed', ...alsFlags] as const) {
      if (values[f] !== undefined) throw new CliError(`--${f} needs --split`);
    }
    return undefined;
  }
  if (values.evaluate === undefined) throw new CliError('--split needs --evaluate BaselineOnly[,ALS]');
  const seed = countFlag('split-seed', values['split-seed']) ?? 0;
  const names = values.evaluate.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(JOB_ALGOS as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) throw new CliError(`--evaluate takes ${JOB_ALGOS.join(' and/or ')}, got "${values.evaluate}"`);
  if (!names.includes('ALS')) for (const f of alsFlags) if (values[f] !== undefined) throw new CliError(`--${f} goes with --evaluate ALS`);
  const algos = [...new Set(names)].map((name): JobAlgo => {
    if (name === 'BaselineOnly') return { algo: 'BaselineOnly', params: {} };
    return {
      algo: 'ALS',
      params: {
        rank: countFlag('rank', values.rank) ?? ALS_DEFAULTS.rank,
        reg: positive('reg', values.reg, ALS_DEFAULTS.reg),
        iterations: countFlag('iterations', values.iterations) ?? ALS_DEFAULTS.iterations,
        implicit: values.implicit ?? false,
        alpha: positive('alpha', values.alpha, ALS_DEFAULTS.alpha),
        seed,
      },
    };
  });
  if (values.k !== undefined && !values.ranking) throw new CliError('--k goes with --ranking');
  const k = countFlag('k', values.k) ?? 10;
  if (k < 1) throw new CliError('--k needs K ≥ 1');
  return { split: split(values, seed), algos, ...(values.ranking ? { ranking: { k } } : {}) };
}

/** Size and SHA-256 of a local file (streamed); nothing for a glob or a path elsewhere. */
async function fileFacts(path: string): Promise<{ bytes?: number; sha256?: string }> {
  if (!existsSync(path) || !statSync(path).isFile()) return {};
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes: statSync(path).size, sha256: hash.digest('hex') };
}

const JOB_PY = new URL('../core/scale/job.py', import.meta.url);

export async function job(argv: string[]): Promise<number> {
  const values = flagValues(argv, OPTIONS, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.engine !== 'dask') throw new CliError(`--engine dask is the engine this lab exports to${values.engine ? `, not "${values.engine}"` : ''}\n${USAGE}`);
  if (!values.data) throw new CliError(`--data PATH is required\n${USAGE}`);
  if (!values.out) throw new CliError(`--out DIR is required\n${USAGE}`);
  const filter = parseRecipe(values);
  const ev = evaluation(values);
  const source: JobRecipe['source'] = {
    fileName: basename(values.data),
    ...(await fileFacts(values.data)),
    ...(values.format ? { format: formatFlag(values.format) } : {}),
  };
  const recipe = jobRecipe(source, filter, ev);
  try {
    await mkdir(values.out, { recursive: true });
    await copyFile(JOB_PY, join(values.out, 'job.py'));
    await writeFile(join(values.out, 'recipe.json'), `${JSON.stringify(recipe, null, 1)}\n`);
  } catch (err) {
    throw new CliError(`--out ${values.out}: ${(err as Error).message}`);
  }
  const python = daskPython();
  const command = `${python ?? 'python3'} ${join(values.out, 'job.py')} --input ${values.data} --output ${join(values.out, 'out')} --workers 2`;
  console.log(`wrote ${join(values.out, 'job.py')} and ${join(values.out, 'recipe.json')}`);
  console.log(`run it on this machine's cores (or with --scheduler tcp://HOST:8786 on a Dask cluster):\n  ${command}`);
  if (!python) console.log(`no Python here imports dask.distributed: ${DASK_INSTALL}`);
  console.log('then import out/sample.csv with recipe.json and out/summary.json in the lab (Data → Import a Dask job’s output).');
  return 0;
}
