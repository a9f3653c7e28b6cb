/**
 * A trained model as callers hold it: predict, save through any tf.io handler
 * ('indexeddb://…', 'downloads://…', or a custom IOHandler), dispose; and loadModel,
 * which restores one for prediction. The saved artifacts are self-contained: params,
 * rating scale, every weight, and the training rows for models that predict from them
 * (LSTM histories, AutoRec rating vectors).
 */
import * as tf from '@tensorflow/tfjs';
import type { FlatParams } from '../core/registry/types.ts';
import { createRng } from '../core/rng.ts';
import { buildModel, predictsFromTrainingRows } from './builders.ts';
import type { Model, TrainData } from './model.ts';
import { optimizerConfig } from './optimizer.ts';
import { predictPairs } from './predict.ts';

export interface TrainedModel {
  id: string;
  backend: string;
  epochsRun: number;
  /** The epoch whose weights the model holds (early stopping restores the best). */
  bestEpoch: number;
  /** Training samples per second over the whole fit, evaluation included. */
  samplesPerSec: number;
  params: FlatParams;
  /** Ratings of (user, item) pairs, clipped to the rating scale; sequence models read the history before `time` (default: all of it). */
  predict(user: Int32Array, item: Int32Array, time?: Float64Array): Promise<Float32Array>;
  /** The model's raw output for (user, item) pairs, before clipping. */
  estimate(user: Int32Array, item: Int32Array, time?: Float64Array): Promise<Float32Array>;
  /** Fold-in of a new user (Model.foldIn), when the model has one. */
  foldIn?(item: Int32Array, rating: Float64Array): Float64Array;
  /** Save with tf.io: a URL scheme tf knows ('indexeddb://name', 'downloads://name') or an IOHandler. */
  save(url: string | tf.io.IOHandler): Promise<void>;
  dispose(): void;
}

export interface TrainedInfo {
  id: string;
  params: FlatParams;
  backend: string;
  epochsRun: number;
  bestEpoch: number;
  samplesPerSec: number;
  data: TrainData;
  mean: number;
}

export function trainMean(data: TrainData): number {
  let s = 0;
  for (let k = 0; k < data.rating.length; k++) s += data.rating[k];
  return data.rating.length ? s / data.rating.length : (data.ratingMin + data.ratingMax) / 2;
}

const FORMAT = 'reclab-tfjs-model';

interface Topology {
  format: typeof FORMAT;
  version: 1;
  id: string;
  params: FlatParams;
  nUsers: number;
  nItems: number;
  ratingMin: number;
  ratingMax: number;
  mean: number;
  epochsRun: number;
  bestEpoch: number;
}

/** A weight to save: an array (copied), or an embedding table, whose chunks of values are saved as they are. */
type Named = { name: string; shape: number[] } & ({ array: Float32Array | Int32Array } | { table: Model['tables'][number] });

function namedArrays(model: Model, info: TrainedInfo, dense: Float32Array[]): Named[] {
  const out: Named[] = model.tables.map((t) => ({ name: `table/${t.name}`, shape: [t.rows, t.dim], table: t }));
  model.dense.forEach((d, k) => out.push({ name: `dense/${d.name}`, shape: d.variable.shape, array: dense[k] }));
  const features = info.data.itemFeatures;
  if (features) out.push({ name: 'features/item', shape: [features.values.length / features.dim, features.dim], array: features.values });
  if (predictsFromTrainingRows(info.id)) {
    const n = info.data.rating.length;
    const time = info.data.time ? Float32Array.from(info.data.time) : new Float32Array(n).fill(NaN);
    out.push(
      { name: 'data/user', shape: [n], array: info.data.user },
      { name: 'data/item', shape: [n], array: info.data.item },
      { name: 'data/rating', shape: [n], array: info.data.rating },
      // Seconds since 1970 fit float32 to within ~2 minutes: enough for a scaled time feature.
      { name: 'data/time', shape: [n], array: time },
    );
  }
  return out;
}

function encode(arrays: Named[]): { weightSpecs: tf.io.WeightsManifestEntry[]; weightData: ArrayBuffer[] } {
  // tf.io's weight data may be many buffers, read as their concatenation: each weight
  // starts where the last ended (every dtype saved is 4 bytes wide).
  const weightData: ArrayBuffer[] = [];
  const weightSpecs = arrays.map((a) => {
    if ('table' in a) weightData.push(...a.table.valueBuffers());
    else if (a.array.length) weightData.push(a.array.slice().buffer);
    return { name: a.name, shape: a.shape, dtype: 'array' in a && a.array instanceof Int32Array ? 'int32' : 'float32' } as tf.io.WeightsManifestEntry;
  });
  return { weightSpecs, weightData };
}

function decode(specs: tf.io.WeightsManifestEntry[], data: tf.io.WeightData): Map<string, Float32Array | Int32Array> {
  const buf = new tf.io.CompositeArrayBuffer(data);
  const out = new Map<string, Float32Array | Int32Array>();
  let off = 0;
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const slice = buf.slice(off, off + n * 4);
    off += n * 4;
    out.set(s.name, s.dtype === 'int32' ? new Int32Array(slice) : new Float32Array(slice));
  }
  return out;
}

export function makeTrainedModel(model: Model, info: TrainedInfo): TrainedModel {
  const { data } = info;
  return {
    id: info.id,
    backend: info.backend,
    epochsRun: info.epochsRun,
    bestEpoch: info.bestEpoch,
    samplesPerSec: info.samplesPerSec,
    params: info.params,
    predict: (user, item, time) => predictPairs(model, user, item, data.ratingMin, data.ratingMax, time),
    estimate: (user, item, time) => predictPairs(model, user, item, -Infinity, Infinity, time),
    ...(model.foldIn ? { foldIn: model.foldIn } : {}),
    async save(url) {
      const handler = typeof url === 'string' ? tf.io.getSaveHandlers(url)[0] : url;
      if (!handler?.save) throw new Error(`no tf.io save handler for "${String(url)}"`);
      const dense = await Promise.all(model.dense.map((d) => d.variable.data() as Promise<Float32Array>));
      const topology: Topology = {
        format: FORMAT,
        version: 1,
        id: info.id,
        params: info.params,
        nUsers: data.nUsers,
        nItems: data.nItems,
        ratingMin: data.ratingMin,
        ratingMax: data.ratingMax,
        mean: info.mean,
        epochsRun: info.epochsRun,
        bestEpoch: info.bestEpoch,
      };
      await handler.save({ modelTopology: topology, format: FORMAT, generatedBy: 'RecLab', ...encode(namedArrays(model, info, dense)) });
    },
    dispose() {
      for (const d of model.dense) d.dispose();
      for (const t of model.tables) t.dispose();
    },
  };
}

/** Restore a model saved by TrainedModel.save, for prediction (training resumes from scratch). */
export async function loadModel(url: string | tf.io.IOHandler): Promise<TrainedModel> {
  const handler = typeof url === 'string' ? tf.io.getLoadHandlers(url)[0] : url;
  if (!handler?.load) throw new Error(`no tf.io load handler for "${String(url)}"`);
  const art = await handler.load();
  const top = art.modelTopology as Topology | undefined;
  if (top?.format !== FORMAT || !art.weightSpecs || !art.weightData) {
    throw new Error(`not a RecLab model (format ${String(top?.format ?? art.format)})`);
  }
  const arrays = decode(art.weightSpecs, art.weightData);
  const column = <T>(name: string, empty: T): T => (arrays.get(`data/${name}`) as T | undefined) ?? empty;
  const time = column<Float32Array | null>('time', null);
  const features = arrays.get('features/item') as Float32Array | undefined;
  const featureSpec = art.weightSpecs.find((s) => s.name === 'features/item');
  const data: TrainData = {
    user: column('user', new Int32Array(0)),
    item: column('item', new Int32Array(0)),
    rating: column('rating', new Float32Array(0)),
    ...(time ? { time: Float64Array.from(time) } : {}),
    ...(features && featureSpec ? { itemFeatures: { dim: featureSpec.shape[1], values: features } } : {}),
    valUser: new Int32Array(0),
    valItem: new Int32Array(0),
    valRating: new Float32Array(0),
    nUsers: top.nUsers,
    nItems: top.nItems,
    ratingMin: top.ratingMin,
    ratingMax: top.ratingMax,
  };
  // Initial values are overwritten below; the optimiser is never stepped.
  const model = buildModel(top.id, { params: top.params, data, mean: top.mean, optimizer: optimizerConfig('sgd', 0, 0), rng: createRng(0) });
  const weight = (name: string): Float32Array => {
    const a = arrays.get(name);
    if (!a) throw new Error(`saved ${top.id} model lacks weight ${name}`);
    return a as Float32Array;
  };
  for (const t of model.tables) {
    t.write(weight(`table/${t.name}`));
    t.freeze(); // predictions only: the unused optimiser slots go
  }
  for (const d of model.dense) tf.tidy(() => d.variable.assign(tf.tensor(weight(`dense/${d.name}`), d.variable.shape)));
  return makeTrainedModel(model, {
    id: top.id,
    params: top.params,
    backend: tf.getBackend(),
    epochsRun: top.epochsRun,
    bestEpoch: top.bestEpoch,
    samplesPerSec: NaN,
    data,
    mean: top.mean,
  });
}
