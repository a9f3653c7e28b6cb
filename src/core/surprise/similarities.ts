/**
 * Surprise's similarity measures (similarities.pyx): msd, cosine, pearson and
 * pearson_baseline between all pairs of users (user_based) or items, as one flat
 * row-major n×n Float64Array.
 *
 * Surprise accumulates each pair's sums over the common ys in ascending inner-id
 * order of y, into six n×n arrays. Here row xi is accumulated at a time into
 * length-n arrays: xi's ys are visited in ascending order, and for each y the xs
 * after xi in y's list (sorted by x) add to their own slot. Every pair xi < xj
 * therefore sums the same terms in the same order as Surprise, with O(n) scratch
 * instead of O(n²), and only the pairs that share a y are touched.
 */
import { FitCancelled } from './algo.ts';
import type { Baselines } from './baseline.ts';
import type { Trainset } from './trainset.ts';

export const SIMILARITY_NAMES = ['msd', 'cosine', 'pearson', 'pearson_baseline'] as const;
export type SimilarityName = (typeof SIMILARITY_NAMES)[number];

/** Surprise's sim_options. */
export interface SimOptions {
  name: SimilarityName;
  user_based: boolean;
  min_support: number;
  /** pearson_baseline only. */
  shrinkage: number;
}

/**
 * The trainset's lists seen from the similarity's side: x are the users when
 * user_based (xr = ur, yr = ir), the items otherwise (xr = ir, yr = ur). Lists keep
 * trainset order, which neighbour ties depend on.
 */
export interface SymmetricLists {
  nX: number;
  nY: number;
  xrStart: Int32Array;
  xrOther: Int32Array;
  xrRating: Float64Array;
  yrStart: Int32Array;
  yrOther: Int32Array;
  yrRating: Float64Array;
}

export function symmetricLists(ts: Trainset, userBased: boolean): SymmetricLists {
  return userBased
    ? { nX: ts.nUsers, nY: ts.nItems, xrStart: ts.urStart, xrOther: ts.urItem, xrRating: ts.urRating, yrStart: ts.irStart, yrOther: ts.irUser, yrRating: ts.irRating }
    : { nX: ts.nItems, nY: ts.nUsers, xrStart: ts.irStart, xrOther: ts.irUser, xrRating: ts.irRating, yrStart: ts.urStart, yrOther: ts.urItem, yrRating: ts.urRating };
}

/** A flat n×n matrix, with a clear message when it cannot be allocated. */
export function allocateSquare(n: number, what: string): Float64Array {
  try {
    return new Float64Array(n * n);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const gib = (8 * n * n) / 2 ** 30;
    throw new RangeError(`${what}: a ${n}×${n} matrix (${gib.toFixed(1)} GiB) does not fit in memory`);
  }
}

interface Lists {
  start: Int32Array;
  other: Int32Array;
  value: Float64Array;
}

/** CSR transpose: the lists keyed by `other`, each in ascending order of the old key. */
function transpose(nKey: number, l: Lists, nOther: number): Lists {
  const start = new Int32Array(nOther + 1);
  for (let p = 0; p < l.other.length; p++) start[l.other[p] + 1]++;
  for (let o = 0; o < nOther; o++) start[o + 1] += start[o];
  const fill = start.slice(0, nOther);
  const other = new Int32Array(l.other.length);
  const value = new Float64Array(l.other.length);
  for (let key = 0; key < nKey; key++) {
    for (let p = l.start[key]; p < l.start[key + 1]; p++) {
      const q = fill[l.other[p]]++;
      other[q] = key;
      value[q] = l.value[p];
    }
  }
  return { start, other, value };
}

/**
 * The value each rating contributes: the rating itself, or for pearson_baseline its
 * deviation from the baseline, r − ((μ + b_y) + b_x) as Surprise rounds it.
 */
function entryValues(ts: Trainset, l: SymmetricLists, o: SimOptions, baselines?: Baselines): Float64Array {
  if (o.name !== 'pearson_baseline') return l.xrRating;
  if (!baselines) throw new Error('pearson_baseline needs the baselines');
  const [bx, by] = o.user_based ? [baselines.bu, baselines.bi] : [baselines.bi, baselines.bu];
  const values = new Float64Array(l.xrRating.length);
  for (let x = 0; x < l.nX; x++) {
    for (let p = l.xrStart[x]; p < l.xrStart[x + 1]; p++) {
      values[p] = l.xrRating[p] - (ts.globalMean + by[l.xrOther[p]] + bx[x]);
    }
  }
  return values;
}

/**
 * The similarity matrix Surprise's compute_similarities builds. Pairs with fewer
 * common ys than min_support (pearson_baseline: at least 2) are 0, and so are pairs
 * whose denominator is 0 (Surprise: 0 for pearson, a division by zero for the others).
 * The diagonal is 1.
 */
/**
 * `shouldStop` is polled between rows (users, or items when item-based), so a long
 * similarity pass can be stopped without killing its worker; a stop throws FitCancelled.
 */
export function computeSimilarities(ts: Trainset, o: SimOptions, baselines?: Baselines, shouldStop?: () => boolean): Float64Array {
  if (!SIMILARITY_NAMES.includes(o.name)) {
    throw new Error(`Wrong sim name ${String(o.name)}. Allowed values are ${SIMILARITY_NAMES.join(', ')}.`);
  }
  const l = symmetricLists(ts, o.user_based);
  const n = l.nX;
  const byY = transpose(n, { start: l.xrStart, other: l.xrOther, value: entryValues(ts, l, o, baselines) }, l.nY);
  const byX = transpose(l.nY, byY, n);
  const sim = allocateSquare(n, `${o.name} similarity`);
  // Untouched pairs share no y: never similar, whatever min_support says.
  const minSupport = Math.max(o.name === 'pearson_baseline' ? 2 : 1, o.min_support);
  const msd = o.name === 'msd';
  const pearson = o.name === 'pearson';
  const shrunk = o.name === 'pearson_baseline';
  const shrinkage = o.shrinkage;
  const freq = new Int32Array(n);
  const acc0 = new Float64Array(n); // msd: Σ(ri − rj)²; else Σ ri·rj
  const sqi = new Float64Array(n);
  const sqj = new Float64Array(n);
  const si = new Float64Array(n);
  const sj = new Float64Array(n);
  // cursor[y]: where the x being processed sits in y's list; the xs after it are > x.
  const cursor = byY.start.slice(0, l.nY);
  for (let xi = 0; xi < n; xi++) {
    if (shouldStop?.()) throw new FitCancelled();
    for (let p = byX.start[xi]; p < byX.start[xi + 1]; p++) {
      const y = byX.other[p];
      const vi = byX.value[p];
      const vi2 = vi * vi;
      const end = byY.start[y + 1];
      if (msd) {
        for (let q = ++cursor[y]; q < end; q++) {
          const xj = byY.other[q];
          const d = vi - byY.value[q];
          acc0[xj] += d * d;
          freq[xj]++;
        }
      } else if (pearson) {
        for (let q = ++cursor[y]; q < end; q++) {
          const xj = byY.other[q];
          const vj = byY.value[q];
          acc0[xj] += vi * vj;
          freq[xj]++;
          sqi[xj] += vi2;
          sqj[xj] += vj * vj;
          si[xj] += vi;
          sj[xj] += vj;
        }
      } else {
        for (let q = ++cursor[y]; q < end; q++) {
          const xj = byY.other[q];
          const vj = byY.value[q];
          freq[xj]++;
          acc0[xj] += vi * vj;
          sqi[xj] += vi2;
          sqj[xj] += vj * vj;
        }
      }
    }
    const row = xi * n;
    sim[row + xi] = 1;
    for (let xj = xi + 1; xj < n; xj++) {
      const f = freq[xj];
      if (f === 0) continue;
      if (f >= minSupport) {
        let s: number;
        if (msd) {
          s = 1 / (acc0[xj] / f + 1);
        } else if (pearson) {
          const num = f * acc0[xj] - si[xj] * sj[xj];
          const denum = Math.sqrt((f * sqi[xj] - si[xj] * si[xj]) * (f * sqj[xj] - sj[xj] * sj[xj]));
          s = denum === 0 ? 0 : num / denum;
        } else {
          const denum = Math.sqrt(sqi[xj] * sqj[xj]);
          s = denum === 0 ? 0 : acc0[xj] / denum;
          if (shrunk) s *= (f - 1) / (f - 1 + shrinkage);
        }
        sim[row + xj] = s;
        sim[xj * n + xi] = s;
      }
      freq[xj] = 0;
      acc0[xj] = 0;
      sqi[xj] = 0;
      sqj[xj] = 0;
      si[xj] = 0;
      sj[xj] = 0;
    }
  }
  return sim;
}
