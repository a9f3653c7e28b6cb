import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../storage/runs.ts';
import { announcement } from './RunAnnouncer.tsx';
import type { LiveRun } from './useTrainer.ts';

const run = (over: Partial<LiveRun>): LiveRun => ({ status: 'running', statusText: '', curve: [], epochs: 20, record: null, error: null, ...over }) as LiveRun;
const points = (n: number) => Array.from({ length: n }, (_, k) => ({ epoch: k + 1, trainRmse: 1, valRmse: 1 }));

describe('run announcements', () => {
  it('says when a run starts, passes each quarter of its epochs, and ends', () => {
    expect(announcement('SVD #1', { status: 'queued', quarter: 0 }, run({}))).toBe('SVD #1 started');
    expect(announcement('SVD #1', { status: 'running', quarter: 0 }, run({ curve: points(4) }))).toBeNull();
    expect(announcement('SVD #1', { status: 'running', quarter: 0 }, run({ curve: points(5) }))).toBe('SVD #1: 25% (epoch 5 of 20)');
    expect(announcement('SVD #1', { status: 'running', quarter: 3 }, run({ curve: points(20) }))).toBeNull();
    const record = { rmse: 0.91234 } as RunRecord;
    expect(announcement('SVD #1', { status: 'running', quarter: 3 }, run({ status: 'done', record }))).toBe('SVD #1 done: test RMSE 0.9123');
    expect(announcement('SVD #1', { status: 'running', quarter: 0 }, run({ status: 'failed', error: 'out of memory' }))).toBe('SVD #1 failed: out of memory');
  });

  it('says nothing of runs that were already finished when the page loaded', () => {
    expect(announcement('SVD #1', null, run({ status: 'done', record: { rmse: 1 } as RunRecord }))).toBeNull();
    expect(announcement('SVD #1', null, run({ status: 'queued' }))).toBeNull();
  });
});
