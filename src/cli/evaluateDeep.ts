/**
 * `reclab evaluate` for the TensorFlow.js models: per fold, train on the fold's
 * training rows and score its test rows exactly as the baselines are scored. Loaded
 * only when a deep model is asked for, so baseline runs never start TensorFlow.js.
 */
import * as tf from '@tensorflow/tfjs';
import type { RatingsTable } from '../core/ratings.ts';
import type { FlatParams } from '../core/registry/index.ts';
import type { Split } from '../core/split.ts';
import type { RatingScale } from '../core/surprise/trainset.ts';
import { selectBackend, type BackendName } from '../models/backend.ts';
import { crossValidateDeep, type DeepCvResult } from '../models/evaluate.ts';

export type DeepResult = DeepCvResult & { backend: string };

export async function evaluateDeep(
  table: RatingsTable,
  folds: readonly Split[],
  id: string,
  params: FlatParams,
  seed: number,
  scale: RatingScale,
  backend: BackendName | undefined,
  onFold: (fold: number) => void,
): Promise<DeepResult> {
  // Production mode: no debug checks, and no "install tfjs-node" banner on the CLI's stderr.
  tf.env().set('PROD', true);
  // In Node, wasm (SIMD) is the fast backend; cpu is the fallback that always starts.
  const choice = await selectBackend({ prefer: backend ? [backend] : ['wasm', 'cpu'] });
  const res = await crossValidateDeep(table, folds, id, params, seed, scale, { onFold });
  return { ...res, backend: choice.name };
}
