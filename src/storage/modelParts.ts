/**
 * A fitted model as IndexedDB keeps it: a small head (store `models`: the record with
 * every binary of its SavedModel taken out, and where each one was) and parts (store
 * `modelParts`, keyed [run, part]), each at most MODEL_PART_BYTES of one of those binaries'
 * buffers. A tfjs model's weights (one buffer of 642 MB for Bias MF over 4.2M users),
 * a TypeScript model's arrays and the training rows all go to parts, so writing or
 * reading a model structured-clones one part at a time, never a whole buffer.
 *
 * Binaries are taken out by buffer, as a structured clone keeps them: each distinct
 * ArrayBuffer once, whole, and every ArrayBuffer or typed array that was in the model
 * comes back over its own buffer's copy at the same offset, so the model reads back
 * bit for bit, sharing what it shared. Only plain objects and arrays are walked.
 *
 * A head without a layout is a model as versions 3–6 wrote it, whole in one record:
 * it reads back as it is (see db.ts).
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { releaseBuffer } from '../core/release.ts';
import type { RecLabDB } from './db.ts';
import type { ModelRecord } from './models.ts';
import { partRange } from './tableParts.ts';

/** 16 MiB per part. */
export const MODEL_PART_BYTES = 1 << 24;

const VIEWS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};
type ViewType = keyof typeof VIEWS;

/** Where one binary of the model was: its path from `saved`, its buffer, and, for a typed array, its type and span. */
interface BinaryRef {
  path: (string | number)[];
  /** Index into the layout's buffers. */
  buffer: number;
  view?: { type: ViewType; byteOffset: number; length: number };
}

export interface ModelLayout {
  /** The part size it was written with. */
  partBytes: number;
  /** Byte length of each buffer, in part order: buffer b's parts follow buffer b − 1's. */
  buffers: number[];
  binaries: BinaryRef[];
}

/** What store `models` keeps. With a layout, every binary in `saved` is null until read back from the parts. */
export type ModelHead = ModelRecord & { layout?: ModelLayout };

export interface ModelPart {
  /** The run's id. */
  run: string;
  part: number;
  bytes: ArrayBuffer;
}

/** A model as its two stores hold it; parts are cut one at a time when it is written from a record. */
export interface StoredModel {
  head: ModelHead;
  parts: Iterable<ModelPart>;
}

function viewType(value: unknown): ViewType | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  const name = value.constructor.name as ViewType;
  return VIEWS[name] === value.constructor ? name : undefined;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `saved` with its binaries as null, each noted in `binaries`, and their distinct buffers in first-seen order. */
function takeBinaries(saved: ModelRecord['saved']): { saved: ModelRecord['saved']; buffers: ArrayBuffer[]; binaries: BinaryRef[] } {
  const buffers = new Map<ArrayBuffer, number>();
  const binaries: BinaryRef[] = [];
  const bufferOf = (b: ArrayBuffer) => buffers.get(b) ?? buffers.set(b, buffers.size).get(b)!;
  const take = (value: unknown, path: (string | number)[]): unknown => {
    const type = viewType(value);
    if (type) {
      const v = value as ArrayBufferView;
      binaries.push({ path, buffer: bufferOf(v.buffer as ArrayBuffer), view: { type, byteOffset: v.byteOffset, length: v.byteLength / VIEWS[type].BYTES_PER_ELEMENT } });
      return null;
    }
    if (value instanceof ArrayBuffer) {
      binaries.push({ path, buffer: bufferOf(value) });
      return null;
    }
    if (Array.isArray(value)) return value.map((v, k) => take(v, [...path, k]));
    if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, take(v, [...path, k])]));
    return value;
  };
  return { saved: take(saved, []) as ModelRecord['saved'], buffers: [...buffers.keys()], binaries };
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]] = value;
}

/**
 * The parts of `buffers`, in order, cut as they are asked for: a buffer that fits in one
 * part goes as it is (a table's chunk of values), so putParts frees it once written and
 * the model's memory shrinks as it is stored; bigger ones are cut into copies (slice).
 */
function* cutParts(run: string, buffers: ArrayBuffer[], partBytes: number): Generator<ModelPart> {
  let part = 0;
  for (const buffer of buffers) {
    if (buffer.byteLength > 0 && buffer.byteLength <= partBytes) yield { run, part: part++, bytes: buffer };
    else for (let at = 0; at < buffer.byteLength; at += partBytes) yield { run, part: part++, bytes: buffer.slice(at, at + partBytes) };
  }
}

/** `rec` as it is stored: its head, then its parts, cut from its own buffers only as they are written. */
export function storedModel(rec: ModelRecord, partBytes = MODEL_PART_BYTES): StoredModel {
  const { saved, buffers, binaries } = takeBinaries(rec.saved);
  const layout = { partBytes, buffers: buffers.map((b) => b.byteLength), binaries };
  return { head: { ...rec, saved, layout }, parts: cutParts(rec.id, buffers, partBytes) };
}

/**
 * Write a stored model in a transaction: the parts one at a time (each cloned when it
 * is put, the next cut once that put is done), then the head. Parts a model of the
 * same run had before go first, so a refit with fewer parts leaves none behind.
 */
export async function putModel(stores: ModelWrites, model: StoredModel): Promise<void> {
  await stores.parts.delete(partRange(model.head.id));
  for (const part of model.parts) await stores.parts.put(part);
  await stores.models.put(model.head);
}

/** Parts per transaction when a new model's parts are written: 64 MiB buffered at most. */
const PARTS_PER_TRANSACTION = 4;

/**
 * Write a new model's parts, a few per transaction: with the parts and the run in one
 * transaction, the browser held the whole model until it committed (0.86 GB beside a
 * 642 MB model in bench:lab); one part per transaction took a quarter longer. The head
 * goes later, with its run (putHead); until then the run's pending record, or its run
 * record, keeps dropOrphanedParts off these parts.
 */
export async function putParts(db: IDBPDatabase<RecLabDB>, model: StoredModel): Promise<void> {
  let tx: IDBPTransaction<RecLabDB, ['modelParts'], 'readwrite'> | null = null;
  let inTx = 0;
  try {
    for (const part of model.parts) {
      if (!tx || inTx === PARTS_PER_TRANSACTION) {
        await tx?.done;
        tx = db.transaction(['modelParts'], 'readwrite');
        inTx = 0;
      }
      await tx.objectStore('modelParts').put(part);
      inTx++;
      // The put cloned it: its 16 MiB go now, not 40 of them piling up for the GC (the
      // model's own buffer when it was one part: the record is not read after it is stored).
      releaseBuffer(part.bytes);
    }
    await tx?.done;
  } catch (err) {
    tx?.done.catch(() => undefined); // the put's own error is the one to report
    throw err;
  }
}

/**
 * The head of a model whose parts putParts wrote, refused if any went missing since;
 * parts past them (an earlier, bigger model of the same run) go.
 */
export async function putHead(stores: ModelReads & ModelWrites, head: ModelHead): Promise<void> {
  const n = partCount(head);
  const kept = await keptParts(stores, head);
  if (kept !== n) throw new Error(`the ${head.saved.algo} model lost ${n - kept} of its ${n} stored parts while it was being saved`);
  await stores.parts.delete(IDBKeyRange.bound([head.id, n], [head.id, Infinity]));
  await stores.models.put(head);
}

/** Delete a run's model: its head and its parts. */
export async function dropModel(stores: ModelWrites, id: string): Promise<void> {
  await Promise.all([stores.models.delete(id), stores.parts.delete(partRange(id))]);
}

/**
 * Delete the parts of run `id`'s model unless its head is there: deleting a run keeps
 * the parts until its Undo is no longer offered, and Undo puts the head back over them.
 */
export async function dropParts(stores: ModelReads & ModelWrites, id: string): Promise<void> {
  if ((await stores.models.getKey(id)) === undefined) await stores.parts.delete(partRange(id));
}

/** How many of a head's parts are stored (of partCount; parts past them, from an earlier model of the run, are not counted). */
export async function keptParts(stores: Pick<ModelReads, 'parts'>, head: ModelHead): Promise<number> {
  const n = partCount(head);
  return n && stores.parts.count(IDBKeyRange.bound([head.id, 0], [head.id, n - 1]));
}

/** How many parts a head's model has (none for a model stored whole). */
export function partCount(head: ModelHead): number {
  return head.layout ? head.layout.buffers.reduce((n, bytes) => n + Math.ceil(bytes / head.layout!.partBytes), 0) : 0;
}

/**
 * Delete the parts of every run that has no head and no run or pending record (runs
 * deleted while the page that offered their Undo went away, or a save that failed
 * after its parts); returns those runs. A run being saved has its pending record (or,
 * refitted, its run record) until its head is written, so its parts are left alone.
 * Reads keys only, one per run: the cursor jumps from a run's first part to the next run's.
 */
export async function dropOrphanedParts(tx: Tx<'readwrite'>): Promise<string[]> {
  const keys = await Promise.all((['models', 'runs', 'pending'] as const).map((store) => tx.objectStore(store).getAllKeys()));
  const owned = new Set(keys.flat());
  const parts = tx.objectStore('modelParts');
  const orphans: string[] = [];
  for (let c = await parts.openKeyCursor(); c; c = await c.continue([c.key[0], Infinity])) {
    if (!owned.has(c.key[0])) orphans.push(c.key[0]);
  }
  await Promise.all(orphans.map((id) => parts.delete(partRange(id))));
  return orphans;
}

/**
 * A run's model, its binaries read back part by part into buffers allocated up front:
 * one part's clone at a time beside them. A head without a layout is returned as it is.
 */
export async function readModel(stores: ModelReads, id: string): Promise<ModelRecord | undefined> {
  const head = await stores.models.get(id);
  if (!head?.layout) return head;
  const { layout, ...rec } = head;
  const buffers = layout.buffers.map((n) => new ArrayBuffer(n));
  let p = 0;
  for (const buffer of buffers) {
    for (let at = 0; at < buffer.byteLength; at += layout.partBytes, p++) {
      const part = await stores.parts.get([id, p]);
      if (part?.bytes.byteLength !== Math.min(layout.partBytes, buffer.byteLength - at)) throw new Error(`model ${id}: its stored weights are incomplete (part ${p} is missing or cut short)`);
      new Uint8Array(buffer).set(new Uint8Array(part.bytes), at);
    }
  }
  for (const { path, buffer, view } of layout.binaries) {
    setAt(rec.saved, path, view ? new VIEWS[view.type](buffers[buffer], view.byteOffset, view.length) : buffers[buffer]);
  }
  return rec;
}

/** A transaction over the lab's stores, the two model stores among them. */
export type Tx<Mode extends IDBTransactionMode> = IDBPTransaction<RecLabDB, ArrayLike<StoreNames<RecLabDB>>, Mode>;

/** A transaction's two model stores. */
export function modelStores(tx: Tx<'readwrite'>): ModelReads & ModelWrites;
export function modelStores(tx: Tx<'readonly'>): ModelReads;
export function modelStores(tx: Tx<IDBTransactionMode>): ModelReads {
  return { models: tx.objectStore('models'), parts: tx.objectStore('modelParts') };
}

/** The two stores of a transaction (idb's object stores), as much of them as reading a model uses. */
export interface ModelReads {
  models: { get(id: string): Promise<ModelHead | undefined>; getKey(id: string): Promise<string | undefined> };
  parts: { get(key: [string, number]): Promise<ModelPart | undefined>; count(range: IDBKeyRange): Promise<number> };
}

/** The same, as much of them as writing or deleting a model uses. */
export interface ModelWrites {
  models: { put(head: ModelHead): Promise<unknown>; delete(id: string): Promise<unknown> };
  parts: { put(part: ModelPart): Promise<unknown>; delete(range: IDBKeyRange): Promise<unknown> };
}
