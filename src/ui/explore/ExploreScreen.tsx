/**
 * The dataset's shape, computed in the data worker: rating histogram, ratings per
 * user and per item (log₂ bins with quantiles), average rating per user and item,
 * ratings per month, counts and sparsity — beside another dataset (by default the one
 * it was filtered from), so before and after filtering read side by side.
 */
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Bin, CountDistribution } from '../../core/ingest/stats.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { Exploration } from '../../workers/protocol.ts';
import { errorMessage, fmtInt, fmtPercent } from '../common/format.ts';
import { useDarkScheme } from '../common/useDarkScheme.ts';
import type { DataWorker } from '../data/useDataWorker.ts';

interface Props {
  dataset: DatasetRecord;
  datasets: DatasetRecord[];
  worker: DataWorker;
}

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; main: Exploration; other: Exploration | null };

/** The dataset and the one it is compared with, readable on either theme. */
const LIGHT = ['#1f4e79', '#c2571a'];
const DARK = ['#7fb3e6', '#f0a060'];
const useSeriesColors = () => (useDarkScheme() ? DARK : LIGHT);

export function ExploreScreen({ dataset, datasets, worker }: Props) {
  const [otherId, setOtherId] = useState<string>(dataset.recipe?.parent.id ?? '');
  const [data, setData] = useState<Loaded>({ state: 'loading' });
  const other = datasets.find((d) => d.id === otherId) ?? null;

  useEffect(() => {
    let current = true;
    setData({ state: 'loading' });
    (async () => {
      const main = await worker.get().explore(dataset.id);
      const second = other ? await worker.get().explore(other.id) : null;
      if (current) setData({ state: 'ready', main, other: second });
    })().catch((err) => current && setData({ state: 'error', message: errorMessage(err) }));
    return () => {
      current = false;
    };
  }, [dataset.id, other, worker]);

  const names = other ? [other.name, dataset.name] : [dataset.name];
  return (
    <div className="explore" data-testid="explore">
      <section className="panel">
        <h2>Explore “{dataset.name}”</h2>
        <label className="inline-label">
          Compare with
          <select value={otherId} onChange={(e) => setOtherId(e.target.value)} data-testid="compare-with">
            <option value="">nothing</option>
            {datasets
              .filter((d) => d.id !== dataset.id)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                  {d.id === dataset.recipe?.parent.id ? ' (before filtering)' : ''}
                </option>
              ))}
          </select>
        </label>
        {data.state === 'loading' && <p className="hint">Computing statistics in the worker…</p>}
        {data.state === 'error' && <p role="alert" className="error">{data.message}</p>}
      </section>
      {data.state === 'ready' && <Charts names={names} sets={data.other ? [data.other, data.main] : [data.main]} />}
    </div>
  );
}

/** Bars of several datasets over the same bins, keyed by the bin label. */
function mergeBins(sets: Bin[][], label: (b: Bin) => string): Record<string, string | number>[] {
  const rows = new Map<string, Record<string, string | number>>();
  sets.forEach((bins, k) => {
    for (const b of bins) {
      const key = label(b);
      const row = rows.get(key) ?? { bin: key };
      row[`s${k}`] = b.count;
      rows.set(key, row);
    }
  });
  return [...rows.values()];
}

const ratingLabel = (b: Bin) => String(Number(b.from.toFixed(2)));
const logLabel = (b: Bin) => (b.to - b.from === 1 ? String(b.from) : `${b.from}–${b.to - 1}`);
const meanLabel = (b: Bin) => b.from.toFixed(1);

function BarPanel({ title, names, rows, xLabel }: { title: string; names: string[]; rows: Record<string, string | number>[]; xLabel: string }) {
  const colors = useSeriesColors();
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows} margin={{ top: 4, right: 12, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bin" label={{ value: xLabel, position: 'insideBottom', offset: -8 }} />
          <YAxis tickFormatter={(v: number) => fmtInt(v)} />
          <Tooltip />
          {names.length > 1 && <Legend verticalAlign="top" />}
          {names.map((n, k) => (
            <Bar key={k} dataKey={`s${k}`} name={n} fill={colors[k]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function Charts({ names, sets }: { names: string[]; sets: Exploration[] }) {
  const colors = useSeriesColors();
  const stats = sets.map((s) => s.stats);
  const months = new Map<string, Record<string, string | number>>();
  stats.forEach((s, k) => {
    for (const m of s.ratingsPerMonth) months.set(m.month, { ...(months.get(m.month) ?? { month: m.month }), [`s${k}`]: m.count });
  });
  const monthRows = [...months.values()].sort((a, b) => String(a.month).localeCompare(String(b.month)));
  return (
    <>
      <section className="panel">
        <h3>Counts</h3>
        <table className="stats-table" data-testid="explore-counts">
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Ratings</th>
              <th scope="col">Users</th>
              <th scope="col">Items</th>
              <th scope="col">Sparsity</th>
              <th scope="col">Mean rating</th>
              <th scope="col">Undated</th>
            </tr>
          </thead>
          <tbody>
            {stats.map((s, k) => (
              <tr key={k}>
                <th scope="row">{names[k]}</th>
                <td>{fmtInt(s.counts.rows)}</td>
                <td>{fmtInt(s.counts.users)}</td>
                <td>{fmtInt(s.counts.items)}</td>
                <td>{fmtPercent(s.counts.sparsity, 3)}</td>
                <td>{s.counts.meanRating.toFixed(3)}</td>
                <td>{fmtInt(s.undated)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel charts">
        <BarPanel title="Rating histogram" names={names} rows={mergeBins(stats.map((s) => s.ratingHistogram), ratingLabel)} xLabel="rating" />
        <BarPanel title="Ratings per user (log₂ bins)" names={names} rows={mergeBins(stats.map((s) => s.ratingsPerUser.bins), logLabel)} xLabel="ratings" />
        <BarPanel title="Ratings per item (log₂ bins)" names={names} rows={mergeBins(stats.map((s) => s.ratingsPerItem.bins), logLabel)} xLabel="ratings" />
        <BarPanel title="Average rating per user" names={names} rows={mergeBins(stats.map((s) => s.meanRatingPerUser), meanLabel)} xLabel="average rating" />
        <BarPanel title="Average rating per item" names={names} rows={mergeBins(stats.map((s) => s.meanRatingPerItem), meanLabel)} xLabel="average rating" />
        <figure className="chart" aria-label="Ratings per month">
          <figcaption>Ratings per month</figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={monthRows} margin={{ top: 4, right: 12, bottom: 16, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" minTickGap={24} />
              <YAxis tickFormatter={(v: number) => fmtInt(v)} />
              <Tooltip />
              {names.length > 1 && <Legend verticalAlign="top" />}
              {names.map((n, k) => (
                <Line key={k} dataKey={`s${k}`} name={n} stroke={colors[k]} dot={false} isAnimationActive={false} connectNulls />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      </section>
      <section className="panel">
        <h3>Quantiles of ratings per user and per item</h3>
        <QuantileTable rows={stats.flatMap((s, k) => [{ who: `${names[k]}: users`, d: s.ratingsPerUser }, { who: `${names[k]}: items`, d: s.ratingsPerItem }])} />
      </section>
      <section className="panel">
        <h3>Most-rated items</h3>
        <TopItems sets={sets} names={names} />
      </section>
    </>
  );
}

function QuantileTable({ rows }: { rows: { who: string; d: CountDistribution }[] }) {
  const qs = rows[0]?.d.quantiles.map((q) => q.q) ?? [];
  return (
    <table className="stats-table" data-testid="quantiles">
      <thead>
        <tr>
          <th scope="col">Counted per</th>
          <th scope="col">min</th>
          {qs.map((q) => (
            <th scope="col" key={q}>
              {Math.round(q * 100)}%
            </th>
          ))}
          <th scope="col">max</th>
          <th scope="col">mean</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.who}>
            <th scope="row">{r.who}</th>
            <td>{fmtInt(r.d.min)}</td>
            {r.d.quantiles.map((q) => (
              <td key={q.q}>{fmtInt(q.value)}</td>
            ))}
            <td>{fmtInt(r.d.max)}</td>
            <td>{r.d.mean.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TopItems({ sets, names }: { sets: Exploration[]; names: string[] }) {
  const last = sets.length - 1;
  const { topItems: items, hasMetadata } = sets[last];
  return (
    <table className="stats-table" data-testid="top-items">
      <caption className="sr-only">Most-rated items of {names[last]}</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Title</th>
          <th scope="col">Store</th>
          <th scope="col">Category</th>
          <th scope="col">Ratings</th>
          <th scope="col">Mean</th>
        </tr>
      </thead>
      <tbody>
        {items.map((it) => (
          <tr key={it.id}>
            <td>
              <code>{it.id}</code>
            </td>
            <td>{it.title || <span className="hint">{hasMetadata ? 'no readable title in the metadata' : 'no title (attach a metadata file on the Data screen)'}</span>}</td>
            <td>{it.store}</td>
            <td>{it.category}</td>
            <td>{fmtInt(it.ratings)}</td>
            <td>{it.mean.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
