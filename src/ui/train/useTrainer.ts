/**
 * Runs queue up and train one at a time in a training worker (two cores: one trains,
 * one keeps the page responsive). Learning-curve points arrive per epoch through a
 * comlink proxy. Each run gets pause/stop flags in shared memory (Signal): the
 * worker reads them between epochs, users or batches, so stopping never terminates
 * the worker (and never makes it measure the backends again). Only a page without
 * shared memory falls back to messages, and to terminating the worker for a run that
 * cannot read them.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { Signal } from '../../core/estimator/signal.ts';
import { findAlgorithm, type FlatParams } from '../../core/registry/index.ts';
import { newId } from '../../storage/datasets.ts';
import { dropModelParts, sweepModelParts } from '../../storage/models.ts';
import { listPending, type PendingRun } from '../../storage/pending.ts';
import { deleteRun, listRuns, restoreRun, type CurvePoint, type RemovedRun, type RunRecord, type SearchCandidate } from '../../storage/runs.ts';
import type { CurveRows } from '../../core/estimator/types.ts';
import type { DrillDown } from '../../core/stats/index.ts';
import { normalizeEvaluation } from '../../core/selection/evaluation.ts';
import { proxy, startTrainWorker, type WorkerHandle } from '../../workers/client.ts';
import { rankingKey, rankingSettingsOf, type RankingSettings } from './RunFacts.tsx';
import type {
  BackendPreference,
  BackendReport,
  BatchEvent,
  EpochEvent,
  JobProgress,
  Recommendations,
  RecommendOptions,
  RunComparisons,
  TrainApi,
  TrainEvents,
  TrainRequest,
  VisitorRecommendations,
} from '../../workers/protocol.ts';
import { downloadBlob } from '../common/download.ts';
import { errorMessage } from '../common/format.ts';
import { runLabel } from './LearningCurve.tsx';
import { forgetMeasurement, keepMeasurement, measuredBackend } from './measuredBackend.ts';
import { orphaned, PendingWriter } from './pendingWriter.ts';
import { epochFraction, progressFraction } from './queueEta.ts';

/** What a run asks for: everything but its id and its signal, which the trainer adds. */
export type RunRequest = Omit<TrainRequest, 'runId' | 'signal'>;

/** A run as the screen shows it: the request, then live progress, then its stored record. */
export interface LiveRun extends Pick<RunRecord, 'id' | 'datasetId' | 'algo' | 'params' | 'seed' | 'evaluation' | 'filterAfterSplit'> {
  /** The search it asked for (a live run); a finished run's record says how it went. */
  search: TrainRequest['search'] | null;
  /** The search's candidates scored so far, in the order they were tried (a live run; the record holds them all once done). */
  candidates: SearchCandidate[];
  /** How it ranks its test users (the request's, or read back from the record); null: it does not. */
  ranking: RankingSettings | null;
  /** interrupted: it was training when the page was reloaded; it can be queued again. */
  status: 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'stopped' | 'interrupted';
  statusText: string;
  curve: CurvePoint[];
  /** What the curve's second line is computed on, once known. */
  validation: CurveRows | null;
  /** When it was queued, or stored when finished: the order runs are listed in. */
  createdAt: number;
  /** When it started training here (ms), for its time left. */
  startedAt: number | null;
  /** Its share done so far (0..1), when the worker's reports tell. */
  fraction: number | null;
  epochs: number | null;
  last: EpochEvent | null;
  /** The latest batch report of a TensorFlow.js model. */
  batch: BatchEvent | null;
  record: RunRecord | null;
  error: string | null;
  /** A finished run being fitted on every rating (to keep a model): its live status. */
  refit: { status: 'queued' | 'running' | 'paused'; text: string } | null;
  refitError: string | null;
  /** Why the per-user CSV could not be made, when it could not. */
  csvError: string | null;
}

/** The algorithms queued beside a ranked run, when its evaluation has none of them yet. */
export const REFERENCE_RANKERS = ['MostPop', 'Random'] as const;

/** JSON with sorted keys: equal settings give equal text whatever order their keys were written in. */
function canonical(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'object') return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/** Runs with equal keys were evaluated and ranked alike on the same dataset (a reference ranker's run is then shared). */
export function evaluationKey(r: { datasetId: string; algo: string; evaluation: unknown; filterAfterSplit?: unknown; ranking?: RankingSettings | null }): string {
  return [r.datasetId, r.algo, canonical(r.evaluation), canonical(r.filterAfterSplit), rankingKey(r.ranking)].join(' | ');
}

export type BackendState = { state: 'probing' } | { state: 'ready'; report: BackendReport } | { state: 'failed'; message: string };

/** Older stored runs may predate the current record shape: read what is there, drop what cannot be read. */
function readRecord(r: RunRecord): RunRecord | null {
  try {
    const evaluation = normalizeEvaluation(r.evaluation);
    const search = r.search && Array.isArray((r.search as { candidates?: unknown }).candidates) ? r.search : undefined;
    const { search: _old, ...rest } = r;
    // Runs stored before Pearson was a run figure: NaN, shown as —.
    const withPearson = <T extends { pearson?: number }>(x: T) => ({ ...x, pearson: x.pearson ?? NaN });
    return { ...withPearson(rest), evaluation, ...(rest.folds ? { folds: rest.folds.map(withPearson) } : {}), ...(search ? { search } : {}) };
  } catch {
    return null;
  }
}

function fromRecord(r: RunRecord): LiveRun {
  // A finished run's search is its record's (r.search), not a request.
  const { search: _done, ranking: _means, ...request } = r;
  return {
    ...queuedRun(r.id, { ...request, ...(r.ranking ? { ranking: rankingSettingsOf(r)! } : {}) }, r.createdAt),
    status: r.status,
    statusText: r.stoppedEarly ? 'stopped by hand; scored and saved' : r.status,
    curve: r.curve,
    // Records before the field: only deep models held rows out, and those said so.
    validation: r.validation ?? (r.curve.length ? 'test' : null),
    epochs: r.curve.length || null,
    record: r,
  };
}

/** A run as first listed: its request, not started. */
export function queuedRun(id: string, req: RunRequest, createdAt: number): LiveRun {
  return {
    id,
    datasetId: req.datasetId,
    algo: req.algo,
    params: req.params,
    seed: req.seed,
    evaluation: req.evaluation,
    ...(req.filterAfterSplit ? { filterAfterSplit: req.filterAfterSplit } : {}),
    search: req.search ?? null,
    candidates: [],
    ranking: req.ranking ?? null,
    status: 'queued',
    statusText: 'queued',
    curve: [],
    validation: null,
    createdAt,
    startedAt: null,
    fraction: null,
    epochs: null,
    last: null,
    batch: null,
    record: null,
    error: null,
    refit: null,
    refitError: null,
    csvError: null,
  };
}

/** What a listed run asked for (to queue it again, or to know it as an imported file's run). */
export function requestOfRun(run: LiveRun): RunRequest {
  return {
    datasetId: run.datasetId,
    algo: run.algo,
    params: run.params,
    seed: run.seed,
    evaluation: run.evaluation,
    ...(run.filterAfterSplit ? { filterAfterSplit: run.filterAfterSplit } : {}),
    ...(run.search ? { search: run.search } : {}),
    ...(run.ranking ? { ranking: run.ranking } : {}),
  };
}

/** A run that is one fit (no search, no folds): its epochs are its progress. */
function plainRun(r: LiveRun): boolean {
  return !r.search && r.evaluation.kind !== 'kfold';
}

/** "interrupted at epoch 7 of 30", from what was stored before the reload. */
export function interruptedText(p: Pick<PendingRun, 'curve' | 'epochs'>): string {
  const last = p.curve[p.curve.length - 1];
  if (!last) return 'interrupted before its first epoch ended (the page was reloaded)';
  return `interrupted at epoch ${last.epoch}${p.epochs ? ` of ${p.epochs}` : ''} (the page was reloaded)`;
}

function interruptedRun(p: PendingRun): LiveRun {
  return {
    ...queuedRun(p.id, p.request, p.createdAt),
    status: 'interrupted',
    statusText: interruptedText(p),
    curve: p.curve,
    validation: p.validation ?? null,
    epochs: p.epochs,
  };
}

/** "combination 2 of 4 · fold 2 of 5 · epoch 3 of 20 · fitting", for a run's status line. */
export function progressText(p: JobProgress): string {
  if (p.candidate) return `candidate ${p.combination} of ${p.combinations} scored`;
  const parts: string[] = [];
  if (p.combinations) parts.push(`candidate ${p.combination} of ${p.combinations}`);
  if (p.folds) parts.push(`fold ${p.fold} of ${p.folds}`);
  if (p.epochs) parts.push(`epoch ${p.epoch} of ${p.epochs}`);
  parts.push(p.phase === 'fit' ? 'fitting' : 'testing');
  return parts.join(' · ');
}

const BACKEND_KEY = 'reclab.backend';
export const BACKEND_CHOICES: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function storedPreference(): BackendPreference {
  const v = localStorage.getItem(BACKEND_KEY) as BackendPreference | null;
  return v && BACKEND_CHOICES.includes(v) ? v : 'auto';
}

/** A job for the worker: a run to train, or a finished run to fit on every rating. */
type Job =
  | { kind: 'train'; req: TrainRequest }
  | { kind: 'fitOnAll'; runId: string; datasetId: string; signal?: SharedArrayBuffer; resolve(r: RunRecord): void; reject(err: unknown): void };

/** A removed run as Undo puts it back: on screen at `index`, and in storage. */
interface Removed {
  run: LiveRun;
  index: number;
  label: string;
  stored: RemovedRun;
}

/** The job in the worker now. */
interface Active {
  id: string;
  kind: Job['kind'];
  /** The run's shared flags; null where the page cannot share memory. */
  signal: Signal | null;
  /** Whether the model reads a stop between epochs or batches (the fallback without shared memory). */
  iterative: boolean;
  /** Abandon its promise (only when the worker is terminated). */
  abandon(): void;
}

const isStop = (err: unknown): boolean => (err as { name?: string } | null)?.name === 'FitStopped';

function iterativeAlgo(algo: string): boolean {
  try {
    return findAlgorithm(algo).iterative;
  } catch {
    return false;
  }
}

export function useTrainer() {
  const [runs, setRuns] = useState<LiveRun[]>([]);
  const runsRef = useRef(runs);
  runsRef.current = runs;
  const [backend, setBackend] = useState<BackendState>({ state: 'probing' });
  const [preference, setPreferenceState] = useState<BackendPreference>(storedPreference);
  /** How many training workers this page started: a stop must not start another. */
  const [workerStarts, setWorkerStarts] = useState(0);
  const preferenceRef = useRef(preference);
  const worker = useRef<WorkerHandle<TrainApi> | null>(null);
  const queue = useRef<Job[]>([]);
  const active = useRef<Active | null>(null);
  /**
   * Queued, running and finished runs by id, with their evaluation keys: read
   * synchronously when a run is queued (the runs' state may not have rendered yet),
   * so two quick clicks never queue a reference ranker twice.
   */
  const keys = useRef(new Map<string, string>());
  const [writer] = useState(() => new PendingWriter());
  /**
   * The last removed run, until it is put back, dismissed or another is removed: what
   * Undo restores. Its model's parts stay stored until then (see endRemoved); the ref
   * is read by handlers that run before a render.
   */
  const [removed, setRemoved] = useState<Removed | null>(null);
  const removedRef = useRef<Removed | null>(null);
  const showRemoved = useCallback((next: Removed | null) => {
    removedRef.current = next;
    setRemoved(next);
  }, []);
  /** Close the Undo window of the run shown as removed (replaced by `next`): its model's parts go now. */
  const endRemoved = useCallback(
    (next: Removed | null) => {
      const ended = removedRef.current;
      showRemoved(next);
      // What fails here, the next start's sweep deletes.
      if (ended) dropModelParts(ended.run.id).catch(() => undefined);
    },
    [showRemoved],
  );

  // Updates from a training worker render as transitions: React time-slices them, so
  // redrawing curves never blocks input on the main thread.
  const update = useCallback((id: string, patch: (r: LiveRun) => Partial<LiveRun>) => {
    startTransition(() => setRuns((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch(r) } : r))));
  }, []);

  const ensureWorker = useCallback((): WorkerHandle<TrainApi> => {
    if (!worker.current) {
      const w = startTrainWorker();
      worker.current = w;
      setWorkerStarts((n) => n + 1);
      w.api.backend(preferenceRef.current, preferenceRef.current === 'auto' ? measuredBackend() : undefined).then(
        (report) => {
          if (worker.current !== w) return;
          if (preferenceRef.current === 'auto') keepMeasurement(report);
          setBackend({ state: 'ready', report });
        },
        (err) => worker.current === w && setBackend({ state: 'failed', message: errorMessage(err) }),
      );
    }
    return worker.current;
  }, []);

  const runTrain = useCallback(
    async (req: TrainRequest, abandoned: Promise<'abandoned'>) => {
      const id = req.runId;
      update(id, () => ({ status: 'running', statusText: 'starting', startedAt: Date.now(), fraction: 0 }));
      writer.started(id);
      // Events come over their own MessagePort, so one can arrive after the run's result:
      // a finished run ignores them (its stored record is the truth).
      const live = (patch: (r: LiveRun) => Partial<LiveRun>) =>
        update(id, (r) => (r.status === 'running' || r.status === 'paused' ? patch(r) : {}));
      const events: TrainEvents = proxy({
        onStatus: (text: string) => live(() => ({ statusText: text })),
        onProgress: (p: JobProgress) => live((r) => ({ statusText: progressText(p), fraction: progressFraction(p), ...(p.candidate ? { candidates: [...r.candidates, p.candidate] } : {}) })),
        onBatch: (b: BatchEvent) => live((r) => ({ batch: b, ...(plainRun(r) && r.epochs ? { fraction: epochFraction(r.curve.length, r.epochs, b) } : {}) })),
        onEpoch: (e: EpochEvent) => {
          const { epochs: _planned, validation: _rows, ...point } = e;
          writer.epoch(id, point, e.epochs, e.validation);
          live((r) => ({
            curve: [...r.curve, point],
            epochs: e.epochs,
            last: e,
            ...(plainRun(r) ? { fraction: epochFraction(e.epoch, e.epochs, null) } : {}),
            validation: e.validation,
            statusText: `epoch ${e.epoch} of ${e.epochs}`,
          }));
        },
      });
      try {
        const outcome = await Promise.race([ensureWorker().api.train(req, events), abandoned]).finally(() => writer.ended(id));
        if (outcome === 'abandoned') {
          keys.current.delete(id);
          update(id, () => ({ status: 'stopped', statusText: 'stopped' }));
        } else {
          const text = !outcome.stoppedEarly
            ? 'done'
            : outcome.folds
              ? `stopped after ${outcome.folds.length} fold${outcome.folds.length === 1 ? '' : 's'}; scored what finished`
              : `stopped after ${outcome.epochsRun} epochs; scored and saved`;
          update(id, () => ({ status: 'done', statusText: text, record: outcome, params: outcome.params, curve: outcome.curve, createdAt: outcome.createdAt }));
        }
      } catch (err) {
        keys.current.delete(id);
        if (isStop(err)) update(id, () => ({ status: 'stopped', statusText: 'stopped before it had a model to score' }));
        else update(id, () => ({ status: 'failed', statusText: 'failed', error: errorMessage(err) }));
      }
    },
    [ensureWorker, update, writer],
  );

  const runFitOnAll = useCallback(
    async (job: Extract<Job, { kind: 'fitOnAll' }>, abandoned: Promise<'abandoned'>) => {
      const id = job.runId;
      const live = (text: string) => update(id, (r) => (r.refit ? { refit: { ...r.refit, text } } : {}));
      update(id, (r) => ({ refit: { status: 'running', text: 'fitting on all ratings' }, refitError: null, curve: r.curve }));
      const events: TrainEvents = proxy({
        onStatus: (text: string) => live(`fitting on all ratings: ${text}`),
        onProgress: (p: JobProgress) => live(`fitting on all ratings: ${progressText(p)}`),
        onBatch: (b: BatchEvent) => live(`fitting on all ratings: epoch ${b.epoch}, batch ${b.batch} of ${b.batches}`),
        onEpoch: (e: EpochEvent) => live(`fitting on all ratings: epoch ${e.epoch} of ${e.epochs}`),
      });
      try {
        const outcome = await Promise.race([ensureWorker().api.fitOnAll(job.datasetId, id, events, job.signal), abandoned]);
        if (outcome === 'abandoned') throw Object.assign(new Error('stopped'), { name: 'FitStopped' });
        update(id, () => ({ refit: null, record: outcome }));
        job.resolve(outcome);
      } catch (err) {
        update(id, () => ({ refit: null, refitError: isStop(err) ? 'Fitting on all ratings was stopped.' : errorMessage(err) }));
        job.reject(err);
      }
    },
    [ensureWorker, update],
  );

  const pump = useCallback(async () => {
    if (active.current) return;
    const job = queue.current.shift();
    if (!job) return;
    const id = job.kind === 'train' ? job.req.runId : job.runId;
    const buffer = job.kind === 'train' ? job.req.signal : job.signal;
    let abandon = () => {};
    const abandoned = new Promise<'abandoned'>((resolve) => (abandon = () => resolve('abandoned')));
    const algo = job.kind === 'train' ? job.req.algo : (runsRef.current.find((r) => r.id === id)?.algo ?? '');
    active.current = { id, kind: job.kind, signal: buffer ? new Signal(buffer) : null, iterative: iterativeAlgo(algo), abandon };
    try {
      if (job.kind === 'train') await runTrain(job.req, abandoned);
      else await runFitOnAll(job, abandoned);
    } finally {
      active.current = null;
      void pump();
    }
  }, [runTrain, runFitOnAll]);

  /** Queue a run: a new one, or one listed already under `existing` (back in the queue after a reload, or run again); returns its id. */
  const enqueue = useCallback(
    (request: RunRequest, existing?: { id: string; createdAt: number }): string => {
      const signal = Signal.sharedBuffer();
      const id = existing?.id ?? newId('run');
      const createdAt = existing?.createdAt ?? Date.now();
      const req: TrainRequest = { ...request, runId: id, ...(signal ? { signal } : {}) };
      keys.current.set(id, evaluationKey({ ...req, ranking: req.ranking ?? null }));
      writer.queued(id, request, createdAt);
      const run = queuedRun(id, request, createdAt);
      // A transition like every update from the worker: the new row renders in slices.
      startTransition(() => setRuns((rs) => (rs.some((r) => r.id === id) ? rs.map((r) => (r.id === id ? run : r)) : [...rs, run])));
      queue.current.push({ kind: 'train', req });
      void pump();
      return id;
    },
    [pump, writer],
  );

  // The stored runs: finished ones, then what a reload cut short (interrupted) or left
  // waiting (queued again, in the order it was queued).
  const loaded = useRef(false);
  useEffect(() => {
    ensureWorker();
    if (!loaded.current) {
      loaded.current = true;
      writer.holdLock();
      // The sweep of models' parts left by a page that closed within an Undo window ends
      // before runs are listed, so it never takes those of a run removed in this page.
      const swept = sweepModelParts().catch(() => undefined);
      void Promise.all([listRuns(), listPending().then(orphaned), swept]).then(([stored, unfinished]) => {
        const records = stored.map(readRecord).filter((r): r is RunRecord => r !== null);
        for (const r of records) keys.current.set(r.id, evaluationKey({ ...r, ranking: rankingSettingsOf(r) }));
        const done = new Set(records.map((r) => r.id));
        const interrupted: LiveRun[] = [];
        for (const p of unfinished) {
          if (done.has(p.id)) writer.ended(p.id);
          else if (p.status !== 'queued') {
            writer.interrupted(p);
            interrupted.push(interruptedRun(p));
          }
        }
        const listed = [...records.map(fromRecord), ...interrupted].sort((a, b) => a.createdAt - b.createdAt);
        setRuns((live) => [...listed, ...live.filter((l) => !listed.some((s) => s.id === l.id))]);
        for (const p of unfinished) if (p.status === 'queued' && !done.has(p.id)) enqueue(p.request, p);
      });
    }
    return () => {
      worker.current?.terminate();
      worker.current = null;
    };
  }, [ensureWorker, enqueue, writer]);

  /**
   * Queue a run. With `references`, a ranked run brings MostPop and Random along
   * (same evaluation, filter, ranking and seed) unless the dataset already has a
   * queued, running or finished run of each evaluated and ranked the same way.
   * Returns the id of the run asked for.
   */
  const train = useCallback(
    (request: RunRequest, opts: { references?: boolean } = {}): string => {
      const id = enqueue(request);
      if (!opts.references || !request.ranking) return id;
      const known = new Set(keys.current.values());
      for (const algo of REFERENCE_RANKERS) {
        const ref: RunRequest = {
          datasetId: request.datasetId,
          algo,
          params: {},
          seed: request.seed,
          evaluation: request.evaluation,
          ...(request.filterAfterSplit ? { filterAfterSplit: request.filterAfterSplit } : {}),
          ranking: request.ranking,
        };
        if (!known.has(evaluationKey(ref))) enqueue(ref);
      }
      return id;
    },
    [enqueue],
  );

  const restartWorker = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    setBackend({ state: 'probing' });
    ensureWorker();
  }, [ensureWorker]);

  /** Time every backend again ('auto'), in a new idle worker, and keep that measurement instead. */
  const measureAgain = useCallback(() => {
    if (active.current) return;
    forgetMeasurement();
    restartWorker();
  }, [restartWorker]);

  /** Choosing another backend restarts the idle worker on it (it is disabled while a run trains). */
  const setPreference = useCallback(
    (p: BackendPreference) => {
      if (active.current) return;
      localStorage.setItem(BACKEND_KEY, p);
      preferenceRef.current = p;
      setPreferenceState(p);
      restartWorker();
    },
    [restartWorker],
  );

  const stop = useCallback(
    (id: string) => {
      const now = active.current;
      if (now?.id === id) {
        if (now.signal) {
          // The worker sees the flag between epochs, users or batches; an iterative model
          // keeps its last complete epoch and is scored, anything else ends as stopped.
          now.signal.stop();
          if (now.kind === 'train') update(id, () => ({ status: 'running', statusText: 'stopping…' }));
          else update(id, (r) => (r.refit ? { refit: { ...r.refit, status: 'running', text: 'stopping…' } } : {}));
        } else if (now.iterative) {
          void worker.current?.api.control('stop');
          update(id, () => ({ statusText: 'stopping after this epoch or batch' }));
        } else {
          // No shared memory and a model that reads no message mid-fit: end the worker.
          now.abandon();
          restartWorker();
        }
        return;
      }
      const queued = queue.current.find((j) => (j.kind === 'train' ? j.req.runId : j.runId) === id);
      queue.current = queue.current.filter((j) => j !== queued);
      if (queued?.kind === 'fitOnAll') {
        update(id, () => ({ refit: null }));
        queued.reject(Object.assign(new Error('removed from the queue'), { name: 'FitStopped' }));
      } else {
        keys.current.delete(id);
        writer.ended(id);
        update(id, () => ({ status: 'stopped', statusText: 'removed from the queue' }));
      }
    },
    [restartWorker, update, writer],
  );

  /**
   * Swap a queued run with the queued run before (-1) or after (+1) it: in the queue,
   * in the list, and in storage (their queue times trade places, so a reload keeps the order).
   */
  const moveQueued = useCallback(
    (id: string, by: -1 | 1) => {
      const jobs = queue.current;
      const at = jobs.findIndex((j) => j.kind === 'train' && j.req.runId === id);
      let to = at + by;
      while (to >= 0 && to < jobs.length && jobs[to].kind !== 'train') to += by;
      if (at < 0 || to < 0 || to >= jobs.length) return;
      const other = jobs[to] as Extract<Job, { kind: 'train' }>;
      [jobs[at], jobs[to]] = [jobs[to], jobs[at]];
      const mine = runsRef.current.find((r) => r.id === id);
      const theirs = runsRef.current.find((r) => r.id === other.req.runId);
      if (!mine || !theirs) return;
      writer.requeue(mine.id, theirs.createdAt);
      writer.requeue(theirs.id, mine.createdAt);
      // A function of the latest list: an update from the worker may not have rendered yet.
      setRuns((rs) => rs.map((r) => (r.id === mine.id ? { ...theirs, createdAt: mine.createdAt } : r.id === theirs.id ? { ...mine, createdAt: theirs.createdAt } : r)));
    },
    [writer],
  );

  /** Pause or resume the run in the worker (any model with shared memory; otherwise those that read messages). */
  const pause = useCallback(
    (id: string, paused: boolean) => {
      const now = active.current;
      if (now?.id !== id) return;
      if (now.signal) now.signal.pause(paused);
      else if (now.iterative) void worker.current?.api.control(paused ? 'pause' : 'resume');
      else return;
      if (now.kind === 'train') update(id, () => ({ status: paused ? 'paused' : 'running' }));
      else update(id, (r) => (r.refit ? { refit: { ...r.refit, status: paused ? 'paused' : 'running' } } : {}));
    },
    [update],
  );

  /** Whether a running run can pause here: always with shared memory, else only models that read messages. */
  const canPause = useCallback((run: LiveRun) => Signal.sharedBuffer() !== undefined || iterativeAlgo(run.algo), []);

  /**
   * Delete a run that is not training (finished, failed, stopped or interrupted) with
   * its model and details; what was deleted is held until the next removal, for Undo.
   */
  const remove = useCallback(
    async (id: string) => {
      const index = runsRef.current.findIndex((r) => r.id === id);
      if (index < 0) return;
      const run = runsRef.current[index];
      const label = runLabel(run, runsRef.current.filter((r) => r.datasetId === run.datasetId).indexOf(run));
      const stored = await deleteRun(id);
      writer.forget(id);
      keys.current.delete(id);
      setRuns((rs) => rs.filter((r) => r.id !== id));
      endRemoved({ run, index, label, stored });
    },
    [writer, endRemoved],
  );

  /** Put the last removed run back where it was listed, in storage and on screen. */
  const undoRemove = useCallback(async () => {
    const undone = removedRef.current;
    if (!undone) return;
    showRemoved(null);
    const record = await restoreRun(undone.stored);
    // Its record as stored again: without its model when its parts went meanwhile.
    const run = record && undone.run.record ? { ...undone.run, record } : undone.run;
    const { index } = undone;
    if (run.record) keys.current.set(run.id, evaluationKey({ ...run.record, ranking: rankingSettingsOf(run.record) }));
    if (undone.stored.pending) writer.interrupted(undone.stored.pending);
    setRuns((rs) => [...rs.slice(0, index), run, ...rs.slice(index)]);
  }, [showRemoved, writer]);

  const dismissRemoved = useCallback(() => endRemoved(null), [endRemoved]);

  /** An interrupted run back into the queue, under its own id and place in the list. */
  const rerun = useCallback((run: LiveRun) => enqueue(requestOfRun(run), run), [enqueue]);

  /** Save a run's model files through the browser's download. */
  const download = useCallback(
    async (record: RunRecord) => {
      const files = await ensureWorker().api.exportModel(record.id, `reclab-${record.algo}-${record.id}`);
      for (const f of files) downloadBlob(f.blob, f.name);
    },
    [ensureWorker],
  );

  /** The same request again, as a new run. */
  const retry = useCallback((run: LiveRun) => train(requestOfRun(run)), [train]);

  /** A plain run with exactly `params` (a search candidate's), on the same data, evaluation, ranking and seed; the search may still run. */
  const trainWith = useCallback(
    (run: LiveRun, params: FlatParams) => {
      const { search: _search, ...request } = requestOfRun(run);
      train({ ...request, params });
    },
    [train],
  );

  /**
   * Fit a finished run's algorithm (params, seed) on every rating and keep that model
   * for it, after whatever is queued; resolves with the updated record.
   */
  const fitOnAll = useCallback(
    (run: RunRecord): Promise<RunRecord> => {
      const pending = queue.current.find((j) => j.kind === 'fitOnAll' && j.runId === run.id);
      if (pending || active.current?.id === run.id) return Promise.reject(new Error('That run is already being fitted.'));
      return new Promise<RunRecord>((resolve, reject) => {
        const signal = Signal.sharedBuffer();
        update(run.id, () => ({ refit: { status: 'queued', text: 'queued to fit on all ratings' }, refitError: null }));
        queue.current.push({ kind: 'fitOnAll', runId: run.id, datasetId: run.datasetId, ...(signal ? { signal } : {}), resolve, reject });
        void pump();
      });
    },
    [pump, update],
  );

  /** Save a run's per-user values (rating errors, ranking metrics) as CSV through the browser's download. */
  const downloadPerUser = useCallback(
    async (record: RunRecord) => {
      try {
        const blob = await ensureWorker().api.perUserCsv(record.datasetId, record.id);
        update(record.id, () => ({ csvError: null }));
        downloadBlob(blob, `reclab-${record.algo}-${record.id}-per-user.csv`);
      } catch (err) {
        update(record.id, () => ({ csvError: errorMessage(err) }));
      }
    },
    [ensureWorker, update],
  );

  /** Two runs user by user on one metric, in the worker. */
  const drillDown = useCallback((datasetId: string, runA: string, runB: string, metric: string): Promise<DrillDown> => ensureWorker().api.drillDown(datasetId, runA, runB, metric), [ensureWorker]);

  /** Runs on the reference run's split and protocol paired with it user by user, and how full and sampled agree (in the worker). */
  const compare = useCallback((datasetId: string, referenceId: string): Promise<RunComparisons> => ensureWorker().api.compare(datasetId, referenceId), [ensureWorker]);

  const recommend = useCallback(
    (datasetId: string, runId: string, who: string | null, n: number, options?: RecommendOptions): Promise<Recommendations> =>
      ensureWorker().api.recommend(datasetId, runId, who, n, options),
    [ensureWorker],
  );

  /** A visitor's lists from their ratings so far: fold-in in the worker, or popularity, or a refit (see TrainApi.visit). */
  const visit = useCallback(
    (datasetId: string, runId: string, ratings: [string, number][], n: number, options?: RecommendOptions): Promise<VisitorRecommendations> =>
      ensureWorker().api.visit(datasetId, runId, ratings, n, options),
    [ensureWorker],
  );

  /** Finished runs another worker stored (a Dask job's, on import), listed beside the rest. */
  const adopt = useCallback((records: RunRecord[]) => {
    for (const r of records) keys.current.set(r.id, evaluationKey({ ...r, ranking: rankingSettingsOf(r) }));
    setRuns((live) => [...live, ...records.filter((r) => !live.some((l) => l.id === r.id)).map(fromRecord)]);
  }, []);

  const busy = runs.some((r) => r.status === 'running' || r.status === 'paused' || r.status === 'queued' || r.refit !== null);
  /** The dataset whose table the training worker reads ahead and keeps (null: none). */
  const keepTable = useCallback(
    (datasetId: string | null): void => {
      // Only a head start: a run reads its table itself when this failed.
      Promise.resolve(ensureWorker().api.keepTable(datasetId)).catch(() => undefined);
    },
    [ensureWorker],
  );
  return {
    keepTable,
    runs,
    backend,
    workerStarts,
    preference,
    setPreference,
    measureAgain,
    busy,
    train,
    stop,
    pause,
    moveQueued,
    canPause,
    retry,
    trainWith,
    remove,
    removed: removed && { id: removed.run.id, label: removed.label, datasetId: removed.run.datasetId },
    undoRemove,
    dismissRemoved,
    rerun,
    download,
    downloadPerUser,
    compare,
    drillDown,
    fitOnAll,
    recommend,
    visit,
    adopt,
  };
}

export type Trainer = ReturnType<typeof useTrainer>;
