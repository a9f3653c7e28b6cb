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
import { rmse } from '../../src/core/metrics.ts';
import { createRng } from '../../src/core/rng.ts';
import { randomSplit } from '../../src/core/split.ts';
import { selectBackend } from '../../src/models/backend.ts';
import { trainDataFromSplit, uniformTrainData } from '../../src/models/data.ts';
import { trainModel, type TrainData } from '../../src/models/train.ts';
import type { FileData, TrainJob, TrainReport } from './protocol.ts';

/** The files imported as one stream, so they share one id dictionary and keep their row order. */
async function fromFiles(files: File[], d: FileData, seed: number): Promise<TrainData> {
  const imported = await importRatings(new Blob(files).stream(), { fileName: files.map((f) => f.name).join('+'), hash: false });
  const n = imported.table.rating.length;
  if (d.trainRows === undefined) {
    const { train, test } = randomSplit(n, 0.2, seed);
    return trainDataFromSplit(imported.table, train, test);
  }
  if (imported.duplicates || imported.badRows) throw new Error(`the split files lost rows on import (${imported.duplicates} duplicates, ${imported.badRows} bad)`);
  const range = (from: number, to: number): Int32Array => Int32Array.from({ length: to - from }, (_, k) => from + k);
  return trainDataFromSplit(imported.table, range(0, d.trainRows), range(d.trainRows, n));
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
    const data = job.data.kind === 'synthetic' ? uniformTrainData(createRng(job.seed), job.data.ratings, job.data.users, job.data.items) : await fromFiles(files, job.data, job.seed);
    const epochSamplesPerSec: number[] = [];
    const t0 = performance.now();
    const m = await trainModel(job.model, job.params, data, job.seed, { onEpoch: (r) => epochSamplesPerSec.push(r.samplesPerSec) });
    const seconds = (performance.now() - t0) / 1000;
    // The model as returned (early stopping may have restored an earlier epoch), scored on the held-out rows.
    const valRmse = data.valRating.length ? rmse(await m.predict(data.valUser, data.valItem), data.valRating) : NaN;
    m.dispose();
    return {
      backend: choice.name,
      wasmThreads: choice.name === 'wasm' ? getThreadsCount() : null,
      epochsRun: m.epochsRun,
      samplesPerSec: m.samplesPerSec,
      epochSamplesPerSec,
      valRmse,
      seconds,
      trainRows: data.rating.length,
    };
  },
};

export type TrainWorker = typeof api;
Comlink.expose(api);
