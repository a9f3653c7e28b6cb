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
export interface UserSampleRule {
  /** Share of users kept, in (0, 1]. */
  fraction: number;
  seed: number;
}

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

function fnv1a(h: number, b: Uint8Array, s: number, e: number): number {
  for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], FNV_PRIME);
  return h;
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
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
    this.prefix = fnv1a(FNV_OFFSET, prefix, 0, prefix.length);
    this.threshold = rule.fraction * 2 ** 32;
  }

  /** Whether the user whose id is the UTF-8 bytes [s, e) of `b` is kept. */
  keeps(b: Uint8Array, s: number, e: number): boolean {
    return fmix32(fnv1a(this.prefix, b, s, e)) < this.threshold;
  }
}
