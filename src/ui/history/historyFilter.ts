/**
 * The history's rows: every run of every dataset, newest first, narrowed by a
 * dataset, a model, a status and free text (all words must match, in any order,
 * case and accents ignored) over what a row shows.
 */
import { evaluationLabel } from '../../core/selection/evaluation.ts';
import type { LiveRun } from '../train/useTrainer.ts';
import { nonDefaultParams } from '../train/RunFacts.tsx';

export interface HistoryFilter {
  text: string;
  /** '' for every dataset. */
  datasetId: string;
  /** '' for every model. */
  algo: string;
  /** '' for every status. */
  status: string;
}

export const NO_FILTER: HistoryFilter = { text: '', datasetId: '', algo: '', status: '' };

export interface HistoryRow {
  run: LiveRun;
  /** "SVD #2": the label the run has on its dataset's Train screen. */
  label: string;
  datasetName: string;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** What free text is matched against: the row's label, dataset, evaluation, non-default parameters and status. */
export function searchText(row: HistoryRow): string {
  const params = nonDefaultParams(row.run)
    .map((p) => `${p.key}=${p.value}`)
    .join(' ');
  return fold([row.label, row.run.algo, row.datasetName, evaluationLabel(row.run.evaluation), params, row.run.status].join(' '));
}

/** Each run with its per-dataset label (the Train screen numbers a dataset's runs in list order). */
export function historyRows(runs: readonly LiveRun[], datasetNames: ReadonlyMap<string, string>): HistoryRow[] {
  const seen = new Map<string, number>();
  const rows = runs.map((run) => {
    const k = seen.get(run.datasetId) ?? 0;
    seen.set(run.datasetId, k + 1);
    return { run, label: `${run.algo} #${k + 1}`, datasetName: datasetNames.get(run.datasetId) ?? 'a deleted dataset' };
  });
  return rows.reverse();
}

export function filterHistory(rows: readonly HistoryRow[], f: HistoryFilter): HistoryRow[] {
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (f.datasetId && row.run.datasetId !== f.datasetId) return false;
    if (f.algo && row.run.algo !== f.algo) return false;
    if (f.status && row.run.status !== f.status) return false;
    if (!words.length) return true;
    const text = searchText(row);
    return words.every((w) => text.includes(w));
  });
}
