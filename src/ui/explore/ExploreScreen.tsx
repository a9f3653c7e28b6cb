/**
 * The dataset's shape, computed in the data worker: rating histogram, ratings per
 * user and per item (log₂ bins with quantiles), average rating per user and item,
 * ratings per month, counts and sparsity — beside another dataset (by default the one
 * it was filtered from), so before and after filtering read side by side.
 */
import { useEffect, useState } from 'react';
import type { Bin, CountDistribution, DatasetStats } from '../../core/ingest/stats.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { Exploration } from '../../workers/protocol.ts';
import { errorMessage, fmtInt, fmtPercent } from '../common/format.ts';
import type { DataWorker } from '../data/useDataWorker.ts';
import { BarChart, LineChart, type ChartData } from './Charts.tsx';

interface Props {
  dataset: DatasetRecord;
  datasets: DatasetRecord[];
  worker: DataWorker;
}

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; main: Exploration; other: Exploration | null };

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

/** Several datasets' bins over the union of their bins, in order of first appearance. */
function binChart(title: string, names: string[], sets: Bin[][], label: (b: Bin) => string, xLabel: string): ChartData {
  const index = new Map<string, number>();
  for (const bins of sets) for (const b of bins) if (!index.has(label(b))) index.set(label(b), index.size);
  const values = sets.map((bins) => {
    const v = new Array<number>(index.size).fill(NaN);
    for (const b of bins) v[index.get(label(b))!] = b.count;
    return v;
  });
  return { title, names, categories: [...index.keys()], values, xLabel };
}

const ratingLabel = (b: Bin) => String(Number(b.from.toFixed(2)));
const logLabel = (b: Bin) => (b.to - b.from === 1 ? String(b.from) : `${b.from}–${b.to - 1}`);
const meanLabel = (b: Bin) => b.from.toFixed(1);

/** Ratings per month of each dataset over every month any of them has. */
function monthChart(names: string[], stats: DatasetStats[]): ChartData {
  const months = [...new Set(stats.flatMap((s) => s.ratingsPerMonth.map((m) => m.month)))].sort();
  const at = new Map(months.map((m, k) => [m, k]));
  const values = stats.map((s) => {
    const v = new Array<number>(months.length).fill(NaN);
    for (const m of s.ratingsPerMonth) v[at.get(m.month)!] = m.count;
    return v;
  });
  return { title: 'Ratings per month', names, categories: months, values, xLabel: 'month' };
}

function Charts({ names, sets }: { names: string[]; sets: Exploration[] }) {
  const stats = sets.map((s) => s.stats);
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
        <BarChart data={binChart('Rating histogram', names, stats.map((s) => s.ratingHistogram), ratingLabel, 'rating')} />
        <BarChart data={binChart('Ratings per user (log₂ bins)', names, stats.map((s) => s.ratingsPerUser.bins), logLabel, 'ratings')} />
        <BarChart data={binChart('Ratings per item (log₂ bins)', names, stats.map((s) => s.ratingsPerItem.bins), logLabel, 'ratings')} />
        <BarChart data={binChart('Average rating per user', names, stats.map((s) => s.meanRatingPerUser), meanLabel, 'average rating')} />
        <BarChart data={binChart('Average rating per item', names, stats.map((s) => s.meanRatingPerItem), meanLabel, 'average rating')} />
        <LineChart data={monthChart(names, stats)} />
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
