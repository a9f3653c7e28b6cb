/**
 * An experiment as a file another person imports: the dataset it ran on (file name,
 * SHA-256, filters, as a link names it), and each finished run's request (algorithm,
 * parameters, seed, evaluation, filter after the split, ranking) with the figures it
 * got, so the importer can queue the very same runs and compare what they get.
 */
import { findAlgorithm, resolveParams } from '../../core/registry/index.ts';
import { normalizeEvaluation } from '../../core/selection/evaluation.ts';
import type { RunRecord } from '../../storage/runs.ts';
import type { DatasetLink } from '../data/datasetLink.ts';
import { comparisonRow } from './compareExport.ts';
import { rankingSettingsOf } from './RunFacts.tsx';
import type { RunRequest } from './useTrainer.ts';

export interface ExperimentFile {
  reclab: 'experiment';
  version: 1;
  dataset: DatasetLink;
  runs: { request: Omit<RunRequest, 'datasetId'>; results: Record<string, string | number | null> }[];
}

/** What a finished run asked for (a search's winner is run with the params it chose). */
function requestOf(rec: RunRecord): Omit<RunRequest, 'datasetId'> {
  const ranking = rankingSettingsOf(rec);
  return {
    algo: rec.algo,
    params: rec.params,
    seed: rec.seed,
    evaluation: rec.evaluation,
    ...(rec.filterAfterSplit ? { filterAfterSplit: rec.filterAfterSplit } : {}),
    ...(ranking ? { ranking } : {}),
  };
}

export function experimentJson(dataset: DatasetLink, runs: readonly { label: string; rec: RunRecord }[]): string {
  const file: ExperimentFile = { reclab: 'experiment', version: 1, dataset, runs: runs.map((r) => ({ request: requestOf(r.rec), results: comparisonRow(r.label, r.rec) })) };
  return JSON.stringify(file, null, 2);
}

/** The experiment in `text`, or a message naming the file and what is wrong with it. */
export function readExperiment(text: string, fileName: string): ExperimentFile | string {
  let file: ExperimentFile;
  try {
    file = JSON.parse(text) as ExperimentFile;
  } catch (err) {
    return `${fileName} is not JSON: ${(err as Error).message}`;
  }
  if (file?.reclab !== 'experiment' || file.version !== 1) return `${fileName} is not a RecLab experiment file (version 1)`;
  if (!/^[0-9a-f]{64}$/.test(file.dataset?.sha256 ?? '') || !Array.isArray(file.dataset.filters)) return `${fileName}: its dataset has no SHA-256 or filters`;
  if (!Array.isArray(file.runs) || file.runs.length === 0) return `${fileName} lists no runs`;
  for (const [k, run] of file.runs.entries()) {
    try {
      const r = run.request;
      resolveParams(findAlgorithm(r.algo), r.params);
      normalizeEvaluation(r.evaluation);
      if (!Number.isInteger(r.seed)) throw new Error('its seed is not a whole number');
    } catch (err) {
      return `${fileName}, run ${k + 1}: ${(err as Error).message}`;
    }
  }
  return file;
}

/** JSON with every object's keys sorted: equal requests give equal text, whatever order their keys were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The same run: the same algorithm, parameters, seed, evaluation, filter and ranking. */
export function sameRequest(a: Omit<RunRequest, 'datasetId'>, b: Omit<RunRequest, 'datasetId'>): boolean {
  return canonical({ ...a, datasetId: undefined }) === canonical({ ...b, datasetId: undefined });
}
