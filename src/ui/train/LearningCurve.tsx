/**
 * Train (dashed) and validation or test (solid) RMSE per epoch for every iterative
 * run, drawn live, each run in a colour of its own; the legend shows or hides each
 * run and each kind of line, the y axis can be logarithmic, and the epoch whose
 * weights early stopping kept is marked. Plain SVG rather than a charting library:
 * it redraws on every epoch of every run while models train, and a few polylines
 * cost next to nothing on the main thread (a general chart's re-render took up to
 * 100 ms here, longer than the lab allows).
 */
import { memo, useRef, useState } from 'react';
import { ticks, useWidth } from '../common/chart.ts';
import { ChartDownloads } from '../common/ChartDownloads.tsx';
import { useDarkScheme } from '../common/useDarkScheme.ts';
import { curveRowsText } from './RunFacts.tsx';
import type { LiveRun } from './useTrainer.ts';

/**
 * Run k's colour: hues a golden angle apart, so no two runs share one however many
 * there are, light enough on the dark theme and dark enough on the light one.
 */
export function runColor(k: number, dark: boolean): string {
  return `hsl(${Math.round((210 + k * 137.508) % 360)} ${dark ? '70% 68%' : '75% 36%'})`;
}

export function runLabel(r: Pick<LiveRun, 'algo'>, index: number): string {
  return `${r.algo} #${index + 1}`;
}

const HEIGHT = 300;
const PAD = { top: 12, right: 20, bottom: 40, left: 64 };

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
    a.runs.every((r, k) => {
      const o = b.runs[k];
      return r.id === o.id && r.algo === o.algo && r.curve === o.curve && r.validation === o.validation && r.record?.bestEpoch === o.record?.bestEpoch;
    })
  );
}

type Kind = 'val' | 'train';

export const LearningCurve = memo(function LearningCurve({ runs }: { runs: LiveRun[] }) {
  const box = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);
  const width = useWidth(box, 900, 320);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [kinds, setKinds] = useState<Record<Kind, boolean>>({ val: true, train: true });
  const [log, setLog] = useState(false);
  const dark = useDarkScheme();

  const withCurves = runs.map((r, k) => ({ r, k })).filter(({ r }) => r.curve.length > 0);
  const shown = withCurves.filter(({ r }) => !hidden.has(r.id));
  const maxEpoch = Math.max(1, ...shown.map(({ r }) => r.curve[r.curve.length - 1].epoch));
  const scale = (v: number) => (log ? Math.log10(v) : v);
  const values = shown
    .flatMap(({ r }) => r.curve.flatMap((p) => [kinds.train ? p.trainRmse : NaN, kinds.val ? p.valRmse : NaN]))
    .filter((v) => Number.isFinite(v) && (!log || v > 0))
    .map(scale);
  let lo = values.length ? Math.min(...values) : 0.5;
  let hi = values.length ? Math.max(...values) : 1.5;
  const margin = (hi - lo) * 0.05 || 0.05;
  lo -= margin;
  hi += margin;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (epoch: number) => PAD.left + (maxEpoch === 1 ? plotW / 2 : ((epoch - 1) / (maxEpoch - 1)) * plotW);
  const y = (v: number) => PAD.top + (1 - (scale(v) - lo) / (hi - lo)) * plotH;
  // Ticks in the value's own units: on a log axis, round values between the ends.
  const yTicks = (log ? ticks(10 ** lo, 10 ** hi, 5) : ticks(lo, hi, 5)).filter((v) => v > 0 || !log).filter((v) => scale(v) >= lo && scale(v) <= hi);
  const xTicks = ticks(1, maxEpoch, Math.min(10, maxEpoch)).filter((v) => Number.isInteger(v) && v >= 1 && v <= maxEpoch);

  const lines = shown.flatMap(({ r, k }) => {
    const color = runColor(k, dark);
    const label = runLabel(r, k);
    return (['val', 'train'] as const)
      .filter((kind) => kinds[kind])
      .map((kind) => {
        const pts = r.curve.map((p): [number, number] => [p.epoch, kind === 'val' ? p.valRmse : p.trainRmse]).map(([e, v]): [number, number] => [e, log && v <= 0 ? NaN : v]);
        const last = [...pts].reverse().find((p) => Number.isFinite(p[1]));
        const name = `${label} ${kind === 'val' ? curveRowsText(r.validation) : 'train'}`;
        return { id: `${r.id}:${kind}`, kind, color, name, pts, last };
      });
  });
  // The epoch whose weights were kept, where early stopping went back to an earlier one.
  const kept = shown
    .map(({ r, k }) => ({ r, k, epoch: r.record?.bestEpoch }))
    .filter((m): m is { r: LiveRun; k: number; epoch: number } => m.epoch !== undefined && m.epoch < (lastEpoch(m.r) ?? 0));

  return (
    <figure ref={figure} className="curve" data-testid="learning-curve" aria-label="Learning curves">
      {withCurves.length === 0 && <p className="hint">Learning curves appear here, epoch by epoch, while iterative models train.</p>}
      {withCurves.length > 0 && (
        <div className="curve-tools">
          <label className="inline">
            <input type="checkbox" checked={kinds.val} onChange={(e) => setKinds((c) => ({ ...c, val: e.target.checked }))} />
            validation / test lines
          </label>
          <label className="inline">
            <input type="checkbox" checked={kinds.train} onChange={(e) => setKinds((c) => ({ ...c, train: e.target.checked }))} />
            train lines
          </label>
          <label className="inline">
            <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} data-testid="curve-log" />
            log scale
          </label>
          <ChartDownloads figure={figure} name="reclab-learning-curves" what="the learning curves" />
        </div>
      )}
      <div ref={box} className="curve-box">
        {withCurves.length > 0 && (
          <svg width={width} height={HEIGHT} role="img" data-log={log || undefined} aria-label={`RMSE by epoch${log ? ' (log scale)' : ''} for ${shown.map(({ r, k }) => runLabel(r, k)).join(', ') || 'no run (all hidden)'}`}>
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
              {log ? 'RMSE (log scale)' : 'RMSE'}
            </text>
            {kept.map(({ r, k, epoch }) => (
              <g key={`kept-${r.id}`} className="curve-kept" data-testid="kept-epoch" data-epoch={epoch}>
                <title>{`${runLabel(r, k)}: early stopping kept the weights of epoch ${epoch}`}</title>
                <line x1={x(epoch)} x2={x(epoch)} y1={PAD.top} y2={PAD.top + plotH} stroke={runColor(k, dark)} strokeDasharray="2 3" />
                <text x={x(epoch) + 3} y={PAD.top + 10} fill={runColor(k, dark)}>
                  kept
                </text>
              </g>
            ))}
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
      {withCurves.length > 0 && (
        <ul className="curve-legend" aria-label="Runs in the chart">
          {withCurves.map(({ r, k }) => (
            <li key={r.id}>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={!hidden.has(r.id)}
                  onChange={() =>
                    setHidden((h) => {
                      const next = new Set(h);
                      if (!next.delete(r.id)) next.add(r.id);
                      return next;
                    })
                  }
                />
                <svg width="22" height="10" aria-hidden="true">
                  <line x1="1" x2="21" y1="5" y2="5" stroke={runColor(k, dark)} strokeWidth="2" />
                </svg>
                {runLabel(r, k)} <span className="muted">— {curveRowsText(r.validation)} solid, train dashed</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <figcaption className="sr-only">RMSE by epoch for each run: on validation or test rows solid, on training rows dashed</figcaption>
    </figure>
  );
}, sameCurves);

/** The last epoch a run's curve reached. */
function lastEpoch(r: LiveRun): number | undefined {
  return r.curve[r.curve.length - 1]?.epoch;
}
