import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../storage/runs.ts';
import { epochFraction, expectedSeconds, progressFraction, queueSlots, secondsLeft } from './queueEta.ts';
import { queuedRun, type LiveRun } from './useTrainer.ts';

function run(id: string, status: LiveRun['status'], extra: Partial<LiveRun> = {}): LiveRun {
  const listed = queuedRun(id, { datasetId: 'd', algo: 'SVD', params: { n_factors: 10 }, seed: 0, evaluation: { kind: 'last' } }, 0);
  return { ...listed, status, statusText: status, ...extra };
}

const record = (fit: number, test: number) => ({ fitSeconds: fit, testSeconds: test }) as RunRecord;

describe('queue estimates', () => {
  it('nests candidate, fold and epoch into one share done', () => {
    expect(progressFraction({ phase: 'fit', epoch: 3, epochs: 4 })).toBe(0.5);
    expect(progressFraction({ phase: 'test', fold: 2, folds: 4 })).toBe(0.5);
    expect(progressFraction({ phase: 'fit', combination: 2, combinations: 2, fold: 1, folds: 2 })).toBe(0.5);
    expect(progressFraction({ phase: 'fit' })).toBe(0);
  });

  it('counts the batches of the epoch under way, not those of an older one', () => {
    expect(epochFraction(1, 4, { epoch: 2, batch: 5, batches: 10, loss: 0, samplesPerSec: 0 })).toBe(0.375);
    expect(epochFraction(2, 4, { epoch: 2, batch: 10, batches: 10, loss: 0, samplesPerSec: 0 })).toBe(0.5);
  });

  it('extrapolates the time left, and says nothing before 2% is done', () => {
    expect(secondsLeft(0, 0.25, 10_000)).toBe(30);
    expect(secondsLeft(0, 0.01, 10_000)).toBeNull();
    expect(secondsLeft(0, null, 10_000)).toBeNull();
  });

  it('takes a queued run’s length from the last finished run of the same request', () => {
    const done = [run('a', 'done', { record: record(4, 1) }), run('b', 'done', { record: record(8, 2) }), run('c', 'done', { params: { n_factors: 20 }, record: record(99, 0) })];
    expect(expectedSeconds(run('q', 'queued'), done)).toBe(10);
    expect(expectedSeconds(run('q', 'queued', { algo: 'NMF' }), done)).toBeNull();
  });

  it('places each queued run and adds up what is ahead of it, until an estimate is missing', () => {
    const runs = [
      run('done', 'done', { record: record(5, 0) }),
      run('now', 'running', { startedAt: 0, fraction: 0.5 }),
      run('q1', 'queued'),
      run('q2', 'queued', { algo: 'NMF' }),
      run('q3', 'queued'),
    ];
    const slots = queueSlots(runs, 20_000);
    expect(slots.get('q1')).toEqual({ position: 1, startsIn: 20 });
    expect(slots.get('q2')).toEqual({ position: 2, startsIn: 25 });
    expect(slots.get('q3')).toEqual({ position: 3, startsIn: null });
    expect(slots.has('now')).toBe(false);
  });

  it('gives no start while the running run is paused', () => {
    const slots = queueSlots([run('now', 'paused', { startedAt: 0, fraction: 0.5 }), run('q1', 'queued')], 20_000);
    expect(slots.get('q1')).toEqual({ position: 1, startsIn: null });
  });
});
