/**
 * The comparison table's columns as values: what a column holds for a run, which way
 * is better (for the "best" mark and the first click's order), and sorting with
 * missing values (NaN, a ranking-only model's RMSE) always last.
 */
import type { RankingMeans } from '../../core/selection/crossValidate.ts';
import type { RunRecord } from '../../storage/runs.ts';

type RankKey = keyof Pick<RankingMeans, 'hr' | 'ndcg' | 'map' | 'precision' | 'recall' | 'mrr' | 'coverage' | 'novelty' | 'arp' | 'longTail' | 'gini'>;

/** Ranking metrics where higher is plainly better; the beyond-accuracy figures (coverage, novelty, popularity, Gini) sort but get no "best". */
const ACCURACY = new Set<string>(['hr', 'ndcg', 'map', 'precision', 'recall', 'mrr']);

export interface Sort {
  key: string;
  dir: 'asc' | 'desc';
}

/** The value a column shows for a run: a number (NaN when it has none) or, for the backend, text. */
export function columnValue(rec: RunRecord, key: string): number | string {
  switch (key) {
    case 'rmse':
      return rec.rmse;
    case 'mae':
      return rec.mae;
    case 'mse':
      return rec.mse;
    case 'fcp':
      return rec.fcp;
    case 'pearson':
      return rec.pearson;
    case 'fit':
      return rec.fitSeconds;
    case 'test':
      return rec.testSeconds;
    case 'sps':
      return rec.samplesPerSec ?? NaN;
    case 'backend':
      return rec.backend;
  }
  const [metric, protocol] = key.split('-') as [RankKey, 'full' | 'sampled'];
  const means = protocol === 'sampled' ? rec.ranking?.sampled : rec.ranking?.full;
  return means?.[metric] ?? NaN;
}

/** Which way a column is better, or null where "best" means nothing (text, beyond-accuracy figures). */
export function better(key: string): 'low' | 'high' | null {
  if (key === 'rmse' || key === 'mae' || key === 'mse' || key === 'fit' || key === 'test') return 'low';
  if (key === 'fcp' || key === 'pearson' || key === 'sps') return 'high';
  return ACCURACY.has(key.split('-')[0]) ? 'high' : null;
}

/** The first click sorts best first (text A to Z); a click on the sorted column turns it round. */
export function nextSort(current: Sort | null, key: string): Sort {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: better(key) === 'high' ? 'desc' : 'asc' };
}

const missing = (v: number | string) => typeof v === 'number' && Number.isNaN(v);

export function sortRows<T extends { rec: RunRecord }>(rows: readonly T[], sort: Sort): T[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: columnValue(row.rec, sort.key) }))
    .sort((a, b) => {
      const gap = Number(missing(a.v)) - Number(missing(b.v));
      if (gap || missing(a.v)) return gap || a.index - b.index;
      const d = typeof a.v === 'string' ? a.v.localeCompare(String(b.v)) : a.v - (b.v as number);
      return sign * d || a.index - b.index;
    })
    .map((x) => x.row);
}

/** The best value of each column that has one, over the rows (only when two or more rows have a value to compare). */
export function bestValues(recs: readonly RunRecord[], keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of keys) {
    const way = better(key);
    if (!way) continue;
    const values = recs.map((r) => columnValue(r, key) as number).filter((v) => !Number.isNaN(v));
    if (values.length < 2) continue;
    out[key] = way === 'low' ? Math.min(...values) : Math.max(...values);
  }
  return out;
}
