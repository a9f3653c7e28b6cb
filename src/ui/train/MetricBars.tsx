/**
 * One metric per run of a group as bars, like the studies' figures: for a
 * cross-validated run the bar is the mean over the folds and the error bar ±1
 * standard deviation of the folds.
 */
import { useRef, useState } from 'react';
import { Bar, BarChart, ErrorBar, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunRecord } from '../../storage/runs.ts';
import { ChartDownloads } from '../common/ChartDownloads.tsx';
import { fmtMetric } from '../common/format.ts';
import { columnValue } from './compareSort.ts';

/** The per-fold figures a metric has (rating metrics and fit time; ranking metrics keep no per-fold values). */
const PER_FOLD: Partial<Record<string, (f: NonNullable<RunRecord['folds']>[number]) => number>> = {
  rmse: (f) => f.rmse,
  mae: (f) => f.mae,
  mse: (f) => f.mse,
  fcp: (f) => f.fcp,
  pearson: (f) => f.pearson,
  fit: (f) => f.fitSeconds,
};

/** Mean ± sample standard deviation of the folds' values, or null without two folds. */
export function foldSpread(rec: RunRecord, key: string): { mean: number; sd: number } | null {
  const of = PER_FOLD[key];
  const values = of && rec.folds ? rec.folds.map(of).filter((v) => !Number.isNaN(v)) : [];
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

/** A bar drawn by recharts, marked with its run's figure for the tests and screen readers' sake. */
function BarShape(props: { x?: number; y?: number; width?: number; height?: number; value?: number | number[] }) {
  const { x = 0, y = 0, width = 0, height = 0, value } = props;
  return (
    <g data-testid="bar" data-value={typeof value === 'number' ? value : undefined}>
      <rect x={x} y={y} width={Math.max(1, width)} height={height} className="bar" />
    </g>
  );
}

type BarsProps = { rows: { id: string; label: string; rec: RunRecord }[]; metrics: { key: string; name: string }[] };

/** Closed until asked for: a comparison that updates while runs train never redraws a chart nobody opened. */
export function MetricBars(props: BarsProps) {
  const [open, setOpen] = useState(false);
  return (
    <details className="metric-bars-toggle" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Bars of a metric per run</summary>
      {open && <Bars {...props} />}
    </details>
  );
}

/**
 * Drawn with recharts: a group holds a handful of runs, so a render costs a few
 * milliseconds (unlike Explore's thousands of points, which are plain SVG).
 */
function Bars({ rows, metrics }: BarsProps) {
  const [key, setKey] = useState(metrics[0].key);
  const metric = metrics.find((m) => m.key === key) ?? metrics[0];
  const bars = rows.map((r) => {
    const value = columnValue(r.rec, metric.key) as number;
    const spread = foldSpread(r.rec, metric.key);
    return { id: r.id, label: r.label, value: Number.isNaN(value) ? null : value, sd: spread?.sd ?? 0, spread };
  });
  const withFolds = bars.some((b) => b.spread);
  const figure = useRef<HTMLElement>(null);
  return (
    <figure ref={figure} className="metric-bars" data-testid="metric-bars">
      <label className="inline">
        Bars of
        <select value={metric.key} onChange={(e) => setKey(e.target.value)} data-testid="bars-metric">
          {metrics.map((m) => (
            <option key={m.key} value={m.key}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <ChartDownloads figure={figure} name={`reclab-${metric.name}-bars`} what={`the ${metric.name} bars`} />
      <div role="img" data-testid="bars-chart" aria-label={`${metric.name} per run${withFolds ? ', error bars ±1 s.d. over the folds' : ''}: ${bars.map((b) => `${b.label} ${fmtMetric(b.value ?? NaN)}`).join(', ')}`}>
        <BarChart layout="vertical" width={560} height={bars.length * 30 + 40} data={bars} margin={{ top: 4, right: 64, bottom: 4, left: 8 }}>
          <XAxis type="number" domain={[0, 'auto']} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v) => fmtMetric(Number(v))} isAnimationActive={false} />
          <Bar dataKey="value" name={metric.name} shape={BarShape} isAnimationActive={false} maxBarSize={18}>
            {withFolds && <ErrorBar dataKey="sd" width={6} strokeWidth={1.5} direction="x" />}
            <LabelList dataKey="value" position="right" formatter={(v: unknown) => fmtMetric(Number(v))} className="bar-value" />
          </Bar>
        </BarChart>
      </div>
    </figure>
  );
}
