/**
 * Runs queue up and train one at a time in a training worker (two cores: one trains,
 * one keeps the page responsive). Learning-curve points arrive per epoch through a
 * comlink proxy. Stop terminates the worker and starts a fresh one for the queue.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ParamValue } from '../../core/registry/index.ts';
import { newId } from '../../storage/datasets.ts';
import { deleteRun, listRuns, type CurvePoint, type RunRecord } from '../../storage/runs.ts';
import { proxy, startTrainWorker, type WorkerHandle } from '../../workers/client.ts';
import { findAlgorithm } from '../../core/registry/index.ts';
import type { BackendPreference, BackendReport, BatchEvent, EpochEvent, JobProgress, TrainApi, TrainRequest } from '../../workers/protocol.ts';
import { downloadBlob } from '../common/download.ts';
import { errorMessage } from '../common/format.ts';

/** A run as the screen shows it: the request, then live progress, then its stored record. */
export interface LiveRun extends Pick<RunRecord, 'id' | 'datasetId' | 'algo' | 'params' | 'seed' | 'evaluation'> {
  grid: Record<string, ParamValue[]> | null;
  status: 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'stopped';
  statusText: string;
  curve: CurvePoint[];
  epochs: number | null;
  last: EpochEvent | null;
  /** The latest batch report of a TensorFlow.js model. */
  batch: BatchEvent | null;
  record: RunRecord | null;
  error: string | null;
}

export { BACKEND_CHOICES };
export type BackendState = { state: 'probing' } | { state: 'ready'; report: BackendReport } | { state: 'failed'; message: string };

function fromRecord(r: RunRecord): LiveRun {
  return {
    id: r.id,
    datasetId: r.datasetId,
    algo: r.algo,
    params: r.params,
    seed: r.seed,
    evaluation: r.evaluation,
    grid: null,
    status: r.status,
    statusText: r.status,
    curve: r.curve,
    epochs: r.curve.length || null,
    last: null,
    batch: null,
    record: r,
    error: null,
  };
}

/** "fold 2 of 5 · epoch 3 of 20", for a run's status line. */
export function progressText(p: JobProgress): string {
  const parts: string[] = [];
  if (p.combinations) parts.push(`combination ${p.combination} of ${p.combinations}`);
  if (p.folds) parts.push(`fold ${p.fold} of ${p.folds}`);
  if (p.epochs) parts.push(`epoch ${p.epoch} of ${p.epochs}`);
  parts.push(p.phase === 'fit' ? 'fitting' : 'testing');
  return parts.join(' · ');
}

const BACKEND_KEY = 'reclab.backend';
const BACKEND_CHOICES: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function storedPreference(): BackendPreference {
  const v = localStorage.getItem(BACKEND_KEY) as BackendPreference | null;
  return v && BACKEND_CHOICES.includes(v) ? v : 'auto';
}

export function useTrainer() {
  const [runs, setRuns] = useState<LiveRun[]>([]);
  const [backend, setBackend] = useState<BackendState>({ state: 'probing' });
  const [preference, setPreferenceState] = useState<BackendPreference>(storedPreference);
  const preferenceRef = useRef(preference);
  const worker = useRef<WorkerHandle<TrainApi> | null>(null);
  const queue = useRef<TrainRequest[]>([]);
  /** The run in the worker now; `stop` abandons its promise (used when the worker is terminated). */
  const active = useRef<{ id: string; tfjs: boolean; stop: () => void } | null>(null);

  // Updates from a training worker render as transitions: React time-slices them, so
  // redrawing curves never blocks input on the main thread.
  const update = useCallback((id: string, patch: (r: LiveRun) => Partial<LiveRun>) => {
    startTransition(() => setRuns((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch(r) } : r))));
  }, []);

  const ensureWorker = useCallback((): WorkerHandle<TrainApi> => {
    if (!worker.current) {
      const w = startTrainWorker();
      worker.current = w;
      w.api.backend(preferenceRef.current).then(
        (report) => worker.current === w && setBackend({ state: 'ready', report }),
        (err) => worker.current === w && setBackend({ state: 'failed', message: errorMessage(err) }),
      );
    }
    return worker.current;
  }, []);

  const pump = useCallback(async () => {
    if (active.current) return;
    const req = queue.current.shift();
    if (!req) return;
    const id = req.runId;
    let stop = () => {};
    const stopped = new Promise<'stopped'>((resolve) => (stop = () => resolve('stopped')));
    active.current = { id, tfjs: findAlgorithm(req.algo).engine === 'tfjs', stop };
    update(id, () => ({ status: 'running', statusText: 'starting' }));
    // Events come over their own MessagePort, so one can arrive after the run's result:
    // a finished run ignores them (its stored record is the truth).
    const live = (patch: (r: LiveRun) => Partial<LiveRun>) =>
      update(id, (r) => (r.status === 'running' || r.status === 'paused' ? patch(r) : {}));
    const events = proxy({
      onStatus: (text: string) => live(() => ({ statusText: text })),
      onProgress: (p: JobProgress) => live(() => ({ statusText: progressText(p) })),
      onBatch: (b: BatchEvent) => live(() => ({ batch: b })),
      onEpoch: (e: EpochEvent) =>
        live((r) => ({
          curve: [...r.curve, { epoch: e.epoch, trainRmse: e.trainRmse, valRmse: e.valRmse }],
          epochs: e.epochs,
          last: e,
          statusText: `epoch ${e.epoch} of ${e.epochs}`,
        })),
    });
    try {
      const outcome = await Promise.race([ensureWorker().api.train(req, events), stopped]);
      if (outcome === 'stopped') update(id, () => ({ status: 'stopped', statusText: 'stopped' }));
      else
        update(id, () => ({
          status: 'done',
          statusText: outcome.stoppedEarly ? `stopped after ${outcome.epochsRun} epochs; scored and saved` : 'done',
          record: outcome,
          curve: outcome.curve,
        }));
    } catch (err) {
      update(id, () => ({ status: 'failed', statusText: 'failed', error: errorMessage(err) }));
    } finally {
      active.current = null;
      void pump();
    }
  }, [ensureWorker, update]);

  useEffect(() => {
    ensureWorker();
    listRuns().then((stored) =>
      setRuns((live) => [...stored.map(fromRecord), ...live.filter((l) => !stored.some((s) => s.id === l.id))]),
    );
    return () => {
      worker.current?.terminate();
      worker.current = null;
    };
  }, [ensureWorker]);

  const train = useCallback(
    (request: Omit<TrainRequest, 'runId'>) => {
      const req: TrainRequest = { ...request, runId: newId('run') };
      const { datasetId, algo, params, seed, evaluation } = req;
      setRuns((rs) => [
        ...rs,
        { id: req.runId, datasetId, algo, params, seed, evaluation, grid: req.grid ?? null, status: 'queued', statusText: 'queued', curve: [], epochs: null, last: null, batch: null, record: null, error: null },
      ]);
      queue.current.push(req);
      void pump();
    },
    [pump],
  );

  const restartWorker = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    setBackend({ state: 'probing' });
    ensureWorker();
  }, [ensureWorker]);

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
      if (active.current?.id === id && active.current.tfjs) {
        // TensorFlow.js stops within a batch and still scores and saves what it learned.
        void worker.current?.api.control('stop');
        update(id, () => ({ statusText: 'stopping after this batch' }));
      } else if (active.current?.id === id) {
        active.current.stop();
        restartWorker();
      } else {
        queue.current = queue.current.filter((q) => q.runId !== id);
        update(id, () => ({ status: 'stopped', statusText: 'removed from the queue' }));
      }
    },
    [restartWorker, update],
  );

  const pause = useCallback(
    (id: string, paused: boolean) => {
      if (active.current?.id !== id || !active.current.tfjs) return;
      void worker.current?.api.control(paused ? 'pause' : 'resume');
      update(id, () => ({ status: paused ? 'paused' : 'running' }));
    },
    [update],
  );

  const remove = useCallback(
    async (id: string) => {
      const run = runs.find((r) => r.id === id);
      await deleteRun(id);
      if (run?.record?.modelUrl) await ensureWorker().api.removeModel(run.record.modelUrl);
      setRuns((rs) => rs.filter((r) => r.id !== id));
    },
    [runs, ensureWorker],
  );

  /** Save a trained TensorFlow.js model's files through the browser's download. */
  const download = useCallback(
    async (record: RunRecord) => {
      if (!record.modelUrl) return;
      const base = `reclab-${record.algo}-${record.id}`;
      const files = await ensureWorker().api.exportModel(record.modelUrl, base);
      downloadBlob(files.modelJson, `${base}.json`);
      downloadBlob(files.weights, `${base}.weights.bin`);
    },
    [ensureWorker],
  );

  const retry = useCallback(
    (run: LiveRun) => {
      train({ datasetId: run.datasetId, algo: run.algo, params: run.params, seed: run.seed, evaluation: run.evaluation, ...(run.grid ? { grid: run.grid } : {}) });
    },
    [train],
  );

  const recommend = useCallback(
    (datasetId: string, runId: string, who: string | null | [string, number][], n: number) => ensureWorker().api.recommend(datasetId, runId, who, n),
    [ensureWorker],
  );

  const busy = runs.some((r) => r.status === 'running' || r.status === 'paused' || r.status === 'queued');
  return { runs, backend, preference, setPreference, busy, train, stop, pause, retry, remove, download, recommend };
}
