/**
 * "Experiment as JSON" and "Import experiment…": the finished runs of this dataset as
 * a file (see experimentFile.ts), and such a file queued again here — the same
 * requests and seeds, so the runs can be compared with the figures the file holds.
 */
import { useRef, useState } from 'react';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { downloadBlob } from '../common/download.ts';
import { findLinked, linkOf } from '../data/datasetLink.ts';
import { experimentJson, readExperiment } from './experimentFile.ts';
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
  const finished = runs.flatMap((r, k) => (r.record ? [{ label: runLabel(r, k), rec: r.record }] : []));

  const importFile = async (file: File) => {
    const experiment = readExperiment(await file.text(), file.name);
    if (typeof experiment === 'string') return setMessage({ ok: false, text: experiment });
    const d = experiment.dataset;
    if (findLinked(d, datasets)?.id !== dataset.id) {
      return setMessage({ ok: false, text: `${file.name} was run on “${d.name}” (${d.fileName}, SHA-256 ${d.sha256}${d.filters.length ? ', filtered' : ''}): open that dataset, then import it again.` });
    }
    for (const run of experiment.runs) train({ ...run.request, datasetId: dataset.id });
    setMessage({ ok: true, text: `Queued the ${experiment.runs.length} run${experiment.runs.length === 1 ? '' : 's'} of ${file.name}, with their seeds; the file's figures are in it to compare.` });
  };

  return (
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
  );
}
