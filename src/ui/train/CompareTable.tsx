/** Every finished run of this dataset on one table, grouped by how it was evaluated, best RMSE first. */
import { memo } from 'react';
import { defaultParams, findAlgorithm } from '../../core/registry/index.ts';
import { evaluationLabel } from '../../core/selection/evaluation.ts';
import type { RunRecord } from '../../storage/runs.ts';
import { fmtBytes, fmtInt, fmtMetric, fmtSeconds } from '../common/format.ts';
import { runLabel } from './LearningCurve.tsx';
import { EvaluationFacts, searchSummary } from './RunFacts.tsx';
import type { LiveRun } from './useTrainer.ts';

/** Only the parameters that differ from the registry's defaults, so rows stay readable. */
function changedParams(r: RunRecord): string {
  let defaults: Record<string, unknown> = {};
  try {
    defaults = defaultParams(findAlgorithm(r.algo));
  } catch {
    // An algorithm removed from the registry since the run: show every parameter.
  }
  const changed = Object.entries(r.params).filter(([k, v]) => defaults[k] !== v);
  return changed.length ? changed.map(([k, v]) => `${k}=${v}`).join(', ') : 'defaults';
}

/** Runs are comparable when scored the same way: the evaluation, and the filter after it. */
function groupKey(rec: RunRecord): string {
  const f = rec.filterAfterSplit;
  return `${evaluationLabel(rec.evaluation)}${f ? ` | k-core ${f.minUserRatings}/${f.minItemRatings}` : ''}`;
}

/** Training facts: epochs, the epoch kept, throughput, what validated it. */
function notes(rec: RunRecord): string {
  const parts: string[] = [];
  if (rec.epochsRun !== undefined) parts.push(`${Number(rec.epochsRun.toFixed(1))} epochs`);
  if (rec.bestEpoch !== undefined && rec.bestEpoch !== rec.epochsRun) parts.push(`best weights from epoch ${rec.bestEpoch}`);
  if (rec.samplesPerSec) parts.push(`${fmtInt(Math.round(rec.samplesPerSec))} samples/s`);
  if (rec.validation) parts.push(rec.validation === 'holdout' ? 'validated on 10% of train' : 'curve on the test split');
  if (rec.stoppedEarly) parts.push('stopped by hand');
  return parts.join(', ');
}

export function CompareTable({ runs }: { runs: LiveRun[] }) {
  const done = runs
    .map((r, k) => ({ r, k, rec: r.record }))
    .filter((x): x is { r: LiveRun; k: number; rec: RunRecord } => x.rec !== null)
    .sort((a, b) => groupKey(a.rec).localeCompare(groupKey(b.rec)) || a.rec.rmse - b.rec.rmse);
  if (done.length === 0) return <p className="hint">Finished runs are compared here.</p>;
  return (
    <div className="table-scroll">
      <table className="compare" data-testid="compare-table" aria-label="Model comparison">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Parameters</th>
            <th scope="col">RMSE</th>
            <th scope="col">MAE</th>
            <th scope="col">FCP</th>
            <th scope="col">Fit</th>
            <th scope="col">Test</th>
            <th scope="col">Backend</th>
            <th scope="col">Seed</th>
            <th scope="col">Evaluated on</th>
            <th scope="col">Model kept</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {done.map(({ r, k, rec }, row) => (
            <CompareRow key={r.id} rec={rec} label={runLabel(r, k)} groupStart={row > 0 && groupKey(done[row - 1].rec) !== groupKey(rec)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A finished run's row; memoised, as its record no longer changes while other runs train. */
const CompareRow = memo(function CompareRow({ rec, label, groupStart }: { rec: RunRecord; label: string; groupStart: boolean }) {
  return (
    <tr data-testid="compare-row" data-algo={rec.algo} data-eval={rec.evaluation.kind} className={groupStart ? 'group-start' : undefined}>
      <th scope="row">{label}</th>
      <td className="params-cell">{changedParams(rec)}</td>
      <td className="num" data-testid="rmse">{fmtMetric(rec.rmse)}</td>
      <td className="num" data-testid="mae">{fmtMetric(rec.mae)}</td>
      <td className="num">{fmtMetric(rec.fcp)}</td>
      <td className="num">{fmtSeconds(rec.fitSeconds)}</td>
      <td className="num">{fmtSeconds(rec.testSeconds)}</td>
      <td>{rec.backend}</td>
      <td>{rec.seed}</td>
      <td className="eval-cell">
        <EvaluationFacts run={{ evaluation: rec.evaluation, filterAfterSplit: rec.filterAfterSplit, record: rec }} />
        {rec.search && <div className="search-summary">{searchSummary(rec.search)}</div>}
        {rec.impossible ? <div>{fmtInt(rec.impossible)} fallbacks</div> : null}
      </td>
      <td>{rec.model ? `${fmtBytes(rec.model.bytes)} (${rec.model.fittedOn === 'all' ? 'all ratings' : 'training rows'})` : 'none (cross-validated)'}</td>
      <td className="params-cell">{notes(rec) || '—'}</td>
    </tr>
  );
});
