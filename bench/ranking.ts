/**
 * Ranking-evaluation figures (rankModel, src/core/ranking):
 *
 * (a) MovieLens-100k, Surprise's 80/20 split (anchors ml100k_split80_20): SVD with its
 *     default params (100 factors, 20 epochs, seed 0) fitted once on the training
 *     rows; then rankModel at K = 10 under the full protocol (every evaluated user ×
 *     every catalog item the user did not rate in training) and under the sampled
 *     protocol (100 seeded negatives per user). Each figure is the median of 3 calls
 *     of rankModel alone: no fit, no data loading. Target for the full ranking: < 1 s.
 *
 * (b) Synthetic, seeded: 10,000 users × 100,000 items, 50 distinct items per user
 *     (ratings 1–5), each user's last 10 ratings held out. rankModel ranks every
 *     user's unrated catalog at K = 10 (full protocol), inside a node:worker_threads
 *     Worker, as the browser lab runs it, through an SVD with n_factors 32 and
 *     n_epochs 1 fitted on the 40 training ratings per user (scored through its
 *     estimateGrid, as the lab scores it). The figure is rankModel's wall time in the
 *     worker, and its CPU time beside it (the data generation and the fit
 *     are printed apart). Target: < 60 s.
 *
 *   npm run bench:ranking [-- --skip-large]
 */
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { coreEstimator } from '../src/core/estimator/coreEstimator.ts';
import type { FittedModel } from '../src/core/estimator/types.ts';
import { rankModel, type RankingResult, type Scorer } from '../src/core/ranking/index.ts';
import type { RatingsTable } from '../src/core/ratings.ts';
import { findAlgorithm, resolveParams, type FlatParams } from '../src/core/registry/index.ts';
import { createRng } from '../src/core/rng.ts';
import { tableScale } from '../src/core/selection/crossValidate.ts';
import type { Split } from '../src/core/split.ts';
import { ml100kAvailable, ml100kSplit80 } from '../src/core/testing/ml100k.ts';

const seconds = (t0: number): number => (performance.now() - t0) / 1000;
const median = (a: number[]): number => a.slice().sort((x, y) => x - y)[a.length >> 1];

async function fitSvd(table: RatingsTable, split: Split, params: FlatParams): Promise<FittedModel> {
  return coreEstimator().fit({ table, train: split.train, algo: 'SVD', params: resolveParams(findAlgorithm('SVD'), params), seed: 0, scale: tableScale(table) });
}

/** A scorer that counts the (user, item) pairs it is asked for and the seconds its estimate calls take (grid calls included). */
function counting(model: Scorer): Scorer & { pairs: number; seconds: number } {
  const timed = async (pairs: number, call: () => Promise<Float64Array>) => {
    c.pairs += pairs;
    const t = performance.now();
    const out = await call();
    c.seconds += seconds(t);
    return out;
  };
  const c: Scorer & { pairs: number; seconds: number } = {
    pairs: 0,
    seconds: 0,
    estimate: (u, i) => timed(u.length, () => model.estimate(u, i)),
    ...(model.estimateGrid && { estimateGrid: (u: Int32Array, i: Int32Array) => timed(u.length * i.length, () => model.estimateGrid!(u, i)) }),
  };
  return c;
}

const fmt = (r: RankingResult) => `HR ${r.hr.toFixed(4)}, NDCG ${r.ndcg.toFixed(4)}, MAP ${r.map.toFixed(4)}, coverage ${r.coverage.toFixed(4)}`;

/** (a): ML-100k 80/20, median of 3 rankModel calls per protocol. */
async function ml100k(): Promise<void> {
  const { table, split } = ml100kSplit80();
  const t0 = performance.now();
  const model = await fitSvd(table, split, {});
  console.log(`## (a) ML-100k, Surprise's 80/20 split: ${table.userIds.length} users × ${table.itemIds.length} items, ${split.train.length} train / ${split.test.length} test rows`);
  console.log(`SVD (default params: 100 factors, 20 epochs), fitted once in ${seconds(t0).toFixed(2)} s (not timed below)`);
  for (const [label, opts] of [
    ['full, K = 10', { k: 10 }],
    ['sampled, K = 10, 100 negatives', { k: 10, negatives: 100, seed: 0 }],
  ] as const) {
    const times: number[] = [];
    let last: RankingResult | undefined;
    let pairs = 0;
    for (let rep = 0; rep < 3; rep++) {
      const scorer = counting(model);
      const t = performance.now();
      last = await rankModel(scorer, table, split, opts);
      times.push(seconds(t));
      pairs = scorer.pairs;
    }
    console.log(
      `${label.padEnd(32)} rankModel median of 3: ${median(times).toFixed(3)} s (runs ${times.map((x) => x.toFixed(3)).join(', ')}); ` +
        `${last!.users} users, ${pairs.toLocaleString('en')} pairs scored; ${fmt(last!)}`,
    );
  }
  model.dispose();
}

const LARGE = { users: 10_000, items: 100_000, perUser: 50, heldOut: 10, factors: 32, k: 10, seed: 7 };

/** (b)'s data: per user, `perUser` distinct uniform items; the last `heldOut` rows of each user are the test rows. */
function syntheticTable(): { table: RatingsTable; split: Split } {
  const { users, items, perUser, heldOut, seed } = LARGE;
  const rng = createRng(seed);
  const n = users * perUser;
  const table: RatingsTable = {
    user: new Int32Array(n),
    item: new Int32Array(n),
    rating: new Float32Array(n),
    time: new Float64Array(n),
    verified: null,
    userIds: Array.from({ length: users }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: items }, (_, i) => `i${i}`),
  };
  const train = new Int32Array(users * (perUser - heldOut));
  const test = new Int32Array(users * heldOut);
  const seen = new Set<number>();
  for (let u = 0, row = 0; u < users; u++) {
    seen.clear();
    for (let r = 0; r < perUser; r++, row++) {
      let i = rng.int(items);
      while (seen.has(i)) i = rng.int(items);
      seen.add(i);
      table.user[row] = u;
      table.item[row] = i;
      table.rating[row] = 1 + rng.int(5);
      table.time[row] = row;
      if (r < perUser - heldOut) train[u * (perUser - heldOut) + r] = row;
      else test[u * heldOut + r - (perUser - heldOut)] = row;
    }
  }
  return { table, split: { train, test } };
}

/** (b), in the worker: generate, fit (neither in the figure), rank (the figure). */
async function largeInWorker(): Promise<Record<string, number>> {
  let t = performance.now();
  const { table, split } = syntheticTable();
  const generate = seconds(t);
  t = performance.now();
  const model = await fitSvd(table, split, { n_factors: LARGE.factors, n_epochs: 1 });
  const fit = seconds(t);
  const scorer = counting(model);
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await rankModel(scorer, table, split, { k: LARGE.k });
  const rank = seconds(t);
  const cpu = process.cpuUsage(cpu0);
  return { generate, fit, rank, cpu: (cpu.user + cpu.system) / 1e6, scoring: scorer.seconds, users: r.users, pairs: scorer.pairs, hr: r.hr, ndcg: r.ndcg, coverage: r.coverage };
}

async function large(): Promise<void> {
  const { users, items, perUser, heldOut, factors, k } = LARGE;
  console.log(`\n## (b) synthetic: ${users.toLocaleString('en')} users × ${items.toLocaleString('en')} items, ${perUser} ratings per user (${heldOut} held out), in a worker thread`);
  const t = performance.now();
  const out = await new Promise<Record<string, number>>((resolve, reject) => {
    // This same file is the worker's script. A worker does not inherit tsx's loader, so a
    // two-line bootstrap registers it first, as bin/reclab.js does.
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(boot, { eval: true });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
  const scorer = `SVD (n_factors ${factors}, n_epochs 1) fitted on the ${(users * (perUser - heldOut)).toLocaleString('en')} training rows`;
  console.log(`data generated in ${out.generate.toFixed(2)} s; ${scorer} in ${out.fit.toFixed(2)} s (neither in the figure)`);
  console.log(
    `full ranking at K = ${k}, rankModel in the worker: ${out.rank.toFixed(2)} s for ${out.users.toLocaleString('en')} users, ` +
      `${out.pairs.toLocaleString('en')} (user, item) pairs scored (the fitted SVD through its estimateGrid) and top-${k} selected; ` +
      `HR ${out.hr.toFixed(4)}, NDCG ${out.ndcg.toFixed(4)}, coverage ${out.coverage.toFixed(4)}`,
  );
  console.log(
    `of which the scorer's estimate calls ${out.scoring.toFixed(2)} s (${((out.scoring / out.pairs) * 1e9).toFixed(1)} ns/pair) and the rest of rankModel ` +
      `(candidate lists, top-${k} heaps, metrics, exposure) ${(out.rank - out.scoring).toFixed(2)} s (${(((out.rank - out.scoring) / out.pairs) * 1e9).toFixed(1)} ns/pair)`,
  );
  console.log(`(worker start to result, data and scorer included: ${seconds(t).toFixed(2)} s; CPU time of rankModel, this process: ${out.cpu.toFixed(2)} s — near the wall time on an idle machine, below it on a loaded one)`);
}

if (isMainThread) {
  const { values } = parseArgs({ options: { 'skip-large': { type: 'boolean', default: false } } });
  if (ml100kAvailable()) await ml100k();
  else console.log('## (a) skipped: MovieLens-100k and the Surprise anchors are not under ../shared');
  if (!values['skip-large']) await large();
} else {
  parentPort!.postMessage(await largeInWorker());
}
