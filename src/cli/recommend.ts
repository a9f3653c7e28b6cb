/**
 * `reclab recommend`: fit an algorithm on every rating of a file and list the top-N
 * items a user has not rated yet, with titles from a metadata file when given, or
 * (`--hybrid`) the model's top-C re-ranked by title similarity to the user's profile
 * (src/core/hybrid.ts: the lab's Recommend screen gives the same list for a run
 * fitted on all ratings).
 */
import { catalogIndex, hybridList, trainingCatalog } from '../core/hybrid.ts';
import { fallbackAndClip } from '../core/predict.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { ratedBy, topUnseen, userScores } from '../core/recommend.ts';
import { tableScale } from '../core/selection/crossValidate.ts';
import { parseAlgoArgs, type AlgoArgs } from './algoArgs.ts';
import { BACKEND_USAGE, backendFlag, loadEstimator, type CliBackend } from './estimator.ts';
import { flagValues, MODEL_OPTIONS } from './flags.ts';
import { CliError } from './main.ts';
import { readRatingsFile, readTitles } from './readFile.ts';

const USAGE = `usage: reclab recommend --data FILE --user ID --algo NAME [options]

  --user ID              the user's id as the file writes it
  --meta FILE            item metadata for titles (Amazon 2014/2018/2023, MovieLens u.item or movies.csv)
  -n, --n, --top N       how many items (default 10; 5 with --hybrid)
  --hybrid               re-rank the model's top candidates by TF-IDF title similarity
                         to the user's profile (needs --meta)
  --candidates C         candidates to re-rank with --hybrid (default 100)
  --algo NAME            any algorithm of \`reclab evaluate\` (SVD, KNNBaseline, BiasMF, …)
  --params JSON          hyperparameters with Surprise's names
  --seed N               seed of the algorithm (default 0)
  --format NAME          input format (default: detected from the file)
${BACKEND_USAGE}
  --json                 print one JSON object on the last line:
                         {algo, seed, user, items: [{item, title, score, rating, similarity}]}
                         (score: the estimate before clipping, what ranks; rating: clipped;
                         similarity with --hybrid only)`;

const OPTIONS = {
  data: { type: 'string' },
  meta: { type: 'string' },
  user: { type: 'string' },
  top: { type: 'string', short: 'n' },
  n: { type: 'string' },
  hybrid: { type: 'boolean' },
  candidates: { type: 'string' },
  format: { type: 'string' },
  ...MODEL_OPTIONS,
} as const;

interface Listed {
  item: string;
  title: string;
  score: number;
  rating: number;
  similarity?: number;
}

function count(flag: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${flag} must be a positive integer, got ${value}`);
  return n;
}

/**
 * Fit on every rating, rank the user's unrated items by raw estimate (so items past
 * the top of the scale still rank apart), re-rank when asked, and show each item as
 * the lab predicts it.
 */
async function ranking(table: RatingsTable, titles: string[], user: number, n: number, hybrid: number | null, a: AlgoArgs, backend: CliBackend | undefined): Promise<Listed[]> {
  const estimator = await loadEstimator(a.spec, backend);
  const all = Int32Array.from(table.rating.keys());
  const model = await estimator.fit({ table, train: all, algo: a.spec.id, params: a.params, seed: a.seed, scale: tableScale(table) });
  try {
    const scores = await userScores(model, table, user);
    const listed = (i: number): Listed => ({
      item: table.itemIds[i],
      title: titles[i],
      score: scores[i],
      rating: fallbackAndClip(scores[i], model.defaultPrediction, model.scale),
    });
    const seen = ratedBy(table, user);
    if (hybrid === null) return Array.from(topUnseen(scores, seen, n, table.itemIds), listed);
    const inCatalog = trainingCatalog(table, all);
    const list = hybridList(scores, table, all, user, seen, { index: catalogIndex(titles, inCatalog), inCatalog }, hybrid);
    return Array.from(list.order.subarray(0, n), (c) => ({ ...listed(list.candidates[c]), similarity: list.similarity[c] }));
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
  if (values.top !== undefined && values.n !== undefined) throw new CliError('give the count once: -n, --n or --top');
  const n = count(values.n !== undefined ? 'n' : 'top', values.n ?? values.top, values.hybrid ? 5 : 10);
  if (values.candidates !== undefined && !values.hybrid) throw new CliError('--candidates applies to --hybrid only');
  if (values.hybrid && !values.meta) throw new CliError('--hybrid re-ranks by title similarity: give the titles with --meta FILE');
  const hybrid = values.hybrid ? count('candidates', values.candidates, 100) : null;
  const backend = backendFlag(values.backend);

  const { table } = await readRatingsFile(values.data, { format: values.format });
  const user = table.userIds.indexOf(values.user);
  if (user < 0) throw new CliError(`${values.data} has no user "${values.user}"`);
  const titles = values.meta ? await readTitles(values.meta, table) : table.itemIds.map(() => '');
  const items = await ranking(table, titles, user, n, hybrid, a, backend);

  if (values.json) {
    console.log(JSON.stringify({ algo: a.spec.id, seed: a.seed, user: values.user, items }));
  } else {
    const how = hybrid === null ? '' : `, re-ranked from its top ${hybrid} by title similarity`;
    console.log(`Top ${items.length} for user ${values.user} by ${a.spec.id} (seed ${a.seed})${how}:`);
    items.forEach((r, k) => {
      const sim = r.similarity === undefined ? '' : `  similarity ${r.similarity.toFixed(3)}`;
      console.log(`${String(k + 1).padStart(3)}. ${r.item.padEnd(16)} ${r.rating.toFixed(3)}${sim}  ${r.title}`);
    });
  }
  return 0;
}
