/**
 * Every run of every dataset, newest first: find one by text, dataset, model or
 * status; open it on its dataset's Train screen, run it again, or delete it (Undo
 * follows). The filter is kept in this browser, so it survives a reload.
 */
import { useMemo, useState } from 'react';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { evaluationLabel } from '../../core/selection/evaluation.ts';
import { fmtMetric } from '../common/format.ts';
import { TableScroll } from '../common/TableScroll.tsx';
import { RemovedNotice } from '../train/RemovedNotice.tsx';
import { metricName, nonDefaultParams, paramsText } from '../train/RunFacts.tsx';
import type { LiveRun, Trainer } from '../train/useTrainer.ts';
import { filterHistory, historyRows, NO_FILTER, type HistoryFilter } from './historyFilter.ts';

const FILTER_KEY = 'reclab.historyFilter';
/** Rows drawn before "Show all": a long history stays quick to render. */
const FIRST_ROWS = 100;
const STATUSES: LiveRun['status'][] = ['done', 'running', 'paused', 'queued', 'interrupted', 'stopped', 'failed'];

function storedFilter(): HistoryFilter {
  try {
    const v = JSON.parse(localStorage.getItem(FILTER_KEY) ?? 'null') as Partial<HistoryFilter> | null;
    const str = (x: unknown) => (typeof x === 'string' ? x : '');
    return v ? { text: str(v.text), datasetId: str(v.datasetId), algo: str(v.algo), status: str(v.status) } : NO_FILTER;
  } catch {
    return NO_FILTER;
  }
}

/** A finished run's headline figure: test RMSE, or its first ranking metric when it only ranks. */
function resultText(r: LiveRun): string {
  const rec = r.record;
  if (!rec) return '—';
  if (!Number.isNaN(rec.rmse)) return `RMSE ${fmtMetric(rec.rmse)}`;
  return rec.ranking ? `${metricName('ndcg', rec.ranking.full.k)} ${fmtMetric(rec.ranking.full.ndcg)}` : '—';
}

interface Props {
  datasets: DatasetRecord[];
  trainer: Trainer;
  /** Show a run on its dataset's Train screen. */
  onOpen(datasetId: string): void;
}

export function HistoryScreen({ datasets, trainer, onOpen }: Props) {
  const [filter, setFilterState] = useState(storedFilter);
  const [all, setAll] = useState(false);
  const setFilter = (patch: Partial<HistoryFilter>) =>
    setFilterState((f) => {
      const next = { ...f, ...patch };
      localStorage.setItem(FILTER_KEY, JSON.stringify(next));
      return next;
    });
  const names = useMemo(() => new Map(datasets.map((d) => [d.id, d.name])), [datasets]);
  const rows = useMemo(() => historyRows(trainer.runs, names), [trainer.runs, names]);
  const shown = filterHistory(rows, filter);
  const algos = [...new Set(trainer.runs.map((r) => r.algo))].sort();
  const visible = all ? shown : shown.slice(0, FIRST_ROWS);
  const liveDatasets = new Set(datasets.map((d) => d.id));

  return (
    <section className="panel history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <RemovedNotice trainer={trainer} datasetId={null} runs={trainer.runs} />
      <div className="history-filters" role="search" aria-label="Find runs">
        <label>
          Find
          <input type="search" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} placeholder="model, dataset, parameter, split…" data-testid="history-text" />
        </label>
        <label>
          Dataset
          <select value={filter.datasetId} onChange={(e) => setFilter({ datasetId: e.target.value })} data-testid="history-dataset">
            <option value="">every dataset</option>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model
          <select value={filter.algo} onChange={(e) => setFilter({ algo: e.target.value })} data-testid="history-model">
            <option value="">every model</option>
            {algos.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filter.status} onChange={(e) => setFilter({ status: e.target.value })} data-testid="history-status">
            <option value="">any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {(filter.text || filter.datasetId || filter.algo || filter.status) && (
          <button type="button" onClick={() => setFilter(NO_FILTER)}>
            Clear
          </button>
        )}
      </div>
      <p className="hint" role="status" data-testid="history-count">
        {shown.length === rows.length ? `${rows.length} run${rows.length === 1 ? '' : 's'}` : `${shown.length} of ${rows.length} runs match`}
      </p>
      {shown.length > 0 && (
        <TableScroll label="Runs of every dataset">
          <table className="history-table" aria-label="Runs of every dataset, newest first">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Dataset</th>
                <th scope="col">Run</th>
                <th scope="col">Settings</th>
                <th scope="col">Evaluation</th>
                <th scope="col">Result</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {visible.map(({ run, label, datasetName }) => {
                const full = `${label} on ${datasetName}`;
                const here = liveDatasets.has(run.datasetId);
                const idle = run.status !== 'running' && run.status !== 'paused' && run.status !== 'queued' && !run.refit;
                return (
                  <tr key={run.id} data-testid="history-row" data-run-id={run.id} data-algo={run.algo} data-status={run.status}>
                    <td>{new Date(run.createdAt).toLocaleString()}</td>
                    <td>{datasetName}</td>
                    <td>{label}</td>
                    <td>{paramsText(run.params, nonDefaultParams(run).map((p) => p.key))}</td>
                    <td>{evaluationLabel(run.evaluation)}</td>
                    <td className="num">{resultText(run)}</td>
                    <td>{run.status}</td>
                    <td className="history-actions">
                      {here && (
                        <button type="button" onClick={() => onOpen(run.datasetId)} aria-label={`Open: ${full}`}>
                          Open
                        </button>
                      )}
                      {here && idle && (
                        <button type="button" onClick={() => trainer.retry(run)} aria-label={`Run again: ${full}`} title="The same request as a new run, queued on its dataset">
                          Run again
                        </button>
                      )}
                      {idle && (
                        <button type="button" onClick={() => void trainer.remove(run.id)} aria-label={`Delete: ${full}`} data-action="remove">
                          Delete
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {!all && shown.length > FIRST_ROWS && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {shown.length}
        </button>
      )}
    </section>
  );
}
