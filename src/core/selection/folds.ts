/**
 * Fold helpers shared by the lab's training job and the CLI: the validation folds a
 * search scores its candidates on, and the summary that names a run's split.
 */
import { pick } from '../pick.ts';
import type { Split } from '../split.ts';
import { kFold, splitFingerprint } from './splits.ts';

/** k folds of a split's training rows (as table rows): where a search scores its candidates. */
export function validationFolds(train: Int32Array, folds: number, seed: number): Split[] {
  return kFold(train.length, { nSplits: folds, seed }).map((f) => ({ train: pick(train, f.train), test: pick(train, f.test) }));
}

export interface SplitSummary {
  /** splitFingerprint of the (first) fold; equal fingerprints, equal rows. */
  fingerprint: string;
  train: number;
  test: number;
  /** Test rows dropped because filtering after the split removed their user or item. */
  unscorable: number;
}

/**
 * The fingerprint and sizes of a run's folds. Several folds are named by the first
 * and last test parts, which pin the fold assignment without hashing every fold.
 */
export function splitSummary(folds: Split[], unscorable: number[]): SplitSummary {
  const fingerprint = folds.length === 1 ? splitFingerprint(folds[0]) : splitFingerprint({ train: folds[0].test, test: folds.at(-1)!.test });
  return { fingerprint, train: folds[0].train.length, test: folds[0].test.length, unscorable: unscorable.reduce((a, b) => a + b, 0) };
}
