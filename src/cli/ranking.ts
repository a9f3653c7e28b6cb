/**
 * Ranking flags and figures the CLI commands share: `evaluate --ranking --k K
 * [--negatives N] [--relevance T]`, search's `--metric ndcg@10`, the ranking JSON in
 * snake_case, the per-user CSV columns, and the human ranking block. The conventions
 * themselves (catalog, candidates, relevance, ties, sampled protocol) are the
 * engine's: src/core/ranking/index.ts.
 */
import { METRICS as LIST_METRICS, type PerUserErrors, type PerUserRanking } from '../core/ranking/index.ts';
import { RANK_MEASURES, type RankingMeans, type RankingRequest } from '../core/selection/crossValidate.ts';
import type { RankMeasure } from '../core/selection/search.ts';
import { CliError } from './main.ts';

export const RANKING_OPTIONS = {
  ranking: { type: 'boolean' },
  k: { type: 'string' },
  negatives: { type: 'string' },
  relevance: { type: 'string' },
} as const;

export const RANKING_USAGE = `  --ranking              also rank each test user's unrated catalog items (top K):
                         HR, precision, recall, MAP, NDCG, MRR @K, coverage, novelty,
                         ARP, long-tail share, Gini
  --k K                  the cut-off (default 10)
  --negatives N          also the sampled protocol: each held-out item ranked among N
                         seeded negatives of its user (seed = --seed)
  --relevance T          only held-out items rated ≥ T are relevant (default: all)`;

export interface RankingValues {
  ranking?: boolean;
  k?: string;
  negatives?: string;
  relevance?: string;
}

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${flag} needs a whole number ≥ 1, got "${value}"`);
  return n;
}

/** The ranking request of the flags, or undefined without --ranking; `seed` seeds the negatives. */
export function parseRanking(values: RankingValues, seed: number): RankingRequest | undefined {
  if (!values.ranking) {
    for (const f of ['k', 'negatives', 'relevance'] as const) {
      if (values[f] !== undefined) throw new CliError(`--${f} goes with --ranking`);
    }
    return undefined;
  }
  const k = values.k === undefined ? 10 : positiveInt('k', values.k);
  const req: RankingRequest = { k };
  if (values.negatives !== undefined) {
    req.negatives = positiveInt('negatives', values.negatives);
    req.seed = seed;
  }
  if (values.relevance !== undefined) {
    const t = Number(values.relevance);
    if (values.relevance.trim() === '' || !Number.isFinite(t)) throw new CliError(`--relevance needs a number, got "${values.relevance}"`);
    req.relevance = t;
  }
  return req;
}

/** A ranking objective "ndcg@10": the measure and its K; null for any other name. */
export function parseRankMetric(name: string): { measure: RankMeasure; k: number } | null {
  const m = /^([a-z]+)@(\d+)$/.exec(name.toLowerCase());
  if (!m || !(RANK_MEASURES as readonly string[]).includes(m[1])) return null;
  const k = Number(m[2]);
  if (!(k >= 1)) throw new CliError(`--metric ${name}: K must be ≥ 1`);
  return { measure: m[1] as RankMeasure, k };
}

export const RANK_METRIC_NAMES = RANK_MEASURES.map((m) => `${m}@K`);

/** The JSON of one protocol's figures (means over the users, or over folds of those). */
export function rankingJson(m: RankingMeans) {
  return {
    k: m.k,
    users: m.users,
    hr: m.hr,
    precision: m.precision,
    recall: m.recall,
    map: m.map,
    ndcg: m.ndcg,
    mrr: m.mrr,
    coverage: m.coverage,
    novelty: m.novelty,
    arp: m.arp,
    long_tail: m.longTail,
    gini: m.gini,
  };
}

/** The sampled protocol's JSON: the same figures, the N asked for and the users that had fewer eligible negatives. */
export function sampledJson(m: RankingMeans, negatives: number) {
  return { ...rankingJson(m), negatives, short_users: m.shortUsers ?? 0 };
}

/**
 * Per-user columns over the union of the users of every part (ascending table user
 * index), NaN where a part has no value for a user: `rmse, mae` (left empty for a
 * model whose scores are not ratings), then the full ranking's `hr … mrr`, then the
 * sampled one's `sampled_hr …`.
 */
export function perUserColumns(
  rating: PerUserErrors,
  ranksOnly: boolean,
  full?: PerUserRanking,
  sampled?: PerUserRanking,
): { user: Int32Array; columns: Record<string, Float64Array> } {
  const parts = [rating.user, full?.user, sampled?.user].filter((u): u is Int32Array => u !== undefined);
  const user = Int32Array.from(new Set(parts.flatMap((u) => Array.from(u)))).sort();
  const at = new Map<number, number>();
  user.forEach((u, j) => at.set(u, j));
  const spread = (of: Int32Array, values: Float64Array): Float64Array => {
    const out = new Float64Array(user.length).fill(NaN);
    for (let j = 0; j < of.length; j++) out[at.get(of[j])!] = values[j];
    return out;
  };
  const empty = new Float64Array(rating.user.length).fill(NaN);
  const columns: Record<string, Float64Array> = {
    rmse: spread(rating.user, ranksOnly ? empty : rating.rmse),
    mae: spread(rating.user, ranksOnly ? empty : rating.mae),
  };
  for (const [prefix, r] of [['', full], ['sampled_', sampled]] as const) {
    if (!r) continue;
    for (const m of LIST_METRICS) columns[prefix + m] = spread(r.user, r[m]);
  }
  return { user, columns };
}

const HEADS: [string, keyof ReturnType<typeof rankingJson>][] = [
  ['HR', 'hr'],
  ['Precision', 'precision'],
  ['Recall', 'recall'],
  ['MAP', 'map'],
  ['NDCG', 'ndcg'],
  ['MRR', 'mrr'],
  ['Coverage', 'coverage'],
  ['Novelty', 'novelty'],
  ['ARP', 'arp'],
  ['Long tail', 'long_tail'],
  ['Gini', 'gini'],
];

/** The human ranking block: one row per protocol. `folds` > 1: the figures are means over folds. */
export function rankingBlock(req: RankingRequest, full: RankingMeans, sampled: RankingMeans | undefined, folds: number): string[] {
  const cell = (s: string) => s.padStart(10);
  const num = (v: number, d = 4) => (Number.isNaN(v) ? '—' : v.toFixed(d));
  const users = (v: number) => (folds > 1 ? v.toFixed(1) : String(v));
  const lines = [
    '',
    `Ranking @${req.k} of ${users(full.users)} test users${folds > 1 ? ' per fold' : ''} with a relevant held-out item` +
      (req.relevance !== undefined ? ` (rated ≥ ${req.relevance})` : '') +
      (folds > 1 ? `, means over ${folds} folds` : '') +
      ':',
    ''.padEnd(10) + HEADS.map(([h]) => cell(h)).join(''),
  ];
  const row = (label: string, m: RankingMeans) => {
    const j = rankingJson(m);
    return label.padEnd(10) + HEADS.map(([, key]) => cell(num(j[key], key === 'novelty' || key === 'arp' ? 2 : 4))).join('');
  };
  lines.push(row('full', full));
  if (sampled) {
    lines.push(row('sampled', sampled));
    lines.push(
      `full: each user's list ranks every unrated catalog item; sampled: each held-out item among ${req.negatives} negatives ` +
        `(seed ${req.seed ?? 0}); ${users(sampled.shortUsers ?? 0)} users had fewer.`,
    );
  } else {
    lines.push("full: each user's list ranks every unrated catalog item.");
  }
  return lines;
}
