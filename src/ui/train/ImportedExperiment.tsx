/**
 * An imported experiment's figures beside this lab's: each of the file's runs with
 * what it got there and what the same run (same algorithm, parameters, seed,
 * evaluation, filter and ranking) got here, once run. Seeded runs on the same data
 * give the same figures, so a difference says something changed.
 */
import { fmtMetric } from '../common/format.ts';
import { TableScroll } from '../common/TableScroll.tsx';
import { sameRequest, type ExperimentFile } from './experimentFile.ts';
import { changedParams } from './RunFacts.tsx';
import { requestOfRun, type LiveRun } from './useTrainer.ts';

/** The figures compared, in order, where the file has them. */
const FIGURES: { key: string; label: string }[] = [
  { key: 'test_rmse', label: 'Test RMSE' },
  { key: 'test_mae', label: 'Test MAE' },
  { key: 'test_fcp', label: 'Test FCP' },
  { key: 'test_pearson', label: 'Test Pearson' },
  { key: 'hr_full', label: 'HR@K' },
  { key: 'ndcg_full', label: 'NDCG@K' },
  { key: 'map_full', label: 'MAP@K' },
];

export interface Imported {
  fileName: string;
  experiment: ExperimentFile;
}

interface Props {
  imported: Imported;
  runs: LiveRun[];
  /** Queue the file's runs that have no match here yet. */
  onRun(requests: ExperimentFile['runs'][number]['request'][]): void;
  onClose(): void;
}

export function ImportedExperiment({ imported, runs, onRun, onClose }: Props) {
  const { fileName, experiment } = imported;
  const rows = experiment.runs.map((run) => {
    // The latest run here asked for the same thing: finished, or still on its way.
    const here = [...runs].reverse().find((r) => sameRequest(requestOfRun(r), run.request));
    return { run, here };
  });
  const figures = FIGURES.filter((f) => experiment.runs.some((r) => typeof r.results[f.key] === 'number'));
  const missing = rows.filter((r) => !r.here).map((r) => r.run.request);
  return (
    <section className="imported" aria-labelledby="imported-title" data-testid="imported-experiment">
      <h3 id="imported-title">From {fileName}: its figures beside this lab's</h3>
      <p className="hint">
        The same runs (algorithm, parameters, seed, evaluation, ranking) on the same data give the same figures here; Δ is here minus the file.{' '}
        {missing.length > 0 ? `${missing.length} of its ${rows.length} runs have not run here yet.` : 'Every run of the file has run here.'}
      </p>
      <div className="experiment-files">
        <button type="button" className="primary" disabled={missing.length === 0} onClick={() => onRun(missing)}>
          Run {missing.length > 0 && missing.length < rows.length ? `the ${missing.length} missing` : 'them'} here
        </button>
        <button type="button" onClick={onClose}>
          Close the file's figures
        </button>
      </div>
      <TableScroll label={`Figures of ${fileName} beside this lab's`}>
        <table aria-label={`Figures of ${fileName} beside this lab's`}>
          <thead>
            <tr>
              <th scope="col">Run in the file</th>
              <th scope="col">Parameters</th>
              <th scope="col">Here</th>
              {figures.map((f) => (
                <th scope="col" key={f.key}>
                  {f.label}: file · here · Δ
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ run, here }, k) => (
              <tr key={k} data-testid="imported-row" data-algo={run.request.algo}>
                <td>{String(run.results.run ?? run.request.algo)}</td>
                <td>{changedParams({ algo: run.request.algo, params: run.request.params }) || 'defaults'}</td>
                <td data-testid="imported-status">{here ? (here.record ? 'done' : here.statusText) : 'not run'}</td>
                {figures.map((f) => {
                  const file = run.results[f.key];
                  const mine = here?.record ? (figureOf(here.record, f.key) ?? null) : null;
                  const delta = typeof file === 'number' && mine !== null ? mine - file : null;
                  return (
                    <td key={f.key} data-testid={`imported-${f.key}`} data-delta={delta ?? undefined}>
                      {typeof file === 'number' ? fmtMetric(file) : '–'} · {mine === null ? '–' : fmtMetric(mine)} · {delta === null ? '–' : fmtDelta(delta)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** A run's figure under the file's column name (the comparison export's names). */
function figureOf(rec: NonNullable<LiveRun['record']>, key: string): number | undefined {
  const [metric, protocol] = key.split('_');
  if (metric === 'test') return rec[protocol as 'rmse' | 'mae' | 'fcp' | 'pearson'];
  return rec.ranking?.full[metric as 'hr' | 'ndcg' | 'map'];
}

function fmtDelta(d: number): string {
  return d === 0 ? '0' : `${d > 0 ? '+' : '−'}${Math.abs(d).toPrecision(2)}`;
}
