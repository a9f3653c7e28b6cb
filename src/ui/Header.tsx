/**
 * The lab's header, one line: which TensorFlow.js backend trains (why, each attempt,
 * and "Measure again" behind a disclosure), the backend choice, and storage use.
 */
import { fmtBytes } from './common/format.ts';
import type { BackendPreference } from '../workers/protocol.ts';
import { BACKEND_CHOICES, type BackendState } from './train/useTrainer.ts';

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

interface Props {
  backend: BackendState;
  preference: BackendPreference;
  /** Undefined while a run trains: the backend cannot change under it. */
  onPreference?: (p: BackendPreference) => void;
  storage: StorageInfo | null;
  /** Training workers this page has started (a stop must not start another: it would measure the backends again). */
  workerStarts: number;
  /** Time the backends again ('auto' only; undefined while a run trains). */
  onMeasureAgain?: () => void;
}

export function Header({ backend, preference, onPreference, storage, workerStarts, onMeasureAgain }: Props) {
  return (
    <header className="app-header" data-worker-starts={workerStarts}>
      <h1>RecLab</h1>
      <span className="tagline">recommender training, entirely in this tab</span>
      <div className="header-status">
        <BackendBadge backend={backend} onMeasureAgain={preference === 'auto' ? onMeasureAgain : undefined} />
        <label className="backend-choice">
          Backend
          <select
            value={preference}
            disabled={!onPreference}
            title={onPreference ? 'Which TensorFlow.js backend to try first' : 'Wait for the running models to finish'}
            onChange={(e) => onPreference?.(e.target.value as BackendPreference)}
            data-testid="backend-preference"
          >
            {BACKEND_CHOICES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        {storage && (
          <span className="storage" title={storage.persisted ? 'Storage is persistent' : 'The browser may evict this storage under pressure'}>
            Storage {fmtBytes(storage.usage)} of {fmtBytes(storage.quota)}
            {storage.persisted ? ' (persistent)' : ''}
          </span>
        )}
      </div>
    </header>
  );
}

function BackendBadge({ backend, onMeasureAgain }: { backend: BackendState; onMeasureAgain?: () => void }) {
  if (backend.state === 'probing') return <span className="backend" data-testid="backend">TensorFlow.js backend: choosing…</span>;
  if (backend.state === 'failed') {
    return (
      <span className="backend error" data-testid="backend" role="alert">
        No TensorFlow.js backend: {backend.message}
      </span>
    );
  }
  const { report } = backend;
  return (
    <span className="backend" data-testid="backend" data-backend={report.name} data-remembered={report.remembered ? 'true' : undefined} data-measured-at={report.measuredAt}>
      TensorFlow.js: <strong>{report.name}</strong>
      <details className="why">
        <summary>why</summary>
        <div className="why-panel">
          <p>
            {report.reason}
            {report.fellBackBecause && `; fell back: ${report.fellBackBecause}`}.
          </p>
          {report.measuredAt !== undefined && (
            <p>
              {report.remembered ? 'Measured earlier in this browser on this device' : 'Measured now'}, {new Date(report.measuredAt).toLocaleString()}
              {report.remembered ? '; not timed again on this load.' : '; kept for the next loads.'}
            </p>
          )}
          {report.attempts.length > 1 && (
            <ul className="attempts">
              {report.attempts.map((a) => (
                <li key={a.name}>
                  {a.name}: {a.ok ? 'started' : a.error}
                  {a.samplesPerSec ? `, ${Math.round(a.samplesPerSec).toLocaleString('en-US')} samples/s` : ''}
                  {a.ms !== undefined ? ` (${a.ms.toFixed(0)} ms)` : ''}
                </li>
              ))}
            </ul>
          )}
          {report.measuredAt !== undefined && (
            <button type="button" onClick={onMeasureAgain} disabled={!onMeasureAgain} title={onMeasureAgain ? undefined : 'Wait for the running models to finish'}>
              Measure again
            </button>
          )}
        </div>
      </details>
    </span>
  );
}
