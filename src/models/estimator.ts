/**
 * The TensorFlow.js models behind the one estimator interface, over the one training
 * loop (train.ts). The test rows never steer training: when the params use
 * validation (early stopping or the LR schedule), a seeded 10% of the training rows
 * is held out for it; otherwise the monitored rows only draw the validation curve.
 * Pairs whose user or item has no training row are impossible (NaN), so the shared
 * rule gives them the mean training rating, as the baselines do.
 *
 * The caller selects the tf backend first. Saved models are tf.io artifacts kept in
 * memory and stored by the lab (src/storage/models.ts), not by tf.io's own database.
 */
import * as tf from '@tensorflow/tfjs';
import { FitStopped, VALIDATION_SHARE, type CurveRows, type Estimator, type FitInfo, type FitRequest, type FittedModel, type ModelFile, type SavedModel, type Visitor } from '../core/estimator/types.ts';
import { ratingsIn } from '../core/foldIn.ts';
import { readsText, textFeatures, textStatus } from '../core/text/itemText.ts';
import type { RatingsTable } from '../core/ratings.ts';
import type { FlatParams } from '../core/registry/index.ts';
import { createRng } from '../core/rng.ts';
import type { Split } from '../core/split.ts';
import type { Scale } from '../core/predict.ts';
import { releaseBuffer } from '../core/release.ts';
import { readsTime } from './builders.ts';
import { trainDataFromSplit } from './data.ts';
import type { TrainData } from './model.ts';
import { trainModel } from './train.ts';
import { loadModel, type TrainedModel } from './trained.ts';

/** Share of a fold's training rows held back to drive early stopping and the LR schedule. */
export function usesValidation(params: FlatParams): boolean {
  return (params.patience as number) > 0 || (params.lr_patience as number) > 0;
}

/** The fold's training columns (times only `withTime`), the rows they hold (`learn`), and what its validation rows are. */
export function foldTrainData(
  table: RatingsTable,
  split: Split,
  params: FlatParams,
  seed: number,
  scale: Scale,
  withTime = true,
): { data: TrainData; learn: Int32Array; validation: CurveRows } {
  if (usesValidation(params) && split.train.length >= 20) {
    const shuffled = createRng(seed).shuffle(split.train.slice());
    const nVal = Math.ceil(split.train.length * VALIDATION_SHARE);
    const learn = shuffled.subarray(nVal);
    return { data: trainDataFromSplit(table, learn, shuffled.subarray(0, nVal), scale, withTime), learn, validation: 'holdout' };
  }
  return { data: trainDataFromSplit(table, split.train, split.test, scale, withTime), learn: split.train, validation: 'test' };
}

/** Which users and items have a training row, and the mean training rating. */
function known(table: RatingsTable, train: Int32Array): { users: Uint8Array; items: Uint8Array; mean: number } {
  const users = new Uint8Array(table.userIds.length);
  const items = new Uint8Array(table.itemIds.length);
  let sum = 0;
  for (let k = 0; k < train.length; k++) {
    const row = train[k];
    users[table.user[row]] = 1;
    items[table.item[row]] = 1;
    sum += table.rating[row];
  }
  return { users, items, mean: sum / train.length };
}

/** Bytes of tf.io weight data: one buffer, or several read as their concatenation. */
function weightBytes(data: tf.io.WeightData): number {
  return [data].flat().reduce((s, b) => s + b.byteLength, 0);
}

/** A tf.io handler that keeps the artifacts it is given. */
function memorySink(): tf.io.IOHandler & { artifacts?: tf.io.ModelArtifacts } {
  const sink: tf.io.IOHandler & { artifacts?: tf.io.ModelArtifacts } = {
    async save(artifacts) {
      sink.artifacts = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  };
  return sink;
}

interface Base {
  algo: string;
  params: FlatParams;
  seed: number;
  scale: Scale;
  train: Int32Array;
}

function fitted(model: TrainedModel, table: RatingsTable, base: Base, info: FitInfo): FittedModel {
  const seen = known(table, base.train);
  return {
    algo: base.algo,
    params: base.params,
    seed: base.seed,
    scale: base.scale,
    defaultPrediction: seen.mean,
    info,
    async estimate(user, item, time) {
      const out = Float64Array.from(await model.estimate(user, item, time));
      for (let k = 0; k < out.length; k++) if (!seen.users[user[k]] || !seen.items[item[k]]) out[k] = NaN;
      return out;
    },
    ...(model.foldIn ? { foldIn: async (visitor: Visitor) => foldInKnown(model.foldIn!, seen.items, visitor) } : {}),
    async save(): Promise<SavedModel> {
      const sink = memorySink();
      await model.save(sink);
      const art = sink.artifacts!;
      const weights = art.weightData!;
      const payload = { modelTopology: art.modelTopology, weightSpecs: art.weightSpecs, weightData: weights, format: art.format };
      return { ...base, engine: 'tfjs', info, payload, bytes: weightBytes(weights) + base.train.byteLength };
    },
    dispose: () => model.dispose(),
  };
}

/** A model's fold-in over the items with training rows only: the others' rows never learned, so they neither inform it nor get a score. */
function foldInKnown(foldIn: NonNullable<TrainedModel['foldIn']>, known: Uint8Array, visitor: Visitor): Float64Array {
  const { items, ratings } = ratingsIn(visitor, (i) => (known[i] ? i : -1));
  const out = foldIn(items, ratings);
  for (let i = 0; i < out.length; i++) if (!known[i]) out[i] = NaN;
  return out;
}

export const tfjsEstimator: Estimator = {
  engine: 'tfjs',
  async fit(req: FitRequest) {
    const { table, train, algo, params, seed, scale, signal, onProgress, monitor } = req;
    onProgress?.({ kind: 'status', text: usesValidation(params) ? `holding out ${VALIDATION_SHARE * 100}% of the training rows for validation` : 'gathering the training rows' });
    // Without a curve, the monitored rows are not scored each epoch (a holdout for early stopping still is).
    const watched = req.curve === false ? undefined : monitor;
    const { data, learn, validation } = foldTrainData(table, { train, test: watched ?? new Int32Array(0) }, params, seed, scale, readsTime(algo));
    if (readsText(params)) onProgress?.({ kind: 'status', text: textStatus(params) });
    // Review text only of the rows the model learns from: never a validation or test row's.
    const features = textFeatures(algo, params, { itemText: req.itemText, table, rows: learn }, seed);
    if (features) data.itemFeatures = features;
    const start = performance.now();
    const model = await trainModel(algo, params, data, seed, {
      control: signal,
      onEpoch: (r) =>
        onProgress?.({ kind: 'epoch', epoch: r.epoch, epochs: r.epochs, trainRmse: r.trainRmse, valRmse: r.valRmse, validation, seconds: (performance.now() - start) / 1000, trainLoss: r.trainLoss }),
      onBatch: (b) => onProgress?.({ kind: 'batch', ...b }),
      onStatus: (text) => onProgress?.({ kind: 'status', text }),
    });
    if (signal?.stopped && model.epochsRun === 0) {
      model.dispose();
      throw new FitStopped();
    }
    const info: FitInfo = {
      backend: model.backend,
      epochsRun: model.epochsRun,
      bestEpoch: model.bestEpoch,
      samplesPerSec: model.samplesPerSec,
      validation,
      ...(signal?.stopped ? { stoppedEarly: true } : {}),
    };
    const fit = fitted(model, table, { algo, params, seed, scale, train }, info);
    // The training columns were picked for this fit alone (a saved model copies what it
    // keeps of them): they go with the model, not at the next major GC (75 MB on 7.8M rows).
    const columns = [data.user, data.item, data.rating, data.time, data.valUser, data.valItem, data.valRating, data.valTime];
    return {
      ...fit,
      dispose() {
        fit.dispose();
        for (const c of columns) if (c) releaseBuffer(c.buffer);
      },
    };
  },
  /** tf.io's files: `<base>.json` (model JSON with its weights manifest) and `<base>.weights.bin`. */
  exportFiles(saved: SavedModel, baseName: string): ModelFile[] {
    const art = saved.payload as tf.io.ModelArtifacts;
    const modelJson: tf.io.ModelJSON = {
      modelTopology: art.modelTopology as object,
      format: art.format,
      generatedBy: 'RecLab',
      weightsManifest: [{ paths: [`${baseName}.weights.bin`], weights: art.weightSpecs! }],
    };
    return [
      { name: `${baseName}.json`, blob: new Blob([JSON.stringify(modelJson)], { type: 'application/json' }) },
      // Older saved models hold one buffer, newer ones a buffer per chunk of a table: the file is their concatenation either way.
      { name: `${baseName}.weights.bin`, blob: new Blob([art.weightData!].flat(), { type: 'application/octet-stream' }) },
    ];
  },
  async load(saved: SavedModel, table: RatingsTable) {
    const p = saved.payload as tf.io.ModelArtifacts;
    const model = await loadModel(tf.io.fromMemory(p));
    return fitted(model, table, saved, saved.info);
  },
};
