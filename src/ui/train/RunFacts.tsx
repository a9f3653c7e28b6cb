/** How a run was evaluated, in words: shared by the run list, the comparison and Recommend. */
import { VALIDATION_SHARE, type CurveRows } from '../../core/estimator/types.ts';
import { evaluationLabel, type TrainFilter } from '../../core/selection/evaluation.ts';
import { defaultParams, findAlgorithm, type AlgorithmSpec, type FlatParams, type ParamValue } from '../../core/registry/index.ts';
import type { RunRecord, SearchRecord, SplitRecord } from '../../storage/runs.ts';
import { fmtBytes, fmtInt } from '../common/format.ts';
import { FutureTagFor } from '../common/FutureTag.tsx';
import type { LiveRun } from './useTrainer.ts';

export const METRIC_NAMES: Record<string, string> = {
  rmse: 'RMSE',
  mae: 'MAE',
  mse: 'MSE',
  fcp: 'FCP',
  pearson: 'Pearson',
  hr: 'HR',
  ndcg: 'NDCG',
  map: 'MAP',
  precision: 'Precision',
  recall: 'Recall',
  mrr: 'MRR',
};

const AT_K = new Set(['hr', 'ndcg', 'map', 'precision', 'recall', 'mrr']);

/** "RMSE", or "HR@10" for a ranking metric (at K when K is unknown). */
export function metricName(m: string, k?: number): string {
  const name = METRIC_NAMES[m] ?? m;
  return AT_K.has(m) ? `${name}@${k ?? 'K'}` : name;
}

/**
 * The two RMSEs a run shows, named the same everywhere: the curve's second line is
 * on rows held out of training ("validation (10% of train)") or on the test rows
 * ("test"); a run's reported figures are always on the test rows.
 */
export function curveRowsText(rows: CurveRows | null): string {
  return rows === 'holdout' ? `validation (${Math.round(VALIDATION_SHARE * 100)}% of train)` : 'test';
}

/** What a ranking asked for, whether a request (live run) or read back from a record. */
export interface RankingSettings {
  k: number;
  relevance?: number;
  negatives?: number;
  seed?: number;
}

/** A finished run's ranking settings, from its record. */
export function rankingSettingsOf(rec: RunRecord): RankingSettings | null {
  const r = rec.ranking;
  if (!r) return null;
  return {
    k: r.full.k,
    ...(r.relevance !== undefined ? { relevance: r.relevance } : {}),
    ...(r.sampled ? { negatives: r.sampled.negatives, seed: r.sampled.seed } : {}),
  };
}

/** One string per ranking protocol: runs with equal keys were ranked the same way. */
export function rankingKey(r: RankingSettings | null | undefined): string {
  if (!r) return 'unranked';
  return `K=${r.k}|rel=${r.relevance ?? ''}|neg=${r.negatives ?? ''}|seed=${r.negatives !== undefined ? (r.seed ?? 0) : ''}`;
}

/** "ranked at K=10 (relevant: rating ≥ 4) · full + sampled N=100". */
export function rankingText(r: RankingSettings): string {
  const rel = r.relevance !== undefined ? ` (relevant: rating ≥ ${r.relevance})` : ' (every held-out item relevant)';
  return `ranked at K=${r.k}${rel} · ${r.negatives !== undefined ? `full + sampled N=${r.negatives}` : 'full ranking'}`;
}

export function specOf(algo: string): AlgorithmSpec | null {
  try {
    return findAlgorithm(algo);
  } catch {
    return null; // an algorithm removed from the registry since the run
  }
}

/** The parameters that differ from the registry's defaults, each with its default (undefined: the registry no longer has it). */
export function nonDefaultParams(r: Pick<RunRecord, 'algo' | 'params'>): { key: string; value: ParamValue; default: ParamValue | undefined }[] {
  const spec = specOf(r.algo);
  const defaults: FlatParams = spec ? defaultParams(spec) : {};
  return Object.entries(r.params)
    .filter(([k, v]) => defaults[k] !== v)
    .map(([key, value]) => ({ key, value, default: defaults[key] }));
}

/** Only the parameters that differ from the registry's defaults, so rows stay readable. */
export function changedParams(r: Pick<RunRecord, 'algo' | 'params'>): string {
  const changed = nonDefaultParams(r);
  return changed.length ? changed.map(({ key, value }) => `${key}=${value}`).join(', ') : 'defaults';
}

export function paramsText(params: FlatParams, keys: readonly string[] = Object.keys(params)): string {
  return keys.length ? keys.map((k) => `${k}=${params[k]}`).join(', ') : 'defaults';
}

export function filterText(f: TrainFilter): string {
  return `k-core after the split: users ≥ ${f.minUserRatings}, items ≥ ${f.minItemRatings} training ratings`;
}

/** "best of 4 by grid search on 3 folds of the training rows (RMSE)"; a ranking objective at the run's K. */
export function searchSummary(s: Pick<SearchRecord, 'kind' | 'folds' | 'metric' | 'candidates'>, k?: number): string {
  return `best of ${s.candidates.length} by ${s.kind} search on ${s.folds} folds of the training rows (${metricName(s.metric, k ?? 10)})`;
}

/** The keys whose values differ between candidates (all of them when there is one candidate). */
export function varyingKeys(candidates: readonly { params: FlatParams }[]): string[] {
  if (candidates.length === 0) return [];
  const keys = Object.keys(candidates[0].params);
  if (candidates.length === 1) return keys;
  return keys.filter((k) => candidates.some((c) => c.params[k] !== candidates[0].params[k]));
}

/** The split's fingerprint, short, with the whole one (and the row counts) in its title. */
export function SplitTag({ split }: { split: SplitRecord }) {
  return (
    <span className="split-tag" data-testid="split-fingerprint" data-fingerprint={split.fingerprint}>
      split{' '}
      <code title={`split fingerprint ${split.fingerprint}: ${fmtInt(split.train)} training and ${fmtInt(split.test)} test rows (runs with the same fingerprint were scored on the very same rows)`}>
        {split.fingerprint.slice(0, 8)}
      </code>
      {split.unscorable > 0 && (
        <span className="unscorable" data-testid="unscorable" title="Test rows of users or items that the filter after the split removed from training: no model can score them, so they are left out">
          , {fmtInt(split.unscorable)} unscorable
        </span>
      )}
    </span>
  );
}

/** Evaluation label with its "sees the future" tag; the split and filter when known. */
export function EvaluationFacts({ run }: { run: Pick<LiveRun, 'evaluation' | 'filterAfterSplit'> & { record?: RunRecord | null } }) {
  const split = run.record?.split;
  return (
    <span className="eval-facts" data-testid="evaluation">
      <span data-testid="evaluation-label">{evaluationLabel(run.evaluation)}</span> <FutureTagFor evaluation={run.evaluation} />
      {split && (
        <>
          {' · '}
          <SplitTag split={split} />
        </>
      )}
      {run.filterAfterSplit && (
        <span className="after-split" data-testid="filter-after-split">
          {' · '}
          {filterText(run.filterAfterSplit)}
        </span>
      )}
    </span>
  );
}

/** "12.3 KB, fitted on the training rows" / "fitted on all ratings". */
export function modelText(model: NonNullable<RunRecord['model']>): string {
  return `${fmtBytes(model.bytes)}, fitted on ${model.fittedOn === 'all' ? 'all ratings' : 'the training rows'}`;
}
