/** How a dataset was made, in one sentence: shown in the dataset list and in a run's details. */
import type { UserSampleRule } from '../../core/ingest/userSample.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { fmtInt } from '../common/format.ts';

export function recipeText(r: NonNullable<DatasetRecord['recipe']>): string {
  const f = r.filters;
  const parts = [`from “${r.parent.name}”`, `users ≥ ${f.minUserRatings}, items ≥ ${f.minItemRatings} ratings (k-core, ${r.rounds.length} rounds)`];
  if (f.verifiedOnly) parts.push('verified only');
  if (f.ratingMin !== undefined || f.ratingMax !== undefined) parts.push(`ratings ${f.ratingMin ?? '…'}–${f.ratingMax ?? '…'}`);
  if (f.timeFrom !== undefined || f.timeTo !== undefined) {
    const day = (t?: number) => (t === undefined ? '…' : new Date(t * 1000).toISOString().slice(0, 10));
    parts.push(`dates ${day(f.timeFrom)} to ${day(f.timeTo)}`);
  }
  if (f.sampleUsers !== undefined) {
    parts.push(`${fmtInt(f.sampleUsers)} users sampled${(r.version ?? 1) < 2 ? ' (by the version 1 rule, a seeded shuffle)' : ' (smallest seeded SHA-256 keys)'}`);
  }
  parts.push(`seed ${f.seed}`);
  return `Filtered ${parts.join(', ')}.`;
}

/** "1 in 8 users" (or "12.5% of the users" for a share that is not one in a whole number). */
export function sampleShare(rule: UserSampleRule): string {
  const oneIn = 1 / rule.fraction;
  return Math.abs(oneIn - Math.round(oneIn)) < 1e-9 ? `1 in ${Math.round(oneIn)} users` : `${Number((100 * rule.fraction).toFixed(4))}% of the users`;
}

/** What an import that sampled users kept: the rule, its seed, and the rows it left out. */
export function importSampleText(rule: UserSampleRule, sampledOut: number | undefined): string {
  const left = sampledOut === undefined ? '' : `; ${fmtInt(sampledOut)} rows of the other users left out`;
  return `Imported ${sampleShare(rule)} (those with key("${rule.seed}:<user id>") < ${rule.fraction}, seed ${rule.seed})${left}.`;
}
