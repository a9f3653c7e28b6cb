/**
 * One import at a time, in its own ingest worker. Cancel terminates the worker:
 * the dataset is saved in one transaction, so a cancelled import leaves nothing.
 */
import { useCallback, useRef, useState } from 'react';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { proxy, startDataWorker, type WorkerHandle } from '../../workers/client.ts';
import type { DataApi, ImportProgressReport, ImportRequest } from '../../workers/protocol.ts';
import { errorMessage } from '../common/format.ts';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'running'; fileName: string; progress: ImportProgressReport | null }
  | { phase: 'failed'; request: ImportRequest; message: string; header: string[] | null }
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
