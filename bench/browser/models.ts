/**
 * `npm run bench:models:browser`: Bias MF trained in a Web Worker in headless
 * Chromium, on the app's bundled code. Prints samples/s per backend (webgl, wasm with
 * and without threads, WebGPU on SwiftShader in a second browser), the step time with
 * 1k versus 1M items on wasm, and, when ../shared holds MovieLens-100k, the validation
 * RMSE on an 80/20 split after the default epochs on wasm. Figures, not pass/fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { callPage, openBenchPage, serveBenchPage } from './harness.ts';
import type { FileData, SyntheticData, TrainJob, TrainReport } from './protocol.ts';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
// Surprise's own 80/20 split (the one its SVD scores 0.946 on), else u.data split here.
const SPLIT = ['train', 'test'].map((part) => `${SHARED}anchors/surprise/ml100k_split80_20.${part}.tsv`);
const UDATA = `${SHARED}data/movielens-100k/u.data`;

const MODEL = 'BiasMF';
const fixedEpochs = (epochs: number) => ({ epochs, patience: 0, lr_patience: 0 });

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const pad = (s: string | number, w: number): string => String(s).padStart(w);

/** Run a job; a failure (say, a backend that does not start) is reported, not fatal. */
async function run(page: Page, job: TrainJob): Promise<TrainReport | string> {
  try {
    return await callPage(page, 'train', { timeoutS: 180, ...job });
  } catch (err) {
    return (err instanceof Error ? err.message : String(err)).split('\n')[0];
  }
}

const synthetic: SyntheticData = { kind: 'synthetic', ratings: 100_000, users: 10_000, items: 5_000 };
const gpuSynthetic: SyntheticData = { ...synthetic, ratings: 10_000 };

function backendRow(label: string, r: TrainReport | string): string {
  if (typeof r === 'string') return `${label.padEnd(26)} failed: ${r}`;
  const threads = r.wasmThreads === null ? '-' : r.wasmThreads;
  return `${label.padEnd(26)}${pad(threads, 7)}${pad(r.trainRows.toLocaleString('en-US'), 9)}${pad(r.epochsRun, 7)}${pad(n(r.epochSamplesPerSec.at(-1) ?? NaN), 12)}${pad(n(r.samplesPerSec), 12)}${pad(r.seconds.toFixed(1), 9)}`;
}

const server = await serveBenchPage();
const cpu = await openBenchPage(server.url);
try {
  const isolated = await cpu.page.evaluate(() => crossOriginIsolated);
  console.log(`\n## ${MODEL} samples/s per backend in a Chromium worker (cross-origin isolated: ${isolated}); ${n(synthetic.users)} users × ${n(synthetic.items)} items, default factors and batch size`);
  console.log(`${'backend'.padEnd(26)}threads     rows epochs  last epoch    whole fit  seconds`);
  const job = (backend: TrainJob['backend'], data: SyntheticData, epochs: number, threads?: boolean): TrainJob => ({
    backend,
    ...(threads === undefined ? {} : { threads }),
    model: MODEL,
    params: fixedEpochs(epochs),
    data,
    seed: 1,
  });
  console.log(backendRow('webgl', await run(cpu.page, job('webgl', synthetic, 3))));
  console.log(backendRow('wasm (threads)', await run(cpu.page, job('wasm', synthetic, 3, true))));
  console.log(backendRow('wasm (single thread)', await run(cpu.page, job('wasm', synthetic, 3, false))));
  const gpu = await openBenchPage(server.url, { webgpu: true });
  try {
    console.log(backendRow('webgpu (SwiftShader)', await run(gpu.page, job('webgpu', gpuSynthetic, 2))));
  } finally {
    await gpu.close();
  }

  console.log(`\n## ${MODEL} step time on wasm: batch 1024, 32 factors, 50,000 ratings, 10,000 users (second epoch)`);
  const stepMs: number[] = [];
  for (const items of [1_000, 1_000_000]) {
    const r = await run(cpu.page, {
      backend: 'wasm',
      model: MODEL,
      params: { factors: 32, batch_size: 1024, ...fixedEpochs(2) },
      data: { kind: 'synthetic', ratings: 50_000, users: 10_000, items },
      seed: 1,
    });
    if (typeof r === 'string') {
      console.log(`${pad(n(items), 9)} items: failed: ${r}`);
      continue;
    }
    const sps = r.epochSamplesPerSec.at(-1)!;
    stepMs.push((1024 / sps) * 1000);
    console.log(`${pad(n(items), 9)} items: ${stepMs.at(-1)!.toFixed(2)} ms/step (${n(sps)} samples/s)`);
  }
  if (stepMs.length === 2) console.log(`ratio 1M/1k: ${(stepMs[1] / stepMs[0]).toFixed(2)}   (target ≤ 1.5)`);

  const given = SPLIT.every(existsSync);
  const files = given ? SPLIT : existsSync(UDATA) ? [UDATA] : [];
  if (files.length === 0) {
    console.log(`\nMovieLens-100k not found under ${SHARED}: no test RMSE.`);
  } else {
    const data: FileData = given ? { kind: 'files', trainRows: readFileSync(SPLIT[0], 'utf8').split('\n').filter((l) => l.length > 0).length } : { kind: 'files' };
    const split = given ? "Surprise's split (anchors/surprise/ml100k_split80_20.*)" : 'seeded random split of u.data';
    console.log(`\n## ${MODEL} on MovieLens-100k 80/20, ${split}, default parameters, wasm`);
    await cpu.page.setInputFiles('#files', files);
    const r = await run(cpu.page, { backend: 'wasm', model: MODEL, params: {}, data, seed: 0 });
    if (typeof r === 'string') console.log(`failed: ${r}`);
    else {
      console.log(`test RMSE ${r.testRmse.toFixed(4)} after ${r.epochsRun} epochs (early stopping on 10% of the training rows restores the best), ${n(r.samplesPerSec)} samples/s over the fit, ${r.seconds.toFixed(1)} s   (Surprise SVD 0.946)`);
    }
  }
} finally {
  await cpu.close();
  await server.close();
}
