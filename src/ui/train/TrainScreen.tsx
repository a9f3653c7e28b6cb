/** Pick a model from the registry, set its hyperparameters, train it, watch and compare. */
import { memo, useEffect, useMemo, useState } from 'react';
import { paramsFromQuery, paramsToQuery } from '../../core/registry/query.ts';
import { queryInt, readQuery, writeQuery } from '../common/url.ts';
import { ALGORITHMS, defaultParams, findAlgorithm, type AlgorithmSpec, type FlatParams, type ParamValue } from '../../core/registry/index.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { CompareTable } from './CompareTable.tsx';
import { LearningCurve } from './LearningCurve.tsx';
import { ParamForm, parseGridValues } from './ParamForm.tsx';
import { RunList } from './RunList.tsx';
import type { useTrainer } from './useTrainer.ts';

const FAMILY_LABELS: Record<string, string> = {
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

type Mode = 'split' | 'cv' | 'search';
const MODES: { mode: Mode; label: string }[] = [
  { mode: 'split', label: 'Train on a split' },
  { mode: 'cv', label: 'Cross-validate' },
  { mode: 'search', label: 'Grid search (cross-validated)' },
];

/** The grid from the "try" boxes: values per key, or the first message about one that does not fit. */
function parseGrid(spec: AlgorithmSpec, texts: Record<string, string>): Record<string, ParamValue[]> | string {
  const grid: Record<string, ParamValue[]> = {};
  for (const p of spec.params) {
    const text = texts[p.key]?.trim();
    if (!text) continue;
    const values = parseGridValues(p, text);
    if (typeof values === 'string') return values;
    if (values.length) grid[p.key] = values;
  }
  return Object.keys(grid).length ? grid : 'Give at least one parameter some values to try.';
}

interface Props {
  dataset: DatasetRecord;
  trainer: ReturnType<typeof useTrainer>;
}

/**
 * The form and the runs are separate components: training events re-render the runs
 * many times a second, and the form (a dozen sliders) need not render with them.
 */
export function TrainScreen({ dataset, trainer }: Props) {
  const runs = useMemo(() => trainer.runs.filter((r) => r.datasetId === dataset.id), [trainer.runs, dataset.id]);
  return (
    <div className="train">
      <TrainForm dataset={dataset} train={trainer.train} />
      <section className="panel" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <RunList
          runs={runs}
          onStop={trainer.stop}
          onPause={trainer.pause}
          onRetry={trainer.retry}
          onRemove={(id) => void trainer.remove(id)}
          onDownload={(rec) => void trainer.download(rec)}
        />
        <LearningCurve runs={runs} />
        <CompareTable runs={runs} />
      </section>
    </div>
  );
}

/** The form as the URL last left it (see ../common/url.ts). */
function initialForm() {
  const q = readQuery();
  const algo = ALGORITHMS.find((a) => a.id === q.get('algo'))?.id ?? 'SVD';
  const mode = MODES.find((m) => m.mode === q.get('eval'))?.mode ?? 'split';
  return {
    algo,
    params: { [algo]: paramsFromQuery(findAlgorithm(algo), q).params },
    mode,
    seed: queryInt(q, 'seed', 0),
    splitSeed: queryInt(q, 'split_seed', 0),
    testPercent: queryInt(q, 'test', 20, 5, 50),
    nFolds: queryInt(q, 'folds', 5, 2, 10),
  };
}

const TrainForm = memo(function TrainForm({ dataset, train }: { dataset: DatasetRecord; train: ReturnType<typeof useTrainer>['train'] }) {
  const [initial] = useState(initialForm);
  const [algo, setAlgo] = useState(initial.algo);
  const [paramsByAlgo, setParamsByAlgo] = useState<Record<string, FlatParams>>(initial.params);
  const [seed, setSeed] = useState(initial.seed);
  const [splitSeed, setSplitSeed] = useState(initial.splitSeed);
  const [testPercent, setTestPercent] = useState(initial.testPercent);
  const [mode, setMode] = useState<Mode>(initial.mode);
  const [nFolds, setNFolds] = useState(initial.nFolds);
  const [gridTexts, setGridTexts] = useState<Record<string, Record<string, string>>>({});
  const spec = findAlgorithm(algo);
  const params = useMemo(() => paramsByAlgo[algo] ?? defaultParams(spec), [paramsByAlgo, algo, spec]);
  // Grid search is for the TypeScript algorithms; the TensorFlow.js models train on a split or by CV.
  const effectiveMode: Mode = spec.engine === 'tfjs' && mode === 'search' ? 'split' : mode;
  const grid = effectiveMode === 'search' ? parseGrid(spec, gridTexts[algo] ?? {}) : null;

  useEffect(() => {
    writeQuery((q) => {
      q.set('algo', algo);
      q.set('eval', effectiveMode);
      q.set(effectiveMode === 'split' ? 'test' : 'folds', String(effectiveMode === 'split' ? testPercent : nFolds));
      q.delete(effectiveMode === 'split' ? 'folds' : 'test');
      q.set('split_seed', String(splitSeed));
      q.set('seed', String(seed));
      paramsToQuery(spec, params, q);
    });
  }, [algo, effectiveMode, testPercent, nFolds, splitSeed, seed, spec, params]);

  const setParam = (key: string, value: ParamValue) =>
    setParamsByAlgo((all) => ({ ...all, [algo]: { ...params, [key]: value } }));

  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">Train on “{dataset.name}”</h2>
      <form
        className="train-form"
        // The controls clamp to the registry's ranges themselves; the browser's step
        // validation would silently refuse a typed value between steps.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (typeof grid === 'string') return;
          train({
            datasetId: dataset.id,
            algo,
            params,
            seed,
            evaluation: effectiveMode === 'split' ? { kind: 'split', testFraction: testPercent / 100, seed: splitSeed } : { kind: 'cv', folds: nFolds, seed: splitSeed },
            ...(grid ? { grid } : {}),
          });
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
          <fieldset className="mode">
            <legend>Evaluate by</legend>
            <select value={effectiveMode} onChange={(e) => setMode(e.target.value as Mode)} aria-label="Evaluate by" data-testid="mode-select">
              {MODES.filter((m) => spec.engine === 'core' || m.mode !== 'search').map((m) => (
                <option key={m.mode} value={m.mode}>
                  {m.label}
                </option>
              ))}
            </select>
          </fieldset>
          {effectiveMode === 'split' ? (
            <label>
              Test share (%)
              <input type="number" min={5} max={50} value={testPercent} onChange={(e) => setTestPercent(Math.min(50, Math.max(5, Number(e.target.value) || 20)))} />
            </label>
          ) : (
            <label>
              Folds
              <input type="number" min={2} max={10} value={nFolds} onChange={(e) => setNFolds(Math.min(10, Math.max(2, Math.trunc(Number(e.target.value)) || 5)))} />
            </label>
          )}
          <label>
            {effectiveMode === 'split' ? 'Split seed' : 'Fold seed'}
            <input type="number" value={splitSeed} onChange={(e) => setSplitSeed(Math.trunc(Number(e.target.value)) || 0)} />
          </label>
          {spec.stochastic && (
            <label>
              Model seed
              <input type="number" value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value)) || 0)} />
            </label>
          )}
          <button type="button" onClick={() => setParamsByAlgo((all) => ({ ...all, [algo]: defaultParams(spec) }))}>
            Reset to defaults
          </button>
          <button type="submit" className="primary" disabled={typeof grid === 'string'}>
            {effectiveMode === 'search' ? `Search ${spec.id}` : effectiveMode === 'cv' ? `Cross-validate ${spec.id}` : `Train ${spec.id}`}
          </button>
        </div>
        <p className="hint">
          {spec.help}
          {spec.engine === 'tfjs' ? ' Trains in the training worker on the backend in the header.' : ''}
        </p>
        {typeof grid === 'string' && <p className="hint" role="status">{grid}</p>}
        <ParamForm
          spec={spec}
          values={params}
          onChange={setParam}
          {...(effectiveMode === 'search'
            ? { grid: gridTexts[algo] ?? {}, onGridChange: (key: string, text: string) => setGridTexts((all) => ({ ...all, [algo]: { ...all[algo], [key]: text } })) }
            : {})}
        />
      </form>
    </section>
  );
});
