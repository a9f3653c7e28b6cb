/**
 * "Experiment as JSON" and "Import experiment…": the finished runs of this dataset as
 * a file (see experimentFile.ts), and such a file read here: its figures shown beside
 * this lab's, and its runs (the same requests and seeds) queued on request. The
 * imported file stays beside the runs across reloads, until closed.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { downloadBlob } from '../common/download.ts';
import { findLinked, linkOf } from '../data/datasetLink.ts';
import { experimentJson, readExperiment } from './experimentFile.ts';
import { ImportedExperiment, type Imported } from './ImportedExperiment.tsx';
import { runLabel } from './LearningCurve.tsx';
import type { LiveRun, RunRequest } from './useTrainer.ts';

interface Props {
  dataset: DatasetRecord;
  datasets: DatasetRecord[];
  runs: LiveRun[];
  train(request: RunRequest): void;
}

export function ExperimentFiles({ dataset, datasets, runs, train }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [imported, setImported] = useImported(dataset.id);
  const finished = runs.flatMap((r, k) => (r.record ? [{ label: runLabel(r, k), rec: r.record }] : []));

  const importFile = async (file: File) => {
    const experiment = readExperiment(await file.text(), file.name);
    if (typeof experiment === 'string') return setMessage({ ok: false, text: experiment });
    const d = experiment.dataset;
    if (findLinked(d, datasets)?.id !== dataset.id) {
      return setMessage({ ok: false, text: `${file.name} was run on “${d.name}” (${d.fileName}, SHA-256 ${d.sha256}${d.filters.length ? ', filtered' : ''}): open that dataset, then import it again.` });
    }
    setImported({ fileName: file.name, experiment });
    setMessage({ ok: true, text: `Read the ${experiment.runs.length} run${experiment.runs.length === 1 ? '' : 's'} of ${file.name}: their figures are below, and “Run them here” queues them with their seeds.` });
  };

  return (
    <>
      <div className="experiment-files">
        <button
          type="button"
          disabled={finished.length === 0}
          onClick={() => downloadBlob(new Blob([experimentJson(linkOf(dataset, datasets), finished)], { type: 'application/json' }), `reclab-experiment-${dataset.name.replace(/[^\w.-]+/g, '_')}.json`)}
          data-testid="export-experiment"
        >
          Experiment as JSON
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          Import experiment…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Experiment file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }}
        />
        {message && (
          <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'} data-testid="experiment-message">
            {message.text}
          </span>
        )}
      </div>
      {imported && (
        <ImportedExperiment
          imported={imported}
          runs={runs}
          onRun={(requests) => {
            for (const request of requests) train({ ...request, datasetId: dataset.id });
          }}
          onClose={() => {
            setImported(null);
            setMessage(null);
          }}
        />
      )}
    </>
  );
}

/** The experiment file imported for a dataset, kept in localStorage so a reload keeps it beside the runs. */
function useImported(datasetId: string): [Imported | null, (value: Imported | null) => void] {
  const key = `reclab.imported.${datasetId}`;
  const [value, setValue] = useState<Imported | null>(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as Imported | null;
      // Read again as a file would be: a stored value that no longer reads is dropped.
      if (!stored) return null;
      const experiment = readExperiment(JSON.stringify(stored.experiment), stored.fileName);
      return typeof experiment === 'string' ? null : { fileName: stored.fileName, experiment };
    } catch {
      return null;
    }
  });
  useEffect(() => {
    try {
      if (value) localStorage.setItem(key, JSON.stringify(value));
      else localStorage.removeItem(key);
    } catch {
      // Storage full or blocked: the file stays shown until the page closes.
    }
  }, [key, value]);
  return [value, setValue];
}
