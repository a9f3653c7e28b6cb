/**
 * One card per seed study (src/core/studies/presets.ts): what it asks, the data it
 * expects and whether that file is here or the bundled sample stands in, quick
 * settings, and "Run study", which loads the sample if needed, applies the study's
 * filter, queues every model through the lab's one trainer and opens the Train
 * screen, where the runs land in the comparison table.
 */
import { useState } from 'react';
import { DEFAULT_RECIPE, type FilterRecipe } from '../../core/ingest/filter.ts';
import { findAlgorithm } from '../../core/registry/index.ts';
import { evaluationLabel } from '../../core/selection/evaluation.ts';
import { STUDY_PRESETS, type StudyPreset, type StudyRun } from '../../core/studies/presets.ts';
import {
  filteredFrom,
  filteredName,
  filterText,
  QUICK,
  sourceNote,
  studyEvaluation,
  studyRequests,
  studySource,
  type StoredDataset,
  type StudyRequest,
} from '../../core/studies/studyPlan.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { ImportRequest } from '../../workers/protocol.ts';
import { errorMessage } from '../common/format.ts';
import { ProgressBar } from '../common/ProgressBar.tsx';
import { sampleImport, SAMPLES } from '../data/samples.ts';
import { formFromQuery, pageQuery, updateLab, type TrainForm } from '../labState.ts';
import { defaultSettings, settingsFor } from '../train/formSettings.ts';
import { metricName } from '../train/RunFacts.tsx';
import type { Trainer } from '../train/useTrainer.ts';
import type { StartedStudy } from './startedStudies.ts';

interface Props {
  datasets: DatasetRecord[];
  trainer: Trainer;
  started: Record<string, StartedStudy>;
  /** Import a bundled sample; null when it could not (the Data screen then says why). */
  importSample(req: ImportRequest): Promise<DatasetRecord | null>;
  saveFiltered(datasetId: string, recipe: FilterRecipe, name: string): Promise<DatasetRecord>;
  /** The study's runs are queued: record them and open the Train screen on their dataset. */
  onStarted(presetId: string, study: StartedStudy): void;
  /** Open the Train screen on a dataset. */
  onOpen(datasetId: string): void;
}

/** The Train form of one of a study's runs: its model, parameters, seed, evaluation and ranking. */
function studyForm(req: StudyRequest): TrainForm {
  const kind = req.evaluation.kind === 'predefined' ? 'random' : req.evaluation.kind;
  const { settings } = formFromQuery(pageQuery(), defaultSettings(kind, DEFAULT_RECIPE));
  return { algo: req.algo, params: req.params, settings: { ...settingsFor(settings, req.evaluation, req.ranking), seed: req.seed } };
}

function storedOf(d: DatasetRecord): StoredDataset {
  return { id: d.id, name: d.name, fileName: d.source.fileName, derived: d.recipe ? { parentId: d.recipe.parent.id, filters: d.recipe.filters } : null };
}

export function StudiesScreen(props: Props) {
  /** The study being set up (sample loading, filter saving): one at a time. */
  const [busy, setBusy] = useState<{ id: string; text: string } | null>(null);
  return (
    <section className="panel" aria-labelledby="studies-title">
      <h2 id="studies-title">Studies</h2>
      <p className="hint">
        Each card sets up one of the studies this lab grew from: its dataset filter, its split, its models and their settings. Run study queues every model in the training
        worker, as the Train screen does, and opens that screen, where the runs land in the comparison table. Quick settings cap the epochs at {QUICK.epochs} and the folds
        at {QUICK.folds}, to see a study through in seconds.
      </p>
      <div className="studies">
        {STUDY_PRESETS.map((p) => (
          <StudyCard key={p.id} preset={p} {...props} busy={busy} setBusy={setBusy} />
        ))}
      </div>
    </section>
  );
}

/** "KNNBasic (similarity cosine, user based false)": a model with the settings the study gave it. */
function runText(run: StudyRun): string {
  const spec = findAlgorithm(run.algo);
  const set = Object.entries(run.params).map(([key, value]) => `${spec.params.find((p) => p.key === key)?.label ?? key} ${String(value)}`);
  return set.length ? `${run.algo} (${set.join(', ')})` : run.algo;
}

function StudyCard(props: Props & { preset: StudyPreset; busy: { id: string; text: string } | null; setBusy(b: { id: string; text: string } | null): void }) {
  const { preset, datasets, trainer, started, busy, setBusy } = props;
  const [quick, setQuick] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stored = datasets.map(storedOf);
  const source = studySource(preset, stored);
  const mine = started[preset.id];
  const runs = mine ? trainer.runs.filter((r) => mine.runIds.includes(r.id)) : [];
  const done = runs.filter((r) => r.status === 'done').length;
  const failed = runs.filter((r) => r.status === 'failed' || r.status === 'stopped').length;
  const titleId = `study-${preset.id}`;

  const run = async () => {
    setError(null);
    // Busy from the first click: a second one must not queue the study twice.
    setBusy({ id: preset.id, text: 'Setting up the study…' });
    try {
      let base = source.dataset && datasets.find((d) => d.id === source.dataset!.id);
      if (!base) {
        const sample = SAMPLES.find((s) => s.fileName === preset.sample)!;
        setBusy({ id: preset.id, text: `Loading the bundled sample ${sample.fileName}…` });
        base = await props.importSample(sampleImport(sample));
        if (!base) throw new Error(`The sample ${sample.fileName} did not load: the Data screen says why.`);
      }
      let target = base;
      if (preset.filter) {
        const saved = filteredFrom(preset, storedOf(base), stored);
        setBusy({ id: preset.id, text: `Filtering “${base.name}”: ${filterText(preset.filter)}…` });
        target = (saved && datasets.find((d) => d.id === saved.id)) || (await props.saveFiltered(base.id, preset.filter, filteredName(preset, storedOf(base))));
      }
      const requests = studyRequests(preset, target.id, quick);
      const runIds = requests.map((req) => trainer.train(req));
      // The Train form opens on the study's evaluation, ranking and first model.
      updateLab({ form: studyForm(requests[0]) });
      props.onStarted(preset.id, { datasetId: target.id, runIds });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const { ranking } = preset;
  return (
    <article className="study" aria-labelledby={titleId} data-testid="study" data-study={preset.id}>
      <h3 id={titleId}>{preset.title}</h3>
      <p>{preset.question}</p>
      <dl className="study-facts">
        <dt>Expects</dt>
        <dd>{preset.data.name}</dd>
        <dt>Here</dt>
        <dd data-testid="study-source" data-kind={source.kind}>
          {sourceNote(preset, source)}
        </dd>
        <dt>Filter</dt>
        <dd>{preset.filter ? `${filterText(preset.filter)}, before the split` : 'none: the data as imported'}</dd>
        <dt>Evaluation</dt>
        <dd data-testid="study-evaluation">
          {evaluationLabel(studyEvaluation(preset, quick))}
          {ranking &&
            `; ranks the test users at K=${ranking.k}${ranking.negatives ? `, fully and against ${ranking.negatives} sampled negatives per held-out item` : ''}`}
        </dd>
        <dt>Models</dt>
        <dd>{preset.runs.map(runText).join(' · ')}</dd>
        <dt>Metrics</dt>
        <dd>{preset.metrics.map((m) => metricName(m, ranking?.k)).join(', ')}</dd>
      </dl>
      <div className="study-actions">
        <label className="inline">
          <input type="checkbox" checked={quick} onChange={(e) => setQuick(e.target.checked)} />
          Quick settings
        </label>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy !== null} aria-label={`Run study: ${preset.title}`}>
          Run study
        </button>
        {mine && (
          <button type="button" onClick={() => props.onOpen(mine.datasetId)} aria-label={`Show the runs: ${preset.title}`}>
            Show the runs
          </button>
        )}
      </div>
      <div role="status">
        {busy?.id === preset.id && <p className="hint">{busy.text}</p>}
        {error && <p className="error">{error}</p>}
      </div>
      {mine && (
        <div data-testid="study-progress" data-done={done} data-total={mine.runIds.length}>
          <ProgressBar
            value={done}
            max={mine.runIds.length}
            label={`${done} of ${mine.runIds.length} runs done${failed ? `, ${failed} failed or stopped` : ''}`}
          />
        </div>
      )}
    </article>
  );
}
