import type { AlgorithmSpec } from './types.ts';

/** Reference rankers (src/core/surprise/rankers.ts): every ranking comparison includes them. */
export const referenceRankers: AlgorithmSpec[] = [
  {
    id: 'MostPop',
    label: 'Most popular',
    family: 'reference',
    engine: 'core',
    stochastic: false,
    iterative: false,
    ranksOnly: true,
    help: 'Ranks items by how many training users rated them, the same list for everyone (ties by item id). Ranking only: its scores are not ratings.',
    params: [],
  },
  {
    id: 'Random',
    label: 'Random',
    family: 'reference',
    engine: 'core',
    stochastic: true,
    iterative: false,
    ranksOnly: true,
    help: 'A seeded random order of the items per user: the floor any ranking model must beat. Ranking only: its scores are not ratings.',
    params: [],
  },
];
