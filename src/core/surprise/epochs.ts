import { FitCancelled, type FitHooks } from './algo.ts';

/**
 * The epoch loop every iterative fit shares: poll for cancellation before each
 * epoch (throwing FitCancelled), run it, then report progress (1-based epoch).
 */
export function runEpochs(nEpochs: number, hooks: FitHooks, epoch: (e: number) => void): void {
  for (let e = 0; e < nEpochs; e++) {
    if (hooks.shouldStop?.()) throw new FitCancelled();
    epoch(e);
    hooks.onEpoch?.(e + 1, nEpochs);
  }
}
