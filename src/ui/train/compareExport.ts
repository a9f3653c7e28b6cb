/**
 * The comparison as files: CSV (one row per finished run, the table's figures) and
 * JSON (the same rows with every parameter, and the dataset they were run on), for
 * a spreadsheet, a paper's table, or another person's lab.
 */
import { csvField } from '../../core/ranking/index.ts';
import { evaluationLabel } from '../../core/selection/evaluation.ts';
import type { RunRecord } from '../../storage/runs.ts';
import { changedParams } from './RunFacts.tsx';

const RANK = ['hr', 'ndcg', 'map', 'precision', 'recall', 'mrr', 'coverage', 'novelty', 'arp', 'longTail', 'gini'] as const;

/** One run's figures, flat: the CSV's columns in order (missing figures are null). */
export function comparisonRow(label: string, rec: RunRecord): Record<string, string | number | null> {
  const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);
  const r = rec.ranking;
  return {
    run: label,
    algo: rec.algo,
    evaluation: evaluationLabel(rec.evaluation),
    split: rec.split?.fingerprint ?? null,
    params: changedParams(rec),
    seed: rec.seed,
    test_rmse: num(rec.rmse),
    test_mae: num(rec.mae),
    test_mse: num(rec.mse),
    test_fcp: num(rec.fcp),
    test_pearson: num(rec.pearson),
    k: r?.full.k ?? null,
    ...Object.fromEntries(RANK.map((m) => [`${m}_full`, num(r?.full[m])])),
    ...Object.fromEntries(RANK.map((m) => [`${m}_sampled`, num(r?.sampled?.[m])])),
    folds: rec.folds?.length ?? null,
    fit_s: num(rec.fitSeconds),
    test_s: num(rec.testSeconds),
    samples_per_s: num(rec.samplesPerSec),
    epochs: num(rec.epochsRun),
    best_epoch: num(rec.bestEpoch),
    backend: rec.backend,
  };
}

export function comparisonCsv(runs: readonly { label: string; rec: RunRecord }[]): string {
  const rows = runs.map((r) => comparisonRow(r.label, r.rec));
  // Every row has the same keys, in the same order.
  const columns = Object.keys(rows[0] ?? {});
  const line = (values: (string | number | null)[]) => values.map((v) => (v === null ? '' : csvField(String(v)))).join(',');
  return [line(columns), ...rows.map((row) => line(columns.map((c) => row[c])))].join('\n') + '\n';
}

export function comparisonJson(dataset: { name: string; sha256: string; fileName: string }, runs: readonly { label: string; rec: RunRecord }[]): string {
  return JSON.stringify(
    {
      reclab: 'comparison',
      version: 1,
      dataset,
      runs: runs.map((r) => ({ ...comparisonRow(r.label, r.rec), params: r.rec.params, evaluation: r.rec.evaluation, filterAfterSplit: r.rec.filterAfterSplit ?? null })),
    },
    null,
    2,
  );
}
