/**
 * A new visitor, instantly: the person finds items by title, rates them, and the
 * chosen run's model answers after every rating. With fold-in (factor models,
 * item-based KNN, baselines) the worker solves the visitor's vector against the kept
 * model in milliseconds; before any rating the list is the popular items; a model
 * without fold-in refits on every rating plus theirs, and the panel says so up front.
 * Items new to the list since the previous answer are marked, so the change shows.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { RunRecord } from '../../storage/runs.ts';
import type { FoundItem, RecommendedItem, VisitorRecommendations } from '../../workers/protocol.ts';
import type { DataWorker } from '../data/useDataWorker.ts';
import { errorMessage, fmtSeconds } from '../common/format.ts';
import type { Trainer } from '../train/useTrainer.ts';
import { ItemSearch } from './ItemSearch.tsx';
import { HYBRID_DEFAULTS, HybridList, type HybridSettings } from './HybridList.tsx';
import { ItemName } from './ItemName.tsx';

interface Props {
  dataset: DatasetRecord;
  run: RunRecord;
  /** How the Train screen names the run (SVD #2). */
  runName: string;
  trainer: Trainer;
  worker: DataWorker;
}

/** How many items the visitor's list shows. */
const LIST_SIZE = 10;

interface Rated {
  id: string;
  title: string;
  /** null until the person picks a rating. */
  rating: number | null;
}

type Answer = { state: 'busy' } | { state: 'error'; message: string } | { state: 'ready'; recs: VisitorRecommendations; fresh: ReadonlySet<string> };

/** Milliseconds under a second (fold-in answers), seconds above. */
const duration = (s: number) => (s < 1 ? `${(s * 1000).toFixed(s < 0.01 ? 1 : 0)} ms` : fmtSeconds(s));

export function VisitorPanel({ dataset, run, runName, trainer, worker }: Props) {
  const [mine, setMine] = useState<Rated[]>([]);
  const [answer, setAnswer] = useState<Answer>({ state: 'busy' });
  // With titles, the model's top candidates are also re-ranked by the profile of the titles the visitor rated.
  const titled = !!dataset.metadata?.titled;
  const [hybrid, setHybrid] = useState<HybridSettings>(HYBRID_DEFAULTS);
  const hybridKey = titled ? JSON.stringify(hybrid) : '';
  const asked = useRef(0);
  const shown = useRef<{ runId: string; ids: Set<string> } | null>(null);
  const focusNext = useRef<string | null>(null);

  const scale: number[] = [];
  for (let r = Math.ceil(dataset.counts.ratingMin); r <= dataset.counts.ratingMax; r++) scale.push(r);
  const given = mine.filter((m) => m.rating !== null).map((m): [string, number] => [m.id, m.rating!]);
  const givenKey = JSON.stringify(given);

  useEffect(() => {
    const ask = ++asked.current;
    setAnswer((a) => (a.state === 'ready' && a.recs.mode === 'refit' ? { state: 'busy' } : a));
    const options = hybridKey ? { hybrid: JSON.parse(hybridKey) as HybridSettings } : {};
    trainer.visit(dataset.id, run.id, JSON.parse(givenKey) as [string, number][], LIST_SIZE, options).then(
      (recs) => {
        if (ask !== asked.current) return; // a later rating asked again
        const before = shown.current?.runId === run.id ? shown.current.ids : null;
        const ids = new Set(recs.top.map((it) => it.id));
        shown.current = { runId: run.id, ids };
        setAnswer({ state: 'ready', recs, fresh: new Set(before ? [...ids].filter((id) => !before.has(id)) : []) });
      },
      (err) => ask === asked.current && setAnswer({ state: 'error', message: errorMessage(err) }),
    );
  }, [trainer, dataset.id, run.id, givenKey, hybridKey]);

  const ratedMap = new Map(mine.map((m) => [m.id, m.rating]));
  const add = (item: FoundItem) => {
    focusNext.current = item.id;
    if (!ratedMap.has(item.id)) setMine((m) => [...m, { id: item.id, title: item.title, rating: null }]);
  };
  const setRating = (id: string, rating: number | null) => setMine((m) => m.map((x) => (x.id === id ? { ...x, rating } : x)));

  const recs = answer.state === 'ready' ? answer.recs : null;
  return (
    <>
      <section className="panel visitor" aria-labelledby="visitor-title" data-testid="visitor">
        <h3 id="visitor-title">Rate a few items yourself</h3>
        <p className="hint" data-testid="visitor-capability">
          {recs === null
            ? `Loading ${runName}…`
            : recs.foldIn
              ? `${runName} folds you in: after each rating it solves your taste vector against its fitted items, with nothing refitted, and the list follows at once.`
              : `${runName} cannot fold a new user in (only factor models, baselines and item-based KNN can): each rating refits it on every rating plus yours, which takes as long as training it.`}
        </p>
        <ItemSearch datasetId={dataset.id} worker={worker} rated={ratedMap} onPick={add} />
        {mine.length > 0 && (
          <ul className="visitor-ratings" aria-label="Your ratings">
            {mine.map((m) => (
              <li key={m.id} data-testid="visitor-rated">
                <fieldset className="stars">
                  <legend>
                    <ItemName id={m.id} title={m.title} />
                  </legend>
                  {scale.map((r, k) => (
                    <label key={r}>
                      <input
                        type="radio"
                        name={`visitor-${m.id}`}
                        value={r}
                        checked={m.rating === r}
                        aria-label={`Rate ${m.title || m.id} ${r}`}
                        ref={(el) => {
                          if (el && k === 0 && focusNext.current === m.id) {
                            focusNext.current = null;
                            el.focus();
                          }
                        }}
                        onChange={() => setRating(m.id, r)}
                      />
                      {r}
                    </label>
                  ))}
                  <button type="button" className="link" onClick={() => setMine((all) => all.filter((x) => x.id !== m.id))} aria-label={`Forget my rating of ${m.title || m.id}`}>
                    remove
                  </button>
                </fieldset>
              </li>
            ))}
          </ul>
        )}
        {answer.state === 'error' && (
          <p role="alert" className="error">
            {answer.message}
          </p>
        )}
        {answer.state === 'busy' && <p className="hint">{given.length ? 'Refitting with your ratings…' : 'Finding the popular items…'}</p>}
        {recs && (
          <>
            <p className="hint" data-testid="visitor-status" data-mode={recs.mode}>
              {recs.mode === 'popular'
                ? 'No ratings yet, so these are the popular items: '
                : `From your ${recs.rated} rating${recs.rated === 1 ? '' : 's'} (${recs.mode === 'fold-in' ? 'folded in' : 'refitted'}: ${duration(recs.seconds)} in the training worker): `}
              {recs.source}.
            </p>
            <ol className="visitor-list" data-testid="visitor-top">
              {recs.top.map((it) => (
                <VisitorItem key={it.id} item={it} fresh={answer.state === 'ready' && answer.fresh.has(it.id)} popular={recs.mode === 'popular'} />
              ))}
            </ol>
          </>
        )}
      </section>
      {recs?.hybrid && (
        <HybridList result={recs.hybrid} settings={hybrid} onSettings={setHybrid} titled={titled} testId="visitor-hybrid" heading="Re-ranked by the titles you rated (hybrid)" />
      )}
    </>
  );
}

function VisitorItem({ item, fresh, popular }: { item: RecommendedItem; fresh: boolean; popular: boolean }) {
  return (
    <li data-testid="visitor-item" data-id={item.id}>
      <ItemName id={item.id} title={item.title} />{' '}
      <span className="hint">
        {popular ? 'damped mean' : 'predicted'} {item.rating.toFixed(2)}
      </span>
      {fresh && <span className="tag tag-new">new</span>}
    </li>
  );
}
