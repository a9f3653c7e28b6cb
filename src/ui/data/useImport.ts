/**
 * One import at a time, in its own ingest worker. Cancel terminates the worker:
 * the dataset is saved in one transaction, so a cancelled import leaves nothing.
 * A file is first estimated from its size and head; one whose import would need more
 * memory than this tab may use is refused before any parsing, with a user sample that
 * fits.
 */
import { useCallback, useRef, useState } from 'react';
import { adviseSample, memoryBudget, sampledEstimate, type ImportEstimate, type MemorySignals, type SampleAdvice } from '../../core/ingest/estimate.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { proxy, startDataWorker, type WorkerHandle } from '../../workers/client.ts';
import type { DataApi, ImportProgressReport, ImportRequest } from '../../workers/protocol.ts';
import { errorMessage } from '../common/format.ts';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'running'; fileName: string; progress: ImportProgressReport | null }
  | { phase: 'failed'; request: ImportRequest; message: string; header: string[] | null }
  /** Too large for this tab: nothing was parsed. `advice` is the user sample that fits, when one does. */
  | { phase: 'refused'; request: ImportRequest; estimate: ImportEstimate; neededBytes: number; budgetBytes: number; advice: SampleAdvice | null }
  | { phase: 'cancelled'; fileName: string }
  | { phase: 'done'; record: DatasetRecord };

export function useImport(onImported: (record: DatasetRecord) => void) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const current = useRef<{ worker: WorkerHandle<DataApi>; cancel: () => void } | null>(null);

  /** Import a file; resolves with its dataset, or null when it failed, was cancelled or another import was running. */
  const start = useCallback(
    async (req: ImportRequest): Promise<DatasetRecord | null> => {
      if (current.current) return null;
      const worker = startDataWorker();
      let cancel = () => {};
      const cancelled = new Promise<'cancelled'>((resolve) => (cancel = () => resolve('cancelled')));
      current.current = { worker, cancel };
      setState({ phase: 'running', fileName: req.fileName, progress: null });
      const onProgress = proxy((progress: ImportProgressReport) =>
        setState((s) => (s.phase === 'running' ? { ...s, progress } : s)),
      );
      try {
        if (req.source instanceof Blob) {
          const estimate = await Promise.race([worker.api.estimateImport(req.source, req.fileName, req.format, req.columnMap), cancelled]);
          if (estimate === 'cancelled') {
            setState({ phase: 'cancelled', fileName: req.fileName });
            return null;
          }
          if (estimate) {
            const budgetBytes = memoryBudget(browserMemory());
            const neededBytes = req.sampleUsers ? sampledEstimate(estimate, req.sampleUsers.fraction).memoryBytes : estimate.memoryBytes;
            if (neededBytes > budgetBytes) {
              setState({ phase: 'refused', request: req, estimate, neededBytes, budgetBytes, advice: adviseSample(estimate, budgetBytes) });
              return null;
            }
          }
        }
        const outcome = await Promise.race([worker.api.importDataset(req, onProgress), cancelled]);
        if (outcome === 'cancelled') {
          setState({ phase: 'cancelled', fileName: req.fileName });
        } else if (outcome.ok) {
          setState({ phase: 'done', record: outcome.record });
          onImported(outcome.record);
          return outcome.record;
        } else {
          setState({ phase: 'failed', request: req, message: outcome.message, header: outcome.header });
        }
      } catch (err) {
        setState({ phase: 'failed', request: req, message: `${req.fileName}: ${errorMessage(err)}`, header: null });
      } finally {
        worker.terminate();
        current.current = null;
      }
      return null;
    },
    [onImported],
  );

  const cancel = useCallback(() => {
    current.current?.worker.terminate();
    current.current?.cancel();
  }, []);

  return { state, start, cancel };
}

/** What this browser says about memory (Chromium says both; others may say neither). */
function browserMemory(): MemorySignals {
  const perf = performance as Performance & { memory?: { jsHeapSizeLimit?: number } };
  const nav = navigator as Navigator & { deviceMemory?: number };
  return { jsHeapSizeLimit: perf.memory?.jsHeapSizeLimit, deviceMemoryGiB: nav.deviceMemory };
}
