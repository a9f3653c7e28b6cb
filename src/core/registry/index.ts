import { baselineAlgorithms } from './baselines.ts';
import { clusteringAlgorithms } from './clustering.ts';
import { deepModels } from './deep.ts';
import { factorizationAlgorithms } from './factorization.ts';
import { referenceRankers } from './reference.ts';
import type { AlgorithmSpec } from './types.ts';

export type * from './types.ts';
export { defaultParams, resolveParams, nestParams, flattenParams, paramError } from './params.ts';

export const ALGORITHMS: readonly AlgorithmSpec[] = [
  ...referenceRankers,
  ...baselineAlgorithms,
  ...factorizationAlgorithms,
  ...clusteringAlgorithms,
  ...deepModels,
];

export function findAlgorithm(id: string): AlgorithmSpec {
  const spec = ALGORITHMS.find((a) => a.id === id);
  if (!spec) {
    throw new Error(`unknown algorithm "${id}" (known: ${ALGORITHMS.map((a) => a.id).join(', ')})`);
  }
  return spec;
}
