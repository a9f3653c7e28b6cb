/**
 * The best model recommends: pick a finished run (best RMSE first) and a user, and see
 * the items they have not rated that the model likes most — and least. Titles and
 * stores come from attached item metadata and render as text.
 */
import { useState } from 'react';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { Exploration, RecommendedItem, Recommendations } from '../../workers/protocol.ts';
import type { DataWorker } from '../data/useDataWorker.ts';
import { evaluationText } from '../train/CompareTable.tsx';
import { errorMessage, fmtInt, fmtSeconds } from '../common/format.ts';
import type { useTrainer } from '../train/useTrainer.ts';

interface Props {
  dataset: DatasetRecord;
  trainer: ReturnType<typeof useTrainer>;
  worker: DataWorker;
}

type Result = { state: 'idle' } | { state: 'busy' } | { state: 'error'; message: string } | { state: 'ready'; recs: Recommendations; runLabel: string };

export function RecommendScreen({ dataset, trainer, worker }: Props) {
  const done = trainer.runs
    .filter((r) => r.datasetId === dataset.id && r.record)
    .map((r) => r.record!)
    .sort((a, b) => a.rmse - b.rmse);
  const [runId, setRunId] = useState<string>('');
  const [user, setUser] = useState('');
  const [n, setN] = useState(10);
  const [result, setResult] = useState<Result>({ state: 'idle' });
  const run = done.find((r) => r.id === runId) ?? done[0];

  if (!run) {
    return (
      <section className="panel">
        <h2>Recommend</h2>
        <p className="hint">Train a model on “{dataset.name}” first; its best run will recommend here.</p>
      </section>
    );
  }
  const label = (r: typeof run) => `${r.algo} — RMSE ${r.rmse.toFixed(4)} (${evaluationText(r.evaluation)})`;

  const go = async (who: string | null | [string, number][]) => {
    setResult({ state: 'busy' });
    try {
      const recs = await trainer.recommend(dataset.id, run.id, who, n);
      setResult({ state: 'ready', recs, runLabel: label(run) });
    } catch (err) {
      setResult({ state: 'error', message: errorMessage(err) });
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="rec-title">
        <h2 id="rec-title">Recommend from “{dataset.name}”</h2>
        <form
          className="train-controls"
          onSubmit={(e) => {
            e.preventDefault();
            void go(user.trim() || null);
          }}
        >
          <label>
            Model
            <select value={run.id} onChange={(e) => setRunId(e.target.value)} data-testid="rec-run">
              {done.map((r) => (
                <option key={r.id} value={r.id}>
                  {label(r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            User id
            <input value={user} placeholder="the most active user" onChange={(e) => setUser(e.target.value)} aria-label="User id" />
          </label>
          <label>
            How many
            <input type="number" min={1} max={100} value={n} onChange={(e) => setN(Math.min(100, Math.max(1, Math.trunc(Number(e.target.value)) || 10)))} />
          </label>
          <button type="submit" className="primary" disabled={result.state === 'busy'}>
            Show recommendations
          </button>
        </form>
        {result.state === 'busy' && <p className="hint">Scoring every item in the training worker…</p>}
        {result.state === 'error' && (
          <p role="alert" className="error">
            {result.message}
          </p>
        )}
        {result.state === 'ready' && (
          <p className="hint" data-testid="rec-summary">
            For user <code>{result.recs.user}</code> ({fmtInt(result.recs.rated)} items rated, never recommended back), by {result.runLabel},{' '}
            {result.recs.source}, in {fmtSeconds(result.recs.seconds)}.
          </p>
        )}
        <RateYourself dataset={dataset} worker={worker} tfjsRun={!!run.modelUrl} busy={result.state === 'busy'} onSubmit={(ratings) => void go(ratings)} />
      </section>
      {result.state === 'ready' && (
        <div className="rec-lists">
          <ItemTable title="Recommended" items={result.recs.top} testId="rec-top" />
          <ItemTable title="Least recommended" items={result.recs.least} testId="rec-least" />
        </div>
      )}
    </>
  );
}

/** A new person rates some of the most-rated items; a TypeScript model refits with them and recommends. */
function RateYourself(props: { dataset: DatasetRecord; worker: DataWorker; tfjsRun: boolean; busy: boolean; onSubmit(ratings: [string, number][]): void }) {
  const { dataset, worker, tfjsRun } = props;
  const [items, setItems] = useState<Exploration['topItems'] | null>(null);
  const [mine, setMine] = useState<Record<string, number>>({});
  const scale: number[] = [];
  for (let r = Math.ceil(dataset.counts.ratingMin); r <= dataset.counts.ratingMax; r++) scale.push(r);
  const rated = Object.entries(mine);
  return (
    <details
      className="rate-yourself"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open && !items) void worker.get().explore(dataset.id).then((x) => setItems(x.topItems));
      }}
    >
      <summary>Rate a few items yourself</summary>
      {!items ? (
        <p className="hint">Finding the most-rated items…</p>
      ) : (
        <>
          <ul className="rate-list">
            {items.map((it) => (
              <li key={it.id}>
                <label>
                  <select
                    value={mine[it.id] ?? ''}
                    aria-label={`Your rating of ${it.title || it.id}`}
                    onChange={(e) => {
                      const { [it.id]: _, ...rest } = mine;
                      setMine(e.target.value ? { ...rest, [it.id]: Number(e.target.value) } : rest);
                    }}
                  >
                    <option value="">not rated</option>
                    {scale.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>{' '}
                  <code>{it.id}</code> {it.title}
                </label>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" disabled={tfjsRun || props.busy || rated.length === 0} onClick={() => props.onSubmit(rated)}>
            Recommend for me
          </button>
          {tfjsRun && <span className="hint"> (pick a TypeScript algorithm's run: it refits with your ratings in a moment)</span>}
        </>
      )}
    </details>
  );
}

function ItemTable({ title, items, testId }: { title: string; items: RecommendedItem[]; testId: string }) {
  return (
    <section className="panel">
      <h3>{title}</h3>
      <table className="stats-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Item</th>
            <th scope="col">Title</th>
            <th scope="col">Store</th>
            <th scope="col">Predicted</th>
          </tr>
        </thead>
        <tbody>
          {items.map((it, k) => (
            <tr key={it.id}>
              <td>{k + 1}</td>
              <td>
                <code>{it.id}</code>
              </td>
              <td>{it.title}</td>
              <td>{it.store}</td>
              <td>{it.rating.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
