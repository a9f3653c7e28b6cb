/**
 * Import-time user sampling: a row is kept when its user's key falls under the
 * fraction, so every user keeps all of their rows or none, and the full table is never
 * held. The key must be cheap (it runs on every row of a 40M-row file, before the id is
 * interned) and repeatable by another engine, so it is not the SHA-256 key of the
 * filters' "sample N users" (see README, Keys): it is
 *
 *   key(user) = fmix32(FNV-1a-32(UTF-8 of "<seed>:<user id>")) / 2^32
 *
 * (FNV-1a with offset 2166136261 and prime 16777619; fmix32 is MurmurHash3's
 * finaliser, which spreads FNV's weak low bits), and a user is kept when key < fraction.
 */
import { fmix32 } from '../rng.ts';
import { hashBytes } from './idDictionary.ts';

export interface UserSampleRule {
  /** Share of users kept, in (0, 1]. */
  fraction: number;
  seed: number;
}

/** Why a fraction cannot sample, or null when it can. */
export function sampleFractionProblem(fraction: number): string | null {
  return fraction > 0 && fraction <= 1 ? null : `the share of users to keep must be above 0 and at most 1, got ${fraction}`;
}

export class UserSample {
  /** The FNV state after "<seed>:", so each row hashes only its id's bytes. */
  private readonly prefix: number;
  /** Keys below this (as unsigned 32-bit integers) are kept. */
  private readonly threshold: number;

  constructor(readonly rule: UserSampleRule) {
    const problem = sampleFractionProblem(rule.fraction);
    if (problem) throw new RangeError(problem);
    const prefix = new TextEncoder().encode(`${rule.seed}:`);
    this.prefix = hashBytes(prefix, 0, prefix.length);
    this.threshold = rule.fraction * 2 ** 32;
  }

  /** Whether the user whose id is the UTF-8 bytes [s, e) of `b` is kept. */
  keeps(b: Uint8Array, s: number, e: number): boolean {
    return fmix32(hashBytes(b, s, e, this.prefix)) < this.threshold;
  }
}
