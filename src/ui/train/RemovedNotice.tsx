/** The notice after a run is removed, with Undo: shared by the Train screen and History. */
import { useEffect, useRef } from 'react';
import type { Trainer } from './useTrainer.ts';

/**
 * "Removed SVD #2 · Undo": a removal is one click, so it can be taken back. Focus
 * moves to Undo (the Remove button is gone), and back to the run's Remove on Undo.
 * For one dataset's runs (Train), or any dataset's (`datasetId` null: History).
 */
export function RemovedNotice({ trainer, datasetId, runs }: { trainer: Trainer; datasetId: string | null; runs: Trainer['runs'] }) {
  const { removed, undoRemove, dismissRemoved } = trainer;
  const undo = useRef<HTMLButtonElement>(null);
  const restored = useRef<string | null>(null);
  const id = removed?.id;
  useEffect(() => {
    if (id) undo.current?.focus();
  }, [id]);
  useEffect(() => {
    const back = restored.current;
    if (!back || !runs.some((r) => r.id === back)) return;
    restored.current = null;
    document.querySelector<HTMLElement>(`[data-run-id="${back}"] [data-action="remove"]`)?.focus();
  }, [runs]);
  if (!removed || (datasetId !== null && removed.datasetId !== datasetId)) return null;
  return (
    <p className="removed-notice" role="status" data-testid="removed-notice">
      Removed {removed.label}.{' '}
      <button
        ref={undo}
        type="button"
        onClick={() => {
          restored.current = removed.id;
          void undoRemove();
        }}
      >
        Undo
      </button>{' '}
      <button type="button" onClick={dismissRemoved} aria-label="Dismiss: keep it removed">
        Dismiss
      </button>
    </p>
  );
}
