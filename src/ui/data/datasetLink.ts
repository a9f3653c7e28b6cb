/**
 * Which dataset a link is about, in the page URL: the source file's SHA-256 and name,
 * the dataset's name, and the filters that made it from that file (a filtered
 * dataset of a filtered dataset has two). Another browser finds the same dataset by
 * them, or says which file to add and offers to filter it the same way.
 */
import type { FilterRecipe } from '../../core/ingest/filter.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';

export interface DatasetLink {
  sha256: string;
  fileName: string;
  name: string;
  /** The filters from the imported file to the dataset, first applied first; empty for the import itself. */
  filters: FilterRecipe[];
}

const KEYS = { sha256: 'ds', fileName: 'ds_file', name: 'ds_name', filters: 'ds_filters' } as const;
const SHA256 = /^[0-9a-f]{64}$/;

/** The filters that made `d` from its file, as far as its parents are still stored. */
function chainOf(d: DatasetRecord, all: readonly DatasetRecord[]): FilterRecipe[] {
  const chain: FilterRecipe[] = [];
  for (let cur: DatasetRecord | undefined = d; cur?.recipe; cur = all.find((p) => p.id === cur!.recipe!.parent.id)) chain.unshift(cur.recipe.filters);
  return chain;
}

export function linkOf(d: DatasetRecord, all: readonly DatasetRecord[]): DatasetLink {
  return { sha256: d.source.sha256, fileName: d.source.fileName, name: d.name, filters: chainOf(d, all) };
}

/** A recipe with its keys in one order and unset ones left out: equal recipes give equal text. */
function recipeText(f: FilterRecipe): string {
  const o = f as unknown as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => [k, o[k]])));
}

const chainText = (filters: readonly FilterRecipe[]): string => `[${filters.map(recipeText).join(',')}]`;

export function linkToQuery(link: DatasetLink, q: URLSearchParams): void {
  q.set(KEYS.sha256, link.sha256);
  q.set(KEYS.fileName, link.fileName);
  q.set(KEYS.name, link.name);
  if (link.filters.length) q.set(KEYS.filters, chainText(link.filters));
  else q.delete(KEYS.filters);
}

export function clearLink(q: URLSearchParams): void {
  for (const key of Object.values(KEYS)) q.delete(key);
}

function isRecipe(v: unknown): v is FilterRecipe {
  const r = v as FilterRecipe;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.minUserRatings) &&
    Number.isInteger(r.minItemRatings) &&
    typeof r.verifiedOnly === 'boolean' &&
    Number.isInteger(r.seed) &&
    (['ratingMin', 'ratingMax', 'timeFrom', 'timeTo', 'sampleUsers'] as const).every((k) => r[k] === undefined || Number.isFinite(r[k]))
  );
}

/** The link a URL carries, or null when it names no dataset (or names one in a way that cannot be read). */
export function linkFromQuery(q: URLSearchParams): DatasetLink | null {
  const sha256 = q.get(KEYS.sha256)?.toLowerCase() ?? '';
  if (!SHA256.test(sha256)) return null;
  let filters: unknown = [];
  try {
    filters = JSON.parse(q.get(KEYS.filters) ?? '[]');
  } catch {
    return null;
  }
  if (!Array.isArray(filters) || !filters.every(isRecipe)) return null;
  return { sha256, fileName: q.get(KEYS.fileName) ?? 'unknown file', name: q.get(KEYS.name) ?? 'unnamed dataset', filters };
}

/** A stored dataset that is the linked one: the same file, filtered the same way. */
export function findLinked(link: DatasetLink, all: readonly DatasetRecord[]): DatasetRecord | null {
  const want = chainText(link.filters);
  // The most recent such dataset (a copy loaded twice is the same data).
  return [...all].reverse().find((d) => d.source.sha256 === link.sha256 && chainText(chainOf(d, all)) === want) ?? null;
}

/** The stored import of the linked file, to filter the same way, when the link is to a filtered dataset. */
export function linkedFile(link: DatasetLink, all: readonly DatasetRecord[]): DatasetRecord | null {
  if (link.filters.length === 0) return null;
  return [...all].reverse().find((d) => d.source.sha256 === link.sha256 && !d.recipe) ?? null;
}
