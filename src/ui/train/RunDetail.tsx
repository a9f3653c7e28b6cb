/**
 * A run's details on request: every parameter it changed from the registry's
 * defaults, the dataset's recipe, the split, the seeds, the backend, the timings and
 * the per-epoch figures. What the run row and the comparison already show in short
 * is given here in full.
 */
import { evaluationLabel } from '../../core/selection/evaluation.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { CurvePoint } from '../../storage/runs.ts';
import { fmtInt, fmtMetric, fmtSeconds } from '../common/format.ts';
import { TableScroll } from '../common/TableScroll.tsx';
import { recipeText } from '../data/recipeText.ts';
import { curveRowsText, filterText, nonDefaultParams, specOf } from './RunFacts.tsx';
import type { LiveRun } from './useTrainer.ts';

/** What the TypeScript algorithms' backends are, beside their names. */
const BACKEND_NOTES: Record<string, string> = {
  js: 'js (the TypeScript algorithms)',
  'wasm-simd': 'wasm-simd (a WebAssembly SIMD kernel ran the epochs)',
};

/** Which seed drew what: the model (and a search's validation folds and draws), the split, the ranking's negatives. */
function seedsText(run: LiveRun): string {
  const stochastic = specOf(run.algo)?.stochastic ?? true;
  const parts = [`model ${run.seed}${stochastic ? '' : ' (this algorithm draws nothing)'}${run.search || run.record?.search ? ', also the search’s validation folds' : ''}`];
  const ev = run.evaluation;
  parts.push('seed' in ev ? `split ${ev.seed}` : 'split: none (it draws nothing)');
  if (run.ranking?.negatives !== undefined) parts.push(`sampled negatives ${run.ranking.seed ?? 0}`);
  return parts.join(' · ');
}

export function RunDetail({ run, dataset, label }: { run: LiveRun; dataset: DatasetRecord; label: string }) {
  const rec = run.record;
  const changed = nonDefaultParams(run);
  const split = rec?.split;
  return (
    <details className="run-details" data-testid="run-detail">
      <summary>Details</summary>
      <dl className="run-detail">
        <dt>Parameters</dt>
        <dd>
          {changed.length === 0 ? (
            'all at the registry’s defaults'
          ) : (
            <table className="detail-params" data-testid="detail-params" aria-label={`Parameters of ${label} that differ from the defaults`}>
              <thead>
                <tr>
                  <th scope="col">Parameter</th>
                  <th scope="col">Value</th>
                  <th scope="col">Default</th>
                </tr>
              </thead>
              <tbody>
                {changed.map((p) => (
                  <tr key={p.key} data-testid="detail-param" data-key={p.key}>
                    <th scope="row">{p.key}</th>
                    <td>{String(p.value)}</td>
                    <td>{p.default === undefined ? '(not in the registry now)' : String(p.default)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </dd>
        <dt>Dataset</dt>
        <dd data-testid="detail-dataset">
          “{dataset.name}”, {fmtInt(dataset.counts.rows)} ratings. {dataset.recipe ? recipeText(dataset.recipe) : 'As imported, unfiltered.'} File {dataset.source.fileName}, SHA-256{' '}
          <code>{dataset.source.sha256}</code>.
        </dd>
        <dt>Split</dt>
        <dd data-testid="detail-split">
          {evaluationLabel(run.evaluation)}
          {split && (
            <>
              : {fmtInt(split.train)} training and {fmtInt(split.test)} test rows{split.unscorable > 0 && `, ${fmtInt(split.unscorable)} unscorable`}; fingerprint <code>{split.fingerprint}</code>
            </>
          )}
          {run.filterAfterSplit && `; ${filterText(run.filterAfterSplit)}`}
        </dd>
        <dt>Seeds</dt>
        <dd data-testid="detail-seeds">{seedsText(run)}</dd>
        {rec && (
          <>
            <dt>Backend</dt>
            <dd data-testid="detail-backend">{rec.engine === 'dask' ? 'Dask (scored by the job)' : (BACKEND_NOTES[rec.backend] ?? rec.backend)}</dd>
            <dt>Timings</dt>
            <dd data-testid="detail-timings">
              fit {fmtSeconds(rec.fitSeconds)}, test {fmtSeconds(rec.testSeconds)}
              {rec.folds && ' (means over the folds)'}
              {rec.epochsRun !== undefined && ` · ${rec.epochsRun} epochs${rec.bestEpoch !== undefined && rec.bestEpoch !== rec.epochsRun ? `, weights of epoch ${rec.bestEpoch} kept` : ''}`}
              {rec.samplesPerSec !== undefined && ` · ${fmtInt(Math.round(rec.samplesPerSec))} samples/s`}
            </dd>
          </>
        )}
      </dl>
      {run.curve.length > 0 && <EpochTable curve={run.curve} validation={curveRowsText(run.validation)} kept={rec?.bestEpoch} label={label} />}
    </details>
  );
}

/** One row per epoch: the training loss (TensorFlow.js models), the two RMSEs of the curve, and the epoch's fitting time. */
function EpochTable({ curve, validation, kept, label }: { curve: CurvePoint[]; validation: string; kept?: number; label: string }) {
  const losses = curve.some((p) => p.trainLoss !== undefined);
  return (
    <TableScroll label={`Per-epoch figures of ${label}`}>
      <table className="epoch-table" data-testid="epoch-table" aria-label={`Per-epoch figures of ${label}`}>
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            {losses && (
              <th scope="col" title="Mean training loss over the epoch's batches: the model's own loss, penalties included">
                Train loss
              </th>
            )}
            <th scope="col" title="RMSE on a fixed sample of the training rows, at the end of the epoch">
              Train RMSE
            </th>
            <th scope="col">{validation[0].toUpperCase() + validation.slice(1)} RMSE</th>
            <th scope="col" title="Seconds this epoch took to fit">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {curve.map((p, k) => {
            const before = k > 0 ? curve[k - 1].seconds : 0;
            return (
              <tr key={p.epoch} data-testid="epoch-row">
                <td>
                  {p.epoch}
                  {p.epoch === kept && kept !== curve[curve.length - 1].epoch && (
                    <>
                      {' '}
                      <span className="tag tag-winner" title="Early stopping went back to this epoch's weights">
                        kept
                      </span>
                    </>
                  )}
                </td>
                {losses && <td>{p.trainLoss === undefined ? '—' : p.trainLoss.toFixed(4)}</td>}
                <td>{fmtMetric(p.trainRmse)}</td>
                <td>{fmtMetric(p.valRmse)}</td>
                <td>{fmtSeconds(p.seconds === undefined || before === undefined ? undefined : p.seconds - before)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
