/**
 * Surprise's prediction rule, written once for every model: an impossible estimate
 * (NaN) becomes the default prediction, then the result is clipped to the rating
 * scale. AlgoBase.predict and the engine-agnostic predictRows both call it.
 */
export interface Scale {
  min: number;
  max: number;
}

export function fallbackAndClip(est: number, fallback: number, scale: Scale): number {
  const x = Number.isNaN(est) ? fallback : est;
  return x < scale.min ? scale.min : x > scale.max ? scale.max : x;
}

/** No clipping: for the raw estimates that rankings use. */
export const UNBOUNDED: Scale = { min: -Infinity, max: Infinity };
