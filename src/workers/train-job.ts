/**
 * One training job over a stored table, for any model: the evaluation's split (or
 * folds), an optional search on folds of the training rows, then one fit scored on
 * the test rows with a live learning curve (kept as the run's model), or a
 * cross-validation. Written against the estimator interface only.
 */
import type { RunSignal } from '../core/estimator/signal.ts';
import type { Estimator, FitProgress, FittedModel, ItemText, SavedModel } from '../core/estimator/types.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { findAlgorithm, resolveParams, type AlgorithmSpec, type FlatParams } from '../core/registry/index.ts';
import type { Negatives } from '../core/ranking/index.ts';
import { crossValidateModel, fitAndScore, rankingMeans, tableScale, type FitSettings, type RankingMeans, type RankingRequest } from '../core/selection/crossValidate.ts';
import { applyTrainFilter, evaluationFolds } from '../core/selection/evaluation.ts';
import { bestBy, gridCandidates, isRankMeasure, measureOf, randomCandidates, searchCandidates, type Measure, type SearchResult } from '../core/selection/search.ts';
import { splitSummary, validationFolds } from '../core/selection/folds.ts';
import type { RunDetails } from '../storage/details.ts';
import type { CurvePoint, RankingRecord, RunRecord, SearchCandidate, SearchRecord } from '../storage/runs.ts';
import type { SearchRequest, TrainEvents, TrainRequest } from './protocol.ts';

/** Batch reports cross to the UI at most this often. */
const BATCH_EVENT_MS = 200;

/** What a job needs from its worker besides the data. */
export interface JobContext {
  events: TrainEvents;
  /** The adapter that fits `spec` (the worker readies the tf backend for TensorFlow.js models). */
  estimator(spec: AlgorithmSpec): Promise<Estimator>;
  signal: RunSignal;
  /** Negatives an earlier run of this dataset drew for this split and protocol, to rank on the same ones. */
  frozenNegatives?(fingerprint: string, req: RankingRequest): Promise<Negatives | undefined>;
  /** The dataset's item titles, for models switched to read them. */
  itemText?: ItemText;
}

export type JobRun = Omit<RunRecord, 'id' | 'datasetId' | 'createdAt'>;

export interface JobResult {
  run: JobRun;
  /** The model the run fitted on its training rows, when it has one split. */
  model?: SavedModel;
  /** Per-user results and negatives, when it has one split. */
  details?: Omit<RunDetails, 'id' | 'datasetId'>;
}

/** The run record's ranking part: means, with the sampled protocol's settings. */
function rankingRecord(req: RankingRequest, full: RankingMeans, sampled: RankingMeans | undefined): RankingRecord {
  return {
    ...(req.relevance !== undefined ? { relevance: req.relevance } : {}),
    full,
    ...(sampled ? { sampled: { ...sampled, negatives: req.negatives!, seed: req.seed ?? 0 } } : {}),
  };
}

/** Turns fit progress into the UI's events: curve points, throttled batches, status text. */
export function progressSink(events: TrainEvents, curve: CurvePoint[]): (p: FitProgress) => void {
  let lastBatch = 0;
  return (p) => {
    if (p.kind === 'status') events.onStatus(p.text);
    else if (p.kind === 'epoch') {
      const point: CurvePoint = { epoch: p.epoch, trainRmse: p.trainRmse, valRmse: p.valRmse, seconds: p.seconds, ...(p.trainLoss !== undefined ? { trainLoss: p.trainLoss } : {}) };
      curve.push(point);
      events.onEpoch({ ...point, epochs: p.epochs, validation: p.validation, seconds: p.seconds });
    } else {
      const now = performance.now();
      if (now - lastBatch < BATCH_EVENT_MS && p.batch < p.batches) return;
      lastBatch = now;
      events.onBatch(p);
    }
  };
}

/**
 * Score candidates on folds of the training rows only (never the test rows), and
 * return the winner's complete params with every candidate's figures.
 */
async function search(
  table: RatingsTable,
  spec: AlgorithmSpec,
  base: FlatParams,
  seed: number,
  train: Int32Array,
  req: SearchRequest,
  k: number,
  estimator: Estimator,
  ctx: JobContext,
): Promise<{ params: FlatParams; record: SearchRecord }> {
  const candidates = req.random
    ? randomCandidates(spec, req.random.space, req.random.n, seed).map((c) => ({ ...base, ...c }))
    : gridCandidates(spec, req.grid ?? {}).map((c) => ({ ...base, ...c }));
  const outcome = await searchCandidates(table, spec, candidates, validationFolds(train, req.folds, seed), {
    estimator,
    seed,
    scale: tableScale(table),
    itemText: ctx.itemText,
    // A ranking objective ranks each validation fold (full protocol) at the run's K.
    ...(isRankMeasure(req.metric) ? { ranking: { k } } : {}),
    signal: ctx.signal,
    onProgress: (p) => ctx.events.onProgress({ ...p, phase: p.phase }),
    // One small message per scored candidate, so its row (and heatmap cell) shows while the rest run.
    onCandidate: (r, index, of) => ctx.events.onProgress({ phase: 'test', combination: index + 1, combinations: of, candidate: candidateRecord(spec, r, req.metric) }),
  });
  const best = bestBy(outcome.results, req.metric)?.index ?? 0;
  return {
    params: resolveParams(spec, outcome.results[best].params),
    record: {
      kind: req.random ? 'random' : 'grid',
      metric: req.metric,
      folds: req.folds,
      best,
      candidates: outcome.results.map((r) => candidateRecord(spec, r, req.metric)),
    },
  };
}

/** A candidate as the run keeps it (and as it is reported live): its complete params and its means on the validation folds. */
function candidateRecord(spec: AlgorithmSpec, r: SearchResult, metric: Measure): SearchCandidate {
  return {
    params: resolveParams(spec, r.params),
    rmse: r.cv.rmse,
    mae: r.cv.mae,
    fcp: r.cv.fcp,
    score: measureOf(r.cv, metric),
    fitSeconds: r.cv.fitSeconds,
  };
}

export async function runJob(table: RatingsTable, req: TrainRequest, ctx: JobContext): Promise<JobResult> {
  const { events, signal } = ctx;
  const spec = findAlgorithm(req.algo);
  events.onStatus(`splitting ${table.rating.length.toLocaleString('en-US')} rows`);
  const { folds, unscorable } = applyTrainFilter(table, evaluationFolds(table, req.evaluation), req.filterAfterSplit);
  const split = splitSummary(folds, unscorable);
  const estimator = await ctx.estimator(spec);
  let params = resolveParams(spec, req.params);
  let searched: SearchRecord | undefined;
  if (req.search) {
    if (folds.length !== 1) {
      throw new Error('A search scores its candidates on folds of the training rows and tests the winner once: pick a train/test split (random, leave last out, global time or held-out users), not cross-validation.');
    }
    ({ params, record: searched } = await search(table, spec, params, req.seed, folds[0].train, req.search, req.ranking?.k ?? 10, estimator, ctx));
    events.onStatus('training the winner on all training rows');
  }
  const base = {
    algo: spec.id,
    params,
    seed: req.seed,
    evaluation: req.evaluation,
    ...(req.filterAfterSplit ? { filterAfterSplit: req.filterAfterSplit } : {}),
    split,
    status: 'done' as const,
    ...(searched ? { search: searched } : {}),
  };
  const curve: CurvePoint[] = [];
  const fit: FitSettings = { algo: spec.id, params, seed: req.seed, scale: tableScale(table), signal, onProgress: progressSink(events, curve), itemText: ctx.itemText };

  if (folds.length > 1) {
    const cv = await crossValidateModel(estimator, table, folds, fit, {
      signal,
      ranking: req.ranking,
      onProgress: (p) => events.onProgress(p),
      onFitProgress: (p) => p.kind === 'batch' && fit.onProgress!(p),
    });
    const { folds: scores, info, stopped, ranking, ...means } = cv;
    const ranked = ranking && req.ranking ? { ranking: rankingRecord(req.ranking, ranking.full, ranking.sampled) } : {};
    return { run: { ...base, ...info, curve: [], folds: scores, ...(stopped ? { stoppedEarly: true } : {}), ...means, ...ranked } };
  }

  const frozen = req.ranking?.negatives !== undefined ? await ctx.frozenNegatives?.(split.fingerprint, req.ranking) : undefined;
  const ranking = req.ranking && { ...req.ranking, frozen };
  const { scores, model, perUser, ranking: ranked } = await fitAndScore(estimator, table, folds[0], fit, ranking);
  try {
    events.onStatus('saving the model');
    const saved = await model.save();
    const details: JobResult['details'] = {
      ratings: { user: perUser.user, rmse: perUser.rmse, mae: perUser.mae },
      ...(ranked ? { ranking: { full: ranked.full.perUser, ...(ranked.sampled ? { sampled: ranked.sampled.perUser } : {}) } } : {}),
      ...(ranked?.sampled?.negatives ? { negatives: ranked.sampled.negatives } : {}),
    };
    const rankingPart = ranked && req.ranking ? { ranking: rankingRecord(req.ranking, rankingMeans(ranked.full), ranked.sampled && rankingMeans(ranked.sampled)) } : {};
    return { run: { ...base, ...model.info, curve, ...scores, ...rankingPart, model: { bytes: saved.bytes, fittedOn: 'train' } }, model: saved, details };
  } finally {
    model.dispose();
  }
}

/** A run's algorithm with its params and seed, fitted on every rating of `table`. */
export function fitRunOnAll(estimator: Estimator, table: RatingsTable, run: RunRecord, extra: Pick<FitSettings, 'signal' | 'onProgress' | 'itemText'> = {}): Promise<FittedModel> {
  return estimator.fit({ table, train: Int32Array.from(table.rating.keys()), algo: run.algo, params: run.params, seed: run.seed, scale: tableScale(table), ...extra });
}

/** That model, saved: a cross-validated run's "fit on all ratings". */
export async function fitOnAllRatings(table: RatingsTable, run: RunRecord, ctx: JobContext): Promise<SavedModel> {
  const estimator = await ctx.estimator(findAlgorithm(run.algo));
  const model = await fitRunOnAll(estimator, table, run, { signal: ctx.signal, onProgress: progressSink(ctx.events, []), itemText: ctx.itemText });
  try {
    return await model.save();
  } finally {
    model.dispose();
  }
}
