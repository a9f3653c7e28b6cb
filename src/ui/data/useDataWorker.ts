/**
 * A long-lived data worker for previews, statistics and exports over stored
 * datasets. `restart` cancels whatever it is doing (terminate, start afresh).
 */
import { useCallback, useEffect, useRef } from 'react';
import { startDataWorker, type WorkerHandle } from '../../workers/client.ts';
import type { DataApi } from '../../workers/protocol.ts';

export function useDataWorker() {
  const handle = useRef<WorkerHandle<DataApi> | null>(null);
  const get = useCallback((): WorkerHandle<DataApi>['api'] => {
    handle.current ??= startDataWorker();
    return handle.current.api;
  }, []);
  const restart = useCallback(() => {
    handle.current?.terminate();
    handle.current = null;
  }, []);
  useEffect(() => restart, [restart]);
  return { get, restart };
}

export type DataWorker = ReturnType<typeof useDataWorker>;
