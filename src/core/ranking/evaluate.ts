/**
 * rankModel: the top-k ranking evaluation of any model, under the full or the sampled
 * protocol (the exact rules are in ./index.ts). Scores are asked user by user in
 * chunks bounded in users and in (user, item) pairs, so memory stays flat whatever
 * the catalog; each user's top k comes from a k-sized heap; nothing is allocated per
 * item or per user beyond the result arrays.
 */
import type { RatingsTable } from '../ratings.ts';
import type { Split } from '../split.ts';
import { topKInto } from '../topk.ts';
import { ExposureTally } from './beyond.ts';
import { rankingData, type RankingData } from './data.ts';
import { instanceMetricsInto, listMetricsInto, METRICS } from './listMetrics.ts';
import { drawNegatives, locateNegatives, type Negatives } from './negatives.ts';

export interface RankingOptions {
  /** The cut-off K (a positive integer). */
  k: number;
  /** Relevance threshold T: a held-out item is relevant when its test rating ≥ T. Unset: every held-out item. */
  relevance?: number;
  /** N negatives per user: the sampled protocol. Unset (and no `frozen`): the full ranking. */
  negatives?: number;
  /** Seed of the negatives' draw (default 0). */
  seed?: number;
  /** Negatives drawn before (a previous result's `negatives`, or sampleNegatives): the sampled protocol over exactly these. */
  frozen?: Negatives;
  /** Most users per estimate call (default 256). */
  chunkUsers?: number;
  /**
   * Most (user, item) pairs per estimate call (default 2^22: 64 MB of index and score
   * arrays); a user whose candidates alone exceed it still goes in one call.
   */
  chunkPairs?: number;
  /** Called after each chunk with the users done so far and the users to evaluate. */
  onProgress?(done: number, users: number): void;
}

export interface PerUserRanking {
  /** Table user indices of the evaluated users, ascending. */
  user: Int32Array;
  hr: Float64Array;
  precision: Float64Array;
  recall: Float64Array;
  ap: Float64Array;
  ndcg: Float64Array;
  mrr: Float64Array;
}

export interface RankingResult {
  k: number;
  /** Users evaluated (those with ≥ 1 relevant item). The means below are over them (NaN when 0). */
  users: number;
  hr: number;
  precision: number;
  recall: number;
  /** Mean of the per-user AP@K. */
  map: number;
  ndcg: number;
  mrr: number;
  coverage: number;
  novelty: number;
  arp: number;
  longTail: number;
  gini: number;
  perUser: PerUserRanking;
  /** The sampled protocol's negatives (the frozen ones when given): store them to rank another model on the same. */
  negatives?: Negatives;
  /** Sampled protocol: evaluated users with fewer than N eligible negatives (ranked against all they had). */
  shortUsers?: number;
}

/** What rankModel asks of a model: raw estimates (before clipping) of table (user, item) pairs, NaN = impossible. */
export interface Scorer {
  estimate(u: Int32Array, i: Int32Array): Promise<Float64Array>;
  /** Optional: the same numbers for every (users[r], items[c]), row-major; the full protocol then asks for whole catalog rows. */
  estimateGrid?(users: Int32Array, items: Int32Array): Promise<Float64Array>;
}

const DEFAULT_CHUNK_USERS = 256;
const DEFAULT_CHUNK_PAIRS = 1 << 22;

function positiveInt(name: string, v: number): number {
  if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

export async function rankModel(model: Scorer, table: RatingsTable, split: Split, opts: RankingOptions): Promise<RankingResult> {
  const k = positiveInt('k', opts.k);
  const chunkUsers = positiveInt('chunkUsers', opts.chunkUsers ?? DEFAULT_CHUNK_USERS);
  const chunkPairs = positiveInt('chunkPairs', opts.chunkPairs ?? DEFAULT_CHUNK_PAIRS);
  const sampled = opts.negatives !== undefined || opts.frozen !== undefined;
  if (opts.negatives !== undefined) positiveInt('negatives', opts.negatives);
  if (opts.frozen && opts.negatives !== undefined && opts.frozen.n !== opts.negatives) {
    throw new RangeError(`frozen negatives hold ${opts.frozen.n} per user, but ${opts.negatives} were asked`);
  }

  const data = rankingData(table, split, opts.relevance);
  const nEval = data.users.length;
  const per: PerUserRanking = {
    user: Int32Array.from(data.users),
    hr: new Float64Array(nEval),
    precision: new Float64Array(nEval),
    recall: new Float64Array(nEval),
    ap: new Float64Array(nEval),
    ndcg: new Float64Array(nEval),
    mrr: new Float64Array(nEval),
  };
  const tally = new ExposureTally(data);
  const ctx: Ctx = { model, data, k, chunkUsers, chunkPairs, per, tally, onProgress: opts.onProgress };

  let negatives: Negatives | undefined;
  let shortUsers: number | undefined;
  if (sampled) {
    negatives = opts.frozen ?? drawNegatives(data, opts.negatives ?? 100, opts.seed ?? 0);
    const row = locateNegatives(data, negatives);
    shortUsers = 0;
    for (let e = 0; e < nEval; e++) {
      if (negatives.userStart[row[e] + 1] - negatives.userStart[row[e]] < negatives.n) shortUsers++;
    }
    await rankSampled(ctx, negatives, row);
  } else {
    await rankFull(ctx);
  }

  const mean = (x: Float64Array): number => {
    let s = 0;
    for (let e = 0; e < x.length; e++) s += x[e];
    return x.length ? s / x.length : NaN;
  };
  return {
    k,
    users: nEval,
    hr: mean(per.hr),
    precision: mean(per.precision),
    recall: mean(per.recall),
    map: mean(per.ap),
    ndcg: mean(per.ndcg),
    mrr: mean(per.mrr),
    ...tally.result(),
    perUser: per,
    ...(sampled ? { negatives, shortUsers } : {}),
  };
}

interface Ctx {
  model: Scorer;
  data: RankingData;
  k: number;
  chunkUsers: number;
  chunkPairs: number;
  per: PerUserRanking;
  tally: ExposureTally;
  onProgress?(done: number, users: number): void;
}

/** Per-user metric arrays in METRICS order, to copy a scratch vector into. */
function metricColumns(per: PerUserRanking): Float64Array[] {
  return METRICS.map((m) => per[m]);
}

/** The end of the chunk starting at evaluated user e0, given each user's pair count. */
function chunkEnd(ctx: Ctx, e0: number, pairsOf: (e: number) => number): number {
  const nEval = ctx.data.users.length;
  let e1 = e0;
  let pairs = 0;
  while (e1 < nEval && e1 - e0 < ctx.chunkUsers) {
    const c = pairsOf(e1);
    if (e1 > e0 && pairs + c > ctx.chunkPairs) break;
    pairs += c;
    e1++;
  }
  return e1;
}

/**
 * The (user, item) arrays handed to estimate, reused from chunk to chunk: zeroing 2 ×
 * 16 MB per call is a sizeable share of a full ranking's own cost. A model reads them
 * during its call only (the estimator contract); one that transferred them away
 * (detaching the buffer) fails the check in `scores`.
 */
class PairArrays {
  private u = new Int32Array(0);
  private i = new Int32Array(0);

  /** Views of exactly `pairs` entries; their contents are whatever the last chunk left. */
  take(pairs: number): { uArr: Int32Array; iArr: Int32Array } {
    if (this.u.length < pairs || this.u.length === 0) {
      this.u = new Int32Array(pairs);
      this.i = new Int32Array(pairs);
    }
    return { uArr: this.u.subarray(0, pairs), iArr: this.i.subarray(0, pairs) };
  }
}

async function scores(ctx: Ctx, user: Int32Array, item: Int32Array): Promise<Float64Array> {
  const n = user.length;
  const s = await ctx.model.estimate(user, item);
  if (s.length !== n) throw new Error(`the model returned ${s.length} estimates for ${n} pairs`);
  // The item array is read again to map positions to items.
  if (item.length !== n) throw new Error('the model detached the item array it was given');
  return s;
}

/**
 * Full protocol: each user's candidates scored, laid out in item-id order so position
 * breaks ties. A model with estimateGrid scores whole catalog rows for a block of
 * users (its fast path), and each row is compacted in place to the user's candidates;
 * otherwise the candidates go to estimate as (user, item) pairs.
 */
async function rankFull(ctx: Ctx): Promise<void> {
  const { data, k, tally } = ctx;
  const { users, catalog, trainStart, trainItems } = data;
  const nEval = users.length;
  const C = catalog.length;
  const cols = metricColumns(ctx.per);
  const scratch = new Float64Array(METRICS.length);
  const top = new Int32Array(k);
  const rel = new Uint8Array(k);
  // A stamp (user + 1) instead of per-user sets: relevant items to hit.
  const relevant = new Int32Array(data.nItems);
  // Catalog positions of a user's training items, sorted, then C: the candidates are
  // the runs between them, copied whole (memcpy speed) instead of testing every item.
  const gaps = new Int32Array(C + 1);
  const trainedGaps = (u: number): number => {
    const nt = trainStart[u + 1] - trainStart[u];
    for (let p = 0; p < nt; p++) gaps[p] = data.idRank[trainItems[trainStart[u] + p]];
    gaps.subarray(0, nt).sort();
    gaps[nt] = C;
    return nt;
  };
  const arrays = new PairArrays();
  const nCandidates = (e: number): number => C - (trainStart[users[e] + 1] - trainStart[users[e]]);
  const grid = ctx.model.estimateGrid?.bind(ctx.model);

  for (let e0 = 0; e0 < nEval; ) {
    const e1 = chunkEnd(ctx, e0, grid ? () => C : nCandidates);
    let s: Float64Array;
    let iArr: Int32Array | undefined;
    const segment = new Int32Array(e1 - e0 + 1);
    if (grid) {
      s = await grid(users.subarray(e0, e1), catalog);
      if (s.length !== (e1 - e0) * C) throw new Error(`the model returned ${s.length} grid estimates for ${(e1 - e0) * C} pairs`);
      for (let e = e0; e < e1; e++) segment[e - e0] = (e - e0) * C;
    } else {
      let pairs = 0;
      for (let e = e0; e < e1; e++) pairs += nCandidates(e);
      const a = arrays.take(pairs);
      iArr = a.iArr;
      let n = 0;
      for (let e = e0; e < e1; e++) {
        segment[e - e0] = n;
        a.uArr.fill(users[e], n, n + nCandidates(e));
        const nt = trainedGaps(users[e]);
        for (let p = 0, from = 0; p <= nt; p++) {
          iArr.set(catalog.subarray(from, gaps[p]), n);
          n += gaps[p] - from;
          from = gaps[p] + 1;
        }
      }
      segment[e1 - e0] = n;
      s = await scores(ctx, a.uArr, iArr);
    }

    for (let e = e0; e < e1; e++) {
      const u = users[e];
      const from = segment[e - e0];
      let nt = 0;
      if (grid) {
        // Drop the training items' scores: the row keeps the candidates, in item-id order.
        nt = trainedGaps(u);
        for (let p = 0, n = from, c = 0; p <= nt; p++) {
          s.copyWithin(n, from + c, from + gaps[p]);
          n += gaps[p] - c;
          c = gaps[p] + 1;
        }
      }
      const nRel = data.relStart[e + 1] - data.relStart[e];
      for (let p = data.relStart[e]; p < data.relStart[e + 1]; p++) relevant[data.relItems[p]] = u + 1;
      const len = topKInto(top, s, from, from + nCandidates(e), true);
      for (let r = 0; r < len; r++) {
        if (iArr) {
          top[r] = iArr[top[r]]; // position → item
        } else {
          // Candidate q → catalog position: step over the training positions at or before it.
          let c = top[r] - from;
          for (let p = 0; p < nt && gaps[p] <= c; p++) c++;
          top[r] = catalog[c];
        }
        rel[r] = relevant[top[r]] === u + 1 ? 1 : 0;
      }
      listMetricsInto(scratch, rel, len, nRel, k);
      for (let m = 0; m < cols.length; m++) cols[m][e] = scratch[m];
      tally.add(top, 0, len);
      tally.endUser();
    }
    ctx.onProgress?.(e1, nEval);
    e0 = e1;
  }
}

/**
 * Sampled protocol: per user, the negatives (in item-id order) then the relevant
 * items are scored in one go; each relevant item is one instance ranked against the
 * negatives, and its top-k list is the negatives' top k with the positive slotted in.
 */
async function rankSampled(ctx: Ctx, negs: Negatives, row: Int32Array): Promise<void> {
  const { data, k, tally } = ctx;
  const { users, idRank } = data;
  const nEval = users.length;
  const cols = metricColumns(ctx.per);
  const scratch = new Float64Array(METRICS.length);
  const sums = new Float64Array(METRICS.length);
  const top = new Int32Array(k);
  const list = new Int32Array(k);
  const nNeg = (e: number): number => negs.userStart[row[e] + 1] - negs.userStart[row[e]];
  const nRel = (e: number): number => data.relStart[e + 1] - data.relStart[e];
  const byId = (a: number, b: number): number => idRank[a] - idRank[b];
  const arrays = new PairArrays();

  for (let e0 = 0; e0 < nEval; ) {
    const e1 = chunkEnd(ctx, e0, (e) => nNeg(e) + nRel(e));
    let pairs = 0;
    for (let e = e0; e < e1; e++) pairs += nNeg(e) + nRel(e);
    const { uArr, iArr } = arrays.take(pairs);
    const segment = new Int32Array(e1 - e0 + 1);
    let n = 0;
    for (let e = e0; e < e1; e++) {
      segment[e - e0] = n;
      uArr.fill(users[e], n, n + nNeg(e) + nRel(e));
      iArr.set(negs.items.subarray(negs.userStart[row[e]], negs.userStart[row[e] + 1]), n);
      iArr.subarray(n, n + nNeg(e)).sort(byId); // item-id order: position breaks ties
      n += nNeg(e);
      iArr.set(data.relItems.subarray(data.relStart[e], data.relStart[e + 1]), n);
      n += nRel(e);
    }
    segment[e1 - e0] = n;
    const s = await scores(ctx, uArr, iArr);

    for (let e = e0; e < e1; e++) {
      const a = segment[e - e0];
      const b = a + nNeg(e);
      const negLen = topKInto(top, s, a, b, true);
      for (let r = 0; r < negLen; r++) top[r] = iArr[top[r]];
      const listLen = Math.min(k, b - a + 1);
      sums.fill(0);
      for (let q = b; q < b + nRel(e); q++) {
        const pos = iArr[q];
        const sp = s[q];
        const rp = idRank[pos];
        // Rank of the positive: 1 + the negatives ordered before it (larger score;
        // NaN below numbers; equal scores or both NaN: smaller item id first).
        let rank = 1;
        for (let p = a; p < b; p++) {
          const sn = s[p];
          if (sn > sp || (sn === sp && idRank[iArr[p]] < rp) || (sp !== sp && (sn === sn || idRank[iArr[p]] < rp))) rank++;
        }
        instanceMetricsInto(scratch, rank, k);
        for (let m = 0; m < sums.length; m++) sums[m] += scratch[m];
        // The instance's top-k: the negatives that beat the positive are exactly the
        // first rank − 1 of the negatives' top k.
        if (rank <= k) {
          list.set(top.subarray(0, rank - 1), 0);
          list[rank - 1] = pos;
          list.set(top.subarray(rank - 1, listLen - 1), rank);
        } else {
          list.set(top.subarray(0, listLen), 0);
        }
        tally.add(list, 0, listLen);
      }
      for (let m = 0; m < cols.length; m++) cols[m][e] = sums[m] / nRel(e);
      tally.endUser();
    }
    ctx.onProgress?.(e1, nEval);
    e0 = e1;
  }
}
