import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { listPending } from '../../storage/pending.ts';
import { PendingWriter } from './pendingWriter.ts';

const request = { datasetId: 'd', algo: 'BiasMF', params: { epochs: 5 }, seed: 0, evaluation: { kind: 'last' as const } };
const point = (epoch: number) => ({ epoch, trainRmse: 1 / epoch, valRmse: 1.1 / epoch });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('the pending-run writer', () => {
  it('keeps a queued run, then the running one with every epoch so far, in order', async () => {
    const w = new PendingWriter();
    w.queued('a', request, 1);
    w.queued('b', request, 2);
    await w.settled();
    expect((await listPending()).map((p) => [p.id, p.status])).toEqual([
      ['a', 'queued'],
      ['b', 'queued'],
    ]);
    w.started('a');
    // Epochs faster than the writes: folded together, the last state wins.
    for (let e = 1; e <= 4; e++) w.epoch('a', point(e), 5, 'holdout');
    await w.settled();
    const [a] = await listPending();
    expect(a.status).toBe('running');
    expect(a.curve.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
    expect(a.epochs).toBe(5);
    expect(a.validation).toBe('holdout');
  });

  it('drops an ended run, even with a write of it still under way', async () => {
    const w = new PendingWriter();
    w.queued('a', request, 1);
    w.started('a');
    w.epoch('a', point(1), 5, 'test');
    w.ended('a');
    await w.settled();
    expect(await listPending()).toEqual([]);
    // Nothing more is written for it.
    w.epoch('a', point(2), 5, 'test');
    await w.settled();
    expect(await listPending()).toEqual([]);
  });

  it('marks a run a reload cut short as interrupted, with its curve', async () => {
    const w = new PendingWriter();
    w.interrupted({ id: 'a', request, status: 'running', curve: [point(1), point(2)], epochs: 5, createdAt: 1 });
    await w.settled();
    const [a] = await listPending();
    expect([a.status, a.curve.length]).toEqual(['interrupted', 2]);
  });
});
