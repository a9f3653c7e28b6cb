/** Every finished run of this dataset on one table, best validation RMSE first. */
import { defaultParams, findAlgorithm } from '../../core/registry/index.ts';
import type { Evaluation, RunRecord } from '../../storage/runs.ts';
import { fmtInt, fmtMetric, fmtSeconds } from '../common/format.ts';
import { runLabel } from './LearningCurve.tsx';
import type { LiveRun } from './useTrainer.ts';

/** Only the parameters that differ from the registry's defaults, so rows stay readable. */
function changedParams(r: LiveRun): string {
  let defaults: Record<string, unknown> = {};
  try {
    defaults = defaultParams(findAlgorithm(r.algo));
  } catch {
    // An algorithm removed from the registry since the run: show every parameter.
  }
  const changed = Object.entries(r.params).filter(([k, v]) => defaults[k] !== v);
  return changed.length ? changed.map(([k, v]) => `${k}=${v}`).join(', ') : 'defaults';
}

export function evaluationText(e: Evaluation): string {
  return e.kind === 'cv'
    ? `${e.folds}-fold CV, seed ${e.seed}`
    : `${Math.round((1 - e.testFraction) * 100)}/${Math.round(e.testFraction * 100)} split, seed ${e.seed}`;
}

/** Training facts of a TensorFlow.js run: epochs, the epoch kept, throughput, what validated it. */
function notes(rec: RunRecord): string {
  if (rec.epochsRun === undefined) return '';
  const parts = [`${rec.epochsRun} epochs`];
  if (rec.bestEpoch !== undefined && rec.bestEpoch !== rec.epochsRun) parts.push(`best weights from epoch ${rec.bestEpoch}`);
  if (rec.samplesPerSec) parts.push(`${fmtInt(Math.round(rec.samplesPerSec))} samples/s`);
  if (rec.validation) parts.push(rec.validation === 'holdout' ? 'validated on 10% of train' : 'curve on the test split');
  if (rec.stoppedEarly) parts.push('stopped by hand');
  return parts.join(', ');
}

export function CompareTable({ runs }: { runs: LiveRun[] }) {
  const done = runs
    .map((r, k) => ({ r, k, rec: r.record }))
    .filter((x): x is { r: LiveRun; k: number; rec: NonNullable<LiveRun['record']> } => x.rec !== null)
    // Only runs scored the same way are comparable: group by evaluation, best RMSE first.
    .sort((a, b) => evaluationText(a.rec.evaluation).localeCompare(evaluationText(b.rec.evaluation)) || a.rec.rmse - b.rec.rmse);
  if (done.length === 0) return <p className="hint">Finished runs are compared here.</p>;
  return (
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
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {done.map(({ r, k, rec }) => (
          <tr key={r.id} data-testid="compare-row" data-algo={rec.algo}>
            <th scope="row">{runLabel(r, k)}</th>
            <td className="params-cell">{changedParams(r)}</td>
            <td data-testid="rmse">{fmtMetric(rec.rmse)}</td>
            <td data-testid="mae">{fmtMetric(rec.mae)}</td>
            <td>{fmtMetric(rec.fcp)}</td>
            <td>{fmtSeconds(rec.fitSeconds)}</td>
            <td>{fmtSeconds(rec.testSeconds)}</td>
            <td>{rec.backend}</td>
            <td>{rec.seed}</td>
            <td>
              {evaluationText(rec.evaluation)}
              {rec.search ? `, best of ${rec.search.length} by grid search` : ''}
              {rec.impossible ? `, ${fmtInt(rec.impossible)} fallbacks` : ''}
            </td>
            <td className="params-cell">{notes(rec)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
