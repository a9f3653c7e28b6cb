/**
 * A Dask job's output into the lab: sample.csv as a dataset carrying the job's recipe
 * and counts, and each evaluation in summary.json as a run marked 'dask'. The lab
 * recomputes each split on the imported rows by its own rules (so the run carries the
 * lab's fingerprint) and refuses a run whose split sizes differ from the job's; when it
 * holds the very file the job read (same SHA-256), it runs the recipe itself and records
 * whether the counts agree.
 */
import { applyRecipe, type FilterRecipe } from '../core/ingest/filter.ts';
import { importRatings, ImportError, type ImportProgress } from '../core/ingest/import.ts';
import { tableCounts, type RatingsTable, type TableCounts } from '../core/ratings.ts';
import { defaultParams, findAlgorithm, type FlatParams } from '../core/registry/index.ts';
import { JobFileError, readJobRecipe, readJobSummary, type JobEvaluationResult, type JobRanking, type JobSummary } from '../core/scale/recipe.ts';
import type { RankingMeans } from '../core/selection/crossValidate.ts';
import { evaluationFolds, evaluationLabel, type Evaluation } from '../core/selection/evaluation.ts';
import { splitSummary } from '../core/selection/folds.ts';
import { listDatasets, loadTable, newId, saveDataset, type DatasetRecord, type ScaleRecord } from '../storage/datasets.ts';
import { saveRun, type RunRecord } from '../storage/runs.ts';

export type JobImportOutcome = { ok: true; record: DatasetRecord; runs: RunRecord[]; message: string } | { ok: false; message: string };

const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

function rankingOf(r: JobRanking): RankingMeans {
  return {
    k: r.k,
    users: r.users,
    hr: num(r.hr),
    precision: num(r.precision),
    recall: num(r.recall),
    map: num(r.map),
    ndcg: num(r.ndcg),
    mrr: num(r.mrr),
    coverage: r.coverage,
    novelty: num(r.novelty),
    arp: num(r.arp),
    longTail: num(r.long_tail),
    gini: r.gini,
  };
}

/** The job's params as a run's flat params: BaselineOnly's are the registry's defaults (Surprise's), which the job ran. */
function paramsOf(e: JobEvaluationResult): FlatParams {
  if (e.algo === 'BaselineOnly') return defaultParams(findAlgorithm('BaselineOnly'));
  return Object.fromEntries(Object.entries(e.params).filter((kv): kv is [string, number | boolean] => typeof kv[1] === 'number' || typeof kv[1] === 'boolean'));
}

/** A run of the lab's record shape from one of the job's evaluations, on the lab's own split of `table`; null when the split sizes differ. */
function runOf(table: RatingsTable, datasetId: string, e: JobEvaluationResult): RunRecord | null {
  const { label: _label, train, test, ...evaluation } = e.split;
  const split = splitSummary(evaluationFolds(table, evaluation as Evaluation), [0]);
  if (split.train !== train || split.test !== test) return null;
  return {
    id: newId('run'),
    datasetId,
    algo: e.algo,
    params: paramsOf(e),
    seed: 'seed' in evaluation ? evaluation.seed : 0,
    evaluation: evaluation as Evaluation,
    split,
    status: 'done',
    backend: 'dask',
    engine: 'dask',
    curve: [],
    rmse: num(e.rmse),
    mae: num(e.mae),
    mse: num(e.mse),
    fcp: NaN,
    pearson: NaN,
    fitSeconds: e.fit_s,
    testSeconds: e.test_s,
    impossible: e.impossible,
    ...(e.ranking ? { ranking: { full: rankingOf(e.ranking) } } : {}),
    createdAt: Date.now(),
  };
}

/** The lab's own run of the recipe on its stored import of the same file, when there is one. */
async function labCheck(summary: JobSummary, filter: FilterRecipe, sha256: string, stored: DatasetRecord[]): Promise<ScaleRecord['labCheck']> {
  const own = sha256 ? [...stored].reverse().find((d) => d.source.sha256 === sha256 && !d.recipe) : undefined;
  if (!own) return null;
  const { after, rounds } = applyRecipe(await loadTable(own.id), filter);
  const lab = { rows: after.rows, users: after.users, items: after.items, rounds: rounds.length };
  const same = lab.rows === summary.after.rows && lab.users === summary.after.users && lab.items === summary.after.items && lab.rounds === summary.after.rounds;
  return { datasetId: own.id, name: own.name, same, ...lab };
}

function countsOf(summary: JobSummary): TableCounts {
  const { rows, users, items } = summary;
  return { rows, users, items, sparsity: users && items ? 1 - rows / (users * items) : 1, ratingMin: NaN, ratingMax: NaN, meanRating: NaN, timed: NaN };
}

export async function importJobOutput(
  sample: Blob,
  recipeText: string,
  summaryText: string,
  onProgress: (p: ImportProgress) => void,
): Promise<JobImportOutcome> {
  let recipe, summary, imported;
  try {
    recipe = readJobRecipe(recipeText);
    summary = readJobSummary(summaryText);
    imported = await importRatings(sample.stream(), { fileName: 'sample.csv', totalBytes: sample.size, hash: false, onProgress });
  } catch (err) {
    if (err instanceof JobFileError || err instanceof ImportError) return { ok: false, message: err.message };
    throw err;
  }
  const { table } = imported;
  const counts = tableCounts(table);
  const { after } = summary;
  if (counts.rows !== after.rows || counts.users !== after.users || counts.items !== after.items) {
    return {
      ok: false,
      message: `sample.csv holds ${counts.rows} ratings of ${counts.users} users and ${counts.items} items, but summary.json says ${after.rows}, ${after.users} and ${after.items}: they are not the output of one run.`,
    };
  }
  const one = summary.files.length === 1 ? summary.files[0] : null;
  const fileName = one ? one.path.split(/[\\/]/).pop()! : `${summary.files.length} files (${summary.input})`;
  const sha256 = one?.sha256 ?? '';
  const filter: FilterRecipe = { ...recipe.filters, seed: recipe.seed };
  const stored = await listDatasets();
  const check = await labCheck(summary, filter, sha256, stored);
  const parent = check ? stored.find((d) => d.id === check.datasetId)! : null;
  const record: DatasetRecord = {
    id: newId('ds'),
    name: `${fileName} · Dask sample`,
    createdAt: Date.now(),
    source: { fileName, bytes: one?.bytes ?? sample.size, sha256, format: String(summary.format) },
    counts,
    importReport: {
      rowsRead: summary.rows + summary.duplicates,
      badRows: summary.bad_rows,
      badExamples: summary.bad_examples.map(({ line, reason, text }) => ({ line, reason, text })),
      duplicates: summary.duplicates,
      seconds: summary.seconds.total ?? NaN,
    },
    recipe: {
      version: summary.recipe_version,
      parent: parent ? { id: parent.id, name: parent.name, counts: parent.counts } : { id: '', name: fileName, counts: countsOf(summary) },
      filters: filter,
      rounds: summary.rounds,
    },
    hasVerified: false,
    scale: { engine: 'dask', dask: summary.dask, workers: summary.workers, input: summary.input, files: summary.files, seconds: summary.seconds, labCheck: check },
  };
  await saveDataset(record, table);
  const evaluations = summary.evaluations ?? (summary.evaluation ? [summary.evaluation] : []);
  const refused: string[] = [];
  const runs: RunRecord[] = [];
  for (const e of evaluations) {
    const run = runOf(table, record.id, e);
    if (!run) {
      refused.push(`${e.algo} (its split, ${evaluationLabel(e.split as Evaluation)}, has ${e.split.train}/${e.split.test} train/test rows; the lab's has others)`);
      continue;
    }
    await saveRun(run);
    runs.push(run);
  }
  const parts = [`${counts.rows.toLocaleString('en-US')} ratings from the Dask job`, `${runs.length} run${runs.length === 1 ? '' : 's'} scored at scale`];
  if (refused.length) parts.push(`not imported: ${refused.join('; ')}`);
  return { ok: true, record, runs, message: `${parts.join('; ')}.` };
}
