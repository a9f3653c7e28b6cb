/** The lab's header: which TensorFlow.js backend trains, why it fell back, and storage use. */
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
}

export function Header({ backend, preference, onPreference, storage, workerStarts }: Props) {
  return (
    <header className="app-header" data-worker-starts={workerStarts}>
      <h1>RecLab</h1>
      <span className="tagline">recommender training, entirely in this tab</span>
      <div className="header-status">
        <BackendBadge backend={backend} />
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

function BackendBadge({ backend }: { backend: BackendState }) {
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
    <span className="backend" data-testid="backend" data-backend={report.name}>
      TensorFlow.js backend: <strong>{report.name}</strong>
      <span className="fallback"> — {report.reason}</span>
      {report.fellBackBecause && <span className="fallback">; fell back: {report.fellBackBecause}</span>}
      {report.attempts.length > 1 && (
        <details className="attempts">
          <summary>attempts</summary>
          <ul>
            {report.attempts.map((a) => (
              <li key={a.name}>
                {a.name}: {a.ok ? 'started' : a.error}
                {a.samplesPerSec ? `, ${Math.round(a.samplesPerSec).toLocaleString('en-US')} samples/s` : ''}
                {a.ms !== undefined ? ` (${a.ms.toFixed(0)} ms)` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </span>
  );
}
