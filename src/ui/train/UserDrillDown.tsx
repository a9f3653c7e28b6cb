/**
 * Two runs on one split, user by user: how a metric spreads over the users both
 * scored, and the users where they differ most. Closed until asked for; the numbers
 * come from the worker, which reads the runs' stored per-user values.
 */
import { useEffect, useState } from 'react';
import type { DrillDown } from '../../core/stats/index.ts';
import { errorMessage, fmtInt, fmtMetric } from '../common/format.ts';
import { TableScroll } from '../common/TableScroll.tsx';
import { BarChart } from '../explore/Charts.tsx';
import { runLabel } from './LearningCurve.tsx';
import { metricName } from './RunFacts.tsx';
import type { LiveRun, Trainer } from './useTrainer.ts';

type Props = { runs: LiveRun[]; drillDown: Trainer['drillDown'] };

/** Runs that kept per-user values on a fingerprinted split: one split, no folds, scored here. */
function drillable(runs: LiveRun[]): { r: LiveRun; label: string; fingerprint: string }[] {
  return runs.flatMap((r, k) => {
    const rec = r.record;
    return rec?.split && !rec.folds && !rec.engine ? [{ r, label: runLabel(r, k), fingerprint: rec.split.fingerprint }] : [];
  });
}

/** The metrics both runs computed: rating errors where both predict ratings, ranking metrics where both ranked at the same K. */
function sharedMetrics(a: LiveRun, b: LiveRun): { key: string; name: string }[] {
  const out: { key: string; name: string }[] = [];
  if (!Number.isNaN(a.record!.rmse) && !Number.isNaN(b.record!.rmse)) out.push({ key: 'rmse', name: 'RMSE' }, { key: 'mae', name: 'MAE' });
  const k = a.record!.ranking?.full.k;
  // Per user the column is AP; its mean over users is MAP.
  if (k !== undefined && k === b.record!.ranking?.full.k) for (const m of ['ndcg', 'hr', 'ap', 'precision', 'recall', 'mrr']) out.push({ key: m, name: m === 'ap' ? `AP@${k}` : metricName(m, k) });
  return out;
}

export function UserDrillDown(props: Props) {
  const [open, setOpen] = useState(false);
  const choices = drillable(props.runs);
  if (choices.length < 2) return null;
  return (
    <details className="drill-down" data-testid="drill-down" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Per-user drill-down: two runs, user by user</summary>
      {open && <DrillPanel {...props} />}
    </details>
  );
}

function DrillPanel({ runs, drillDown }: Props) {
  const choices = drillable(runs);
  const [aId, setA] = useState(choices[0].r.id);
  const a = choices.find((c) => c.r.id === aId) ?? choices[0];
  const partners = choices.filter((c) => c.r.id !== a.r.id && c.fingerprint === a.fingerprint);
  const [bId, setB] = useState<string | null>(null);
  const b = partners.find((c) => c.r.id === bId) ?? partners[0];
  const metrics = b ? sharedMetrics(a.r, b.r) : [];
  const [metricKey, setMetric] = useState('rmse');
  const metric = metrics.find((m) => m.key === metricKey) ?? metrics[0];
  const [result, setResult] = useState<{ key: string; d: DrillDown } | { key: string; error: string } | null>(null);
  const key = b && metric ? `${a.r.id}|${b.r.id}|${metric.key}` : '';
  const datasetId = a.r.datasetId;

  useEffect(() => {
    if (!key) return;
    let live = true;
    const [ra, rb, m] = key.split('|');
    drillDown(datasetId, ra, rb, m).then(
      (d) => live && setResult({ key, d }),
      (err) => live && setResult({ key, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [key, datasetId, drillDown]);

  const shown = result?.key === key ? result : null;
  return (
    <div className="drill-panel">
      <div className="drill-controls">
        <label className="inline">
          Run A
          <select value={a.r.id} onChange={(e) => setA(e.target.value)} data-testid="drill-a">
            {choices.map((c) => (
              <option key={c.r.id} value={c.r.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Run B
          <select value={b?.r.id ?? ''} onChange={(e) => setB(e.target.value)} disabled={!b} data-testid="drill-b">
            {partners.map((c) => (
              <option key={c.r.id} value={c.r.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {metric && (
          <label className="inline">
            Metric
            <select value={metric.key} onChange={(e) => setMetric(e.target.value)} data-testid="drill-metric">
              {metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!b && <p className="hint">No other run was scored on {a.label}’s split: pairing users needs the very same test rows.</p>}
      {b && !metric && <p className="hint">{a.label} and {b.label} share no per-user metric (one predicts ratings, the other only ranks, or they ranked at different K).</p>}
      {shown && 'error' in shown && (
        <p role="alert" className="error">
          {shown.error}
        </p>
      )}
      {b && metric && !shown && <p className="hint">Reading the runs’ per-user values…</p>}
      {b && metric && shown && 'd' in shown && <DrillResult d={shown.d} a={a.label} b={b.label} metric={metric.name} />}
    </div>
  );
}

function DrillResult({ d, a, b, metric }: { d: DrillDown; a: string; b: string; metric: string }) {
  if (d.users === 0) return <p className="hint">No user has a {metric} in both runs.</p>;
  const digits = d.edges[d.edges.length - 1] - d.edges[0] < 1 ? 3 : 2;
  const categories = d.countsA.map((_, k) => `${d.edges[k].toFixed(digits)}–${d.edges[k + 1].toFixed(digits)}`);
  return (
    <div data-testid="drill-result" data-users={d.users}>
      <p>
        {fmtInt(d.users)} users scored by both · mean {metric}: {a} {fmtMetric(d.meanA)}, {b} {fmtMetric(d.meanB)}
      </p>
      <BarChart data={{ title: `Users by ${metric}: ${a} and ${b}`, names: [a, b], categories, values: [d.countsA, d.countsB], xLabel: metric }} />
      <TableScroll label={`Users where ${a} and ${b} differ most`}>
        <table data-testid="drill-users" aria-label={`Users where ${a} and ${b} differ most on ${metric}`}>
          <caption>Users where they differ most</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">{a}</th>
              <th scope="col">{b}</th>
              <th scope="col">A − B</th>
            </tr>
          </thead>
          <tbody>
            {d.largest.map((u) => (
              <tr key={String(u.user)}>
                <td>{String(u.user)}</td>
                <td className="num">{fmtMetric(u.a)}</td>
                <td className="num">{fmtMetric(u.b)}</td>
                <td className="num">{fmtMetric(u.a - u.b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
