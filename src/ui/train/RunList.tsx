/** The runs of this dataset, with live status, epoch progress, Pause, Stop and what each finished run kept. */
import { memo } from 'react';
import type { FlatParams } from '../../core/registry/index.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { RunRecord } from '../../storage/runs.ts';
import { fmtInt, fmtMetric, fmtSeconds } from '../common/format.ts';
import { ProgressBar } from '../common/ProgressBar.tsx';
import { TableScroll } from '../common/TableScroll.tsx';
import { runLabel } from './LearningCurve.tsx';
import { curveRowsText, EvaluationFacts, modelText, paramsText, rankingText } from './RunFacts.tsx';
import { queueSlots, secondsLeft, type QueueSlot } from './queueEta.ts';
import { RunDetail } from './RunDetail.tsx';
import { SearchResults, searchViewOf } from './SearchResults.tsx';
import type { LiveRun } from './useTrainer.ts';

interface Props {
  runs: LiveRun[];
  /** The dataset the runs trained on (its recipe is in each run's details). */
  dataset: DatasetRecord;
  onStop(id: string): void;
  onPause(id: string, paused: boolean): void;
  canPause(run: LiveRun): boolean;
  onRetry(run: LiveRun): void;
  /** Queue an interrupted run again. */
  onRerun(run: LiveRun): void;
  onRemove(id: string): void;
  /** Swap a queued run with the queued run before (-1) or after (+1) it. */
  onMove(id: string, by: -1 | 1): void;
  onDownload(record: RunRecord): void;
  /** Download the run's per-user values as CSV (runs on one split keep them). */
  onPerUser(record: RunRecord): void;
  onFitOnAll(record: RunRecord): void;
  /** A plain run with a search candidate's params (the search may still run). */
  onTrainWith(run: LiveRun, params: FlatParams): void;
}

/** The latest RMSE the run shows, named: the curve's while it trains, the test figure once done. */
function rmseText(r: LiveRun): string {
  const rec = r.record;
  if (rec) {
    if (Number.isNaN(rec.rmse)) return '';
    return ` · test RMSE ${fmtMetric(rec.rmse)}${rec.folds ? ' (mean over the folds)' : ''}`;
  }
  const last = r.last ?? (r.status === 'interrupted' ? r.curve[r.curve.length - 1] : undefined);
  return last ? ` · ${curveRowsText(r.validation)} RMSE ${fmtMetric(last.valRmse)}` : '';
}

function batchText(r: LiveRun): string {
  const b = r.batch;
  if (!b || r.status === 'done') return '';
  return ` · batch ${b.batch} of ${b.batches} · loss ${b.loss.toFixed(4)} · ${fmtInt(Math.round(b.samplesPerSec))} samples/s`;
}

/** "about 2 min", "about 40 s": a time ahead, said roughly, as it is an estimate. */
export function aboutText(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Where a run stands in time: left of a running run, or a queued run's place and start. */
function timeText(r: LiveRun, slot: QueueSlot | undefined, now: number): string {
  if (r.status === 'running' && r.startedAt !== null) {
    const left = secondsLeft(r.startedAt, r.fraction, now);
    return left === null ? '' : ` · ${aboutText(left)} left`;
  }
  if (!slot) return '';
  return ` · ${ordinal(slot.position)} in the queue${slot.startsIn === null ? '' : slot.startsIn < 1 ? ' · starts next' : ` · starts in ${aboutText(slot.startsIn)}`}`;
}

export function RunList({ runs, ...handlers }: Props) {
  if (runs.length === 0) return null;
  // Every event from the worker renders the list again, so the estimates follow it.
  const now = Date.now();
  const slots = queueSlots(runs, now);
  const queued = runs.filter((r) => r.status === 'queued').map((r) => r.id);
  return (
    <ul className="runs" aria-label="Runs">
      {runs.map((r, k) => (
        <RunItem
          key={r.id}
          r={r}
          index={k}
          time={timeText(r, slots.get(r.id), now)}
          first={queued[0] === r.id}
          last={queued[queued.length - 1] === r.id}
          {...handlers}
        />
      ))}
    </ul>
  );
}

/**
 * One run. Memoised: a training event replaces only its own run's object, so the
 * other (finished) runs skip rendering (the handlers are stable callbacks).
 */
const RunItem = memo(function RunItem(props: Omit<Props, 'runs'> & { r: LiveRun; index: number; time: string; first: boolean; last: boolean }) {
  const { r, index: k, time, first, last, dataset, onStop, onPause, canPause, onRetry, onRerun, onRemove, onMove, onDownload, onPerUser, onFitOnAll, onTrainWith } = props;
  const label = runLabel(r, k);
  const search = searchViewOf(r);
  const best = search && search.best >= 0 ? search.candidates[search.best] : null;
  const live = r.status === 'running' || r.status === 'paused';
  const rec = r.record;
  // A Dask job's run brought its figures only: no model, no per-user values, nothing to refit here.
  const dask = rec?.engine === 'dask';
  return (
    <li
      className={`run run-${r.status}`}
      data-testid="run"
      data-run-id={r.id}
      data-status={r.status}
      data-algo={r.algo}
      data-points={r.curve.length}
      data-refit={r.refit?.status}
      data-params={JSON.stringify(r.params)}
      data-searched={rec ? String(!!rec.search) : undefined}
    >
      <div className="run-head">
        <strong>{label}</strong>
        <span className="run-status" data-testid="run-status">
          {r.status === 'paused' ? 'paused' : r.statusText}
          {rmseText(r)}
          {batchText(r)}
          {time && <span data-testid="run-time">{time}</span>}
        </span>
        <span className="run-actions">
          {best && (
            <button
              type="button"
              onClick={() => onTrainWith(r, best.params)}
              aria-label={`Train the best: ${label}`}
              title={`A plain run with the parameters of the best candidate${search!.done ? '' : ' so far'} (${paramsText(best.params, search!.keys)}), on the same split and seed`}
              data-testid="train-best"
            >
              Train the best
            </button>
          )}
          {live && canPause(r) && (
            <button type="button" onClick={() => onPause(r.id, r.status !== 'paused')}>
              {r.status === 'paused' ? 'Resume' : 'Pause'}
            </button>
          )}
          {r.status === 'queued' && (
            <>
              <button type="button" onClick={() => onMove(r.id, -1)} disabled={first} aria-label={`Move up: ${label}`} title="Start this run one place sooner">
                ↑
              </button>
              <button type="button" onClick={() => onMove(r.id, 1)} disabled={last} aria-label={`Move down: ${label}`} title="Start this run one place later">
                ↓
              </button>
            </>
          )}
          {live || r.status === 'queued' ? (
            <button type="button" onClick={() => onStop(r.id)} aria-label={r.status === 'queued' ? `Cancel: ${label}` : undefined}>
              {r.status === 'queued' ? 'Cancel' : 'Stop'}
            </button>
          ) : (
            <>
              {r.status === 'failed' && (
                <button type="button" onClick={() => onRetry(r)}>
                  Retry
                </button>
              )}
              {r.status === 'interrupted' && (
                <button type="button" onClick={() => onRerun(r)} aria-label={`Run again: ${label}`} data-testid="rerun">
                  Run again
                </button>
              )}
              {rec?.model && (
                <button type="button" onClick={() => onDownload(rec)} aria-label={`Download model: ${label}`}>
                  Download model
                </button>
              )}
              {rec && !rec.folds && !dask && (
                <button
                  type="button"
                  onClick={() => onPerUser(rec)}
                  aria-label={`Per-user CSV: ${label}`}
                  title="Every test user's RMSE and MAE, and ranking metrics when the run ranked (full, then sampled_…), one row per user"
                  data-testid="per-user-csv"
                >
                  Per-user CSV
                </button>
              )}
              {rec && !rec.model && !r.refit && !dask && (
                <button
                  type="button"
                  onClick={() => onFitOnAll(rec)}
                  aria-label={`Fit on all ratings: ${label}`}
                  title="Cross-validation keeps no model: fit this algorithm with these parameters and seed on every rating, to download it or recommend with it"
                >
                  Fit on all ratings
                </button>
              )}
              {r.refit && (
                <>
                  {r.refit.status !== 'queued' && canPause(r) && (
                    <button type="button" onClick={() => onPause(r.id, r.refit!.status !== 'paused')}>
                      {r.refit.status === 'paused' ? 'Resume' : 'Pause'}
                    </button>
                  )}
                  <button type="button" onClick={() => onStop(r.id)} aria-label={`Stop fitting ${label}`}>
                    Stop
                  </button>
                </>
              )}
              {!r.refit && (
                <button type="button" onClick={() => onRemove(r.id)} aria-label={`Remove ${label}`} data-action="remove">
                  Remove
                </button>
              )}
            </>
          )}
        </span>
      </div>
      {live && r.epochs !== null && <ProgressBar value={r.curve.length} max={r.epochs} label={`${r.curve.length} of ${r.epochs} epochs`} />}
      <div className="run-facts">
        <EvaluationFacts run={r} />
        {rec?.model && (
          <span className="model-size" data-testid="model-size">
            {' · model '}
            {modelText(rec.model)}
          </span>
        )}
        {rec && !rec.model && <span className="model-size"> · {dask ? 'scored by the Dask job (no model here)' : 'no model kept (cross-validated)'}</span>}
        {r.ranking && <span data-testid="run-ranking"> · {rankingText(r.ranking)}</span>}
        {!rec && r.search && <span> · search: {r.search.random ? `${r.search.random.n} random draws` : 'grid'} on {r.search.folds} folds of the training rows</span>}
      </div>
      {r.refit && (
        <span className="run-status" role="status" data-testid="refit-status">
          {r.refit.status === 'paused' ? 'fitting on all ratings: paused' : r.refit.text}
        </span>
      )}
      {r.error && (
        <span role="alert" className="error">
          {r.error}
        </span>
      )}
      {r.refitError && (
        <span role="alert" className="error">
          {r.refitError}
        </span>
      )}
      {r.csvError && (
        <span role="alert" className="error">
          {r.csvError}
        </span>
      )}
      {search && <SearchResults run={r} view={search} label={label} onTrainWith={onTrainWith} />}
      {rec?.folds && <FoldDetails record={rec} />}
      <RunDetail run={r} dataset={dataset} label={label} />
    </li>
  );
});

/** Per-fold figures of a cross-validated run. */
function FoldDetails({ record }: { record: RunRecord }) {
  const folds = record.folds!;
  return (
    <details className="run-details">
      <summary>{`${folds.length} folds`}</summary>
      <TableScroll label="Per-fold results">
        <table data-testid="fold-results">
          <thead>
            <tr>
              <th scope="col">Fold</th>
              <th scope="col">Test RMSE</th>
              <th scope="col">Test MAE</th>
              <th scope="col">Test FCP</th>
              <th scope="col">Fit</th>
              <th scope="col">Test</th>
            </tr>
          </thead>
          <tbody>
            {folds.map((f, k) => (
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
      </TableScroll>
    </details>
  );
}
