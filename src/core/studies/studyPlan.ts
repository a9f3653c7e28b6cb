/**
 * From a study preset to the runs the Train screen queues: which dataset it runs on
 * (the study's own file when it is here, else the bundled sample, and said so), the
 * filtered dataset to use or save, and one train request per model, all on the same
 * evaluation, ranking and seed. Pure: the Studies screen does the loading, saving
 * and queueing.
 */
import type { FilterRecipe } from '../ingest/filter.ts';
import { findAlgorithm, resolveParams, type FlatParams } from '../registry/index.ts';
import type { RankingRequest } from '../selection/crossValidate.ts';
import type { Evaluation } from '../selection/evaluation.ts';
import type { StudyPreset } from './presets.ts';

/** What the planner needs to know of a stored dataset. */
export interface StoredDataset {
  id: string;
  name: string;
  /** The file it was imported from (a filtered dataset keeps its parent's). */
  fileName: string;
  /** The dataset it was filtered from, and with what; null for a plain import. */
  derived: { parentId: string; filters: FilterRecipe } | null;
}

/** The dataset a study starts from: its own file, or the bundled sample (null: not loaded yet). */
export type StudySource = { kind: 'own'; dataset: StoredDataset } | { kind: 'sample'; fileName: string; dataset: StoredDataset | null };

/** A run as the trainer takes it (the Train screen's RunRequest without a search or a train filter). */
export interface StudyRequest {
  datasetId: string;
  algo: string;
  params: FlatParams;
  seed: number;
  evaluation: Evaluation;
  ranking?: Omit<RankingRequest, 'frozen'>;
}

/** Short settings, to see a study through in seconds: at most this many epochs and folds. */
export const QUICK = { epochs: 2, folds: 3 } as const;
/** The registry's keys for passes over the data: the deep models' and Surprise's. */
const EPOCH_KEYS = ['epochs', 'n_epochs'];

/** The latest plain import of one of the study's files, else of its sample. */
export function studySource(preset: StudyPreset, datasets: readonly StoredDataset[]): StudySource {
  const latest = (files: readonly string[]) => datasets.filter((d) => d.derived === null && files.includes(d.fileName)).at(-1) ?? null;
  const own = latest(preset.data.files);
  return own ? { kind: 'own', dataset: own } : { kind: 'sample', fileName: preset.sample, dataset: latest([preset.sample]) };
}

/** Where a study runs, in one plain sentence. */
export function sourceNote(preset: StudyPreset, source: StudySource): string {
  if (source.kind === 'own') return `Runs on “${source.dataset.name}” (${source.dataset.fileName}), the study’s own data.`;
  const missing = `${preset.data.files[0]} is not here, so this study runs on the bundled sample ${source.fileName}`;
  return source.dataset ? `${missing} (loaded as “${source.dataset.name}”).` : `${missing}, loaded when you run it.`;
}

/** "k-core 5/10 · verified only": the study's cleaning in a few words. */
export function filterText(f: FilterRecipe): string {
  const parts: string[] = [];
  if (f.minUserRatings > 1 || f.minItemRatings > 1) parts.push(`k-core ${f.minUserRatings}/${f.minItemRatings}`);
  if (f.verifiedOnly) parts.push('verified only');
  return parts.join(' · ') || 'no filter';
}

const sameRecipe = (a: FilterRecipe, b: FilterRecipe): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof FilterRecipe)[]);
  return [...keys].every((k) => a[k] === b[k]);
};

/** The dataset filtered from `source` by the study's filter, when it was saved before (so a second run reuses it). */
export function filteredFrom(preset: StudyPreset, source: StoredDataset, datasets: readonly StoredDataset[]): StoredDataset | null {
  const f = preset.filter;
  if (!f) return null;
  return datasets.filter((d) => d.derived?.parentId === source.id && sameRecipe(d.derived.filters, f)).at(-1) ?? null;
}

/** The name a study's filtered dataset is saved under. */
export function filteredName(preset: StudyPreset, source: StoredDataset): string {
  return `${source.name} (${filterText(preset.filter!)})`;
}

/** The study's evaluation, with at most QUICK.folds folds when quick. */
export function studyEvaluation(preset: StudyPreset, quick: boolean): Evaluation {
  const ev = preset.evaluation;
  return quick && ev.kind === 'kfold' ? { ...ev, folds: Math.min(ev.folds, QUICK.folds) } : ev;
}

/** One request per model of the study, on `datasetId`, with the same evaluation, ranking and seed; quick caps the epochs. */
export function studyRequests(preset: StudyPreset, datasetId: string, quick: boolean): StudyRequest[] {
  const evaluation = studyEvaluation(preset, quick);
  return preset.runs.map((run) => {
    const params = resolveParams(findAlgorithm(run.algo), run.params);
    if (quick) for (const key of EPOCH_KEYS) if (typeof params[key] === 'number') params[key] = Math.min(params[key], QUICK.epochs);
    return { datasetId, algo: run.algo, params, seed: preset.seed, evaluation, ...(preset.ranking ? { ranking: preset.ranking } : {}) };
  });
}
