/**
 * Recommendation timings (`npm run bench:recommend`), each the median of several runs
 * of exactly what the lab's training worker does for one request (Node runs the same
 * V8 engine as a browser worker):
 *
 * (a) top-N: a factor model's raw estimates of one user for every item of a 1M-item
 *     catalog, through the one estimator interface (`userScores`), then the top 10
 *     unseen items with ties by raw id (`topUnseen`). The model is Surprise's SVD
 *     fitted for one epoch on a seeded table of 1M items (one rating each, 20,000 users),
 *     so the estimate path is the fitted model's own. Target: < 50 ms.
 * (b) hybrid re-ranking: for a user with 50 training ratings, the profile from those
 *     ratings and the cosine re-ranking of 100 candidates, over the TF-IDF index of (c)
 *     already built (`tfidfProfile` + `rerankBySimilarity`). Target: < 10 ms.
 * (c) the TF-IDF index of 1M seeded synthetic titles (2–8 words drawn Zipf-like from a
 *     50,000-word vocabulary, one word in eight non-ASCII), `buildTfidfIndex`. Target: < 10 s.
 *
 * (d) fold-in: a visitor who rated 10 items folded into the model of (a) (`foldIn`:
 *     their vector and bias solved with the items fixed, then estimates of every item),
 *     and their top 10 unseen (`topUnseen`): the visitor panel's whole update after a
 *     rating, over 1M items. Target: < 100 ms.
 *
 * Add a timing by appending to SECTIONS: each prints its own lines.
 *
 *   npm run bench:recommend [-- --only a,b,c,d] [--factors 100]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { coreEstimator } from '../src/core/estimator/coreEstimator.ts';
import type { FittedModel } from '../src/core/estimator/types.ts';
import { rerankBySimilarity } from '../src/core/hybrid.ts';
import type { RatingsTable } from '../src/core/ratings.ts';
import { ratedBy, topUnseen, userScores } from '../src/core/recommend.ts';
import { findAlgorithm, resolveParams } from '../src/core/registry/index.ts';
import { createRng, type Rng } from '../src/core/rng.ts';
import { buildTfidfIndex, tfidfProfile, type TfidfIndex } from '../src/core/text/tfidf.ts';

const { values: args } = parseArgs({ options: { only: { type: 'string' }, factors: { type: 'string' } } });
const FACTORS = Number(args.factors ?? 32);
const ITEMS = 1_000_000;

const median = (a: number[]): number => a.slice().sort((x, y) => x - y)[a.length >> 1];

/** Wall-clock and CPU milliseconds of each timed call. */
interface Times {
  wall: number[];
  cpu: number[];
}

/**
 * Median wall time with the best run, and the median CPU time of this process (user +
 * system): on a shared machine whose cores are busy the wall time waits for a core,
 * the CPU time much less so; on an idle machine the two agree.
 */
const fmtMs = ({ wall, cpu }: Times) =>
  `wall median ${median(wall).toFixed(1)} ms (best ${Math.min(...wall).toFixed(1)}), CPU median ${median(cpu).toFixed(1)} ms over ${wall.length} runs`;

/** `reps` timed calls of `f` after one untimed warm-up call. */
async function timed(reps: number, f: () => unknown): Promise<Times> {
  await f();
  const out: Times = { wall: [], cpu: [] };
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    out.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    out.cpu.push((c.user + c.system) / 1000);
  }
  return out;
}

/** 1M items rated once each, round-robin over 20,000 users (so user 0 has 50 ratings). */
function catalogTable(rng: Rng): RatingsTable {
  const users = 20_000;
  const table: RatingsTable = {
    user: new Int32Array(ITEMS),
    item: new Int32Array(ITEMS),
    rating: new Float32Array(ITEMS),
    time: new Float64Array(ITEMS).fill(NaN),
    verified: null,
    userIds: Array.from({ length: users }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: ITEMS }, (_, i) => `B${String(i).padStart(9, '0')}`),
  };
  for (let i = 0; i < ITEMS; i++) {
    table.user[i] = i % users;
    table.item[i] = i;
    table.rating[i] = 1 + rng.int(5);
  }
  return table;
}

/** Zipf-like word draws from a seeded vocabulary; one word in eight carries a non-ASCII letter. */
function syntheticTitles(rng: Rng, n: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const accents = 'éèüößñçåøæ';
  const vocabulary = Array.from({ length: 50_000 }, (_, w) => {
    let word = '';
    for (let c = 0, len = 3 + rng.int(6); c < len; c++) word += letters[rng.int(26)];
    return w % 8 === 0 ? word + accents[rng.int(accents.length)] : word;
  });
  const titles = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const words: string[] = [];
    for (let k = 0, len = 2 + rng.int(7); k < len; k++) {
      // Rank ∝ u²: common words often, rare ones seldom.
      const u = rng.next();
      words.push(vocabulary[Math.floor(u * u * vocabulary.length)]);
    }
    titles[i] = words.join(' ');
  }
  return titles;
}

interface Shared {
  rng: Rng;
  table?: RatingsTable;
  model?: FittedModel;
  index?: TfidfIndex;
}

/** The SVD of (a) and (d), fitted once over the 1M-item table; logs its fit time. */
async function catalogModel(s: Shared): Promise<{ table: RatingsTable; model: FittedModel }> {
  const table = (s.table ??= catalogTable(s.rng));
  if (!s.model) {
    const t0 = performance.now();
    const params = resolveParams(findAlgorithm('SVD'), { n_factors: FACTORS, n_epochs: 1 });
    s.model = await coreEstimator().fit({ table, train: Int32Array.from(table.rating.keys()), algo: 'SVD', params, seed: 0, scale: { min: 1, max: 5 } });
    console.log(`(SVD, ${FACTORS} factors, 1 epoch, fitted over ${ITEMS.toLocaleString('en')} items in ${((performance.now() - t0) / 1000).toFixed(1)} s: not in the figures)`);
  }
  return { table, model: s.model };
}

const SECTIONS: { id: string; run(s: Shared): Promise<void> }[] = [
  {
    id: 'a',
    async run(s) {
      console.log(`## (a) top-10 for one user over ${ITEMS.toLocaleString('en')} items`);
      const { table, model } = await catalogModel(s);
      const seen = ratedBy(table, 0);
      let scores: Float64Array = new Float64Array(0);
      const score = await timed(5, async () => (scores = await userScores(model, table, 0)));
      const pick = await timed(5, () => topUnseen(scores, seen, 10, table.itemIds));
      const both = await timed(5, async () => topUnseen(await userScores(model, table, 0), seen, 10, table.itemIds));
      console.log(`estimates (userScores): ${fmtMs(score)}`);
      console.log(`top 10 unseen, ties by id (topUnseen): ${fmtMs(pick)}`);
      console.log(`together: ${fmtMs(both)}  [target < 50 ms]`);
    },
  },
  {
    id: 'd',
    async run(s) {
      console.log(`## (d) fold-in of a visitor who rated 10 items, over ${ITEMS.toLocaleString('en')} items`);
      const { table, model } = await catalogModel(s);
      const visitor = { item: Int32Array.from({ length: 10 }, () => s.rng.int(ITEMS)), rating: Float32Array.from({ length: 10 }, () => 1 + s.rng.int(5)) };
      const fold = await timed(5, () => model.foldIn!(visitor));
      const both = await timed(5, async () => topUnseen(await model.foldIn!(visitor), visitor.item, 10, table.itemIds));
      console.log(`foldIn (solve + estimates of every item): ${fmtMs(fold)}`);
      console.log(`with the top 10 unseen: ${fmtMs(both)}  [target < 100 ms]`);
    },
  },
  {
    id: 'c',
    async run(s) {
      const titles = syntheticTitles(s.rng, ITEMS);
      const times = await timed(2, () => (s.index = buildTfidfIndex(titles)));
      const index = s.index!;
      console.log(`## (c) TF-IDF index of ${ITEMS.toLocaleString('en')} synthetic titles: ${index.vocabulary.size.toLocaleString('en')} terms, ${index.terms.length.toLocaleString('en')} stored weights`);
      console.log(`buildTfidfIndex: ${fmtMs(times)}  [target < 10,000 ms]`);
    },
  },
  {
    id: 'b',
    async run(s) {
      const index = (s.index ??= buildTfidfIndex(syntheticTitles(s.rng, ITEMS)));
      const rated = Int32Array.from({ length: 50 }, () => s.rng.int(ITEMS));
      const ratings = Float32Array.from(rated, () => 1 + s.rng.int(5));
      const candidates = Int32Array.from({ length: 100 }, () => s.rng.int(ITEMS));
      const times = await timed(20, () => rerankBySimilarity(index, tfidfProfile(index, rated, ratings), candidates));
      console.log(`## (b) hybrid re-ranking over the ${ITEMS.toLocaleString('en')}-title index: profile of 50 rated items + cosine re-ranking of 100 candidates`);
      console.log(`tfidfProfile + rerankBySimilarity: ${fmtMs(times)}  [target < 10 ms]`);
    },
  },
];

const only = args.only?.split(',');
const shared: Shared = { rng: createRng(7) };
const load = () => `load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;
console.log(`# bench:recommend (${load()} at the start)`);
for (const section of SECTIONS) if (!only || only.includes(section.id)) await section.run(shared);
console.log(`(${load()} at the end)`);
