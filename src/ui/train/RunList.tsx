/** The runs of this dataset, with live status, epoch progress, Stop and Remove. */
import { fmtMetric } from '../common/format.ts';
import { ProgressBar } from '../common/ProgressBar.tsx';
import { runLabel } from './LearningCurve.tsx';
import type { LiveRun } from './useTrainer.ts';

interface Props {
  runs: LiveRun[];
  onStop(id: string): void;
  onRemove(id: string): void;
}

export function RunList({ runs, onStop, onRemove }: Props) {
  if (runs.length === 0) return null;
  return (
    <ul className="runs" aria-label="Runs">
      {runs.map((r, k) => (
        <li key={r.id} className={`run run-${r.status}`} data-testid="run" data-status={r.status} data-algo={r.algo} data-points={r.curve.length}>
          <strong>{runLabel(r, k)}</strong>
          <span className="run-status" aria-live="polite">
            {r.statusText}
            {r.last ? ` · validation RMSE ${fmtMetric(r.last.valRmse)}` : ''}
          </span>
          {r.status === 'running' && r.epochs !== null && (
            <ProgressBar value={r.curve.length} max={r.epochs} label={`${r.curve.length} of ${r.epochs} epochs`} />
          )}
          {r.error && (
            <span role="alert" className="error">
              {r.error}
            </span>
          )}
          {r.status === 'running' || r.status === 'queued' ? (
            <button type="button" onClick={() => onStop(r.id)}>
              Stop
            </button>
          ) : (
            <button type="button" onClick={() => onRemove(r.id)} aria-label={`Remove ${runLabel(r, k)}`}>
              Remove
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
