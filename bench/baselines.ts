/**
 * `npm run bench:baselines [-- [--passes N] NAME …]`: 5-fold cross-validation on
 * MovieLens-100k with Surprise's own folds for every Surprise-style algorithm (or the
 * named ones), printed beside Surprise 1.1.4's figures from ../shared/anchors with the
 * time ratios and the issue's speed targets. With --passes N each algorithm runs N
 * times and the quickest pass is kept, as the anchors keep the quietest of three.
 * Prints figures; never fails on them.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { ALGORITHMS, type FlatParams } from '../src/core/registry/index.ts';
import { crossValidate, type CvResult } from '../src/core/selection/crossValidate.ts';
import { kFoldFromOrder } from '../src/core/selection/splits.ts';
import { createAlgorithm } from '../src/core/surprise/index.ts';
import { ANCHORS_DIR, loadMl100k, ml100kAvailable, ml100kKfoldOrder } from '../src/core/testing/ml100k.ts';

interface Case {
  /** The anchor row's name. */
  name: string;
  algo: string;
  params: FlatParams;
}

interface Anchor {
  rmse: number;
  mae: number;
  fit: number;
  test: number;
}

/** Surprise's mean figures per algorithm from the summary CSVs. */
function anchors(): Map<string, Anchor> {
  const out = new Map<string, Anchor>();
  for (const file of ['ml100k_cv5_summary.csv', 'ml100k_cv5_itemknn_summary.csv']) {
    const [header, ...lines] = readFileSync(`${ANCHORS_DIR}${file}`, 'utf8').trim().split('\n');
    const col = (name: string) => header.split(',').indexOf(name);
    for (const line of lines) {
      const f = line.split(',');
      out.set(f[col('algo')], {
        rmse: Number(f[col('rmse_mean')]),
        mae: Number(f[col('mae_mean')]),
        fit: Number(f[col('fit_s_mean')]),
        test: Number(f[col('test_s_mean')]),
      });
    }
  }
  return out;
}

/** Speed targets from the issue, as the largest allowed ratio to Surprise. */
function targets(algo: string): { fit: number; test: number } {
  if (algo === 'SVD') return { fit: 0.7, test: 1 };
  if (algo === 'SVDpp') return { fit: 0.15, test: 1 };
  if (algo.startsWith('KNN') || algo === 'SlopeOne') return { fit: 1, test: 0.3 };
  return { fit: 1, test: 1 };
}

/** Every core algorithm the factory builds, with defaults, plus the item-based KNN anchors. */
function cases(only: string[]): Case[] {
  const built = ALGORITHMS.filter((a) => a.engine === 'core').filter((a) => {
    try {
      createAlgorithm(a.id, {}, 0);
      return true;
    } catch {
      console.log(`(${a.id}: not in the factory yet, skipped)`);
      return false;
    }
  });
  const all: Case[] = built.map((a) => ({ name: a.id, algo: a.id, params: {} }));
  const ids = new Set(built.map((a) => a.id));
  if (ids.has('KNNBasic')) {
    all.push({ name: 'KNNBasic_item_cosine', algo: 'KNNBasic', params: { 'sim_options.name': 'cosine', 'sim_options.user_based': false } });
  }
  if (ids.has('KNNBaseline')) {
    all.push({
      name: 'KNNBaseline_item_pearson_baseline',
      algo: 'KNNBaseline',
      params: { 'sim_options.name': 'pearson_baseline', 'sim_options.user_based': false },
    });
  }
  return only.length ? all.filter((c) => only.includes(c.name) || only.includes(c.algo)) : all;
}

const f4 = (x: number) => x.toFixed(4);
const f3 = (x: number) => x.toFixed(3);
const ratio = (x: number) => `${x.toFixed(2)}×`;

async function main(): Promise<void> {
  if (!ml100kAvailable()) {
    console.log('MovieLens-100k or the Surprise anchors are missing under ../shared: nothing to benchmark.');
    return;
  }
  const table = loadMl100k();
  const folds = kFoldFromOrder(ml100kKfoldOrder(), 5);
  const surprise = anchors();
  const header = ['algorithm', 'RMSE', 'Surprise', 'MAE', 'Surprise', 'fit s', 'Surprise', 'ratio', 'test s', 'Surprise', 'ratio', 'targets'];
  const rows: string[][] = [];
  const widths = header.map((h) => h.length);
  const print = (cells: string[]) => console.log(cells.map((c, k) => (k === 0 ? c.padEnd(widths[0]) : c.padStart(widths[k]))).join('  '));
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { passes: { type: 'string', default: '1' } } });
  const passes = Math.max(1, Number(values.passes) || 1);
  for (const c of cases(positionals)) {
    const run = (): Promise<CvResult> => crossValidate(table, c.algo, c.params, folds, { seed: 0, scale: { min: 1, max: 5 } });
    let res = await run();
    for (let p = 1; p < passes; p++) {
      const r = await run();
      if (r.fitSeconds + r.testSeconds < res.fitSeconds + res.testSeconds) res = r;
    }
    const a = surprise.get(c.name);
    const t = targets(c.algo);
    const fitRatio = a ? res.fitSeconds / a.fit : NaN;
    const testRatio = a ? res.testSeconds / a.test : NaN;
    const missed: string[] = [];
    if (fitRatio > t.fit) missed.push(`fit > ${t.fit}×`);
    if (testRatio > t.test) missed.push(`test > ${t.test}×`);
    const row = [
      c.name,
      f4(res.rmse),
      a ? f4(a.rmse) : '—',
      f4(res.mae),
      a ? f4(a.mae) : '—',
      f3(res.fitSeconds),
      a ? f3(a.fit) : '—',
      a ? ratio(fitRatio) : '—',
      f3(res.testSeconds),
      a ? f3(a.test) : '—',
      a ? ratio(testRatio) : '—',
      missed.length ? `MISSED ${missed.join(', ')}` : 'met',
    ];
    rows.push(row);
    row.forEach((cell, k) => (widths[k] = Math.max(widths[k], cell.length)));
    console.log(`${c.name}: done`);
  }
  console.log(`\n5-fold CV on MovieLens-100k, Surprise's folds; seconds are means per fold (quickest of ${passes} pass(es)); ratio = RecLab / Surprise 1.1.4\n`);
  print(header);
  print(widths.map((w) => '-'.repeat(w)));
  for (const r of rows) print(r);
}

await main();
