/** The runs of this dataset, with live status, epoch progress, Stop and Remove. */
import type { RunRecord } from '../../storage/runs.ts';
import { fmtInt, fmtMetric, fmtSeconds } from '../common/format.ts';
import { ProgressBar } from '../common/ProgressBar.tsx';
import { runLabel } from './LearningCurve.tsx';
import type { LiveRun } from './useTrainer.ts';

interface Props {
  runs: LiveRun[];
  onStop(id: string): void;
  onPause(id: string, paused: boolean): void;
  onRetry(run: LiveRun): void;
  onRemove(id: string): void;
  onDownload(record: RunRecord): void;
}

function batchText(r: LiveRun): string {
  const b = r.batch;
  if (!b || r.status === 'done') return '';
  return ` · batch ${b.batch} of ${b.batches} · loss ${b.loss.toFixed(4)} · ${fmtInt(Math.round(b.samplesPerSec))} samples/s`;
}

export function RunList({ runs, onStop, onPause, onRetry, onRemove, onDownload }: Props) {
  if (runs.length === 0) return null;
  return (
    <ul className="runs" aria-label="Runs">
      {runs.map((r, k) => (
        <li key={r.id} className={`run run-${r.status}`} data-testid="run" data-status={r.status} data-algo={r.algo} data-points={r.curve.length}>
          <strong>{runLabel(r, k)}</strong>
          <span className="run-status" aria-live="polite">
            {r.status === 'paused' ? 'paused' : r.statusText}
            {r.last ? ` · validation RMSE ${fmtMetric(r.last.valRmse)}` : ''}
            {batchText(r)}
          </span>
          {(r.status === 'running' || r.status === 'paused') && r.epochs !== null && (
            <ProgressBar value={r.curve.length} max={r.epochs} label={`${r.curve.length} of ${r.epochs} epochs`} />
          )}
          {r.error && (
            <span role="alert" className="error">
              {r.error}
            </span>
          )}
          {r.record && <RunDetails record={r.record} />}
          {r.batch && (r.status === 'running' || r.status === 'paused') && (
            <button type="button" onClick={() => onPause(r.id, r.status !== 'paused')}>
              {r.status === 'paused' ? 'Resume' : 'Pause'}
            </button>
          )}
          {r.status === 'running' || r.status === 'paused' || r.status === 'queued' ? (
            <button type="button" onClick={() => onStop(r.id)}>
              Stop
            </button>
          ) : (
            <>
              {r.status === 'failed' && (
                <button type="button" onClick={() => onRetry(r)}>
                  Retry
                </button>
              )}
              {r.record?.modelUrl && (
                <button type="button" onClick={() => onDownload(r.record!)} aria-label={`Download the ${runLabel(r, k)} model`}>
                  Download model
                </button>
              )}
              <button type="button" onClick={() => onRemove(r.id)} aria-label={`Remove ${runLabel(r, k)}`}>
                Remove
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Per-fold figures of a cross-validated run, and every candidate of a grid search. */
function RunDetails({ record }: { record: RunRecord }) {
  if (!record.folds && !record.search) return null;
  return (
    <details className="run-details">
      <summary>{record.search ? `${record.search.length} candidates` : `${record.folds!.length} folds`}</summary>
      {record.search && (
        <table data-testid="search-results">
          <thead>
            <tr>
              <th scope="col">Parameters tried</th>
              <th scope="col">RMSE</th>
              <th scope="col">MAE</th>
            </tr>
          </thead>
          <tbody>
            {[...record.search]
              .sort((a, b) => a.rmse - b.rmse)
              .map((c, k) => (
                <tr key={k}>
                  <td>{Object.entries(c.params).map(([key, v]) => `${key}=${v}`).join(', ')}</td>
                  <td>{fmtMetric(c.rmse)}</td>
                  <td>{fmtMetric(c.mae)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {record.folds && (
        <table data-testid="fold-results">
          <thead>
            <tr>
              <th scope="col">Fold</th>
              <th scope="col">RMSE</th>
              <th scope="col">MAE</th>
              <th scope="col">FCP</th>
              <th scope="col">Fit</th>
              <th scope="col">Test</th>
            </tr>
          </thead>
          <tbody>
            {record.folds.map((f, k) => (
              <tr key={k}>
                <td>{k + 1}</td>
                <td>{fmtMetric(f.rmse)}</td>
                <td>{fmtMetric(f.mae)}</td>
                <td>{fmtMetric(f.fcp)}</td>
                <td>{fmtSeconds(f.fitSeconds)}</td>
                <td>{fmtSeconds(f.testSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
