/**
 * The best model recommends: pick a run that kept a model (best RMSE first) and a
 * user, and see the items they have not rated that the model likes most — and least.
 * Cross-validated runs kept no model: each can be fitted on every rating first.
 * Titles and stores come from attached item metadata and render as text.
 */
import { useRef, useState } from 'react';
import { evaluationLabel } from '../../core/selection/evaluation.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { RunRecord } from '../../storage/runs.ts';
import type { RecommendedItem, Recommendations } from '../../workers/protocol.ts';
import type { DataWorker } from '../data/useDataWorker.ts';
import { errorMessage, fmtInt, fmtSeconds } from '../common/format.ts';
import { NumberField } from '../common/NumberField.tsx';
import { runLabel } from '../train/LearningCurve.tsx';
import { modelText } from '../train/RunFacts.tsx';
import type { LiveRun, Trainer } from '../train/useTrainer.ts';
import { HYBRID_DEFAULTS, HybridList, type HybridSettings } from './HybridList.tsx';
import { ItemList, type Column } from './ItemList.tsx';
import { VisitorPanel } from './VisitorPanel.tsx';
import { WORST_DEFAULTS, WorstList, type WorstSettings } from './WorstList.tsx';

interface Props {
  dataset: DatasetRecord;
  trainer: Trainer;
  worker: DataWorker;
}

type Result = { state: 'idle' } | { state: 'busy' } | { state: 'error'; message: string } | { state: 'ready'; recs: Recommendations; runLabel: string };


export function RecommendScreen({ dataset, trainer, worker }: Props) {
  const all = trainer.runs.filter((r) => r.datasetId === dataset.id);
  // Runs are named as on the Train screen (SVD #2): by their place among the dataset's runs.
  const names = new Map(all.map((r, k) => [r.id, runLabel(r, k)]));
  // A reference ranker predicts no ratings (RMSE NaN): it is named by its ranking figure instead.
  const figure = (r: RunRecord) =>
    !Number.isNaN(r.rmse) ? `test RMSE ${r.rmse.toFixed(4)}` : r.ranking ? `ranking only, NDCG@${r.ranking.full.k} ${r.ranking.full.ndcg.toFixed(4)}` : 'ranking only';
  const runText = (r: RunRecord) => `${names.get(r.id) ?? r.algo} — ${figure(r)} (${evaluationLabel(r.evaluation)})`;
  const mine = all.filter((r) => r.record);
  const withModel = mine
    .map((r) => r.record!)
    .filter((r) => r.model)
    .sort((a, b) => (Number.isNaN(a.rmse) ? 1 : 0) - (Number.isNaN(b.rmse) ? 1 : 0) || a.rmse - b.rmse || 0);
  const withoutModel = mine.filter((r) => !r.record!.model);
  const [runId, setRunId] = useState<string>('');
  const [user, setUser] = useState('');
  const [n, setN] = useState(10);
  const [result, setResult] = useState<Result>({ state: 'idle' });
  const run = withModel.find((r) => r.id === runId) ?? withModel[0];

  const [hybrid, setHybrid] = useState<HybridSettings>(HYBRID_DEFAULTS);
  const [worst, setWorst] = useState<WorstSettings>(WORST_DEFAULTS);
  // The last question asked, so a changed list setting asks it again; only the latest answer is shown.
  const asked = useRef<{ target: RunRecord; who: string | null; seq: number }>(null);

  const go = async (target: RunRecord, who: string | null, lists = { hybrid, worst }, quiet = false) => {
    const seq = (asked.current?.seq ?? 0) + 1;
    asked.current = { target, who, seq };
    if (!quiet) setResult({ state: 'busy' });
    try {
      const recs = await trainer.recommend(dataset.id, target.id, who, n, lists);
      if (asked.current.seq === seq) setResult({ state: 'ready', recs, runLabel: runText(target) });
    } catch (err) {
      if (asked.current.seq === seq) setResult({ state: 'error', message: errorMessage(err) });
    }
  };
  /** New list settings: the lists on screen are recomputed for the same user. */
  const relist = (lists: { hybrid: HybridSettings; worst: WorstSettings }) => {
    setHybrid(lists.hybrid);
    setWorst(lists.worst);
    if (asked.current && result.state === 'ready') void go(asked.current.target, asked.current.who, lists, true);
  };

  const fitThenRecommend = async (r: LiveRun) => {
    try {
      const updated = await trainer.fitOnAll(r.record!);
      setRunId(updated.id);
      await go(updated, user.trim() || null);
    } catch (err) {
      setResult({ state: 'error', message: errorMessage(err) });
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="rec-title">
        <h2 id="rec-title">Recommend from “{dataset.name}”</h2>
        {!run ? (
          <p className="hint" data-testid="rec-empty">
            {withoutModel.length
              ? 'No run here kept a model yet: fit a cross-validated run on all ratings below, and it recommends.'
              : `Train a model on “${dataset.name}” first; its best run will recommend here.`}
          </p>
        ) : (
          <form
            className="train-controls"
            onSubmit={(e) => {
              e.preventDefault();
              void go(run, user.trim() || null);
            }}
          >
            <label>
              Model
              <select value={run.id} onChange={(e) => setRunId(e.target.value)} data-testid="rec-run">
                {withModel.map((r) => (
                  <option key={r.id} value={r.id}>
                    {runText(r)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              User id
              <input value={user} placeholder="the most active user" onChange={(e) => setUser(e.target.value)} />
            </label>
            <NumberField label="How many" value={n} onChange={setN} min={1} max={100} integer />
            <button type="submit" className="primary" disabled={result.state === 'busy'}>
              Show recommendations
            </button>
          </form>
        )}
        {run?.model && (
          <p className="hint" data-testid="rec-model">
            Model kept by this run: {modelText(run.model)}.
          </p>
        )}
        {result.state === 'busy' && <p className="hint">Scoring every item in the training worker…</p>}
        {result.state === 'error' && (
          <p role="alert" className="error">
            {result.message}
          </p>
        )}
        {result.state === 'ready' && (
          <>
            <p className="hint" data-testid="rec-summary">
              For user <code>{result.recs.user}</code> ({fmtInt(result.recs.rated)} items rated, never recommended back), by {result.runLabel}, in{' '}
              {fmtSeconds(result.recs.seconds)}.
            </p>
            <p className="rec-source" data-testid="rec-source">
              <strong>Answered by:</strong> {result.recs.source}
            </p>
            {!dataset.metadata?.titled && <p className="hint">Attach an item metadata file on the Data screen to see titles and stores beside the item ids.</p>}
          </>
        )}
      </section>
      {run && <VisitorPanel dataset={dataset} run={run} runName={names.get(run.id) ?? run.algo} trainer={trainer} worker={worker} />}
      {withoutModel.length > 0 && (
        <section className="panel" aria-labelledby="no-model-title" data-testid="rec-without-model">
          <h3 id="no-model-title">Cross-validated runs (no model kept)</h3>
          <p className="hint">
            Cross-validation scores a fresh model per fold and keeps none of them. Fitting one on all ratings, with the run's parameters and seed, gives it a model to recommend
            with (it is not scored again: its figures stay the cross-validated ones).
          </p>
          <ul className="no-model-runs">
            {withoutModel.map((r) => (
              <li key={r.id} data-testid="rec-unfitted" data-algo={r.algo}>
                <span>{runText(r.record!)}</span>{' '}
                {r.refit ? (
                  <span className="run-status" role="status" data-testid="rec-refit-status">
                    {r.refit.status === 'paused' ? 'paused' : r.refit.text}
                  </span>
                ) : (
                  <button type="button" onClick={() => void fitThenRecommend(r)} aria-label={`Fit on all ratings: ${names.get(r.id) ?? r.algo}`}>
                    Fit on all ratings
                  </button>
                )}
                {r.refitError && (
                  <span role="alert" className="error">
                    {' '}
                    {r.refitError}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.state === 'ready' && (
        <>
          <div className="rec-lists">
            <ItemTable title="Recommended" items={result.recs.top} testId="rec-top" titles={!!dataset.metadata?.titled} />
            <ItemTable title="Least recommended" items={result.recs.least} testId="rec-least" titles={!!dataset.metadata?.titled} />
          </div>
          <HybridList result={result.recs.hybrid} settings={hybrid} onSettings={(h) => relist({ hybrid: h, worst })} titled={!!dataset.metadata?.titled} />
          <WorstList result={result.recs.worst} settings={worst} onSettings={(w) => relist({ hybrid, worst: w })} />
        </>
      )}
    </>
  );
}

/** Each item by its title (text) and id; the store column only when titles are attached (otherwise every cell would be blank). */
function ItemTable({ title, items, testId, titles }: { title: string; items: RecommendedItem[]; testId: string; titles: boolean }) {
  const columns: Column<RecommendedItem>[] = [
    ...(titles ? [{ head: 'Store', cell: (it: RecommendedItem) => it.store || '—' }] : []),
    { head: 'Predicted', cell: (it) => it.rating.toFixed(2) },
  ];
  return (
    <section className="panel">
      <h3>{title}</h3>
      <ItemList items={items} columns={columns} testId={testId} />
    </section>
  );
}
