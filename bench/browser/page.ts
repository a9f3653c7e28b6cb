/**
 * The bench page: hands the <input type=file> files to a fresh worker per call and,
 * when cross-origin isolated, measures the page's memory (workers included) with
 * measureUserAgentSpecificMemory. Drivers call window.reclabBench via page.evaluate.
 */
import * as Comlink from 'comlink';
import type { IngestWorker } from './ingest.worker.ts';
import type { BenchPage } from './protocol.ts';
import type { TrainWorker } from './train.worker.ts';

declare global {
  interface Window {
    reclabBench: BenchPage;
  }
  interface Performance {
    measureUserAgentSpecificMemory?(): Promise<{ bytes: number }>;
  }
}

const files = (): File[] => Array.from(document.querySelector<HTMLInputElement>('#files')!.files ?? []);

async function measureMemory(): Promise<number | null> {
  if (!crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return null;
  return (await performance.measureUserAgentSpecificMemory()).bytes;
}

/**
 * Run `use` against a fresh worker and terminate it after, whatever happens; give up
 * after `timeoutS` (a backend that hangs must not stall the whole benchmark).
 */
async function withWorker<T, R>(worker: Worker, use: (api: Comlink.Remote<T>) => Promise<R>, timeoutS = Infinity): Promise<R> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    if (timeoutS < Infinity) timer = setTimeout(() => reject(new Error(`no answer within ${timeoutS} s`)), timeoutS * 1000);
  });
  try {
    return await Promise.race([use(Comlink.wrap<T>(worker)), timeout]);
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}

window.reclabBench = {
  async ingest({ hash, sampleUsers }) {
    const [file] = files();
    if (!file) throw new Error('no file in the input');
    const before = await measureMemory();
    const worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' });
    return withWorker<IngestWorker, Awaited<ReturnType<BenchPage['ingest']>>>(worker, async (api) => {
      const figures = await api.ingest(file, hash, sampleUsers);
      // The worker still holds the imported and the filtered table here.
      const held = await measureMemory();
      return { ...figures, crossOriginIsolated, uaMemory: before === null || held === null ? null : { before, held } };
    });
  },
  train(job) {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
    return withWorker<TrainWorker, Awaited<ReturnType<BenchPage['train']>>>(worker, (api) => api.train(job, files()), job.timeoutS);
  },
};
