/**
 * Every finished run of this dataset, one table per way of scoring them (the
 * evaluation, the filter after it, and the ranking protocol): rating metrics, ranking
 * metrics at K (full, and sampled beside it), how full and sampled agree on the order
 * of the runs, and — against a chosen reference run — which differences are
 * significant. Every figure comes from the run records or the training worker
 * (`compare`); the table only lays them out.
 */
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { evaluationLabel } from '../../core/selection/evaluation.ts';
import type { MetricComparison } from '../../core/stats/index.ts';
import type { RunRecord } from '../../storage/runs.ts';
import type { RunComparisons } from '../../workers/protocol.ts';
import { errorMessage, fmtBytes, fmtInt, fmtMetric, fmtSeconds } from '../common/format.ts';
import { TableScroll } from '../common/TableScroll.tsx';
import { downloadBlob } from '../common/download.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { comparisonCsv, comparisonJson } from './compareExport.ts';
import { bestValues, nextSort, sortRows, type Sort } from './compareSort.ts';
import { MetricBars } from './MetricBars.tsx';
import { runLabel } from './LearningCurve.tsx';
import { changedParams, curveRowsText, EvaluationFacts, filterText, specOf, metricName, rankingKey, rankingSettingsOf, rankingText, searchSummary, type RankingSettings } from './RunFacts.tsx';
import type { LiveRun } from './useTrainer.ts';

type Compare = (datasetId: string, referenceId: string) => Promise<RunComparisons>;

interface Props {
  runs: LiveRun[];
  dataset: DatasetRecord;
  compare: Compare;
}

/** A ranking metric column: its key in the run record, and in the worker's per-user comparison. */
interface RankColumn {
  key: 'hr' | 'ndcg' | 'map' | 'precision' | 'recall' | 'mrr' | 'coverage' | 'novelty' | 'arp' | 'longTail' | 'gini';
  /** Per-user column in `compare` (absent: a list-level figure, not tested per user). */
  paired?: string;
  /** At K: shown as "HR@10". */
  atK?: boolean;
  /** Shown for the full ranking only (beyond-accuracy figures of the full top-K lists). */
  fullOnly?: boolean;
  label?: string;
  title: string;
}

const MAIN: RankColumn[] = [
  { key: 'hr', paired: 'hr', atK: true, title: 'Hit rate: share of users with at least one relevant item in their top K' },
  { key: 'ndcg', paired: 'ndcg', atK: true, title: 'Normalised discounted cumulative gain of the top K' },
  { key: 'map', paired: 'ap', atK: true, title: 'Mean average precision of the top K' },
];

const MORE: RankColumn[] = [
  { key: 'precision', paired: 'precision', atK: true, title: 'Relevant items in the top K, over K' },
  { key: 'recall', paired: 'recall', atK: true, title: "Relevant items in the top K, over the user's relevant items" },
  { key: 'mrr', paired: 'mrr', atK: true, title: 'Reciprocal rank of the first relevant item in the top K' },
  { key: 'coverage', fullOnly: true, label: 'Coverage', title: 'Share of the catalog that appears in some top-K list (full ranking)' },
  { key: 'novelty', fullOnly: true, label: 'Novelty', title: 'Mean self-information of the recommended items, −log₂ of their popularity (full ranking)' },
  { key: 'arp', fullOnly: true, label: 'ARP', title: 'Average recommendation popularity: mean training ratings of the recommended items (full ranking)' },
  { key: 'longTail', fullOnly: true, label: 'Long tail', title: 'Share of the recommended items outside the most popular head (full ranking)' },
  { key: 'gini', fullOnly: true, label: 'Gini', title: 'Gini index of how often each item is recommended: 0 even, 1 all on one item (full ranking)' },
];

const TEST_TITLE = `On the split's test rows (for k-fold cross-validation, the mean over the folds' test rows); the learning curve's ${curveRowsText('holdout')} line is another figure`;

/** Families of the TypeScript baselines a search-tuned TensorFlow.js model must be compared with fairly. */
const BASELINE_FAMILIES = new Set(['baseline', 'neighbourhood', 'factorization', 'clustering']);

/** Runs are comparable when scored the same way: the evaluation, the filter after it, and how they were ranked. */
function groupKey(rec: RunRecord): string {
  const f = rec.filterAfterSplit;
  return `${evaluationLabel(rec.evaluation)}${f ? ` | k-core ${f.minUserRatings}/${f.minItemRatings}` : ''} | ${rankingKey(rankingSettingsOf(rec))}`;
}

/** Training facts: epochs, the epoch kept, what validated it. */
function notes(rec: RunRecord): string {
  const parts: string[] = [];
  if (rec.epochsRun !== undefined) parts.push(`${Number(rec.epochsRun.toFixed(1))} epochs`);
  if (rec.bestEpoch !== undefined && rec.bestEpoch !== rec.epochsRun) parts.push(`best weights from epoch ${rec.bestEpoch}`);
  if (rec.validation) parts.push(rec.validation === 'holdout' ? `early-stopped on ${curveRowsText('holdout')}` : 'curve on the test rows');
  if (rec.stoppedEarly) parts.push('stopped by hand');
  return parts.join(', ');
}

interface Row {
  id: string;
  rec: RunRecord;
  label: string;
}

interface Group {
  key: string;
  rows: Row[];
  ranking: RankingSettings | null;
  /** Some run of the group has the sampled protocol beside the full one. */
  sampled: boolean;
  warning: string | null;
}

const nanLast = (x: number, y: number) => (Number.isNaN(x) ? 1 : 0) - (Number.isNaN(y) ? 1 : 0);

/** Best first: by NDCG@K (full) when ranked, then by RMSE. */
function byQuality(a: Row, b: Row): number {
  const na = a.rec.ranking?.full.ndcg ?? NaN;
  const nb = b.rec.ranking?.full.ndcg ?? NaN;
  return nanLast(na, nb) || (nb - na || 0) || nanLast(a.rec.rmse, b.rec.rmse) || (a.rec.rmse - b.rec.rmse || 0);
}

const names = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * A baseline on its defaults beside a TensorFlow.js model tuned by search is an
 * unfair comparison (Rendle et al. 2019, 2020; Ferrari Dacrema et al., RecSys'19).
 */
export function tuningWarning(recs: RunRecord[]): string | null {
  const untuned = new Set<string>();
  const tuned = new Set<string>();
  for (const rec of recs) {
    const spec = specOf(rec.algo);
    if (!spec) continue;
    if (BASELINE_FAMILIES.has(spec.family) && spec.params.length > 0 && !rec.search && changedParams(rec) === 'defaults') untuned.add(rec.algo);
    if (spec.family.startsWith('deep-') && rec.search) tuned.add(rec.algo);
  }
  if (untuned.size === 0 || tuned.size === 0) return null;
  const u = [...untuned];
  const t = [...tuned];
  return `${names(u)} ${u.length === 1 ? 'runs' : 'run'} on default settings while ${names(t)} ${t.length === 1 ? 'was' : 'were'} tuned: tune the baseline${u.length === 1 ? '' : 's'} too before comparing`;
}

function groupsOf(finished: Row[]): Group[] {
  const byKey = new Map<string, Row[]>();
  for (const row of finished) {
    const key = groupKey(row.rec);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, rows]) => ({
      key,
      rows: rows.sort(byQuality),
      ranking: rankingSettingsOf(rows[0].rec),
      sampled: rows.some((r) => r.rec.ranking?.sampled),
      warning: tuningWarning(rows.map((r) => r.rec)),
    }));
}

/** Per-user results exist for a run scored on one split in the lab (not cross-validated, not by a Dask job). */
const pairable = (rec: RunRecord) => !rec.folds && !!rec.split && rec.engine !== 'dask';

type RefState = { refId: string; state: 'loading' } | { refId: string; state: 'ready'; result: RunComparisons } | { refId: string; state: 'error'; message: string };

type Agreement = RunComparisons['agreement'];

/**
 * The finished runs' groups, the same objects for as long as no record changes:
 * training events replace the live runs many times a second, and the tables need not
 * render with them.
 */
function useGroups(runs: LiveRun[]): Group[] {
  const memo = useRef<{ rows: Row[]; groups: Group[] } | null>(null);
  const rows: Row[] = [];
  runs.forEach((r, k) => {
    if (r.record) rows.push({ id: r.id, rec: r.record, label: runLabel(r, k) });
  });
  const old = memo.current;
  const same = old !== null && old.rows.length === rows.length && old.rows.every((o, j) => o.rec === rows[j].rec && o.label === rows[j].label);
  if (!same) memo.current = { rows, groups: groupsOf(rows) };
  return memo.current!.groups;
}

export function CompareTable({ runs, dataset, compare }: Props) {
  const datasetId = dataset.id;
  const groups = useGroups(runs);
  const done = useMemo(() => groups.flatMap((g) => g.rows), [groups]);
  /** Changes when a run finishes or is removed: the comparisons are asked for again. */
  const signature = done.map((r) => r.id).sort().join(',');
  const [more, setMore] = useState(false);
  const [refId, setRefId] = useState('');
  const [ref, setRef] = useState<RefState | null>(null);
  const [agreements, setAgreements] = useState<Record<string, Agreement>>({});
  const refRow = done.find((r) => r.id === refId && pairable(r.rec));

  // The reference's comparisons, from the worker.
  useEffect(() => {
    if (!refRow) {
      setRef(null);
      return;
    }
    let current = true;
    setRef((old) => (old?.refId === refRow.id && old.state === 'ready' ? old : { refId: refRow.id, state: 'loading' }));
    compare(datasetId, refRow.id).then(
      (result) => current && setRef({ refId: refRow.id, state: 'ready', result }),
      (err) => current && setRef({ refId: refRow.id, state: 'error', message: errorMessage(err) }),
    );
    return () => {
      current = false;
    };
    // `signature` stands for the finished runs: a new one is compared too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refRow?.id, signature, datasetId, compare]);

  // How full and sampled order each group's runs (a group with two or more sampled runs).
  useEffect(() => {
    let current = true;
    for (const g of groups) {
      const sampled = g.rows.filter((r) => r.rec.ranking?.sampled);
      if (sampled.length < 2) continue;
      compare(datasetId, sampled[0].id).then(
        (result) => current && setAgreements((all) => ({ ...all, [g.key]: result.agreement })),
        () => {},
      );
    }
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, datasetId, compare]);

  if (done.length === 0) return <p className="hint">Finished runs are compared here.</p>;
  const choices = done.filter((r) => pairable(r.rec));
  const save = (text: string, ext: string, type: string) => downloadBlob(new Blob([text], { type }), `reclab-comparison-${dataset.name.replace(/[^\w.-]+/g, '_')}.${ext}`);
  const anyRanked = groups.some((g) => g.ranking);
  return (
    <div className="compare-all" data-testid="compare">
      <div className="compare-tools">
        <label>
          Compare against
          <select
            value={refRow?.id ?? ''}
            onChange={(e) => setRefId(e.target.value)}
            data-testid="compare-ref"
            disabled={choices.length === 0}
            title={choices.length === 0 ? 'Only runs scored on one split keep per-user results to pair: cross-validated runs cannot be a reference' : undefined}
          >
            <option value="">{choices.length ? 'no reference run' : 'no run on one split yet'}</option>
            {choices.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label} ({evaluationLabel(r.rec.evaluation)}
                {r.rec.ranking ? `, K=${r.rec.ranking.full.k}` : ''})
              </option>
            ))}
          </select>
        </label>
        {anyRanked && (
          <label className="inline">
            <input type="checkbox" checked={more} onChange={(e) => setMore(e.target.checked)} data-testid="more-metrics" />
            More metrics
          </label>
        )}
        <span className="compare-export">
          <button type="button" onClick={() => save(comparisonCsv(done), 'csv', 'text/csv')} data-testid="export-comparison-csv">
            Comparison as CSV
          </button>
          <button
            type="button"
            onClick={() => save(comparisonJson({ name: dataset.name, sha256: dataset.source.sha256, fileName: dataset.source.fileName }, done), 'json', 'application/json')}
            data-testid="export-comparison-json"
          >
            Comparison as JSON
          </button>
        </span>
        <span className="compare-status" role="status">
          {ref?.state === 'loading' && 'pairing the runs with the reference, user by user…'}
          {ref?.state === 'error' && <span className="error">{ref.message}</span>}
        </span>
      </div>
      {refRow && (
        <p className="hint" data-testid="compare-legend">
          Against <strong>{refRow.label}</strong>, user by user on the same split and protocol: <span className="mark better">▲</span>/<span className="mark worse">▼</span> the
          run is significantly higher/lower (Wilcoxon signed-rank test over the users, Holm-corrected across the metrics, p &lt; 0.05; green is better), n.s. not
          significant. Point at a mark for the difference, its 95% interval and the p-values.
        </p>
      )}
      {groups.map((g) => (
        <GroupTable key={g.key} group={g} more={more} refRow={refRow ?? null} refState={ref} agreement={agreements[g.key] ?? null} />
      ))}
    </div>
  );
}

/** A count, or a mean of counts over folds (one decimal). */
const fmtCount = (x: number) => (Number.isInteger(x) ? fmtInt(x) : x.toFixed(1));

function fmtP(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  return p >= 0.001 ? p.toFixed(3) : p.toExponential(1);
}

/** "+0.012" with enough digits to show a small difference. */
function fmtDiff(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'n/a';
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
}

function comparisonTitle(m: MetricComparison): string {
  const digits = Math.abs(m.diff) >= 0.01 || m.diff === 0 ? 3 : 4;
  const [lo, hi] = m.ci95;
  return `diff ${fmtDiff(m.diff, digits)} [${lo.toFixed(digits)}, ${hi.toFixed(digits)}], Wilcoxon p = ${fmtP(m.wilcoxonP)} (Holm ${fmtP(m.holmP)}), t-test p = ${fmtP(m.tP)}, over ${fmtInt(m.users)} users`;
}

/** ▲/▼ where the difference from the reference is significant after Holm's correction, "n.s." otherwise. */
function Mark({ m, lowerIsBetter }: { m: MetricComparison | undefined; lowerIsBetter: boolean }) {
  if (!m) return null;
  const title = comparisonTitle(m);
  if (!(m.holmP < 0.05) || m.diff === 0 || Number.isNaN(m.diff)) {
    return (
      <span className="mark ns" title={title} data-testid="mark" data-significant="false">
        n.s.
      </span>
    );
  }
  const better = lowerIsBetter ? m.diff < 0 : m.diff > 0;
  return (
    <span
      className={`mark ${better ? 'better' : 'worse'}`}
      role="img"
      title={title}
      aria-label={`${m.diff > 0 ? 'higher' : 'lower'} than the reference (${better ? 'better' : 'worse'}): ${title}`}
      data-testid="mark"
      data-significant="true"
      data-better={better}
    >
      {m.diff > 0 ? '▲' : '▼'}
    </span>
  );
}

interface GroupProps {
  group: Group;
  more: boolean;
  refRow: Row | null;
  refState: RefState | null;
  agreement: Agreement | null;
}

/** The agreement badge: Kendall's tau of the full vs sampled orders, from the worker. */
function AgreementBadge({ agreement, k, runs }: { agreement: Agreement; k: number; runs: number }) {
  const main = agreement.ndcg ?? agreement.hr;
  if (!main || main.runs < 2) return null;
  const all = (['hr', 'ndcg', 'map', 'precision', 'recall', 'mrr'] as const)
    .filter((m) => agreement[m])
    .map((m) => `${metricName(m, k)}: τ = ${Number.isNaN(agreement[m].tau) ? 'undefined' : agreement[m].tau.toFixed(2)}`)
    .join('; ');
  const tau = main.tau;
  // τ-b is 1 (up to rounding) exactly when no pair of runs swaps.
  const agree = tau > 1 - 1e-9;
  const text = Number.isNaN(tau)
    ? `full vs sampled order: τ undefined (tied scores) over ${main.runs} runs`
    : `full and sampled ${agree ? 'agree on the order' : 'reorder some runs'}: τ = ${tau.toFixed(2)} over ${main.runs} runs`;
  return (
    <span
      className={`tag tag-agreement${agree ? '' : ' tag-disagree'}`}
      data-testid="agreement"
      data-tau={tau}
      data-runs={main.runs}
      title={`Kendall's τ-b between the orders the full and the sampled protocols give the runs on this split that have both (1: the same order). ${all}. Sampled metrics can reorder models (Krichene & Rendle, KDD'20).${main.runs !== runs ? ` The worker counted ${main.runs} runs on this split; ${runs} are in this table.` : ''}`}
    >
      {text} ({metricName('ndcg', k)})
    </span>
  );
}

/** A column header that sorts the group's rows by it (best first, then the other way); aria-sort says how. */
function SortHeader(props: {
  k: string;
  sort: Sort | null;
  onSort(key: string): void;
  children: ReactNode;
  rowSpan?: number;
  title?: string;
  className?: string;
  numeric?: boolean;
  /** The column's name when the header shows only part of it (a "full" under "NDCG@10"). */
  label?: string;
}) {
  const { k, sort, onSort, children, rowSpan, title, className, numeric = true, label } = props;
  const dir = sort?.key === k ? sort.dir : null;
  return (
    <th
      scope="col"
      rowSpan={rowSpan}
      title={title}
      className={[numeric ? 'num' : '', className ?? ''].join(' ').trim() || undefined}
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
    >
      <button type="button" className="sort" onClick={() => onSort(k)} data-testid={`sort-${k}`} aria-label={label}>
        {children}
        <span className="sort-mark" aria-hidden="true">
          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '⇅'}
        </span>
      </button>
    </th>
  );
}

/** ★ on the best value of a column (among the group's runs). */
function BestMark({ best, k, value }: { best: Record<string, number>; k: string; value: number | undefined }) {
  if (value === undefined || best[k] !== value) return null;
  return (
    <span className="best-mark" title="best in this column" data-testid="best">
      ★<span className="sr-only"> best</span>
    </span>
  );
}

const GroupTable = memo(function GroupTable({ group, more, refRow, refState, agreement }: GroupProps) {
  const { rows, ranking, sampled } = group;
  const first = rows[0].rec;
  const n = ranking?.negatives;
  const rankCols = ranking ? [...MAIN, ...(more ? MORE : [])] : [];
  const split = (c: RankColumn) => sampled && !c.fullOnly;
  const result = refState?.state === 'ready' && refRow && refState.refId === refRow.id ? refState.result : null;
  const headName = (c: RankColumn) => (c.atK ? metricName(c.key, ranking?.k) : (c.label ?? c.key));
  const twoRows = rankCols.some(split);
  const span = twoRows ? 2 : undefined;
  const columns = 6 + rankCols.reduce((s, c) => s + (split(c) ? 2 : 1), 0) + (ranking ? 1 : 0) + (refRow ? 1 : 0) + 9;
  const [sort, setSort] = useState<Sort | null>(null);
  const sorting = { sort, onSort: (key: string) => setSort((old) => nextSort(old, key)) };
  const shown = useMemo(() => (sort ? sortRows(rows, sort) : rows), [rows, sort]);
  const keys = ['rmse', 'mae', 'mse', 'fcp', 'pearson', 'fit', 'test', 'sps', ...rankCols.flatMap((c) => [`${c.key}-full`, `${c.key}-sampled`])];
  const best = bestValues(
    rows.map((r) => r.rec),
    keys,
  );
  return (
    <section className="compare-group" data-testid="compare-group" aria-label={`Runs evaluated by ${evaluationLabel(first.evaluation)}`}>
      <h3 className="compare-group-title">
        {evaluationLabel(first.evaluation)}
        {first.filterAfterSplit && <span className="muted"> · {filterText(first.filterAfterSplit)}</span>}
        <span className="muted"> · {ranking ? rankingText(ranking) : 'not ranked'}</span>{' '}
        {agreement && ranking && <AgreementBadge agreement={agreement} k={ranking.k} runs={rows.filter((r) => r.rec.ranking?.sampled).length} />}
      </h3>
      <TableScroll label={`Model comparison: ${evaluationLabel(first.evaluation)}`}>
        <table className="compare" data-testid="compare-table" aria-label={`Model comparison: ${evaluationLabel(first.evaluation)}`}>
          <thead>
            <tr>
              <th scope="col" rowSpan={span} className="sticky-col">
                Model
              </th>
              <SortHeader k="rmse" {...sorting} rowSpan={span} title={TEST_TITLE}>
                Test RMSE
              </SortHeader>
              <SortHeader k="mae" {...sorting} rowSpan={span} title={TEST_TITLE}>
                Test MAE
              </SortHeader>
              <SortHeader k="mse" {...sorting} rowSpan={span} title={TEST_TITLE}>
                Test MSE
              </SortHeader>
              <SortHeader k="fcp" {...sorting} rowSpan={span} title="Fraction of concordant pairs of each user's test ratings: — when no test user has two (leave last out), or for a model that predicts no ratings">
                Test FCP
              </SortHeader>
              <SortHeader k="pearson" {...sorting} rowSpan={span} title="Pearson correlation of the test estimates and ratings: — when either is constant, for a model that predicts no ratings, or for a run stored before the lab computed it">
                Test Pearson
              </SortHeader>
              {rankCols.map((c) =>
                split(c) ? (
                  <th key={c.key} scope="colgroup" colSpan={2} className="num metric-group" title={c.title}>
                    {headName(c)}
                  </th>
                ) : (
                  <SortHeader key={c.key} k={`${c.key}-full`} {...sorting} rowSpan={span} title={c.title}>
                    {headName(c)}
                    {!twoRows || !c.fullOnly ? '' : <div className="sub">full</div>}
                  </SortHeader>
                ),
              )}
              {ranking && (
                <th scope="col" rowSpan={span} className="num" title="Test users ranked: those with at least one relevant held-out item">
                  Users
                </th>
              )}
              {refRow && (
                <th scope="col" rowSpan={span}>
                  vs {refRow.label}
                </th>
              )}
              <th scope="col" rowSpan={span}>
                Parameters
              </th>
              <SortHeader k="fit" {...sorting} rowSpan={span} title="Seconds to fit (mean per fold for cross-validation)">
                Fit
              </SortHeader>
              <SortHeader k="test" {...sorting} rowSpan={span} title="Seconds to score the test rows">
                Test
              </SortHeader>
              <SortHeader k="sps" {...sorting} rowSpan={span} title="Training samples per second (iterative models)">
                Samples/s
              </SortHeader>
              <SortHeader k="backend" {...sorting} rowSpan={span} numeric={false}>
                Backend
              </SortHeader>
              <th scope="col" rowSpan={span}>
                Seed
              </th>
              <th scope="col" rowSpan={span}>
                Evaluated on
              </th>
              <th scope="col" rowSpan={span}>
                Model kept
              </th>
              <th scope="col" rowSpan={span}>
                Notes
              </th>
            </tr>
            {twoRows && (
              <tr>
                {rankCols.filter(split).flatMap((c) => [
                  <SortHeader key={`${c.key}-full`} k={`${c.key}-full`} {...sorting} className="sub-head" label={`${headName(c)} full`}>
                    full
                  </SortHeader>,
                  <SortHeader key={`${c.key}-sampled`} k={`${c.key}-sampled`} {...sorting} className="sub-head" label={`${headName(c)} sampled${n !== undefined ? ` N=${n}` : ''}`}>
                    sampled{n !== undefined ? ` N=${n}` : ''}
                  </SortHeader>,
                ])}
              </tr>
            )}
          </thead>
          <tbody>
            {group.warning && (
              <tr className="warning-row" data-testid="tuning-warning">
                <td colSpan={columns}>
                  <div className="sticky-note" role="note">
                    ⚠ {group.warning} (Rendle et al. 2019, 2020; Ferrari Dacrema et al., RecSys’19: untuned baselines make new models look better than they are).
                  </div>
                </td>
              </tr>
            )}
            {shown.map((row) => (
              <CompareRow
                key={row.id}
                row={row}
                best={best}
                rankCols={rankCols}
                sampled={sampled}
                ranked={!!ranking}
                refRow={refRow}
                comparison={result?.runs[row.id] ?? null}
                refPending={refState?.state === 'loading'}
              />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {rows.length > 1 && (
        <MetricBars
          rows={shown}
          metrics={[
            { key: 'rmse', name: 'Test RMSE' },
            { key: 'mae', name: 'Test MAE' },
            { key: 'mse', name: 'Test MSE' },
            { key: 'fcp', name: 'Test FCP' },
            { key: 'pearson', name: 'Test Pearson' },
            ...rankCols.map((c) => ({ key: `${c.key}-full`, name: `${headName(c)} (full)` })),
            { key: 'fit', name: 'Fit seconds' },
          ]}
        />
      )}
    </section>
  );
});

/** Why a run has no comparison with the reference. */
function notComparable(rec: RunRecord, ref: RunRecord, pending: boolean): string {
  if (rec.folds) return 'cross-validated: no per-user results';
  if (rec.engine === 'dask') return 'Dask job: no per-user results';
  if (rec.split?.fingerprint !== ref.split?.fingerprint) return 'not comparable: another split';
  if (rankingKey(rankingSettingsOf(rec)) !== rankingKey(rankingSettingsOf(ref))) return 'not comparable: another ranking protocol';
  return pending ? 'comparing…' : 'no per-user results kept';
}

interface RowProps {
  row: Row;
  /** Each column's best value in the group, to mark. */
  best: Record<string, number>;
  rankCols: RankColumn[];
  sampled: boolean;
  ranked: boolean;
  refRow: Row | null;
  comparison: RunComparisons['runs'][string] | null;
  refPending: boolean;
}

/** A finished run's row; memoised, as its record no longer changes while other runs train. */
const CompareRow = memo(function CompareRow({ row, best, rankCols, sampled, ranked, refRow, comparison, refPending }: RowProps) {
  const { rec, label } = row;
  const spec = specOf(rec.algo);
  const ranksOnly = spec?.ranksOnly === true;
  const metrics = comparison?.metrics ?? {};
  const isRef = refRow?.id === row.id;
  const ratingCell = (value: number, key: 'rmse' | 'mae') => (
    <td className="num" data-testid={key} title={ranksOnly ? 'ranking only: this model predicts no ratings' : undefined}>
      {fmtMetric(value)} <BestMark best={best} k={key} value={value} />
      <Mark m={metrics[key]} lowerIsBetter />
    </td>
  );
  const r = rec.ranking;
  return (
    <tr data-testid="compare-row" data-algo={rec.algo} data-eval={rec.evaluation.kind} data-run-id={rec.id} className={isRef ? 'is-reference' : undefined}>
      <th scope="row" className="sticky-col">
        {label}
        {isRef && <span className="tag tag-reference">reference</span>}
        {rec.engine === 'dask' && (
          <span className="tag tag-dask" title="Scored at scale by the Dask job, on the same rows and split as the lab’s (its fingerprint)">
            Dask
          </span>
        )}
      </th>
      {ratingCell(rec.rmse, 'rmse')}
      {ratingCell(rec.mae, 'mae')}
      <td className="num" data-testid="mse" title={ranksOnly ? 'ranking only: this model predicts no ratings' : undefined}>
        {fmtMetric(rec.mse)} <BestMark best={best} k="mse" value={rec.mse} />
      </td>
      <td className="num" data-testid="fcp" title={ranksOnly ? 'ranking only: this model predicts no ratings' : undefined}>
        {fmtMetric(rec.fcp)} <BestMark best={best} k="fcp" value={rec.fcp} />
      </td>
      <td className="num" data-testid="pearson" title={ranksOnly ? 'ranking only: this model predicts no ratings' : undefined}>
        {fmtMetric(rec.pearson)} <BestMark best={best} k="pearson" value={rec.pearson} />
      </td>
      {rankCols.map((c) => {
        const full = (
          <td key={`${c.key}-full`} className="num" data-testid={`${c.key}-full`}>
            {fmtMetric(r?.full[c.key])} <BestMark best={best} k={`${c.key}-full`} value={r?.full[c.key]} />
            {c.paired && <Mark m={metrics[c.paired]} lowerIsBetter={false} />}
          </td>
        );
        if (!sampled || c.fullOnly) return full;
        return [
          full,
          <td key={`${c.key}-sampled`} className="num sampled" data-testid={`${c.key}-sampled`}>
            {fmtMetric(r?.sampled?.[c.key])} <BestMark best={best} k={`${c.key}-sampled`} value={r?.sampled?.[c.key]} />
            {c.paired && <Mark m={metrics[`sampled_${c.paired}`]} lowerIsBetter={false} />}
          </td>,
        ];
      })}
      {ranked && (
        <td
          className="num"
          data-testid="users"
          title={
            r?.sampled?.shortUsers
              ? `${fmtCount(r.sampled.shortUsers)} of them had fewer than ${r.sampled.negatives} eligible negatives and were ranked against all they had (sampled)${rec.folds ? '; means over the folds' : ''}`
              : rec.folds
                ? 'Mean over the folds'
                : undefined
          }
        >
          {r ? fmtCount(r.full.users) : '—'}
          {r?.sampled?.shortUsers ? ` (${fmtCount(r.sampled.shortUsers)} short)` : ''}
        </td>
      )}
      {refRow && (
        <td data-testid="vs-ref" className="vs-ref">
          {isRef ? 'reference' : comparison ? `${fmtInt(comparison.users)} users paired` : notComparable(rec, refRow.rec, refPending)}
        </td>
      )}
      <td className="params-cell">{changedParams(rec)}</td>
      <td className="num">
        {fmtSeconds(rec.fitSeconds)} <BestMark best={best} k="fit" value={rec.fitSeconds} />
      </td>
      <td className="num">
        {fmtSeconds(rec.testSeconds)} <BestMark best={best} k="test" value={rec.testSeconds} />
      </td>
      <td className="num" data-testid="sps">
        {rec.samplesPerSec ? fmtInt(Math.round(rec.samplesPerSec)) : '—'} <BestMark best={best} k="sps" value={rec.samplesPerSec} />
      </td>
      <td>{rec.engine === 'dask' ? 'Dask' : rec.backend}</td>
      <td>{rec.seed}</td>
      <td className="eval-cell">
        <EvaluationFacts run={{ evaluation: rec.evaluation, filterAfterSplit: rec.filterAfterSplit, record: rec }} />
        {rec.search && <div className="search-summary">{searchSummary(rec.search, rec.ranking?.full.k)}</div>}
        {rec.impossible ? <div>{fmtCount(rec.impossible)} fallbacks{rec.folds ? ' (mean per fold)' : ''}</div> : null}
      </td>
      <td className="model-kept">{rec.model ? `${fmtBytes(rec.model.bytes)} (${rec.model.fittedOn === 'all' ? 'all ratings' : 'training rows'})` : rec.engine === 'dask' ? 'none (Dask job)' : 'none (cross-validated)'}</td>
      <td className="params-cell notes-cell">{notes(rec) || '—'}</td>
    </tr>
  );
});
