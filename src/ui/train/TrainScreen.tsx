/** Pick a model from the registry, set its hyperparameters, how to evaluate it, train or search, watch and compare. */
import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_RECIPE } from '../../core/ingest/filter.ts';
import { ALGORITHMS, defaultParams, findAlgorithm, type AlgorithmSpec, type FlatParams, type ParamValue } from '../../core/registry/index.ts';
import { seesFuture, type Evaluation } from '../../core/selection/evaluation.ts';
import { higherIsBetter, type ParamDistributions, type ParamRange } from '../../core/selection/search.ts';
import { textProblem } from '../../core/text/itemText.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { RunRecord } from '../../storage/runs.ts';
import type { SearchRequest } from '../../workers/protocol.ts';
import { fmtInt } from '../common/format.ts';
import { FutureTag } from '../common/FutureTag.tsx';
import { FormValidityContext, NumberField, OptionalNumberField, useFormValidity } from '../common/NumberField.tsx';
import { formFromQuery, pageQuery, updateLab } from '../labState.ts';
import { CompareTable } from './CompareTable.tsx';
import {
  defaultSettings,
  evaluationOf,
  isRankingMetric,
  LIMITS,
  RANKING_METRICS,
  rankingOf,
  rankingOn,
  RATING_METRICS,
  trainFilterOf,
  type EvalKind,
  type FormSettings,
} from './formSettings.ts';
import { LearningCurve } from './LearningCurve.tsx';
import { ParamForm, parseSearchValues, visibleParam } from './ParamForm.tsx';
import { TableAdviceHint } from './TableAdviceHint.tsx';
import { metricName } from './RunFacts.tsx';
import { ExperimentFiles } from './ExperimentFiles.tsx';
import { RunAnnouncer } from './RunAnnouncer.tsx';
import { RemovedNotice } from './RemovedNotice.tsx';
import { RunList } from './RunList.tsx';
import { candidateCount } from './SearchResults.tsx';
import { UserDrillDown } from './UserDrillDown.tsx';
import type { RunRequest, Trainer } from './useTrainer.ts';

const FAMILY_LABELS: Record<string, string> = {
  reference: 'Reference rankers',
  baseline: 'Baselines',
  neighbourhood: 'Neighbourhood (KNN)',
  factorization: 'Matrix factorization',
  clustering: 'Clustering',
  'deep-mf': 'TensorFlow.js: matrix factorization',
  'deep-nn': 'TensorFlow.js: neural',
  'deep-sequence': 'TensorFlow.js: sequence',
  'deep-autoencoder': 'TensorFlow.js: autoencoder',
};

const families = [...new Set(ALGORITHMS.map((a) => a.family))];

const EVALUATIONS: { kind: EvalKind; label: string; example: Evaluation }[] = [
  { kind: 'random', label: 'Random split', example: { kind: 'random', testFraction: 0.2, seed: 0 } },
  { kind: 'kfold', label: 'k-fold cross-validation', example: { kind: 'kfold', folds: 5, seed: 0 } },
  { kind: 'last', label: 'Leave last out (by time)', example: { kind: 'last' } },
  { kind: 'time', label: 'Global time split', example: { kind: 'time', quantile: 0.8 } },
  { kind: 'users', label: 'Held-out users', example: { kind: 'users', userFraction: 0.2, revealFraction: 0.5, seed: 0 } },
];

const NO_SEARCH_WITH_KFOLD =
  'A search cross-validates its candidates on folds of the training rows, then tests the winner once on held-out rows: pick a split (random, leave last out, global time or held-out users), not k-fold cross-validation.';

/** The search the boxes describe, or the first message about one that does not fit. */
export function searchRequest(spec: AlgorithmSpec, params: FlatParams, tries: Record<string, string>, s: FormSettings): SearchRequest | string {
  const space: Record<string, ParamValue[] | ParamRange> = {};
  for (const p of spec.params) {
    const text = tries[p.key]?.trim();
    if (!text || !visibleParam(p, params)) continue;
    const values = parseSearchValues(p, text, s.strategy);
    if (typeof values === 'string') return values;
    if (!Array.isArray(values) || values.length) space[p.key] = values;
  }
  if (Object.keys(space).length === 0) return 'Give at least one parameter some values to try.';
  const common = { metric: s.metric, folds: s.searchFolds };
  if (s.strategy === 'random') return { ...common, random: { n: s.draws, space: space as ParamDistributions } };
  return { ...common, grid: space as Record<string, ParamValue[]> };
}

interface Props {
  dataset: DatasetRecord;
  /** Every stored dataset: a filtered one is named by its parents' filters too. */
  datasets: DatasetRecord[];
  trainer: Trainer;
}

/**
 * The form and the runs are separate components: training events re-render the runs
 * many times a second, and the form (a dozen sliders) need not render with them.
 */
export function TrainScreen({ dataset, datasets, trainer }: Props) {
  const runs = useMemo(() => trainer.runs.filter((r) => r.datasetId === dataset.id), [trainer.runs, dataset.id]);
  // Stable handlers, so runs that did not change skip rendering.
  const { remove, download, downloadPerUser, fitOnAll } = trainer;
  const onRemove = useCallback((id: string) => void remove(id), [remove]);
  const onDownload = useCallback((rec: RunRecord) => void download(rec), [download]);
  const onPerUser = useCallback((rec: RunRecord) => void downloadPerUser(rec), [downloadPerUser]);
  const onFitOnAll = useCallback((rec: RunRecord) => void fitOnAll(rec).catch(() => {}), [fitOnAll]);
  return (
    <div className="train">
      <TrainForm key={dataset.id} dataset={dataset} train={trainer.train} />
      <section className="panel" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <RemovedNotice trainer={trainer} datasetId={dataset.id} runs={runs} />
        <RunAnnouncer runs={runs} />
        <ExperimentFiles dataset={dataset} datasets={datasets} runs={runs} train={trainer.train} />
        <RunList
          runs={runs}
          dataset={dataset}
          onStop={trainer.stop}
          onPause={trainer.pause}
          canPause={trainer.canPause}
          onRetry={trainer.retry}
          onRerun={trainer.rerun}
          onRemove={onRemove}
          onMove={trainer.moveQueued}
          onDownload={onDownload}
          onPerUser={onPerUser}
          onFitOnAll={onFitOnAll}
          onTrainWith={trainer.trainWith}
        />
        <LearningCurve runs={runs} />
        <CompareTable runs={runs} dataset={dataset} compare={trainer.compare} />
        <UserDrillDown runs={runs} drillDown={trainer.drillDown} />
      </section>
    </div>
  );
}

/** Rows with a timestamp: a number, or undefined for datasets stored before the lab counted them. */
function timedRows(dataset: DatasetRecord): number | undefined {
  return (dataset.counts as { timed?: number }).timed;
}

/** Global time when every row has a time; otherwise (or unknown) a random 80/20 split. */
function defaultKind(dataset: DatasetRecord): EvalKind {
  const timed = timedRows(dataset);
  return timed !== undefined && timed > 0 && timed === dataset.counts.rows ? 'time' : 'random';
}

/** The form as the URL last left it (see ../labState.ts), over the dataset's defaults. */
function initialForm(dataset: DatasetRecord) {
  const f = dataset.recipe?.filters;
  const filter = {
    minUserRatings: Math.max(1, f?.minUserRatings ?? DEFAULT_RECIPE.minUserRatings),
    minItemRatings: Math.max(1, f?.minItemRatings ?? DEFAULT_RECIPE.minItemRatings),
  };
  const { algo, params, settings } = formFromQuery(pageQuery(), defaultSettings(defaultKind(dataset), filter));
  // A time-based evaluation a link carried over to a dataset known to have no times.
  if (timedRows(dataset) === 0 && (settings.evalKind === 'time' || settings.evalKind === 'last')) settings.evalKind = defaultKind(dataset);
  return { algo, params: { [algo]: params }, settings };
}

const TrainForm = memo(function TrainForm({ dataset, train }: { dataset: DatasetRecord; train: Trainer['train'] }) {
  const [initial] = useState(() => initialForm(dataset));
  const [algo, setAlgo] = useState(initial.algo);
  const [paramsByAlgo, setParamsByAlgo] = useState<Record<string, FlatParams>>(initial.params);
  const [s, setS] = useState<FormSettings>(initial.settings);
  const [triesByAlgo, setTriesByAlgo] = useState<Record<string, Record<string, string>>>({ [initial.algo]: initial.settings.tries });
  const { errors, validity } = useFormValidity();
  const set = <K extends keyof FormSettings>(key: K) => (value: FormSettings[K]) => setS((x) => ({ ...x, [key]: value }));

  const spec = findAlgorithm(algo);
  const params = useMemo(() => paramsByAlgo[algo] ?? defaultParams(spec), [paramsByAlgo, algo, spec]);
  const tries = useMemo(() => triesByAlgo[algo] ?? {}, [triesByAlgo, algo]);
  const searching = s.mode === 'search';
  const search = searching ? searchRequest(spec, params, tries, s) : null;
  const evaluation = evaluationOf(s);
  const timed = timedRows(dataset);
  const noTimes = timed === 0;
  const ranked = rankingOn(s);

  useEffect(() => {
    updateLab({ form: { algo, params, settings: { ...s, tries } } });
  }, [algo, s, tries, params]);

  const problems: string[] = [];
  if (typeof search === 'string') problems.push(search);
  if (searching && s.evalKind === 'kfold') problems.push(NO_SEARCH_WITH_KFOLD);
  if (noTimes && (s.evalKind === 'time' || s.evalKind === 'last')) problems.push('This dataset has no timestamps: pick a random split, k-fold or held-out users.');
  const text = textProblem(spec.id, params, { titles: (dataset.metadata?.titled ?? 0) > 0, reviews: dataset.hasReviews === true });
  if (text) problems.push(text);
  if (spec.ranksOnly && !ranked) problems.push(`${spec.id} only ranks items (it predicts no ratings): turn on “Rank the test users” below.`);
  if (searching && isRankingMetric(s.metric) && !ranked) problems.push(`The objective ${metricName(s.metric, s.k)} is a ranking metric: turn on “Rank the test users”, or pick a rating objective.`);
  const invalidBoxes = Object.keys(errors).length;
  if (invalidBoxes) problems.push(`Fix the ${invalidBoxes === 1 ? 'box' : `${invalidBoxes} boxes`} marked in red first.`);

  const setParams = (values: Record<string, ParamValue>) => setParamsByAlgo((all) => ({ ...all, [algo]: { ...params, ...values } }));
  const setParam = (key: string, value: ParamValue) => setParams({ [key]: value });
  const action = searching ? 'Search' : s.evalKind === 'kfold' ? 'Cross-validate' : 'Train';

  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">Train on “{dataset.name}”</h2>
      <FormValidityContext.Provider value={validity}>
        <form
          className="train-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (problems.length || typeof search === 'string') return;
            const request: RunRequest = {
              datasetId: dataset.id,
              algo,
              params,
              seed: s.seed,
              evaluation,
              ...(s.filter ? { filterAfterSplit: trainFilterOf(s)! } : {}),
              ...(search ? { search } : {}),
              ...(ranked ? { ranking: rankingOf(s) } : {}),
            };
            train(request, { references: ranked && s.references });
          }}
        >
          <div className="train-controls">
            <label>
              Model
              <select value={algo} onChange={(e) => setAlgo(e.target.value)} data-testid="algo-select">
                {families.map((f) => (
                  <optgroup key={f} label={FAMILY_LABELS[f] ?? f}>
                    {ALGORITHMS.filter((a) => a.family === f).map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label>
              Mode
              <select value={s.mode} onChange={(e) => set('mode')(e.target.value as FormSettings['mode'])} data-testid="mode-select">
                <option value="train">Train</option>
                <option value="search">Search</option>
              </select>
            </label>
            {(spec.stochastic || searching) && (
              <NumberField
                label={spec.stochastic ? 'Model seed' : 'Search seed'}
                value={s.seed}
                onChange={set('seed')}
                {...LIMITS.seed}
                testId="seed"
              />
            )}
            <button type="button" onClick={() => setParamsByAlgo((all) => ({ ...all, [algo]: defaultParams(spec) }))}>
              Reset to defaults
            </button>
            <button type="submit" className="primary" disabled={problems.length > 0}>
              {`${action} ${spec.id}`}
            </button>
          </div>
          <p className="hint">
            {spec.help}
            {' Trains in the training worker (TensorFlow.js models on the backend in the header).'}
            {searching && spec.stochastic ? ' The seed also draws the validation folds and any random candidates.' : ''}
          </p>

          <EvaluationChoice s={s} set={set} searching={searching} noTimes={noTimes} timed={timed} rows={dataset.counts.rows} />
          <FilterAfterSplit s={s} set={set} dataset={dataset} />
          <RankingSettings s={s} set={set} dataset={dataset} />
          {searching && <SearchSettings s={s} set={set} search={search} />}

          <div role="status">
            {problems.length > 0 && (
              <ul className="problems" data-testid="form-problems">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </div>
          <TableAdviceHint params={params} users={dataset.counts.users} setParams={setParams} />
          <ParamForm
            spec={spec}
            values={params}
            onChange={setParam}
            {...(searching
              ? {
                  tries,
                  strategy: s.strategy,
                  onTryChange: (key: string, text: string) => setTriesByAlgo((all) => ({ ...all, [algo]: { ...all[algo], [key]: text } })),
                }
              : {})}
          />
        </form>
      </FormValidityContext.Provider>
    </section>
  );
});

type Setter = <K extends keyof FormSettings>(key: K) => (value: FormSettings[K]) => void;

function EvaluationChoice(props: { s: FormSettings; set: Setter; searching: boolean; noTimes: boolean; timed: number | undefined; rows: number }) {
  const { s, set, searching, noTimes, timed, rows } = props;
  const leaks = seesFuture(evaluationOf(s));
  let settings: ReactNode = null;
  switch (s.evalKind) {
    case 'random':
      settings = (
        <>
          <NumberField label="Test share (%)" value={s.testPercent} onChange={set('testPercent')} {...LIMITS.testPercent} />
          <NumberField label="Split seed" value={s.splitSeed} onChange={set('splitSeed')} {...LIMITS.seed} />
        </>
      );
      break;
    case 'kfold':
      settings = (
        <>
          <NumberField label="Folds" value={s.folds} onChange={set('folds')} {...LIMITS.folds} />
          <NumberField label="Fold seed" value={s.splitSeed} onChange={set('splitSeed')} {...LIMITS.seed} />
        </>
      );
      break;
    case 'last':
      settings = <p className="hint">Each user's latest rating is a test rating; everything else trains (users with one rating only train).</p>;
      break;
    case 'time':
      settings = (
        <>
          <NumberField label="Time quantile" value={s.quantile} onChange={set('quantile')} {...LIMITS.quantile} />
          <p className="hint">
            Ratings before the {Number((s.quantile * 100).toFixed(2))}% quantile of the timestamps train; the later ones test. Nothing trains on the future.
          </p>
        </>
      );
      break;
    case 'users':
      settings = (
        <>
          <NumberField label="Held-out users (%)" value={s.userPercent} onChange={set('userPercent')} {...LIMITS.userPercent} />
          <NumberField label="Revealed share (%)" value={s.revealPercent} onChange={set('revealPercent')} {...LIMITS.revealPercent} />
          <NumberField label="User seed" value={s.splitSeed} onChange={set('splitSeed')} {...LIMITS.seed} />
          <p className="hint">The other users train whole; of each held-out user's ratings the revealed share trains and the rest is tested.</p>
        </>
      );
      break;
  }
  return (
    <div className="evaluation">
      <fieldset className="eval-kinds" data-testid="eval-kinds">
        <legend>Evaluate by</legend>
        {EVALUATIONS.map((e) => {
          const kfoldInSearch = searching && e.kind === 'kfold';
          const timeless = noTimes && (e.kind === 'time' || e.kind === 'last');
          const reason = kfoldInSearch ? 'not with a search' : timeless ? 'no timestamps' : null;
          return (
            <label key={e.kind} className={`radio${reason ? ' unavailable' : ''}`} title={kfoldInSearch ? NO_SEARCH_WITH_KFOLD : undefined}>
              <input type="radio" name="evaluation" value={e.kind} checked={s.evalKind === e.kind} disabled={!!reason} onChange={() => set('evalKind')(e.kind)} />
              {e.label}
              {seesFuture(e.example) && <FutureTag />}
              {reason && <small className="reason"> ({reason})</small>}
            </label>
          );
        })}
      </fieldset>
      <div className="eval-settings">{settings}</div>
      {leaks && (
        <p className="hint leak" data-testid="leak-hint">
          <strong>Sees the future:</strong> training holds ratings made after some test ratings, which flatters scores and can reorder models (Ji et al., TOIS 2023). The
          global time split does not.
        </p>
      )}
      {timed !== undefined && timed > 0 && timed < rows && (s.evalKind === 'time' || s.evalKind === 'last') && (
        <p className="hint">Only {fmtInt(timed)} of {fmtInt(rows)} ratings have a timestamp.</p>
      )}
    </div>
  );
}

function FilterAfterSplit({ s, set, dataset }: { s: FormSettings; set: Setter; dataset: DatasetRecord }) {
  const r = dataset.recipe;
  return (
    <fieldset className="after-split" data-testid="filter-after-split-settings">
      <legend className="sr-only">Filter after the split</legend>
      <label className="inline">
        <input type="checkbox" checked={s.filter} onChange={(e) => set('filter')(e.target.checked)} />
        Filter after the split
      </label>
      {s.filter && (
        <>
          <NumberField label="Min ratings per user" value={s.minUser} onChange={set('minUser')} {...LIMITS.minRatings} />
          <NumberField label="Min ratings per item" value={s.minItem} onChange={set('minItem')} {...LIMITS.minRatings} />
        </>
      )}
      <p className="hint">
        A k-core of the training rows only, applied after splitting: filtering before the split lets test ratings decide who trains, a leak (Hidasi &amp; Czapp, RecSys
        ’23). Use it on an unfiltered dataset; test rows of users or items it drops are counted as unscorable.
        {r && ` “${dataset.name}” was itself filtered before any split (users ≥ ${r.filters.minUserRatings}, items ≥ ${r.filters.minItemRatings}); for a clean estimate, train on “${r.parent.name}” with this filter.`}
      </p>
    </fieldset>
  );
}

/** Above this many (user, item) pairs a full ranking takes a while. */
const LARGE_RANKING = 5e8;

function RankingSettings({ s, set, dataset }: { s: FormSettings; set: Setter; dataset: DatasetRecord }) {
  const on = rankingOn(s);
  const { users, items, ratingMin, ratingMax } = dataset.counts;
  const pairs = users * items;
  return (
    <fieldset className="ranking-settings" data-testid="ranking-settings">
      <legend>Ranking</legend>
      <div className="ranking-row">
        <label className="inline">
          <input type="checkbox" checked={on} onChange={(e) => set('rank')(e.target.checked)} data-testid="rank-toggle" />
          Rank the test users
        </label>
        {on && (
          <>
            <NumberField label="K" value={s.k} onChange={set('k')} {...LIMITS.k} testId="rank-k" />
            <OptionalNumberField
              label="Relevance threshold"
              value={s.relevance}
              onChange={set('relevance')}
              min={ratingMin}
              max={ratingMax}
              placeholder="none"
              testId="rank-relevance"
              className="relevance"
            />
            <fieldset className="protocol" data-testid="rank-protocol">
              <legend>Protocol</legend>
              <label className="radio">
                <input type="radio" name="protocol" value="full" checked={s.protocol === 'full'} onChange={() => set('protocol')('full')} />
                Full
              </label>
              <label className="radio">
                <input type="radio" name="protocol" value="sampled" checked={s.protocol === 'sampled'} onChange={() => set('protocol')('sampled')} />
                Full + sampled
              </label>
            </fieldset>
            {s.protocol === 'sampled' && <NumberField label="Negatives (N)" value={s.negatives} onChange={set('negatives')} {...LIMITS.negatives} testId="rank-negatives" />}
            <label className="inline">
              <input type="checkbox" checked={s.references} onChange={(e) => set('references')(e.target.checked)} data-testid="rank-references" />
              Include MostPop and Random
            </label>
          </>
        )}
      </div>
      {on ? (
        <div className="hint">
          <p>
            <strong>Full</strong>: each test user's top {s.k} is taken over all their candidates, every training-catalog item they did not rate in training.
            {s.protocol === 'sampled' && (
              <>
                {' '}
                <strong>Sampled</strong>: each relevant item is ranked against {fmtInt(s.negatives)} seeded negatives (the NCF papers' protocol); the negatives are drawn once
                per split and reused by every later run on it. Sampled metrics can disagree with the exact ones and even reorder models (Krichene &amp; Rendle, KDD’20),
                which is why the full ranking is always computed too.
              </>
            )}
          </p>
          <p>
            {s.relevance === null ? 'Every held-out item is relevant.' : `Held-out items rated ${s.relevance} or more are relevant.`} Ratings here run from {ratingMin} to{' '}
            {ratingMax}.
            {s.references && ' MostPop and Random are queued beside the run (same evaluation, ranking and seed) unless this evaluation already has them: a model should beat both.'}
            {s.evalKind === 'kfold' && ' With k-fold cross-validation the ranking figures are means over the folds (no per-user results: no significance tests or per-user CSV).'}
          </p>
          {pairs > LARGE_RANKING && (
            <p className="warn" data-testid="rank-large">
              {fmtInt(users)} users × {fmtInt(items)} items = {fmtInt(pairs)} pairs: a full ranking scores every test user against every candidate item, so it will take a
              while.
            </p>
          )}
        </div>
      ) : (
        <p className="hint">Off: runs get the rating metrics (RMSE, MAE, FCP) only. Turn on for HR, NDCG, MAP and the rest at K, and reference rankers beside the run.</p>
      )}
    </fieldset>
  );
}

function SearchSettings({ s, set, search }: { s: FormSettings; set: Setter; search: SearchRequest | string | null }) {
  const n = search && typeof search !== 'string' ? candidateCount(search) : null;
  return (
    <fieldset className="search-settings" data-testid="search-settings">
      <legend>Search</legend>
      <div className="train-controls">
        <label>
          Candidates
          <select value={s.strategy} onChange={(e) => set('strategy')(e.target.value as FormSettings['strategy'])} data-testid="strategy-select">
            <option value="grid">Grid: every combination of the lists</option>
            <option value="random">Random: draws from lists or ranges</option>
          </select>
        </label>
        {s.strategy === 'random' && <NumberField label="Draws" value={s.draws} onChange={set('draws')} {...LIMITS.draws} />}
        <label>
          Objective
          <select value={s.metric} onChange={(e) => set('metric')(e.target.value as FormSettings['metric'])} data-testid="metric-select">
            <optgroup label="Rating">
              {RATING_METRICS.map((m) => (
                <option key={m} value={m}>
                  {metricName(m)} ({higherIsBetter(m) ? 'higher is better' : 'lower is better'})
                </option>
              ))}
            </optgroup>
            {(rankingOn(s) || isRankingMetric(s.metric)) && (
              <optgroup label={`Ranking (at K=${s.k}, full protocol)`}>
                {RANKING_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {metricName(m, s.k)} (higher is better)
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <NumberField label="Validation folds" value={s.searchFolds} onChange={set('searchFolds')} {...LIMITS.searchFolds} />
      </div>
      <p className="hint">
        Fill the “try” boxes below: {s.strategy === 'grid' ? 'comma-separated values; every combination is a candidate' : 'a list of values, or a range min..max (log-uniform for log-scaled parameters)'}.
        Candidates are scored on {s.searchFolds} folds of the training rows; the test rows are scored once, for the winner, after it trains on all training rows.
        {n !== null && ` ${fmtInt(n)} candidate${n === 1 ? '' : 's'} × ${s.searchFolds} folds = ${fmtInt(n * s.searchFolds)} fits, then one more.`}
      </p>
    </fieldset>
  );
}
