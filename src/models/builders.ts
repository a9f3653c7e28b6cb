/** Model id (the registry's, src/core/registry/deep.ts) → how to build it. */
import type { Model, ModelBuilder, ModelContext } from './model.ts';
import { autorecBuilder } from './autorec.ts';
import { lstmBuilder } from './lstm.ts';
import { mfBuilders } from './mf.ts';
import { ncfBuilders } from './ncf.ts';

const BUILDERS: Record<string, ModelBuilder> = { ...mfBuilders, ...ncfBuilders, LSTM: lstmBuilder, AutoRec: autorecBuilder };

/** Models whose predictions read the training rows, which a saved model must therefore carry. */
const FROM_TRAINING_ROWS = new Set(['LSTM', 'AutoRec']);

export function predictsFromTrainingRows(id: string): boolean {
  return FROM_TRAINING_ROWS.has(id);
}

/** Models that read the ratings' times (the LSTM's histories); the others train without that column. */
export function readsTime(id: string): boolean {
  return id === 'LSTM';
}

export function buildModel(id: string, ctx: ModelContext): Model {
  const build = BUILDERS[id];
  if (!build) throw new Error(`no TensorFlow.js model "${id}" (known: ${Object.keys(BUILDERS).join(', ')})`);
  return build(ctx);
}
