/**
 * Train (dashed) and validation (solid) RMSE per epoch for every iterative run, drawn
 * live. Plain SVG rather than a charting library: it redraws on every epoch of every
 * run while models train, and a few polylines cost next to nothing on the main thread
 * (a general chart's re-render took up to 100 ms here, longer than the lab allows).
 */
import { memo, useEffect, useRef, useState } from 'react';
import { curveRowsText } from './RunFacts.tsx';
import type { LiveRun } from './useTrainer.ts';

export const RUN_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

export function runLabel(r: Pick<LiveRun, 'algo'>, index: number): string {
  return `${r.algo} #${index + 1}`;
}

const HEIGHT = 300;
const PAD = { top: 12, right: 20, bottom: 40, left: 64 };

/** About `count` round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The points of a curve as polyline segments, broken where a value is missing (NaN). */
function segments(points: [number, number][]): [number, number][][] {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (const p of points) {
    if (Number.isFinite(p[1])) cur.push(p);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The chart only changes when a curve does: status and batch events leave it alone. */
function sameCurves(a: { runs: LiveRun[] }, b: { runs: LiveRun[] }): boolean {
  return (
    a.runs.length === b.runs.length &&
    a.runs.every((r, k) => r.id === b.runs[k].id && r.algo === b.runs[k].algo && r.curve === b.runs[k].curve && r.validation === b.runs[k].validation)
  );
}

export const LearningCurve = memo(function LearningCurve({ runs }: { runs: LiveRun[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.max(320, Math.round(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const withCurves = runs.map((r, k) => ({ r, k })).filter(({ r }) => r.curve.length > 0);
  const maxEpoch = Math.max(1, ...withCurves.map(({ r }) => r.curve[r.curve.length - 1].epoch));
  const values = withCurves.flatMap(({ r }) => r.curve.flatMap((p) => [p.trainRmse, p.valRmse])).filter(Number.isFinite);
  let lo = values.length ? Math.min(...values) : 0.5;
  let hi = values.length ? Math.max(...values) : 1.5;
  const margin = (hi - lo) * 0.05 || 0.05;
  lo -= margin;
  hi += margin;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (epoch: number) => PAD.left + (maxEpoch === 1 ? plotW / 2 : ((epoch - 1) / (maxEpoch - 1)) * plotW);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * plotH;
  const yTicks = ticks(lo, hi, 5).filter((v) => v >= lo && v <= hi);
  const xTicks = ticks(1, maxEpoch, Math.min(10, maxEpoch)).filter((v) => Number.isInteger(v) && v >= 1 && v <= maxEpoch);

  const lines = withCurves.flatMap(({ r, k }) => {
    const color = RUN_COLORS[k % RUN_COLORS.length];
    const label = runLabel(r, k);
    return (['val', 'train'] as const).map((kind) => {
      const pts = r.curve.map((p): [number, number] => [p.epoch, kind === 'val' ? p.valRmse : p.trainRmse]);
      const last = [...pts].reverse().find((p) => Number.isFinite(p[1]));
      const name = `${label} ${kind === 'val' ? curveRowsText(r.validation) : 'train'}`;
      return { id: `${r.id}:${kind}`, kind, color, name, pts, last };
    });
  });

  return (
    <figure className="curve" data-testid="learning-curve" aria-label="Learning curves">
      {withCurves.length === 0 && <p className="hint">Learning curves appear here, epoch by epoch, while iterative models train.</p>}
      <div ref={box} className="curve-box">
        {withCurves.length > 0 && (
          <svg width={width} height={HEIGHT} role="img" aria-label={`RMSE by epoch for ${withCurves.map(({ r, k }) => runLabel(r, k)).join(', ')}`}>
            <g className="curve-grid">
              {yTicks.map((v) => (
                <g key={`y${v}`}>
                  <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
                  <text x={PAD.left - 6} y={y(v)} dy="0.32em" textAnchor="end">
                    {v.toFixed(3)}
                  </text>
                </g>
              ))}
              {xTicks.map((v) => (
                <g key={`x${v}`}>
                  <line x1={x(v)} x2={x(v)} y1={PAD.top} y2={PAD.top + plotH} />
                  <text x={x(v)} y={PAD.top + plotH + 16} textAnchor="middle">
                    {v}
                  </text>
                </g>
              ))}
              <rect x={PAD.left} y={PAD.top} width={plotW} height={plotH} className="curve-frame" />
            </g>
            <text className="curve-axis" x={width - PAD.right} y={HEIGHT - 6} textAnchor="end">
              epoch
            </text>
            <text className="curve-axis" transform={`translate(14 ${PAD.top + plotH / 2}) rotate(-90)`} textAnchor="middle">
              RMSE
            </text>
            {lines.map((l) => (
              <g key={l.id} className="curve-line" data-kind={l.kind}>
                <title>{l.last ? `${l.name}: RMSE ${l.last[1].toFixed(4)} at epoch ${l.last[0]}` : l.name}</title>
                {segments(l.pts).map((seg, s) => (
                  <polyline
                    key={s}
                    points={seg.map(([e, v]) => `${x(e).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
                    fill="none"
                    stroke={l.color}
                    strokeWidth={l.kind === 'val' ? 2 : 1.5}
                    strokeDasharray={l.kind === 'train' ? '5 4' : undefined}
                  />
                ))}
                {l.last && <circle cx={x(l.last[0])} cy={y(l.last[1])} r={l.kind === 'val' ? 3 : 2} fill={l.color} />}
              </g>
            ))}
          </svg>
        )}
      </div>
      {lines.length > 0 && (
        <ul className="curve-legend" aria-label="Legend">
          {lines.map((l) => (
            <li key={l.id}>
              <svg width="22" height="10" aria-hidden="true">
                <line x1="1" x2="21" y1="5" y2="5" stroke={l.color} strokeWidth="2" strokeDasharray={l.kind === 'train' ? '5 3' : undefined} />
              </svg>
              {l.name}
            </li>
          ))}
        </ul>
      )}
      <figcaption className="sr-only">RMSE by epoch for each run: on validation or test rows solid, on training rows dashed</figcaption>
    </figure>
  );
}, sameCurves);
