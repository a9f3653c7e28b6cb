/**
 * `reclab recommend`: fit an algorithm on every rating of a file and list the top-N
 * items a user has not rated yet, with their predicted ratings.
 */
import { fallbackAndClip } from '../core/predict.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { ratedBy, topUnseen, userScores } from '../core/recommend.ts';
import { tableScale } from '../core/selection/crossValidate.ts';
import { parseAlgoArgs, type AlgoArgs } from './algoArgs.ts';
import { BACKEND_USAGE, backendFlag, loadEstimator, type CliBackend } from './estimator.ts';
import { flagValues, MODEL_OPTIONS } from './flags.ts';
import { CliError } from './main.ts';
import { readRatingsFile } from './readFile.ts';

const USAGE = `usage: reclab recommend --data FILE --user ID --algo NAME [options]

  --user ID              the user's id as the file writes it
  -n, --top N            how many items (default 10)
  --algo NAME            any algorithm of \`reclab evaluate\` (SVD, KNNBaseline, BiasMF, …)
  --params JSON          hyperparameters with Surprise's names
  --seed N               seed of the algorithm (default 0)
  --format NAME          input format (default: detected from the file)
${BACKEND_USAGE}
  --json                 print one JSON object on the last line`;

const OPTIONS = {
  data: { type: 'string' },
  user: { type: 'string' },
  top: { type: 'string', short: 'n' },
  format: { type: 'string' },
  ...MODEL_OPTIONS,
} as const;

/** Item ids and predicted ratings, best first. */
type Ranked = { item: string; rating: number }[];

/**
 * Fit on every rating, rank the user's unrated items by raw estimate (so items past
 * the top of the scale still rank apart), and show each as the lab predicts it.
 */
async function ranking(table: RatingsTable, user: number, n: number, a: AlgoArgs, backend: CliBackend | undefined): Promise<Ranked> {
  const estimator = await loadEstimator(a.spec, backend);
  const all = Int32Array.from(table.rating.keys());
  const model = await estimator.fit({ table, train: all, algo: a.spec.id, params: a.params, seed: a.seed, scale: tableScale(table) });
  try {
    const scores = await userScores(model, table, user);
    return Array.from(topUnseen(scores, ratedBy(table, user), n), (i) => ({
      item: table.itemIds[i],
      rating: fallbackAndClip(scores[i], model.defaultPrediction, model.scale),
    }));
  } finally {
    model.dispose();
  }
}

export async function recommend(argv: string[]): Promise<number> {
  const values = flagValues(argv, OPTIONS, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.data || values.user === undefined) throw new CliError(`--data and --user are required\n${USAGE}`);
  const a = parseAlgoArgs(values, USAGE);
  const n = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--top must be a positive integer, got ${values.top}`);
  const backend = backendFlag(values.backend);

  const { table } = await readRatingsFile(values.data, { format: values.format });
  const user = table.userIds.indexOf(values.user);
  if (user < 0) throw new CliError(`${values.data} has no user "${values.user}"`);
  const ranked = await ranking(table, user, n, a, backend);

  if (values.json) {
    console.log(JSON.stringify({ algo: a.spec.id, seed: a.seed, user: values.user, items: ranked }));
  } else {
    console.log(`Top ${ranked.length} for user ${values.user} by ${a.spec.id} (seed ${a.seed}):`);
    ranked.forEach((r, k) => console.log(`${String(k + 1).padStart(3)}. ${r.item.padEnd(16)} ${r.rating.toFixed(3)}`));
  }
  return 0;
}
