/**
 * The one training loop, shared by every model: seeded shuffling, sparse embedding
 * updates on the JS side and dense updates on the backend, per-batch and per-epoch
 * reports, pause/resume/stop within one batch, ReduceLROnPlateau and early stopping
 * that restores the best weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunSignal } from '../core/estimator/signal.ts';
import { rmse, mae } from '../core/metrics.ts';
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import type { FlatParams } from '../core/registry/types.ts';
import { createRng, type Rng } from '../core/rng.ts';
import { pick } from '../core/pick.ts';
import { releaseBuffer } from '../core/release.ts';
import { buildModel } from './builders.ts';
import type { Model, TrainData } from './model.ts';
import { type OptimizerConfig, type OptimizerName, type StepInfo, optimizerConfig } from './optimizer.ts';
import { disposeBatch, lookupRows, lookupTensors, predictPairs } from './predict.ts';
import { type TrainedModel, makeTrainedModel, trainMean } from './trained.ts';

export type { TrainData } from './model.ts';
export type { TrainedModel } from './trained.ts';

export interface EpochReport {
  epoch: number;
  epochs: number;
  /** RMSE on a fixed sample of up to 10k training rows, with the weights at the end of the epoch. */
  trainRmse: number;
  /** Mean training loss over the epoch's batches (the model's own loss, penalties included). */
  trainLoss: number;
  /** NaN when there are no validation rows. */
  valRmse: number;
  valMae: number;
  lr: number;
  seconds: number;
  /** Training samples per second of the epoch's steps (evaluation excluded). */
  samplesPerSec: number;
}

export interface BatchReport {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  samplesPerSec: number;
}

/** Flags the caller flips while training runs; read before every batch. */
export type TrainControl = RunSignal;

export interface TrainHooks {
  onEpoch?(r: EpochReport): void;
  onBatch?(r: BatchReport): void;
  /** What the loop is doing between batches (building the tables, scoring the validation rows), so no phase is silent. */
  onStatus?(text: string): void;
  control?: TrainControl;
}

/** A backend failed mid-run (e.g. WebGPU device lost): the run stops, nothing is kept. */
export class TrainingBackendError extends Error {
  override readonly name = 'TrainingBackendError';
  constructor(
    readonly backend: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${backend} backend failed during training: ${message}`, options);
  }
}

interface Settings {
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: OptimizerConfig;
  patience: number;
  lrPatience: number;
  lrFactor: number;
}

function settings(p: FlatParams): Settings {
  const n = (k: string): number => p[k] as number;
  return {
    epochs: n('epochs'),
    batchSize: n('batch_size'),
    lr: n('lr'),
    optimizer: optimizerConfig(p.optimizer as OptimizerName, n('weight_decay'), n('momentum')),
    patience: n('patience'),
    lrPatience: n('lr_patience'),
    lrFactor: n('lr_factor'),
  };
}

const TRAIN_SAMPLE = 10_000;
/** The loop yields to the event loop this often so comlink messages (pause, stop) get through. */
const YIELD_MS = 50;
const PAUSE_POLL_MS = 50;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A copy of every weight, for restoring the best epoch. */
interface Snapshot {
  tables: Float32Array[];
  dense: tf.Tensor[];
}

function snapshot(model: Model): Snapshot {
  return { tables: model.tables.map((t) => t.read()), dense: model.dense.map((d) => tf.clone(d.variable)) };
}

function restore(model: Model, s: Snapshot): void {
  model.tables.forEach((t, k) => t.write(s.tables[k]));
  model.dense.forEach((d, k) => d.variable.assign(s.dense[k]));
}

/** 0, 1, …, n − 1 (a loop: Int32Array.from with a map function is several times slower on millions). */
function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = k;
  return out;
}

/** Row indices of a seeded sample of up to `n` of `total` rows. */
function sampleRows(total: number, n: number, rng: Rng): Int32Array {
  if (total <= n) return identity(total);
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = rng.int(total);
  return out;
}

/** One optimisation step; resolves with the batch's loss once its gradients are applied. */
export async function trainStep(model: Model, batch: ReturnType<Model['trainBatch']>, opt: OptimizerConfig, lr: number, t: number, dropoutSeed: number): Promise<number> {
  if (model.lossAndGrads) {
    const { loss, grads } = model.lossAndGrads(lookupRows(batch), batch);
    applyRowGrads(model, batch, grads, opt, { lr, t });
    tf.dispose(batch.inputs);
    return loss;
  }
  const rows = lookupTensors(batch);
  const nRows = rows.length;
  const { value, grads } = tf.tidy(() =>
    tf.valueAndGrads((...xs: tf.Tensor[]) => model.loss(xs.slice(0, nRows) as tf.Tensor2D[], batch, dropoutSeed))([
      ...rows,
      ...model.dense.map((d) => d.variable),
    ]),
  );
  const info = { lr, t };
  model.dense.forEach((d, k) => d.update(opt, info, grads[nRows + k]));
  const [loss, ...rowGrads] = await Promise.all([value.data(), ...grads.slice(0, nRows).map((g) => g.data())]);
  applyRowGrads(model, batch, rowGrads as Float32Array[], opt, info);
  tf.dispose([value, ...grads]);
  disposeBatch(batch, rows);
  return loss[0];
}

/** Each lookup's row gradients summed per row, then every table's optimiser step. */
function applyRowGrads(model: Model, batch: ReturnType<Model['trainBatch']>, grads: Float32Array[], opt: OptimizerConfig, info: StepInfo): void {
  batch.lookups.forEach((l, k) => l.table.accumulate(l.index, grads[k]));
  for (const table of model.tables) table.step(opt, info);
}

/**
 * Train model `id` (a tfjs entry of the registry) on the current tf backend.
 * `params` may be partial: missing keys take the registry's defaults.
 */
export async function trainModel(
  id: string,
  params: FlatParams,
  data: TrainData,
  seed: number,
  hooks: TrainHooks = {},
): Promise<TrainedModel> {
  const spec = findAlgorithm(id);
  if (spec.engine !== 'tfjs') throw new Error(`${id} is not a TensorFlow.js model`);
  const resolved = resolveParams(spec, params);
  const s = settings(resolved);
  const backend = tf.getBackend();
  const initRng = createRng(seed);
  const shuffleRng = createRng(seed + 1);
  const mean = trainMean(data);
  const { onEpoch, onBatch, onStatus, control } = hooks;
  onStatus?.(`initialising the embeddings of ${data.nUsers.toLocaleString('en-US')} users and ${data.nItems.toLocaleString('en-US')} items`);
  const model = buildModel(id, { params: resolved, data, mean, optimizer: s.optimizer, rng: initRng });

  const trainRows = sampleRows(data.rating.length, TRAIN_SAMPLE, initRng);
  const trainSample = {
    user: pick(data.user, trainRows),
    item: pick(data.item, trainRows),
    rating: pick(data.rating, trainRows),
    time: data.time && pick(data.time, trainRows),
  };
  const hasVal = data.valRating.length > 0;

  let lr = s.lr;
  let t = 0;
  let best: Snapshot | null = null;
  let bestRmse = Infinity;
  let bestEpoch = 0;
  let sinceBest = 0;
  let sinceLrBest = 0;
  let lrBest = Infinity;
  let epochsRun = 0;
  let samples = 0;
  const fitStart = performance.now();
  let pausedMs = 0;
  let lastYield = performance.now();

  try {
    for (let epoch = 1; epoch <= s.epochs && !control?.stopped; epoch++) {
      const epochStart = performance.now();
      if (epoch === 1) onStatus?.(`shuffling ${model.examples.toLocaleString('en-US')} training examples`);
      const perm = shuffleRng.shuffle(identity(model.examples));
      if (epoch === 1) onStatus?.(`training on ${backend}`);
      const batches = Math.ceil(model.examples / s.batchSize);
      let stepMs = 0;
      let epochSamples = 0;
      let lossSum = 0;
      let done = 0;
      for (let b = 0; b < batches; b++) {
        if (control?.paused) {
          const p0 = performance.now();
          while (control.paused && !control.stopped) await sleep(PAUSE_POLL_MS);
          pausedMs += performance.now() - p0;
        }
        if (control?.stopped) break;
        const t0 = performance.now();
        const batch = model.trainBatch(perm.subarray(b * s.batchSize, (b + 1) * s.batchSize), shuffleRng);
        const loss = await trainStep(model, batch, s.optimizer, lr, ++t, shuffleRng.uint32());
        const now = performance.now();
        stepMs += now - t0;
        epochSamples += batch.size;
        lossSum += loss;
        done++;
        onBatch?.({ epoch, batch: b + 1, batches, loss, samplesPerSec: batch.size / ((now - t0) / 1000) });
        if (now - lastYield > YIELD_MS) {
          await sleep(0);
          lastYield = performance.now();
        }
      }
      samples += epochSamples;
      releaseBuffer(perm.buffer); // 4 bytes an example, each epoch
      if (done < batches) break; // stopped mid-epoch: keep the last complete epoch's state
      epochsRun = epoch;

      onStatus?.(hasVal ? `epoch ${epoch}: scoring ${data.valRating.length.toLocaleString('en-US')} validation rows` : `epoch ${epoch}: scoring`);
      const trainPred = await predictPairs(model, trainSample.user, trainSample.item, data.ratingMin, data.ratingMax, trainSample.time);
      let valRmse = NaN;
      let valMae = NaN;
      if (hasVal) {
        const valPred = await predictPairs(model, data.valUser, data.valItem, data.ratingMin, data.ratingMax, data.valTime);
        valRmse = rmse(valPred, data.valRating);
        valMae = mae(valPred, data.valRating);
      }
      onEpoch?.({
        epoch,
        epochs: s.epochs,
        trainRmse: rmse(trainPred, trainSample.rating),
        trainLoss: lossSum / done,
        valRmse,
        valMae,
        lr,
        seconds: (performance.now() - epochStart) / 1000,
        samplesPerSec: epochSamples / (stepMs / 1000),
      });
      if (!hasVal) continue;
      if (valRmse < bestRmse) {
        bestRmse = valRmse;
        bestEpoch = epoch;
        sinceBest = 0;
        // A copy of every weight (GBs on millions of users), only when a later epoch may need it back.
        if (s.patience > 0 && epoch < s.epochs) {
          if (best) tf.dispose(best.dense);
          best = snapshot(model);
        }
      } else if (s.patience > 0 && ++sinceBest >= s.patience) break;
      if (s.lrPatience > 0) {
        if (valRmse < lrBest) {
          lrBest = valRmse;
          sinceLrBest = 0;
        } else if (++sinceLrBest >= s.lrPatience) {
          lr *= s.lrFactor;
          sinceLrBest = 0;
        }
      }
    }
    if (best && bestEpoch < epochsRun) restore(model, best);
    // Training is over: the optimiser slots go (two thirds of Adam's tables) before scoring and saving.
    for (const table of model.tables) table.freeze();
  } catch (err) {
    // A failed backend may fail to free memory too; the original error is the one to report.
    try {
      for (const d of model.dense) d.dispose();
    } catch {
      /* the backend is gone with its memory */
    }
    if (err instanceof RangeError) throw err; // bad input, not the backend
    throw new TrainingBackendError(backend, err instanceof Error ? err.message : String(err), { cause: err });
  } finally {
    if (best) tf.dispose(best.dense);
  }
  const seconds = (performance.now() - fitStart - pausedMs) / 1000;
  return makeTrainedModel(model, {
    id,
    params: resolved,
    backend,
    epochsRun,
    bestEpoch: best ? bestEpoch : epochsRun,
    samplesPerSec: samples / seconds,
    data,
    mean,
  });
}
