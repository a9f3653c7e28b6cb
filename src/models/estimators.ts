/**
 * The two estimator adapters, by the registry's implementation key: the only place
 * that knows which engine fits a model. The TensorFlow.js adapter loads lazily (so
 * a baseline run never starts TensorFlow.js) after the caller's backend is ready.
 */
import { coreEstimator } from '../core/estimator/coreEstimator.ts';
import type { Estimator, ModelFile, SavedModel } from '../core/estimator/types.ts';
import type { Engine } from '../core/registry/types.ts';

export type EstimatorLoaders = Record<Engine, () => Promise<Estimator>>;

export function estimatorLoaders(readyBackend: () => Promise<unknown>): EstimatorLoaders {
  return {
    core: async () => coreEstimator(),
    tfjs: async () => {
      await readyBackend();
      return (await import('./estimator.ts')).tfjsEstimator;
    },
  };
}

/** A saved model's download files, by the adapter that made it (no backend needed). */
export async function exportSavedModel(saved: SavedModel, baseName: string): Promise<ModelFile[]> {
  return estimatorLoaders(async () => {})[saved.engine]().then((e) => e.exportFiles(saved, baseName));
}
