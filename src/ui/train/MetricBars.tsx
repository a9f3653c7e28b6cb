/**
 * One metric per run of a group as bars, like the studies' figures: for a
 * cross-validated run the bar is the mean over the folds and the error bar ±1
 * standard deviation of the folds. Plain SVG, like the learning curve.
 */
import { useState } from 'react';
import type { RunRecord } from '../../storage/runs.ts';
import { fmtMetric } from '../common/format.ts';
import { columnValue } from './compareSort.ts';

/** The per-fold figures a metric has (rating metrics and fit time; ranking metrics keep no per-fold values). */
const PER_FOLD: Partial<Record<string, (f: NonNullable<RunRecord['folds']>[number]) => number>> = {
  rmse: (f) => f.rmse,
  mae: (f) => f.mae,
  fcp: (f) => f.fcp,
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

const ROW = 26;
const LABEL = 150;
const PAD = 12;

export function MetricBars({ rows, metrics }: { rows: { id: string; label: string; rec: RunRecord }[]; metrics: { key: string; name: string }[] }) {
  const [key, setKey] = useState(metrics[0].key);
  const metric = metrics.find((m) => m.key === key) ?? metrics[0];
  const bars = rows.map((r) => ({ ...r, value: columnValue(r.rec, metric.key) as number, spread: foldSpread(r.rec, metric.key) }));
  const top = Math.max(1e-9, ...bars.map((b) => (Number.isNaN(b.value) ? 0 : b.value + (b.spread?.sd ?? 0))));
  const width = 560;
  const plot = width - LABEL - PAD - 70;
  const x = (v: number) => LABEL + (v / top) * plot;
  const height = bars.length * ROW + PAD;
  return (
    <figure className="metric-bars" data-testid="metric-bars">
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
      <svg width={width} height={height} role="img" aria-label={`${metric.name} per run${bars.some((b) => b.spread) ? ', error bars ±1 s.d. over the folds' : ''}`}>
        {bars.map((b, k) => {
          const y = PAD / 2 + k * ROW;
          const missing = Number.isNaN(b.value);
          return (
            <g key={b.id} data-testid="bar" data-value={missing ? undefined : b.value}>
              <text x={LABEL - 6} y={y + ROW / 2} dy="0.32em" textAnchor="end" className="bar-label">
                {b.label}
              </text>
              {!missing && <rect x={LABEL} y={y + 4} width={Math.max(1, x(b.value) - LABEL)} height={ROW - 8} className="bar" />}
              {b.spread && (
                <g data-testid="error-bar" className="error-bar">
                  <title>{`mean ${fmtMetric(b.spread.mean)} ± ${fmtMetric(b.spread.sd)} (1 s.d. over ${b.rec.folds!.length} folds)`}</title>
                  <line x1={x(Math.max(0, b.spread.mean - b.spread.sd))} x2={x(b.spread.mean + b.spread.sd)} y1={y + ROW / 2} y2={y + ROW / 2} />
                  <line x1={x(Math.max(0, b.spread.mean - b.spread.sd))} x2={x(Math.max(0, b.spread.mean - b.spread.sd))} y1={y + 7} y2={y + ROW - 7} />
                  <line x1={x(b.spread.mean + b.spread.sd)} x2={x(b.spread.mean + b.spread.sd)} y1={y + 7} y2={y + ROW - 7} />
                </g>
              )}
              <text x={(missing ? LABEL : x(b.value + (b.spread?.sd ?? 0))) + 6} y={y + ROW / 2} dy="0.32em" className="bar-value">
                {fmtMetric(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
