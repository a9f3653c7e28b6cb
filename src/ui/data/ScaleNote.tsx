/** Beside a dataset a Dask job made: the engine, where the sample came from, and whether the lab's own run agrees. */
import type { DatasetRecord, ScaleRecord } from '../../storage/datasets.ts';
import { fmtInt } from '../common/format.ts';

function checkText(check: ScaleRecord['labCheck']): string {
  if (!check) return 'The lab holds no copy of this file (by SHA-256) to run the recipe on.';
  if (check.same) return `The lab’s own run of this recipe on “${check.name}” gives the same counts.`;
  return `The lab’s own run of this recipe on “${check.name}” gives ${fmtInt(check.rows)} ratings, ${fmtInt(check.users)} users, ${fmtInt(check.items)} items in ${check.rounds} rounds: not the same counts.`;
}

export function ScaleNote({ d, scale }: { d: DatasetRecord; scale: ScaleRecord }) {
  const seconds = scale.seconds.total;
  return (
    <p className="recipe" data-testid="scale-note">
      <strong className="engine-tag">Dask</strong> Sampled by a Dask job ({scale.workers} worker{scale.workers === 1 ? '' : 's'}, Dask {scale.dask}
      {seconds === undefined ? '' : `, ${seconds.toFixed(1)} s`}) from {scale.input}: {fmtInt(d.importReport.rowsRead - d.importReport.duplicates)} ratings read, {fmtInt(d.counts.rows)} kept.{' '}
      <span className={scale.labCheck && !scale.labCheck.same ? 'error' : undefined} data-testid="scale-check">
        {checkText(scale.labCheck)}
      </span>
    </p>
  );
}
