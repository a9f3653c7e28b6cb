import { applyRecipe, RECIPE_VERSION, type FilterRecipe, type FilterResult } from './filter.ts';
import type { ColumnMap, FormatName } from './formats.ts';
import { ImportError } from './errors.ts';
import { importRatings, type ImportOptions, type ImportResult } from './import.ts';

/**
 * Everything needed to rebuild a saved dataset from its source file and to cite it:
 * which file (name, size, SHA-256), how it was read, the filters and seed, and the
 * counts the rebuild must reproduce.
 */
export interface DatasetRecipe {
  /** RECIPE_VERSION when saved: which rules the filters ran by. */
  version: number;
  source: { fileName: string; bytes: number; sha256: string; format: FormatName; columnMap?: ColumnMap };
  filters: Omit<FilterRecipe, 'seed'>;
  seed: number;
  counts: {
    /** Valid rows read, repeated pairs removed (keep-latest), before any filter. */
    imported: { rows: number; users: number; items: number };
    after: { rows: number; users: number; items: number };
    kcoreRounds: number;
  };
}

export function makeRecipe(
  imported: ImportResult,
  filter: FilterRecipe,
  filtered: FilterResult,
  columnMap?: ColumnMap,
): DatasetRecipe {
  const { seed, ...filters } = filter;
  const { fileName, bytes, sha256, format } = imported;
  const pick = (c: { rows: number; users: number; items: number }) => ({ rows: c.rows, users: c.users, items: c.items });
  return {
    version: RECIPE_VERSION,
    source: { fileName, bytes, sha256, format, ...(columnMap ? { columnMap } : {}) },
    filters,
    seed,
    counts: { imported: pick(filtered.before), after: pick(filtered.after), kcoreRounds: filtered.rounds.length },
  };
}

/**
 * Rebuild a dataset from its source file: same format, same filters, same seed ⇒ the
 * same table. A different file (checksum) is refused with a clear message.
 */
export async function rebuild(
  source: ReadableStream<Uint8Array>,
  recipe: DatasetRecipe,
  opts: Pick<ImportOptions, 'signal' | 'onProgress'> = {},
): Promise<{ imported: ImportResult; filtered: FilterResult }> {
  const { fileName, bytes, sha256, format, columnMap } = recipe.source;
  if (recipe.version < RECIPE_VERSION && recipe.filters.sampleUsers !== undefined) {
    throw new ImportError(fileName, `this recipe sampled users by the version ${recipe.version} rule (a seeded shuffle), which the lab no longer runs; its counts stay on record.`);
  }
  const imported = await importRatings(source, { ...opts, fileName, totalBytes: bytes, format, columnMap });
  if (imported.sha256 !== sha256) {
    throw new ImportError(
      fileName,
      `this is not the file the dataset was built from (SHA-256 ${imported.sha256.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…). Use the original file.`,
    );
  }
  const filtered = applyRecipe(imported.table, { ...recipe.filters, seed: recipe.seed });
  return { imported, filtered };
}
