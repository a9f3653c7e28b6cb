/**
 * The estimator a CLI command fits with, from the registry's adapter table. The
 * TensorFlow.js modules load only when the adapter asks for a backend, so a baseline
 * run never starts TensorFlow.js.
 */
import type { Estimator } from '../core/estimator/types.ts';
import type { AlgorithmSpec } from '../core/registry/index.ts';
import { estimatorLoaders } from '../models/estimators.ts';
import { CliError } from './main.ts';

export const BACKENDS = ['cpu', 'wasm'] as const;
export type CliBackend = (typeof BACKENDS)[number];

export const BACKEND_USAGE = '  --backend cpu|wasm     TensorFlow.js backend of a deep model (default: wasm, else cpu)';

/** The --backend flag's value, checked; undefined when not given. */
export function backendFlag(value: string | undefined): CliBackend | undefined {
  if (value !== undefined && !BACKENDS.includes(value as CliBackend)) {
    throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}, got ${value}`);
  }
  return value as CliBackend | undefined;
}

async function readyTf(backend: CliBackend | undefined): Promise<void> {
  const [tf, { selectBackend }] = await Promise.all([import('@tensorflow/tfjs'), import('../models/backend.ts')]);
  // Production mode: no debug checks, and no "install tfjs-node" banner on the CLI's stderr.
  tf.env().set('PROD', true);
  // In Node, wasm (SIMD) is the fast backend; cpu is the fallback that always starts.
  await selectBackend({ prefer: backend ? [backend] : ['wasm', 'cpu'] });
}

/**
 * The adapter that fits `spec`. A --backend is an error for a model whose adapter
 * never asks for one (the TypeScript algorithms): the adapter decides, not a name list.
 */
export async function loadEstimator(spec: AlgorithmSpec, backend: CliBackend | undefined): Promise<Estimator> {
  let asked = false;
  const estimator = await estimatorLoaders(() => {
    asked = true;
    return readyTf(backend);
  })[spec.engine]();
  if (backend !== undefined && !asked) throw new CliError(`--backend applies to the deep models only, not ${spec.id}`);
  return estimator;
}
