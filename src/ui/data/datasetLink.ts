/**
 * Which dataset a link is about: the source file's SHA-256 and name, the dataset's
 * name, and the filters that made it from that file (a filtered dataset of a filtered
 * dataset has two). Another browser finds the same dataset by them, or says which
 * file to add and offers to filter it the same way. It travels in the page URL
 * through ../labState.ts.
 */
import type { FilterRecipe } from '../../core/ingest/filter.ts';
import type { UserSampleRule } from '../../core/ingest/userSample.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';

export interface DatasetLink {
  sha256: string;
  fileName: string;
  name: string;
  /** The filters from the imported file to the dataset, first applied first; empty for the import itself. */
  filters: FilterRecipe[];
  /** The user sample the file was imported with, when it was. */
  sample?: UserSampleRule;
}

/** The same sample (or none) gives the same text. */
const sampleText = (s: UserSampleRule | undefined): string => (s ? `${s.fraction}:${s.seed}` : '');

/** The filters that made `d` from its file, as far as its parents are still stored. */
function chainOf(d: DatasetRecord, all: readonly DatasetRecord[]): FilterRecipe[] {
  const chain: FilterRecipe[] = [];
  for (let cur: DatasetRecord | undefined = d; cur?.recipe; cur = all.find((p) => p.id === cur!.recipe!.parent.id)) chain.unshift(cur.recipe.filters);
  return chain;
}

export function linkOf(d: DatasetRecord, all: readonly DatasetRecord[]): DatasetLink {
  return { sha256: d.source.sha256, fileName: d.source.fileName, name: d.name, filters: chainOf(d, all), ...(d.source.sampleUsers ? { sample: d.source.sampleUsers } : {}) };
}

/** A recipe with its keys in one order and unset ones left out: equal recipes give equal text. */
function recipeText(f: FilterRecipe): string {
  const o = f as unknown as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => [k, o[k]])));
}

export const chainText = (filters: readonly FilterRecipe[]): string => `[${filters.map(recipeText).join(',')}]`;

/** A stored dataset that is the linked one: the same file, filtered the same way. */
export function findLinked(link: DatasetLink, all: readonly DatasetRecord[]): DatasetRecord | null {
  const want = chainText(link.filters);
  // The most recent such dataset (a copy loaded twice is the same data).
  const sample = sampleText(link.sample);
  return [...all].reverse().find((d) => d.source.sha256 === link.sha256 && sampleText(d.source.sampleUsers) === sample && chainText(chainOf(d, all)) === want) ?? null;
}

/** The stored import of the linked file, to filter the same way, when the link is to a filtered dataset. */
export function linkedFile(link: DatasetLink, all: readonly DatasetRecord[]): DatasetRecord | null {
  if (link.filters.length === 0) return null;
  const sample = sampleText(link.sample);
  return [...all].reverse().find((d) => d.source.sha256 === link.sha256 && sampleText(d.source.sampleUsers) === sample && !d.recipe) ?? null;
}
