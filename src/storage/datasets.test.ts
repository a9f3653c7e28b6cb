import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RatingsTable } from '../core/ratings.ts';
import { tableCounts } from '../core/ratings.ts';
import { DB_NAME, DB_VERSION, describeStorageError, openLabDB } from './db.ts';
import {
  deleteDataset,
  listDatasets,
  loadTable,
  renameDataset,
  saveDataset,
  type DatasetRecord,
} from './datasets.ts';
import { alignMetadata, carryMetadata, loadItemMetadata, metadataSummary, saveItemMetadata } from './items.ts';
import { loadRunDetails, type RunDetails } from './details.ts';
import { dropModelParts, listModels, loadModelRecord, sweepModelParts, type ModelRecord } from './models.ts';
import { deleteRun, listRuns, restoreRun, saveRun, type RunRecord } from './runs.ts';
import { listPending, putPending, type PendingRun } from './pending.ts';

const table: RatingsTable = {
  user: Int32Array.from([0, 1, 0]),
  item: Int32Array.from([0, 0, 1]),
  rating: Float32Array.from([5, 3, 1]),
  time: Float64Array.from([1, 2, NaN]),
  verified: Uint8Array.from([1, 0, 1]),
  userIds: ['007', 'b'],
  itemIds: ['x', 'y'],
};

function record(id: string, name = id): DatasetRecord {
  return {
    id,
    name,
    createdAt: Date.now(),
    source: { fileName: 'f.csv', bytes: 10, sha256: 'ab', format: 'csv' },
    counts: tableCounts(table),
    importReport: { rowsRead: 3, badRows: 0, badExamples: [], duplicates: 0, seconds: 0.1 },
    recipe: null,
    hasVerified: true,
  };
}

/** A model of a run: a TypeScript one that refits on load, or, given weights, one shaped as a tfjs model saves. */
function model(id: string, datasetId: string, weightData?: ArrayBuffer): ModelRecord {
  const train = Int32Array.from([0, 1, 2]);
  const payload = weightData ? { weightSpecs: [{ name: 'w', shape: [weightData.byteLength / 4], dtype: 'float32' }], weightData } : null;
  return {
    id,
    datasetId,
    createdAt: 1,
    saved: { algo: 'SVD', engine: weightData ? 'tfjs' : 'core', params: {}, seed: 0, scale: { min: 1, max: 5 }, train, info: { backend: 'js' }, payload, bytes: train.byteLength + (weightData?.byteLength ?? 0) },
  };
}

const weights = (n: number) => Float32Array.from({ length: n }, (_, k) => k / 3 - 1).buffer;

/** Whether `v` holds an ArrayBuffer or a typed array anywhere. */
function holdsBuffer(v: unknown): boolean {
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return true;
  return !!v && typeof v === 'object' && Object.values(v).some(holdsBuffer);
}

async function keysOf<S extends 'models' | 'modelParts' | 'runs'>(store: S) {
  const db = await openLabDB();
  try {
    return await db.getAllKeys(store);
  } finally {
    db.close();
  }
}

/** Run `write`, aborting its transaction as it puts its `k`th model part: what a reload does to a write in flight (see below). */
async function abortingAtPart(k: number, write: () => Promise<void>): Promise<number> {
  const put = IDBObjectStore.prototype.put;
  let parts = 0;
  const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
    if (this.name === 'modelParts' && ++parts === k) this.transaction.abort();
    return put.apply(this, args);
  });
  try {
    await expect(write()).rejects.toThrow();
  } finally {
    spy.mockRestore();
  }
  return parts;
}

function details(id: string, datasetId: string): RunDetails {
  return { id, datasetId, ratings: { user: Int32Array.from([0]), rmse: Float64Array.from([0.5]), mae: Float64Array.from([0.5]) } };
}

function pending(id: string, datasetId: string): PendingRun {
  const request = { datasetId, algo: 'SVD', params: { n_factors: 10 }, seed: 0, evaluation: { kind: 'random' as const, testFraction: 0.2, seed: 0 } };
  return { id, request, status: 'queued', curve: [], epochs: null, createdAt: 1 };
}

function run(id: string, datasetId: string): RunRecord {
  return {
    id,
    datasetId,
    algo: 'SVD',
    params: { n_factors: 10 },
    seed: 0,
    evaluation: { kind: 'random', testFraction: 0.2, seed: 0 },
    status: 'done',
    backend: 'js',
    curve: [{ epoch: 1, trainRmse: 1, valRmse: 1.1 }],
    rmse: 1.1,
    mae: 0.9,
    mse: 1.21,
    fcp: 0.5,
    pearson: 0.5,
    fitSeconds: 0.1,
    testSeconds: 0.01,
    impossible: 0,
    createdAt: Date.now(),
  };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('dataset storage', () => {
  it('creates every store at the current version', async () => {
    const db = await openLabDB();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['datasets', 'details', 'items', 'modelParts', 'models', 'parts', 'pending', 'runs', 'tables']);
    db.close();
  });

  it('round-trips a dataset and its columns, ids as strings', async () => {
    await saveDataset(record('d1', 'Sample'), table);
    const list = await listDatasets();
    expect(list.map((d) => d.name)).toEqual(['Sample']);
    const t = await loadTable('d1');
    expect(t.userIds).toEqual(['007', 'b']);
    expect(Array.from(t.rating)).toEqual([5, 3, 1]);
    expect(Number.isNaN(t.time[2])).toBe(true);
    expect(Array.from(t.verified!)).toEqual([1, 0, 1]);
  });

  it('leaves no half dataset when the save fails, and keeps existing ones', async () => {
    await saveDataset(record('d1', 'First'), table);
    // Same id again: the table write fails, so the record write must roll back too.
    await expect(saveDataset(record('d1', 'Second'), table)).rejects.toThrow(/Could not save dataset "Second"/);
    const list = await listDatasets();
    expect(list.map((d) => d.name)).toEqual(['First']);
    expect((await loadTable('d1')).rating.length).toBe(3);
  });

  it('leaves no partial dataset when the page goes away mid-write, and keeps existing ones', async () => {
    await saveDataset(record('d1', 'First'), table);
    // 300k users: the table takes three parts (rows, then two of user ids), so the write can stop between them.
    const users = 300_000;
    const big: RatingsTable = {
      user: Int32Array.from({ length: users }, (_, k) => k),
      item: new Int32Array(users),
      rating: new Float32Array(users).fill(4),
      time: new Float64Array(users),
      verified: null,
      userIds: Array.from({ length: users }, (_, k) => `u${k}`),
      itemIds: ['x'],
    };
    // What a reload does to a write in flight: the page's connections close by force,
    // which aborts their transactions (IndexedDB 3.0, "close a database connection";
    // fake-indexeddb's forceCloseDatabase waits for them instead, so abort it here).
    // Here, as the second part is about to be written.
    const add = IDBObjectStore.prototype.add;
    let parts = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
      if (this.name === 'parts' && ++parts === 2) this.transaction.abort();
      return add.apply(this, args);
    });
    try {
      await expect(saveDataset(record('d2', 'Big'), big)).rejects.toThrow();
    } finally {
      spy.mockRestore();
    }
    expect(parts).toBe(2);
    expect((await listDatasets()).map((d) => d.id)).toEqual(['d1']);
    await expect(loadTable('d2')).rejects.toThrow(/no stored ratings/);
    const db = await openLabDB();
    expect(await db.getAllKeys('parts')).toEqual((await db.getAllKeys('parts')).filter(([id]) => id === 'd1'));
    expect(await db.getAllKeys('tables')).toEqual(['d1']);
    db.close();
    expect((await loadTable('d1')).rating).toEqual(table.rating);
    // The same save, uninterrupted, then works and reads back whole.
    await saveDataset(record('d2', 'Big'), big);
    const back = await loadTable('d2');
    expect(back.userIds).toEqual(big.userIds);
    expect(back.user).toEqual(big.user);
  });

  it('renames, and refuses an empty name', async () => {
    await saveDataset(record('d1'), table);
    await renameDataset('d1', '  Beauty 5-core ');
    expect((await listDatasets())[0].name).toBe('Beauty 5-core');
    await expect(renameDataset('d1', '  ')).rejects.toThrow(/empty/);
  });

  it('deletes a dataset with its table, runs (finished and pending) and models only', async () => {
    await saveDataset(record('d1'), table);
    await saveDataset(record('d2'), table);
    await saveRun(run('r1', 'd1'), model('r1', 'd1', weights(8)), details('r1', 'd1'));
    await saveRun(run('r2', 'd2'), model('r2', 'd2'), details('r2', 'd2'));
    await putPending(pending('p1', 'd1'));
    await putPending(pending('p2', 'd2'));
    expect((await listModels()).map((m) => [m.id, m.bytes])).toEqual([
      ['r1', 44],
      ['r2', 12],
    ]);
    expect(await keysOf('modelParts')).toEqual([
      ['r1', 0],
      ['r1', 1],
      ['r2', 0],
    ]);
    await deleteDataset('d1');
    expect(await keysOf('modelParts')).toEqual([['r2', 0]]);
    expect((await listDatasets()).map((d) => d.id)).toEqual(['d2']);
    await expect(loadTable('d1')).rejects.toThrow(/no stored ratings/);
    const db = await openLabDB();
    expect(new Set((await db.getAllKeys('parts')).map(([id]) => id))).toEqual(new Set(['d2']));
    db.close();
    expect((await listRuns()).map((r) => r.id)).toEqual(['r2']);
    expect((await listRuns('d2')).length).toBe(1);
    expect((await listModels()).map((m) => m.id)).toEqual(['r2']);
    expect(await loadModelRecord('r1')).toBeUndefined();
    expect((await loadModelRecord('r2'))?.saved.train).toEqual(Int32Array.from([0, 1, 2]));
    expect(await loadRunDetails('r1')).toBeUndefined();
    expect((await loadRunDetails('r2'))?.ratings.rmse).toEqual(Float64Array.from([0.5]));
    expect((await listPending()).map((p) => p.id)).toEqual(['p2']);
  });

  it('deletes a run with its details and model head, keeping the parts; Undo puts it back bit for bit, with no buffer held', async () => {
    const saved = model('r1', 'd1', weights(8));
    const r1 = run('r1', 'd1');
    await saveRun(r1, saved, details('r1', 'd1'));
    await saveRun(run('r2', 'd1'), model('r2', 'd1'));
    const removed = await deleteRun('r1');
    expect(holdsBuffer(removed.model)).toBe(false);
    expect(await listRuns()).toEqual([expect.objectContaining({ id: 'r2' })]);
    expect((await listModels()).map((m) => m.id)).toEqual(['r2']);
    expect(await loadModelRecord('r1')).toBeUndefined();
    expect(await keysOf('modelParts')).toEqual([
      ['r1', 0],
      ['r1', 1],
      ['r2', 0],
    ]);
    expect(await loadRunDetails('r1')).toBeUndefined();
    expect(await restoreRun(removed)).toEqual(r1);
    expect((await listRuns()).map((r) => r.id)).toEqual(['r1', 'r2']);
    const back = await loadModelRecord('r1');
    expect(back).toEqual(saved);
    expect(new Uint8Array((back!.saved.payload as { weightData: ArrayBuffer }).weightData)).toEqual(new Uint8Array(weights(8)));
    expect((await loadRunDetails('r1'))?.ratings.rmse).toEqual(Float64Array.from([0.5]));
    // The window closing late (after the Undo) drops nothing.
    await dropModelParts('r1');
    expect(await loadModelRecord('r1')).toEqual(saved);
    expect(await keysOf('modelParts')).toHaveLength(3);
  });

  it("drops a deleted run's model parts when its Undo window closes, and only its", async () => {
    await saveRun(run('r1', 'd1'), model('r1', 'd1', weights(8)));
    await saveRun(run('r2', 'd1'), model('r2', 'd1', weights(8)));
    await deleteRun('r1');
    await dropModelParts('r1');
    await dropModelParts('r2');
    expect(await keysOf('modelParts')).toEqual([
      ['r2', 0],
      ['r2', 1],
    ]);
    expect(await keysOf('models')).toEqual(['r2']);
  });

  it('sweeps the parts of runs deleted before a reload, reading keys only, and leaves live models alone', async () => {
    for (const id of ['a', 'b', 'c']) await saveRun(run(id, 'd1'), model(id, 'd1', weights(8)));
    await deleteRun('a');
    await deleteRun('c');
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const get = vi.spyOn(IDBObjectStore.prototype, 'get');
    try {
      expect(await sweepModelParts()).toEqual(['a', 'c']);
      expect(getAll).not.toHaveBeenCalled();
      expect(get).not.toHaveBeenCalled();
    } finally {
      getAll.mockRestore();
      get.mockRestore();
    }
    expect(await keysOf('modelParts')).toEqual([
      ['b', 0],
      ['b', 1],
    ]);
    expect((await loadModelRecord('b'))?.saved.train).toEqual(Int32Array.from([0, 1, 2]));
    expect(await sweepModelParts()).toEqual([]);
  });

  it("deletes a dataset's models' parts, those its deleted runs left included; an Undo after that puts the run back without its model", async () => {
    await saveRun(run('r1', 'd1'), model('r1', 'd1', weights(8)));
    await saveRun(run('r2', 'd1'), model('r2', 'd1', weights(8)));
    await saveRun(run('r3', 'd2'), model('r3', 'd2', weights(8)));
    const r4: RunRecord = { ...run('r4', 'd2'), model: { bytes: 44, fittedOn: 'train' } };
    await saveRun(r4, model('r4', 'd2', weights(8)));
    await deleteRun('r1');
    // A run of another dataset within its Undo window: its parts have no head either.
    const other = await deleteRun('r4');
    await deleteDataset('d1');
    expect(await keysOf('modelParts')).toEqual([
      ['r3', 0],
      ['r3', 1],
    ]);
    const { model: _gone, ...bare } = r4;
    expect(await restoreRun(other)).toEqual(bare);
    expect((await listRuns('d2')).map((r) => [r.id, r.model])).toEqual([
      ['r3', undefined],
      ['r4', undefined],
    ]);
    expect(await keysOf('models')).toEqual(['r3']);
  });

  it('leaves no partial run or model when its save is aborted between model parts, and keeps the model it had', async () => {
    const first = model('r1', 'd1', weights(8));
    await saveRun(run('r1', 'd1'), first);
    // A new run: neither it, nor its model's head, nor any of its parts stays.
    expect(await abortingAtPart(2, () => saveRun(run('r2', 'd1'), model('r2', 'd1', weights(8))))).toBe(2);
    expect(await keysOf('runs')).toEqual(['r1']);
    expect(await keysOf('models')).toEqual(['r1']);
    expect(await keysOf('modelParts')).toEqual([
      ['r1', 0],
      ['r1', 1],
    ]);
    // A refit of a run that has a model (fitting on all ratings): its old parts go first, and come back with the abort.
    expect(await abortingAtPart(2, () => saveRun(run('r1', 'd1'), model('r1', 'd1', weights(99))))).toBe(2);
    expect(await loadModelRecord('r1')).toEqual(first);
    expect(await keysOf('modelParts')).toHaveLength(2);
  });

  it('leaves nothing of a run whose model cannot be stored, though its parts were written', async () => {
    const unclonable = model('r1', 'd1', weights(8));
    unclonable.saved.info = { ...unclonable.saved.info, onEpoch: () => {} } as typeof unclonable.saved.info;
    await expect(saveRun(run('r1', 'd1'), unclonable, details('r1', 'd1'))).rejects.toThrow(/Could not save run SVD/);
    expect(await keysOf('runs')).toEqual([]);
    expect(await keysOf('models')).toEqual([]);
    expect(await keysOf('modelParts')).toEqual([]);
    expect(await loadRunDetails('r1')).toBeUndefined();
  });

  it('keeps pending runs oldest first; a finished run replaces its pending record in one write, and a removed one goes', async () => {
    await putPending({ ...pending('late', 'd1'), createdAt: 2 });
    await putPending({ ...pending('r1', 'd1'), createdAt: 1, status: 'running', curve: [{ epoch: 1, trainRmse: 1, valRmse: 1.1 }], epochs: 5 });
    expect((await listPending()).map((p) => [p.id, p.status, p.curve.length])).toEqual([
      ['r1', 'running', 1],
      ['late', 'queued', 0],
    ]);
    await saveRun(run('r1', 'd1'));
    expect((await listPending()).map((p) => p.id)).toEqual(['late']);
    const removed = await deleteRun('late');
    expect(await listPending()).toEqual([]);
    await restoreRun(removed);
    expect((await listPending()).map((p) => p.id)).toEqual(['late']);
  });
});

describe('schema migrations', () => {
  /**
   * A database as an older RecLab version left it (version 1: three stores; version 2
   * adds items), with `rows` put into its stores.
   */
  function oldDatabase(version: 1 | 2, rows: Record<string, object[]>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('reclab', version);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('datasets', { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
        db.createObjectStore('tables', { keyPath: 'id' });
        const runs = db.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('byDataset', 'datasetId');
        runs.createIndex('byCreated', 'createdAt');
        if (version === 2) db.createObjectStore('items', { keyPath: 'id' });
      };
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(Object.keys(rows), 'readwrite');
        for (const [store, values] of Object.entries(rows)) for (const v of values) tx.objectStore(store).put(v);
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    });
  }

  it('upgrades whole-table records (versions 1 to 5) to tables in parts, bit for bit', async () => {
    const whole = { id: 'old', user: table.user, item: table.item, rating: table.rating, time: table.time, verified: table.verified, userIds: '007\nb', itemIds: 'x\ny' };
    await oldDatabase(1, { datasets: [record('old', 'Kept')], tables: [whole] });
    const t = await loadTable('old');
    for (const col of ['user', 'item', 'rating', 'time', 'verified'] as const) {
      expect(new Uint8Array(t[col]!.buffer), col).toEqual(new Uint8Array(table[col]!.buffer));
    }
    expect([t.userIds, t.itemIds]).toEqual([table.userIds, table.itemIds]);
    const db = await openLabDB();
    expect(await db.getAllKeys('parts')).toEqual([
      ['old', 0],
      ['old', 1],
      ['old', 2],
    ]);
    db.close();
  });

  it('reads a model stored whole by version 6 (before parts) as it was, and deletes and puts it back on undo', async () => {
    const whole = model('old', 'd1', weights(8));
    const v6 = await openLabDB(DB_NAME, 6);
    await v6.put('runs', run('old', 'd1'));
    await v6.put('models', whole);
    v6.close();
    const back = await loadModelRecord('old');
    expect(back).toEqual(whole);
    expect(new Uint8Array((back!.saved.payload as { weightData: ArrayBuffer }).weightData)).toEqual(new Uint8Array(weights(8)));
    expect((await listModels()).map((m) => [m.id, m.bytes])).toEqual([['old', 44]]);
    expect(await keysOf('modelParts')).toEqual([]);
    const removed = await deleteRun('old');
    expect(await loadModelRecord('old')).toBeUndefined();
    await restoreRun(removed);
    expect(await loadModelRecord('old')).toEqual(whole);
    expect(await keysOf('modelParts')).toEqual([]);
  });

  it('upgrades a version 1 database to the current one without losing data', async () => {
    await oldDatabase(1, { datasets: [record('old', 'Kept across the upgrade')] });
    const db = await openLabDB();
    expect(db.version).toBe(DB_VERSION);
    expect(db.objectStoreNames.contains('items')).toBe(true);
    db.close();
    expect((await listDatasets()).map((d) => d.name)).toEqual(['Kept across the upgrade']);
  });

  it('upgrades a version 2 database: a models store, and old runs renamed to the current evaluation kinds', async () => {
    await oldDatabase(2, {
      runs: [
        { ...run('old-split', 'd1'), evaluation: { kind: 'split', testFraction: 0.25, seed: 3 }, modelUrl: 'indexeddb://x' },
        { ...run('old-cv', 'd1'), evaluation: { kind: 'cv', folds: 4, seed: 1 } },
      ],
    });
    const runs = await listRuns('d1');
    expect(Object.fromEntries(runs.map((r) => [r.id, r.evaluation]))).toEqual({
      'old-split': { kind: 'random', testFraction: 0.25, seed: 3 },
      'old-cv': { kind: 'kfold', folds: 4, seed: 1 },
    });
    expect(runs.some((r) => 'modelUrl' in r)).toBe(false);
    expect(await listModels()).toEqual([]);
  });

  it('upgrades version 2 item metadata: stores and categories decoded, and datasets count the items that show a title', async () => {
    // As the lab used to keep them: a raw store, and a filtered dataset with its parent's count (issue 11: "151 of 38").
    await oldDatabase(2, {
      datasets: [{ ...record('d1'), metadata: { fileName: 'meta.json.gz', matched: 151 } }],
      items: [{ id: 'd1', fileName: 'meta.json.gz', matched: 151, titles: ['Vogue', '', ''], stores: ['F&amp;W Publications', '', ''], categories: ['Arts &amp; Crafts', '', ''] }],
    });
    expect(await loadItemMetadata('d1')).toEqual({
      id: 'd1',
      fileName: 'meta.json.gz',
      titled: 1,
      titles: ['Vogue', '', ''],
      stores: ['F&W Publications', '', ''],
      categories: ['Arts & Crafts', '', ''],
    });
    expect((await listDatasets())[0].metadata).toEqual({ fileName: 'meta.json.gz', titled: 1 });
  });

  it('saves a dataset with its item metadata in one transaction', async () => {
    const meta = alignMetadata('d2', 'meta.json.gz', table.itemIds, (id) => (id === 'x' ? { title: 'Ex', store: 'S', category: '' } : { title: '', store: 'T', category: 'C' }));
    expect(meta).toMatchObject({ titled: 1, titles: ['Ex', ''], stores: ['S', 'T'] });
    await saveDataset({ ...record('d2'), metadata: metadataSummary(meta) }, table, meta);
    expect(await loadItemMetadata('d2')).toEqual(meta);
    // A second save of the same id fails as a whole: the metadata it carried is not written either.
    await expect(saveDataset(record('d2'), table, { ...meta, titles: ['changed', ''] })).rejects.toThrow();
    expect((await loadItemMetadata('d2'))?.titles[0]).toBe('Ex');
  });

  it("carries metadata to a filtered dataset's items and counts titles over those items only", () => {
    const parent = alignMetadata('p', 'meta.json.gz', ['a', 'b', 'c', 'd'], (id) => ({ title: id === 'd' ? '' : id.toUpperCase(), store: '', category: '' }));
    expect(parent.titled).toBe(3);
    const child = carryMetadata(parent, ['a', 'b', 'c', 'd'], 'f', ['d', 'b']);
    expect(child).toEqual({ id: 'f', fileName: 'meta.json.gz', titled: 1, titles: ['', 'B'], stores: ['', ''], categories: ['', ''] });
  });

  it('stores item metadata with a dataset and deletes it with the dataset', async () => {
    await saveDataset(record('d1'), table);
    await saveItemMetadata({ id: 'd1', fileName: 'meta.json.gz', titled: 1, titles: ['<b>x</b>', ''], stores: ['', ''], categories: ['', ''] });
    expect((await loadItemMetadata('d1'))?.titles[0]).toBe('<b>x</b>');
    await deleteDataset('d1');
    expect(await loadItemMetadata('d1')).toBeUndefined();
  });
});

describe('storage errors', () => {
  it('turns a full disk into a message that says what to do', () => {
    const quota = describeStorageError(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }), 'dataset "Big"');
    expect(quota.message).toMatch(/Not enough browser storage to save dataset "Big". Delete datasets or runs/);
    expect(describeStorageError(new Error('disk on fire'), 'run SVD').message).toBe('Could not save run SVD: disk on fire');
  });
});
