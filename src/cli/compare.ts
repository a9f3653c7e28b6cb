/**
 * `reclab compare A.csv B.csv`: two runs compared user by user from the per-user CSVs
 * `reclab evaluate --per-user` writes. Per metric, over the users with a value in
 * both files: the means, the mean difference A − B with its 95% interval, the paired
 * t-test, the Wilcoxon signed-rank test and Holm's correction of the Wilcoxon
 * p-values across the metrics compared (src/core/stats compareUsers).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readPerUserCsv, type PerUserColumns } from '../core/ranking/perUser.ts';
import { compareUsers, significant, type Comparison } from '../core/stats/index.ts';
import { CliError } from './main.ts';

const USAGE = `usage:
  reclab compare A.csv B.csv [--metric M …] [--json]

  A.csv, B.csv           per-user CSVs of two runs on the same split
                         (\`reclab evaluate … --per-user FILE\`)
  --metric M             a column to compare; repeat it or give a comma list
                         (default: every column both files have values in)
  --json                 print one JSON object on the last line`;

const OPTIONS = {
  metric: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function readRun(path: string): Promise<PerUserColumns> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(`${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    return readPerUserCsv(text);
  } catch (err) {
    // The reader's messages start with the line ("line 7: …").
    if (err instanceof RangeError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
}

function comparisonJson(c: Comparison) {
  return {
    users: c.users,
    metrics: Object.fromEntries(
      Object.entries(c.metrics).map(([m, r]) => [
        m,
        { mean_a: r.meanA, mean_b: r.meanB, diff: r.diff, ci95: r.ci95, t_p: r.tP, wilcoxon_p: r.wilcoxonP, holm_p: r.holmP },
      ]),
    ),
  };
}

function readable(files: [string, string], c: Comparison): string {
  const num = (v: number, d = 4) => (Number.isNaN(v) ? '—' : v.toFixed(d));
  const p = (v: number) => (Number.isNaN(v) ? '—' : v < 1e-4 ? v.toExponential(1) : v.toFixed(4));
  const cols: [string, number][] = [
    ['metric', 18],
    ['users', 7],
    ['mean A', 10],
    ['mean B', 10],
    ['A − B', 10],
    ['95% CI', 22],
    ['t p', 9],
    ['Wilcoxon p', 11],
    ['Holm p', 9],
  ];
  const lines = [
    `A = ${files[0]}`,
    `B = ${files[1]}`,
    `${c.users} users in both files; per metric, the users with a value in both. * Holm-corrected Wilcoxon p < 0.05.`,
    '',
    cols.map(([h, w], j) => (j === 0 ? h.padEnd(w) : h.padStart(w))).join(''),
  ];
  for (const [m, r] of Object.entries(c.metrics)) {
    const cells = [String(r.users), num(r.meanA), num(r.meanB), num(r.diff), `[${num(r.ci95[0])}, ${num(r.ci95[1])}]`, p(r.tP), p(r.wilcoxonP), p(r.holmP)];
    lines.push(m.padEnd(cols[0][1]) + cells.map((s, j) => s.padStart(cols[j + 1][1])).join('') + (significant(r) ? ' *' : ''));
  }
  return lines.join('\n');
}

export async function compare(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new CliError(`give two per-user CSV files, got ${positionals.length}\n${USAGE}`);
  const files = positionals as [string, string];
  const names = values.metric?.flatMap((m) => m.split(',')).map((m) => m.trim()).filter((m) => m !== '');
  if (names && new Set(names).size !== names.length) throw new CliError('--metric names a column twice');

  const [a, b] = await Promise.all(files.map(readRun));
  const shared = Object.keys(a.columns).filter((m) => m in b.columns);
  for (const m of names ?? []) {
    for (const [path, run] of [[files[0], a], [files[1], b]] as const) {
      if (!(m in run.columns)) throw new CliError(`${path} has no column "${m}" (it has: ${Object.keys(run.columns).join(', ') || 'none'})`);
    }
  }
  if ((names ?? shared).length === 0) throw new CliError(`${files[0]} and ${files[1]} share no metric column`);
  let result = compareUsers(a, b, names ?? shared);
  if (result.users === 0) throw new CliError(`${files[0]} and ${files[1]} have no user in common`);
  if (!names) {
    // By default, leave out the columns no common user has a value for in both files
    // (a reference ranker's empty rmse, mae). Their p-values are NaN, which Holm does
    // not count, so the others' corrections are the same either way.
    const valued = shared.filter((m) => result.metrics[m].users > 0);
    if (valued.length === 0) throw new CliError(`${files[0]} and ${files[1]} have no user with a value in both for any shared column`);
    if (valued.length < shared.length) result = compareUsers(a, b, valued);
  }

  console.log(values.json ? JSON.stringify(comparisonJson(result)) : readable(files, result));
  return 0;
}
