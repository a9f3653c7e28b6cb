/** Pick a model from the registry, set its hyperparameters, train it, watch and compare. */
import { useMemo, useState } from 'react';
import { ALGORITHMS, defaultParams, findAlgorithm, type FlatParams, type ParamValue } from '../../core/registry/index.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { CompareTable } from './CompareTable.tsx';
import { LearningCurve } from './LearningCurve.tsx';
import { ParamForm } from './ParamForm.tsx';
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

interface Props {
  dataset: DatasetRecord;
  trainer: ReturnType<typeof useTrainer>;
}

export function TrainScreen({ dataset, trainer }: Props) {
  const [algo, setAlgo] = useState(ALGORITHMS.find((a) => a.id === 'SVD')?.id ?? ALGORITHMS[0].id);
  const [paramsByAlgo, setParamsByAlgo] = useState<Record<string, FlatParams>>({});
  const [seed, setSeed] = useState(0);
  const [splitSeed, setSplitSeed] = useState(0);
  const [testPercent, setTestPercent] = useState(20);
  const spec = findAlgorithm(algo);
  const params = paramsByAlgo[algo] ?? defaultParams(spec);
  const runs = useMemo(() => trainer.runs.filter((r) => r.datasetId === dataset.id), [trainer.runs, dataset.id]);

  const setParam = (key: string, value: ParamValue) =>
    setParamsByAlgo((all) => ({ ...all, [algo]: { ...params, [key]: value } }));

  return (
    <div className="train">
      <section className="panel" aria-labelledby="train-title">
        <h2 id="train-title">Train on “{dataset.name}”</h2>
        <form
          className="train-form"
          onSubmit={(e) => {
            e.preventDefault();
            trainer.train(dataset.id, algo, params, seed, testPercent / 100, splitSeed);
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
              Test share (%)
              <input type="number" min={5} max={50} value={testPercent} onChange={(e) => setTestPercent(Math.min(50, Math.max(5, Number(e.target.value) || 20)))} />
            </label>
            <label>
              Split seed
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
            <button type="submit" className="primary">
              Train {spec.id}
            </button>
          </div>
          <p className="hint">{spec.help}</p>
          <ParamForm spec={spec} values={params} onChange={setParam} />
        </form>
      </section>
      <section className="panel" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <RunList runs={runs} onStop={trainer.stop} onRemove={trainer.remove} />
        <LearningCurve runs={runs} />
        <CompareTable runs={runs} />
      </section>
    </div>
  );
}
