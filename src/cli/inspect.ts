/**
 * `reclab inspect FILE`: import a ratings file and apply the cleaning recipe with the
 * lab's own code, printing counts before and after, k-core rounds, bad rows and
 * timings. `--json` prints one JSON object on the last line for scripts.
 */
import { parseArgs } from 'node:util';
import { applyRecipe, FilterError, type FilterRecipe } from '../core/ingest/filter.ts';
import type { ImportResult } from '../core/ingest/import.ts';
import type { TableCounts } from '../core/ratings.ts';
import { CliError } from './main.ts';
import { readRatingsFile } from './readFile.ts';
import { parseRecipe, RECIPE_OPTIONS, RECIPE_USAGE, SAMPLE_USAGE, sampleFractionFlag } from './recipeFlags.ts';

const USAGE = `usage: reclab inspect FILE [options]

  --format NAME           input format (default: detected from the file)
${SAMPLE_USAGE}
${RECIPE_USAGE}
  --json                  print one JSON object on the last line`;

const OPTIONS = {
  format: { type: 'string' },
  'sample-users-fraction': { type: 'string' },
  ...RECIPE_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length !== 1) throw new CliError(`give exactly one FILE\n${USAGE}`);
  const recipe = parseRecipe(values);
  return { path: positionals[0], format: values.format, json: values.json ?? false, recipe, sampleUsers: sampleFractionFlag(values['sample-users-fraction'], recipe.seed) };
}

const int = (n: number) => n.toLocaleString('en-US');
const line = (c: Pick<TableCounts, 'rows' | 'users' | 'items' | 'sparsity'>) =>
  `${int(c.rows)} rows · ${int(c.users)} users · ${int(c.items)} items · sparsity ${(100 * c.sparsity).toFixed(5)}%`;

function report(path: string, imported: ImportResult, filtered: ReturnType<typeof applyRecipe>, recipe: FilterRecipe, filterS: number) {
  const mib = (imported.bytes / 2 ** 20).toFixed(1);
  console.log(`file      ${path} (${imported.format}, ${mib} MiB, sha256 ${imported.sha256.slice(0, 16)}…)`);
  console.log(
    `read      ${int(imported.rowsRead)} rows in ${imported.seconds.toFixed(2)} s; ${int(imported.badRows)} bad, ` +
      `${int(imported.duplicates)} repeated user–item pairs removed (kept the latest)`,
  );
  if (imported.sampleUsers) {
    const { fraction, seed } = imported.sampleUsers;
    console.log(`sample    users with key("${seed}:<user id>") < ${fraction}: ${int(imported.sampledOut)} rows of the others left out`);
  }
  for (const b of imported.badExamples) console.log(`  bad row  line ${b.line}: ${b.reason}: ${JSON.stringify(b.text.slice(0, 100))}`);
  console.log(`before    ${line(filtered.before)}`);
  const steps = [
    recipe.verifiedOnly ? 'verified only' : '',
    recipe.ratingMin !== undefined || recipe.ratingMax !== undefined ? `ratings ${recipe.ratingMin ?? '…'}–${recipe.ratingMax ?? '…'}` : '',
    recipe.timeFrom !== undefined || recipe.timeTo !== undefined ? `times ${recipe.timeFrom ?? '…'}–${recipe.timeTo ?? '…'} s` : '',
    recipe.sampleUsers !== undefined ? `${int(recipe.sampleUsers)} users sampled (seed ${recipe.seed})` : '',
    `k-core (users ≥ ${recipe.minUserRatings}, items ≥ ${recipe.minItemRatings})`,
  ].filter(Boolean);
  console.log(`filter    ${steps.join(', ')}: ${filtered.rounds.length} round${filtered.rounds.length === 1 ? '' : 's'} in ${filterS.toFixed(2)} s`);
  for (const r of filtered.rounds) console.log(`  round ${String(r.round).padStart(2)}  ${int(r.rows)} rows · ${int(r.users)} users · ${int(r.items)} items`);
  console.log(`after     ${line(filtered.after)}`);
}

export async function inspect(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const imported = await readRatingsFile(args.path, { format: args.format, ...(args.sampleUsers ? { sampleUsers: args.sampleUsers } : {}) });
  const t1 = performance.now();
  let filtered;
  try {
    filtered = applyRecipe(imported.table, args.recipe);
  } catch (err) {
    if (err instanceof FilterError) throw new CliError(`${args.path}: ${err.message}`);
    throw err;
  }
  const t2 = performance.now();
  const ms = (a: number, b: number) => Math.round(b - a) / 1000;
  const seconds = { parse: ms(started, t1), filter: ms(t1, t2), total: ms(started, t2) };
  if (!args.json) {
    report(args.path, imported, filtered, args.recipe, seconds.filter);
    console.log(`seconds   parse ${seconds.parse.toFixed(2)} · filter ${seconds.filter.toFixed(2)} · total ${seconds.total.toFixed(2)}`);
    return 0;
  }
  const { before, after } = filtered;
  console.log(
    JSON.stringify({
      file: args.path,
      format: imported.format,
      sha256: imported.sha256,
      rows: before.rows,
      users: before.users,
      items: before.items,
      bad_rows: imported.badRows,
      duplicates: imported.duplicates,
      ...(imported.sampleUsers ? { sample_users: { fraction: imported.sampleUsers.fraction, seed: imported.sampleUsers.seed, rows_left_out: imported.sampledOut } } : {}),
      after: { rows: after.rows, users: after.users, items: after.items, rounds: filtered.rounds.length },
      seconds,
    }),
  );
  return 0;
}
