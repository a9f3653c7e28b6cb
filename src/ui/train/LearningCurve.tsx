/** Train (dashed) and validation (solid) RMSE per epoch for every iterative run, drawn live. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LiveRun } from './useTrainer.ts';

export const RUN_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

export function runLabel(r: LiveRun, index: number): string {
  return `${r.algo} #${index + 1}`;
}

export function LearningCurve({ runs }: { runs: LiveRun[] }) {
  const withCurves = runs.map((r, k) => ({ r, k })).filter(({ r }) => r.curve.length > 0);
  // The chart is drawn even before there is a curve: its first (costly) render then
  // happens while the page is idle, not on the first epoch of a training run.
  const maxEpoch = Math.max(1, ...withCurves.map(({ r }) => r.curve[r.curve.length - 1].epoch));
  const rows: Record<string, number>[] = Array.from({ length: maxEpoch }, (_, e) => ({ epoch: e + 1 }));
  for (const { r } of withCurves) {
    for (const p of r.curve) {
      rows[p.epoch - 1][`${r.id}:train`] = p.trainRmse;
      rows[p.epoch - 1][`${r.id}:val`] = p.valRmse;
    }
  }
  return (
    <figure className="curve" data-testid="learning-curve" aria-label="Learning curves">
      {withCurves.length === 0 && <p className="hint">Learning curves appear here, epoch by epoch, while iterative models train.</p>}
      <ResponsiveContainer width="100%" height={320}>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" label={{ value: 'epoch', position: 'insideBottomRight', offset: -4 }} />
          <YAxis domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(3)} label={{ value: 'RMSE', angle: -90, position: 'insideLeft' }} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend />
          {withCurves.flatMap(({ r, k }) => {
            const color = RUN_COLORS[k % RUN_COLORS.length];
            return [
              <Line key={`${r.id}:val`} dataKey={`${r.id}:val`} name={`${runLabel(r, k)} validation`} stroke={color} dot={false} isAnimationActive={false} connectNulls />,
              <Line key={`${r.id}:train`} dataKey={`${r.id}:train`} name={`${runLabel(r, k)} train`} stroke={color} strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />,
            ];
          })}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">RMSE by epoch for each run</figcaption>
    </figure>
  );
}
