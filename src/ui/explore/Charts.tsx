/**
 * The Explore screen's bar and line charts, in plain SVG: a few hundred elements drawn
 * in one pass. A charting library's render of the same six charts held the main thread
 * for 0.3–0.9 s, where the lab allows no task over 100 ms. Each bar and each month
 * carries its figure as a tooltip (<title>), and the figure names the chart.
 */
import { useRef } from 'react';
import { ChartDownloads } from '../common/ChartDownloads.tsx';
import { ticks, useWidth } from '../common/chart.ts';
import { fmtInt } from '../common/format.ts';
import { useDarkScheme } from '../common/useDarkScheme.ts';

/** The dataset and the one it is compared with, readable on either theme. */
const LIGHT = ['#1f4e79', '#c2571a'];
const DARK = ['#7fb3e6', '#f0a060'];
const useSeriesColors = () => (useDarkScheme() ? DARK : LIGHT);

/** Categories along x, and per series a value for each (NaN: none). */
export interface ChartData {
  title: string;
  /** Series names, in the order of `values`. */
  names: string[];
  categories: string[];
  values: number[][];
  xLabel: string;
}

const HEIGHT = 220;
const PAD = { top: 8, right: 12, bottom: 38, left: 64 };
/** Pixels a character of an x label takes, about (12 px sans-serif), and the gap between labels. */
const CHAR_PX = 7;
const LABEL_GAP = 12;

function Frame({ data, width, children }: { data: ChartData; width: number; children: (plot: Omit<Plot, 'colors'>) => React.ReactNode }) {
  const max = Math.max(1, ...data.values.flat().filter(Number.isFinite));
  // The axis ends on the first tick at or above the largest value, so the tallest bar has a gridline over it.
  const yTicks = ticks(0, max, 4);
  const step = yTicks.length > 1 ? yTicks[1] - yTicks[0] : max;
  const top = Math.max(max, Math.ceil(max / step - 1e-9) * step);
  if (top > (yTicks.at(-1) ?? 0)) yTicks.push(Number(top.toPrecision(12)));
  const w = width - PAD.left - PAD.right;
  const h = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + (1 - v / top) * h;
  const n = data.categories.length;
  // Every k-th label only, so that labels never overlap.
  const longest = Math.max(1, ...data.categories.map((c) => c.length));
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(w / (longest * CHAR_PX + LABEL_GAP)))));
  const cx = (k: number) => PAD.left + ((k + 0.5) / n) * w;
  return (
    <svg width={width} height={HEIGHT} role="img" aria-label={`${data.title}: ${data.xLabel} from ${data.categories[0] ?? '—'} to ${data.categories.at(-1) ?? '—'}`}>
      <g className="curve-grid">
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={PAD.left + w} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v)} dy="0.32em" textAnchor="end">
              {fmtInt(v)}
            </text>
          </g>
        ))}
        {data.categories.map((c, k) =>
          k % every === 0 ? (
            <text key={k} x={cx(k)} y={PAD.top + h + 14} textAnchor="middle">
              {c}
            </text>
          ) : null,
        )}
        <rect x={PAD.left} y={PAD.top} width={w} height={h} className="curve-frame" />
      </g>
      <text className="curve-axis" x={PAD.left + w / 2} y={HEIGHT - 4} textAnchor="middle">
        {data.xLabel}
      </text>
      {children({ x0: PAD.left, w, y })}
    </svg>
  );
}

function Legend({ names, colors }: { names: string[]; colors: string[] }) {
  if (names.length < 2) return null;
  return (
    <ul className="curve-legend" aria-label="Legend">
      {names.map((name, s) => (
        <li key={s}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill={colors[s]} />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}

interface Plot {
  /** Left edge and width of the plot area. */
  x0: number;
  w: number;
  y: (v: number) => number;
  colors: string[];
}

/** A chart's figure: its caption, its frame at the box's width, its marks, its legend. */
function ChartFigure({ data, marks }: { data: ChartData; marks: (plot: Plot) => React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 420, 280);
  const colors = useSeriesColors();
  const figure = useRef<HTMLElement>(null);
  return (
    <figure ref={figure} className="chart" aria-label={data.title}>
      <figcaption>
        {data.title} <ChartDownloads figure={figure} name={`reclab-${data.title.replace(/\W+/g, '-').toLowerCase()}`} what={`the chart “${data.title}”`} />
      </figcaption>
      <div ref={box} className="curve-box">
        <Frame data={data} width={width}>
          {(plot) => marks({ ...plot, colors })}
        </Frame>
      </div>
      <Legend names={data.names} colors={colors} />
    </figure>
  );
}

const tooltip = (data: ChartData, s: number, k: number, v: number) => `${data.names[s]}: ${data.categories[k]} — ${fmtInt(v)}`;

/** Bars per category, the series side by side. */
export function BarChart({ data }: { data: ChartData }) {
  const n = data.categories.length;
  return (
    <ChartFigure
      data={data}
      marks={({ x0, w, y, colors }) => {
        const group = w / Math.max(1, n);
        const bar = (group * 0.8) / data.values.length;
        return data.values.map((vals, s) =>
          vals.map((v, k) =>
            Number.isFinite(v) ? (
              <rect key={`${s}:${k}`} className="bar" x={x0 + k * group + group * 0.1 + s * bar} y={y(v)} width={Math.max(1, bar - 1)} height={y(0) - y(v)} fill={colors[s]}>
                <title>{tooltip(data, s, k, v)}</title>
              </rect>
            ) : null,
          ),
        );
      }}
    />
  );
}

/** A line per series over the categories, joined across those it has no value for. */
export function LineChart({ data }: { data: ChartData }) {
  const n = data.categories.length;
  return (
    <ChartFigure
      data={data}
      marks={({ x0, w, y, colors }) => {
        const x = (k: number) => x0 + ((k + 0.5) / n) * w;
        return data.values.map((vals, s) => (
          <g key={s} className="line">
            <polyline
              points={vals.flatMap((v, k) => (Number.isFinite(v) ? [`${x(k).toFixed(1)},${y(v).toFixed(1)}`] : [])).join(' ')}
              fill="none"
              stroke={colors[s]}
              strokeWidth={1.5}
            />
            {vals.map((v, k) =>
              Number.isFinite(v) ? (
                <circle key={k} cx={x(k)} cy={y(v)} r={3} fill="transparent">
                  <title>{tooltip(data, s, k, v)}</title>
                </circle>
              ) : null,
            )}
          </g>
        ));
      }}
    />
  );
}
