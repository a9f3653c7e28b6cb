import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { coreEstimator } from '../core/estimator/coreEstimator.ts';
import { predictRows } from '../core/estimator/predict.ts';
import { ALGORITHMS, findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { createRng } from '../core/rng.ts';
import { kFold } from '../core/selection/splits.ts';
import { syntheticTable } from '../core/testing/synthetic.ts';
import { atomically, openLabDB } from './db.ts';
import { dropOrphanedParts, modelStores, putHead, putParts, storedModel } from './modelParts.ts';
import { loadModelRecord, type ModelRecord } from './models.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** Seeded bytes, with a NaN that has a payload of its own and a −0 among them when there is room. */
function randomBytes(n: number, seed: number): ArrayBuffer {
  const rng = createRng(seed);
  const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
  if (n >= 12) {
    new Float32Array(bytes.buffer, 0, 3).set([NaN, -0, 1e-45]);
    new Uint32Array(bytes.buffer, 0, 1)[0] = 0x7fc0beef;
  }
  return bytes.buffer;
}

/** A record shaped as src/models/estimator.ts saves a tfjs model: topology, weight specs, one weights buffer (or several). */
function tfjsLike(id: string, weightData: ArrayBuffer | ArrayBuffer[]): ModelRecord {
  const train = Int32Array.from({ length: 50 }, (_, k) => 3 * k);
  const payload = {
    modelTopology: { class_name: 'Model', config: { layers: [{ name: 'user_embedding', config: { input_dim: 4200000, output_dim: 32 } }] } },
    weightSpecs: [{ name: 'user_embedding/embeddings', shape: [10, 25], dtype: 'float32' }],
    weightData,
    format: 'layers-model',
  };
  const weights = [weightData].flat().reduce((s, b) => s + b.byteLength, 0);
  return { id, datasetId: 'd', createdAt: 1, saved: { algo: 'BiasMF', engine: 'tfjs', params: { factors: 32 }, seed: 7, scale: { min: 1, max: 5 }, train, info: { backend: 'cpu', epochsRun: 3 }, payload, bytes: weights + train.byteLength } };
}

/** As saveRun writes a model: its parts, then its head in a transaction of its own. */
async function write(rec: ModelRecord, partBytes: number): Promise<void> {
  const db = await openLabDB();
  try {
    const stored = storedModel(rec, partBytes);
    await putParts(db, stored);
    const tx = db.transaction(['models', 'modelParts'], 'readwrite');
    await atomically(tx, () => putHead(modelStores(tx), stored.head));
  } finally {
    db.close();
  }
}

const read = loadModelRecord;

async function partKeys(): Promise<[string, number][]> {
  const db = await openLabDB();
  try {
    return await db.getAllKeys('modelParts');
  } finally {
    db.close();
  }
}

const bytesOf = (b: ArrayBuffer | ArrayBufferView) => (ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b));
const weightsOf = (rec: ModelRecord) => (rec.saved.payload as { weightData: ArrayBuffer | ArrayBuffer[] }).weightData;

describe('models in parts', () => {
  it('round-trips a tfjs model whose weights take many parts, bit for bit, with a small head', async () => {
    const rec = tfjsLike('r', randomBytes(1000, 1));
    await write(rec, 64);
    // 200 bytes of training rows in 4 parts (it comes first in the record), then 1000 bytes of weights in 16.
    expect(await partKeys()).toEqual(Array.from({ length: 20 }, (_, p) => ['r', p]));
    const db = await openLabDB();
    const head = await db.get('models', 'r');
    const sizes = (await db.getAll('modelParts')).map((p) => p.bytes.byteLength);
    db.close();
    expect(weightsOf(head!)).toBeNull();
    expect(head!.saved.train).toBeNull();
    expect(Math.max(...sizes)).toBe(64);
    expect(sizes.reduce((a, b) => a + b)).toBe(1200);

    const back = (await read('r'))!;
    const weights = weightsOf(back);
    expect(weights).toBeInstanceOf(ArrayBuffer);
    expect(bytesOf(weights as ArrayBuffer)).toEqual(bytesOf(weightsOf(rec) as ArrayBuffer));
    expect(back.saved.train).toBeInstanceOf(Int32Array);
    expect(back.saved.train).toEqual(rec.saved.train);
    expect(back).toEqual(rec);
    expect('layout' in back).toBe(false);
  });

  it('round-trips weights given as several buffers (tf.io WeightData), and an empty one', async () => {
    const rec = tfjsLike('r', [randomBytes(130, 2), new ArrayBuffer(0), randomBytes(64, 3)]);
    await write(rec, 64);
    const weights = weightsOf((await read('r'))!) as ArrayBuffer[];
    expect(weights.map((b) => b.byteLength)).toEqual([130, 0, 64]);
    weights.forEach((b, k) => expect(bytesOf(b), `buffer ${k}`).toEqual(bytesOf((weightsOf(rec) as ArrayBuffer[])[k])));
  });

  it('hands a buffer that fits in one part to the store as it is (a table chunk: no copy), and cuts bigger ones into copies', () => {
    const small = randomBytes(64, 3);
    const big = randomBytes(200, 4);
    // The training rows' 200 bytes first (cut), then the two weight buffers.
    const parts = [...storedModel(tfjsLike('r', [small, big]), 64).parts];
    expect(parts.map((p) => p.bytes.byteLength)).toEqual([64, 64, 64, 8, 64, 64, 64, 64, 8]);
    expect(parts[4].bytes).toBe(small);
    expect(parts.filter((p) => p.bytes === small || p.bytes === big)).toHaveLength(1);
  });

  it('keeps what a structured clone keeps: views at their offsets over one shared copy of their buffer', async () => {
    const buffer = randomBytes(96, 4);
    const rec = tfjsLike('r', buffer);
    rec.saved.payload = { ...(rec.saved.payload as object), factors: new Float64Array(buffer, 8, 4), flags: new Uint8Array(buffer, 40, 7), nested: [{ ids: new Int32Array(3) }] };
    await write(rec, 32);
    const back = (await read('r'))!;
    const payload = back.saved.payload as { weightData: ArrayBuffer; factors: Float64Array; flags: Uint8Array; nested: { ids: Int32Array }[] };
    expect(payload.factors.buffer).toBe(payload.weightData);
    expect(payload.flags.buffer).toBe(payload.weightData);
    expect([payload.factors.byteOffset, payload.factors.length, payload.flags.byteOffset, payload.flags.length]).toEqual([8, 4, 40, 7]);
    expect(bytesOf(payload.factors)).toEqual(bytesOf(new Float64Array(buffer, 8, 4)));
    expect(payload.nested[0].ids).toEqual(new Int32Array(3));
    expect(back).toEqual(structuredClone(rec));
  });

  it('round-trips every TypeScript algorithm: the loaded model gives the same estimates', async () => {
    const table = syntheticTable(5);
    const split = kFold(table.rating.length, { nSplits: 5, seed: 3 })[0];
    const est = coreEstimator();
    for (const spec of ALGORITHMS.filter((a) => a.engine === 'core')) {
      const model = await est.fit({ algo: spec.id, params: resolveParams(findAlgorithm(spec.id), {}), seed: 4, scale: { min: 1, max: 5 }, table, train: split.train });
      const saved = await model.save();
      await write({ id: spec.id, datasetId: 'd', createdAt: 1, saved }, 100);
      const back = (await read(spec.id))!;
      expect(back.saved, spec.id).toEqual(saved);
      expect(await predictRows(await est.load(back.saved, table), table, split.test), spec.id).toEqual(await predictRows(model, table, split.test));
    }
  });

  it('a model written again over the same run leaves none of its old parts', async () => {
    await write(tfjsLike('r', randomBytes(1000, 5)), 64);
    await write(tfjsLike('other', randomBytes(10, 6)), 64);
    const smaller = tfjsLike('r', randomBytes(100, 7));
    await write(smaller, 64);
    expect((await partKeys()).filter(([run]) => run === 'r')).toEqual(Array.from({ length: 6 }, (_, p) => ['r', p]));
    expect(await read('r')).toEqual(smaller);
    expect((await partKeys()).filter(([run]) => run === 'other')).toHaveLength(5);
  });

  it('refuses a head whose parts went missing before it was written', async () => {
    const db = await openLabDB();
    try {
      const stored = storedModel(tfjsLike('r', randomBytes(1000, 9)), 64);
      await putParts(db, stored);
      await db.delete('modelParts', ['r', 3]);
      const tx = db.transaction(['models', 'modelParts'], 'readwrite');
      await expect(atomically(tx, () => putHead(modelStores(tx), stored.head))).rejects.toThrow('the BiasMF model lost 1 of its 20 stored parts while it was being saved');
      expect(await db.getAllKeys('models')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a sweep leaves the parts of a model being saved (its run pending, or a refit of a stored run) and takes those nothing owns', async () => {
    const db = await openLabDB();
    try {
      for (const id of ['pending', 'refit', 'orphan']) await putParts(db, storedModel(tfjsLike(id, randomBytes(100, 10)), 64));
      await db.put('pending', { id: 'pending' } as never);
      await db.put('runs', { id: 'refit' } as never);
      const tx = db.transaction(['models', 'modelParts', 'runs', 'pending'], 'readwrite');
      const [swept] = await Promise.all([dropOrphanedParts(tx), tx.done]);
      expect(swept).toEqual(['orphan']);
      expect(new Set((await db.getAllKeys('modelParts')).map(([run]) => run))).toEqual(new Set(['pending', 'refit']));
    } finally {
      db.close();
    }
  });

  it('says so when a part is missing, rather than giving zeros for weights', async () => {
    await write(tfjsLike('r', randomBytes(1000, 8)), 64);
    const db = await openLabDB();
    await db.delete('modelParts', ['r', 5]);
    db.close();
    await expect(read('r')).rejects.toThrow(/model r: its stored weights are incomplete \(part 5/);
  });
});
