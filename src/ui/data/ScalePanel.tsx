/**
 * Outgrowing the tab: export the selected dataset's recipe (and baselines to score) as
 * a Dask job — job.py and recipe.json — for the files no browser can hold, and import
 * what such a job wrote (sample.csv, recipe.json, summary.json) back as a dataset with
 * its runs. The page only assembles the recipe's JSON and hands files to the data worker.
 */
import { useRef, useState } from 'react';
import type { FilterRecipe } from '../../core/ingest/filter.ts';
import type { FormatName } from '../../core/ingest/formats.ts';
import { ALS_DEFAULTS, jobRecipe, type JobAlgo, type JobEvaluation, type JobSplit } from '../../core/scale/recipe.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { RunRecord } from '../../storage/runs.ts';
import { downloadBlob } from '../common/download.ts';
import { errorMessage } from '../common/format.ts';
import { NumberField } from '../common/NumberField.tsx';
import { proxy } from '../../workers/client.ts';
import type { DataWorker } from './useDataWorker.ts';

interface Props {
  /** The selected dataset, whose recipe the job runs; null offers the import only. */
  dataset: DatasetRecord | null;
  datasets: readonly DatasetRecord[];
  worker: DataWorker;
  /** A job's sample was stored as this dataset, with these runs. */
  onImported(record: DatasetRecord, runs: RunRecord[]): void;
}

/** The filters that made the dataset from its file; null when it was filtered from a filtered dataset. */
function recipeOf(d: DatasetRecord, all: readonly DatasetRecord[]): FilterRecipe | null {
  if (!d.recipe) return { minUserRatings: 0, minItemRatings: 0, verifiedOnly: false, seed: 42 };
  const parent = all.find((p) => p.id === d.recipe!.parent.id);
  return parent?.recipe ? null : d.recipe.filters;
}

type SplitKind = 'none' | JobSplit['kind'];

export function ScalePanel({ dataset, datasets, worker, onImported }: Props) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const importOutput = async (files: File[]) => {
    const byName = (name: string) => files.find((f) => f.name === name);
    const sample = byName('sample.csv');
    const recipe = byName('recipe.json');
    const summary = byName('summary.json');
    if (!sample || !recipe || !summary) {
      setStatus({ ok: false, text: 'Pick the three files a Dask job leaves: sample.csv and summary.json (its output folder) and recipe.json (beside job.py).' });
      return;
    }
    setBusy(true);
    try {
      const outcome = await worker.get().importJobOutput(sample, await recipe.text(), await summary.text(), proxy((p) => setStatus({ ok: true, text: `Reading sample.csv: ${p.rows.toLocaleString('en-US')} rows…` })));
      setStatus({ ok: outcome.ok, text: outcome.message });
      if (outcome.ok) onImported(outcome.record, outcome.runs);
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel scale-panel" aria-labelledby="scale-title">
      <h2 id="scale-title">Outgrow the tab: Dask</h2>
      {dataset && <ExportJob key={dataset.id} dataset={dataset} datasets={datasets} />}
      <div className="import-row">
        <button type="button" disabled={busy} onClick={() => picker.current?.click()}>
          Import a Dask job’s output…
        </button>
        <span className="hint">sample.csv, recipe.json and summary.json, picked together.</span>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept=".csv,.json"
          aria-label="sample.csv, recipe.json and summary.json of a Dask job"
          onChange={(e) => {
            void importOutput(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </div>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'} data-testid="scale-status">
          {status.text}
        </p>
      )}
    </section>
  );
}

/** "Run this recipe at scale…": the dataset's recipe and an evaluation, as job.py and recipe.json to download. */
function ExportJob({ dataset, datasets }: { dataset: DatasetRecord; datasets: readonly DatasetRecord[] }) {
  const filter = recipeOf(dataset, datasets);
  const [kind, setKind] = useState<SplitKind>('random');
  const [testPercent, setTestPercent] = useState(20);
  const [userPercent, setUserPercent] = useState(20);
  const [revealPercent, setRevealPercent] = useState(50);
  const [seed, setSeed] = useState(0);
  const [baseline, setBaseline] = useState(true);
  const [als, setAls] = useState(true);
  const [rank, setRank] = useState(ALS_DEFAULTS.rank);
  const [reg, setReg] = useState(ALS_DEFAULTS.reg);
  const [iterations, setIterations] = useState(ALS_DEFAULTS.iterations);
  const [ranking, setRanking] = useState(false);
  const [k, setK] = useState(10);

  const split = (): JobSplit | null => {
    switch (kind) {
      case 'none':
        return null;
      case 'last':
        return { kind };
      case 'random':
        return { kind, testFraction: testPercent / 100, seed };
      case 'users':
        return { kind, userFraction: userPercent / 100, revealFraction: revealPercent / 100, seed };
    }
  };
  const evaluation = (): JobEvaluation | undefined => {
    const s = split();
    const algos: JobAlgo[] = [
      ...(baseline ? [{ algo: 'BaselineOnly' as const, params: {} }] : []),
      ...(als ? [{ algo: 'ALS' as const, params: { ...ALS_DEFAULTS, rank, reg, iterations, seed } }] : []),
    ];
    if (!s || algos.length === 0) return undefined;
    return { split: s, algos, ...(ranking ? { ranking: { k } } : {}) };
  };
  const exportJob = async () => {
    const { fileName, bytes, sha256, format } = dataset.source;
    const recipe = jobRecipe({ fileName, bytes, ...(sha256 ? { sha256 } : {}), format: format as FormatName }, filter!, evaluation());
    downloadBlob(new Blob([`${JSON.stringify(recipe, null, 1)}\n`], { type: 'application/json' }), 'recipe.json');
    const { default: job } = await import('../../core/scale/job.py?raw');
    downloadBlob(new Blob([job], { type: 'text/x-python' }), 'job.py');
  };

  const command = `python3 job.py --input ${/\s/.test(dataset.source.fileName) ? JSON.stringify(dataset.source.fileName) : dataset.source.fileName} --output out --workers 2`;
  return (
      <details data-testid="scale-export">
      <summary>Run this recipe at scale…</summary>
      {filter === null ? (
        <p className="hint">“{dataset.name}” was filtered from a filtered dataset; a job runs one recipe on the source file. Filter the file itself the same way, then export that dataset.</p>
      ) : (
        <>
          <p className="hint">
            A Dask job applies {dataset.recipe ? 'this dataset’s recipe' : 'no filter (this is the file as imported)'} to {dataset.source.fileName} — or to the whole file, however large, or a glob of such files — in the lab’s
            order, with the same keys, and scores the baselines below on its split. The counts match the lab’s on any file both can hold.
          </p>
          <div className="filters">
            <label>
              Split
              <select value={kind} onChange={(e) => setKind(e.target.value as SplitKind)} aria-label="Split for the job">
                <option value="none">none (the recipe only)</option>
                <option value="random">random</option>
                <option value="last">leave last out</option>
                <option value="users">held-out users</option>
              </select>
            </label>
            {kind === 'random' && <NumberField label="Test (%)" value={testPercent} onChange={setTestPercent} min={1} max={99} />}
            {kind === 'users' && <NumberField label="Held-out users (%)" value={userPercent} onChange={setUserPercent} min={1} max={99} />}
            {kind === 'users' && <NumberField label="Revealed share (%)" value={revealPercent} onChange={setRevealPercent} min={1} max={99} />}
            {(kind === 'random' || kind === 'users') && <NumberField label="Split seed" value={seed} onChange={setSeed} min={0} integer />}
            {kind !== 'none' && (
              <>
                <label className="inline">
                  <input type="checkbox" checked={baseline} onChange={(e) => setBaseline(e.target.checked)} /> BaselineOnly
                </label>
                <label className="inline">
                  <input type="checkbox" checked={als} onChange={(e) => setAls(e.target.checked)} /> ALS
                </label>
                {als && <NumberField label="ALS rank (n_factors)" value={rank} onChange={setRank} min={1} max={512} integer />}
                {als && <NumberField label="ALS λ (reg_all)" value={reg} onChange={setReg} min={0} />}
                {als && <NumberField label="ALS iterations" value={iterations} onChange={setIterations} min={1} max={100} integer />}
                <label className="inline">
                  <input type="checkbox" checked={ranking} onChange={(e) => setRanking(e.target.checked)} /> Rank test users
                </label>
                {ranking && <NumberField label="K" value={k} onChange={setK} min={1} max={1000} integer />}
              </>
            )}
          </div>
          <button type="button" className="primary" onClick={() => void exportJob()}>
            Download job.py and recipe.json
          </button>
          <p className="hint">
            Run it with a Python that has Dask (Debian: <code>apt-get install python3-dask python3-distributed</code>, then <code>/usr/bin/python3</code>):
          </p>
          <pre className="command" data-testid="scale-command">{command}</pre>
          <p className="hint">
            <code>--workers N</code> uses N of this machine’s cores; <code>--scheduler tcp://HOST:8786</code> runs it on a Dask cluster instead. It writes out/sample.csv and out/summary.json.
          </p>
        </>
      )}
    </details>
  );
}
