/** The JSON figures `reclab evaluate` and `reclab search` print, in Surprise's words. */
import type { FitInfo } from '../core/estimator/types.ts';
import type { FoldScores } from '../core/selection/crossValidate.ts';

export function foldJson(f: FoldScores) {
  return { rmse: f.rmse, mae: f.mae, mse: f.mse, fcp: f.fcp, fit_s: f.fitSeconds, test_s: f.testSeconds, impossible: f.impossible };
}

export type FitExtras = { backend: string; epochs_run: number; samples_per_s: number } | Record<string, never>;

/** Training figures, when the fit measured its throughput (the TensorFlow.js loop does). */
export function fitExtras(info: FitInfo): FitExtras {
  if (info.samplesPerSec === undefined) return {};
  return { backend: info.backend, epochs_run: info.epochsRun ?? 0, samples_per_s: info.samplesPerSec };
}
