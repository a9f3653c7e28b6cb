/** The flags every model-running command shares: --algo, --params (Surprise's names, nested allowed), --seed. */
import { findAlgorithm, flattenParams, resolveParams, type AlgorithmSpec, type FlatParams } from '../core/registry/index.ts';
import { CliError } from './main.ts';

export interface AlgoArgs {
  spec: AlgorithmSpec;
  params: FlatParams;
  seed: number;
}

export function parseAlgoArgs(values: { algo?: string; params?: string; seed?: string }, usage: string): AlgoArgs {
  if (!values.algo) throw new CliError(`--algo is required\n${usage}`);
  let spec: AlgorithmSpec;
  try {
    spec = findAlgorithm(values.algo);
  } catch (err) {
    throw new CliError((err as Error).message);
  }

  let nested: unknown = {};
  if (values.params !== undefined) {
    try {
      nested = JSON.parse(values.params);
    } catch (err) {
      throw new CliError(`--params is not valid JSON: ${(err as Error).message}`);
    }
    if (nested === null || typeof nested !== 'object' || Array.isArray(nested)) {
      throw new CliError('--params must be a JSON object, e.g. {"n_factors":50}');
    }
  }
  let params: FlatParams;
  try {
    params = resolveParams(spec, flattenParams(nested as Record<string, unknown>));
  } catch (err) {
    throw new CliError((err as Error).message);
  }

  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new CliError(`--seed must be a non-negative integer, got ${values.seed}`);
  return { spec, params, seed };
}
