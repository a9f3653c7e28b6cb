/** Statistics for comparing two runs over the same users (paired per-user metrics). */
export { pairedTTest, wilcoxon } from './paired.ts';
export type { PairedTTestResult, WilcoxonResult } from './paired.ts';
export { holm } from './holm.ts';
export { kendallTau } from './kendall.ts';
export { drillDown, type DrillDown, type UserDifference } from './drillDown.ts';
export { compareUsers, significant, type Comparison, type MetricComparison, type PerUserTable } from './compare.ts';
export {
  erfc,
  lnBeta,
  lnGamma,
  normalTwoSidedP,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTSf,
  studentTTwoSidedP,
} from './special.ts';
export { numpyMean, pairwiseSum } from './pairwiseSum.ts';
