/**
 * A data worker for previews, statistics, searches and exports over stored datasets,
 * started on first use. It keeps the last table it read (slider previews reuse it),
 * so `release` ends it: the screen that leaves hands its memory back before another
 * screen (training) needs it. A release waits for the calls in flight that change or
 * hand over something (saves, exports), not for READS, whose answers only the leaving
 * screen would have shown: a preview of millions of rows left running would share the
 * CPUs and the memory with the next screen's own reading.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { startDataWorker, type WorkerHandle } from '../../workers/client.ts';
import type { DataApi } from '../../workers/protocol.ts';

type Api = WorkerHandle<DataApi>['api'];

const READS: ReadonlySet<string> = new Set<keyof DataApi>(['previewFilter', 'explore', 'findItems']);

export function useDataWorker() {
  const handle = useRef<WorkerHandle<DataApi> | null>(null);
  const calls = useRef(0);
  const releasing = useRef(false);

  const end = useCallback(() => {
    handle.current?.terminate();
    handle.current = null;
    releasing.current = false;
  }, []);

  const get = useCallback((): Api => {
    handle.current ??= startDataWorker();
    const { api } = handle.current;
    // Every call but a read is counted while in flight, so a release waits for it.
    return new Proxy(api, {
      get: (target, name) => {
        const method = target[name as keyof Api] as unknown as (...args: unknown[]) => Promise<unknown>;
        if (READS.has(name as string)) return method;
        return (...args: unknown[]) => {
          calls.current++;
          return method(...args).finally(() => {
            if (--calls.current === 0 && releasing.current) end();
          });
        };
      },
    });
  }, [end]);

  /** End the worker now (reads in flight are dropped), or when its other calls in flight are done. */
  const release = useCallback(() => {
    if (calls.current === 0) end();
    else releasing.current = true;
  }, [end]);

  useEffect(() => end, [end]);
  // One object for the page's life: screens key their work on it (Explore recomputes when it changes).
  return useMemo(() => ({ get, release }), [get, release]);
}

export type DataWorker = ReturnType<typeof useDataWorker>;
