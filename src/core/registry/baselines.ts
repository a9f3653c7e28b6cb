import type { AlgorithmSpec } from './types.ts';

/** Surprise's baseline, neighbourhood and slope-one algorithms. */
export const baselineAlgorithms: AlgorithmSpec[] = [];
