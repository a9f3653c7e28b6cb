/**
 * How long the queue has left: the running run's remaining time from its share done
 * so far, and each queued run's start from the estimates of what is ahead of it. A
 * queued run's own length is guessed from the last finished run of the same request
 * shape (algorithm, parameters, evaluation) on the same dataset; without one the
 * queue says where a run stands, not when it starts.
 */
import type { BatchEvent, JobProgress } from '../../workers/protocol.ts';
import type { LiveRun } from './useTrainer.ts';

/** The share of a job done, 0..1, from the worker's progress report (candidate, fold, epoch nest in that order). */
export function progressFraction(p: JobProgress): number {
  let f = p.phase === 'test' ? 1 : p.epochs && p.epoch ? (p.epoch - 1) / p.epochs : 0;
  if (p.folds && p.fold) f = (p.fold - 1 + f) / p.folds;
  if (p.combinations && p.combination) f = (p.combination - 1 + f) / p.combinations;
  return Math.min(1, Math.max(0, f));
}

/** The share of a plain run's epochs done, batches of the epoch under way included. */
export function epochFraction(epochsDone: number, epochs: number, batch: BatchEvent | null): number {
  const partial = batch && batch.epoch === epochsDone + 1 ? batch.batch / batch.batches : 0;
  return Math.min(1, (epochsDone + partial) / epochs);
}

/** Seconds left of a running run, or null until enough of it has run to tell. */
export function secondsLeft(startedAt: number, fraction: number | null, now: number): number | null {
  if (fraction === null || fraction < 0.02) return null;
  const elapsed = (now - startedAt) / 1000;
  return (elapsed * (1 - fraction)) / fraction;
}

type Shape = Pick<LiveRun, 'datasetId' | 'algo' | 'params' | 'evaluation' | 'search' | 'ranking'>;

function shapeKey(r: Shape): string {
  return JSON.stringify([r.datasetId, r.algo, r.params, r.evaluation, r.search ?? null, r.ranking ?? null]);
}

/** Seconds the last finished run of this shape took to fit and score, or null when none has. */
export function expectedSeconds(run: Shape, finished: readonly LiveRun[]): number | null {
  const key = shapeKey(run);
  for (let i = finished.length - 1; i >= 0; i--) {
    const rec = finished[i].record;
    if (rec && !rec.engine && shapeKey(finished[i]) === key) return rec.fitSeconds + rec.testSeconds;
  }
  return null;
}

export interface QueueSlot {
  /** 1 for the next to start. */
  position: number;
  /** Seconds until it starts, when every run ahead of it has an estimate. */
  startsIn: number | null;
}

/** Each queued run's place and expected start, in queue order (the order of `runs`). */
export function queueSlots(runs: readonly LiveRun[], now: number): Map<string, QueueSlot> {
  const finished = runs.filter((r) => r.status === 'done');
  const running = runs.find((r) => r.status === 'running' || r.status === 'paused');
  // Nothing ahead when nothing runs; no estimate while the running run is paused or has not told enough.
  let ahead = !running ? 0 : running.status === 'running' && running.startedAt !== null ? secondsLeft(running.startedAt, running.fraction, now) : null;
  const slots = new Map<string, QueueSlot>();
  let position = 0;
  for (const r of runs) {
    if (r.status !== 'queued') continue;
    slots.set(r.id, { position: ++position, startsIn: ahead });
    const own = expectedSeconds(r, finished);
    ahead = ahead === null || own === null ? null : ahead + own;
  }
  return slots;
}
