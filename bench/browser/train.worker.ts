/**
 * Model benchmark worker: one job per worker, so each backend (and wasm with or
 * without threads) starts from a fresh TensorFlow.js.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { importRatings } from '../../src/core/ingest/import.ts';
import type { RatingsTable } from '../../src/core/ratings.ts';
import { findAlgorithm, resolveParams } from '../../src/core/registry/index.ts';
import { fitAndScore, tableScale } from '../../src/core/selection/crossValidate.ts';
import { createRng } from '../../src/core/rng.ts';
import { randomSplit, type Split } from '../../src/core/split.ts';
import { selectBackend } from '../../src/models/backend.ts';
import { uniformTrainData } from '../../src/models/data.ts';
import { tfjsEstimator } from '../../src/models/estimator.ts';
import { trainModel } from '../../src/models/train.ts';
import type { FileData, TrainJob, TrainReport } from './protocol.ts';

/** The files imported as one stream, so they share one id dictionary and keep their row order; and the train/test rows. */
async function fromFiles(files: File[], d: FileData, seed: number): Promise<{ table: RatingsTable; split: Split }> {
  const imported = await importRatings(new Blob(files).stream(), { fileName: files.map((f) => f.name).join('+'), hash: false });
  const n = imported.table.rating.length;
  if (d.trainRows === undefined) return { table: imported.table, split: randomSplit(imported.table, 0.2, seed) };
  if (imported.duplicates || imported.badRows) throw new Error(`the split files lost rows on import (${imported.duplicates} duplicates, ${imported.badRows} bad)`);
  const range = (from: number, to: number): Int32Array => Int32Array.from({ length: to - from }, (_, k) => from + k);
  return { table: imported.table, split: { train: range(0, d.trainRows), test: range(d.trainRows, n) } };
}

const api = {
  async train(job: TrainJob, files: File[]): Promise<TrainReport> {
    // Read by the wasm backend when it initialises: false picks the single-threaded build.
    if (job.threads === false) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const choice = await selectBackend({
      prefer: [job.backend],
      wasmPaths: {
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      },
    });
    const epochSamplesPerSec: number[] = [];
    const t0 = performance.now();
    if (job.data.kind === 'synthetic') {
      const data = uniformTrainData(createRng(job.seed), job.data.ratings, job.data.users, job.data.items);
      const m = await trainModel(job.model, job.params, data, job.seed, { onEpoch: (r) => epochSamplesPerSec.push(r.samplesPerSec) });
      m.dispose();
      const seconds = (performance.now() - t0) / 1000;
      return { backend: choice.name, wasmThreads: threads(choice.name), epochsRun: m.epochsRun, samplesPerSec: m.samplesPerSec, epochSamplesPerSec, testRmse: NaN, seconds, trainRows: data.rating.length };
    }
    // As the lab scores a run: early stopping and the LR schedule watch 10% of the
    // training rows; the test rows are scored once, by the model that training kept.
    const { table, split } = await fromFiles(files, job.data, job.seed);
    const params = resolveParams(findAlgorithm(job.model), job.params);
    const { scores, model } = await fitAndScore(tfjsEstimator, table, split, {
      algo: job.model,
      params,
      seed: job.seed,
      scale: tableScale(table),
    });
    model.dispose();
    const seconds = (performance.now() - t0) / 1000;
    const info = model.info;
    return {
      backend: choice.name,
      wasmThreads: threads(choice.name),
      epochsRun: info.epochsRun ?? 0,
      samplesPerSec: info.samplesPerSec ?? NaN,
      epochSamplesPerSec,
      testRmse: scores.rmse,
      seconds,
      trainRows: split.train.length,
    };
  },
};

const threads = (backend: string): number | null => (backend === 'wasm' ? getThreadsCount() : null);

export type TrainWorker = typeof api;
Comlink.expose(api);
