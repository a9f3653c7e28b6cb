/**
 * Cross-validation iterators over a ratings table, as row-index folds. The random
 * ones follow Surprise's model_selection.split rules (sizes, layouts, order of the
 * training rows) with RecLab's seeded generator in place of NumPy's; the temporal
 * and held-out-user splits are the studies' own protocols.
 */
import type { RatingsTable } from '../ratings.ts';
import { createRng, permutation } from '../rng.ts';
import { byIds, partition, rowKeys, type Split } from '../split.ts';
import { compareCodePoints, keyInto, smallestKeys } from '../keys.ts';
import { kcore } from '../ingest/filter.ts';
import { releaseBuffer } from '../release.ts';

export type { Split };

/**
 * Surprise's KFold over a given row order: fold f tests order[start_f, stop_f) and
 * trains on the rest in that order; the first n % k folds get one extra row. With
 * Surprise's own permutation this reproduces its folds exactly.
 */
export function kFoldFromOrder(order: Int32Array, nSplits: number): Split[] {
  const n = order.length;
  if (!Number.isInteger(nSplits) || nSplits < 2 || nSplits > n) {
    throw new RangeError(`number of folds must be an integer between 2 and ${n} (the number of ratings), got ${nSplits}`);
  }
  const folds: Split[] = [];
  let stop = 0;
  for (let f = 0; f < nSplits; f++) {
    const start = stop;
    stop += Math.floor(n / nSplits) + (f < n % nSplits ? 1 : 0);
    const train = new Int32Array(n - (stop - start));
    train.set(order.subarray(0, start), 0);
    train.set(order.subarray(stop), start);
    folds.push({ train, test: order.slice(start, stop) });
  }
  return folds;
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let k = 0; k < n; k++) a[k] = k;
  return a;
}

export interface KFoldOptions {
  nSplits?: number;
  /** Shuffle the rows before cutting folds (default true); false keeps file order. */
  shuffle?: boolean;
  seed: number;
}

export function kFold(n: number, { nSplits = 5, shuffle = true, seed }: KFoldOptions): Split[] {
  return kFoldFromOrder(shuffle ? permutation(n, createRng(seed)) : identity(n), nSplits);
}

export interface RepeatedKFoldOptions {
  nSplits?: number;
  nRepeats?: number;
  seed: number;
}

/** nRepeats shuffled KFolds drawn one after another from one seeded stream, as Surprise does. */
export function repeatedKFold(n: number, { nSplits = 5, nRepeats = 10, seed }: RepeatedKFoldOptions): Split[] {
  const rng = createRng(seed);
  const folds: Split[] = [];
  for (let r = 0; r < nRepeats; r++) folds.push(...kFoldFromOrder(permutation(n, rng), nSplits));
  return folds;
}

export interface ShuffleSplitOptions {
  nSplits?: number;
  /** A fraction in (0, 1) (test rows = ⌈fraction·n⌉) or a row count; default 0.2. Null: the complement of trainSize. */
  testSize?: number | null;
  /** A fraction in (0, 1) (train rows = ⌊fraction·n⌋) or a row count; default: the complement of testSize. */
  trainSize?: number | null;
  shuffle?: boolean;
  seed: number;
}

/**
 * Surprise's validate_train_test_sizes: fractions below 1 are proportions (test
 * rounded up, train rounded down), whole numbers are counts.
 */
export function trainTestSizes(
  n: number,
  testSize: number | null | undefined,
  trainSize: number | null | undefined,
): { nTrain: number; nTest: number } {
  const count = (size: number, name: string, round: (x: number) => number): number => {
    if (size > 0 && size < 1) return round(size * n);
    if (Number.isInteger(size) && size >= 1 && size < n) return size;
    throw new RangeError(`${name} must be a fraction in (0, 1) or a whole number of ratings below ${n}, got ${size}`);
  };
  if (testSize == null && trainSize == null) throw new RangeError('give a test size, a train size or both');
  let nTest = testSize == null ? null : count(testSize, 'test size', Math.ceil);
  let nTrain = trainSize == null ? null : count(trainSize, 'train size', Math.floor);
  nTrain ??= n - nTest!;
  nTest ??= n - nTrain;
  if (nTrain + nTest > n) {
    throw new RangeError(`train size + test size (${nTrain + nTest}) exceed the number of ratings ${n}`);
  }
  return { nTrain, nTest };
}

/**
 * Surprise's ShuffleSplit: each split draws a fresh permutation from one seeded
 * stream; the first nTrain rows train and the next nTest rows test.
 */
export function shuffleSplit(
  n: number,
  { nSplits = 5, testSize = 0.2, trainSize = null, shuffle = true, seed }: ShuffleSplitOptions,
): Split[] {
  const { nTrain, nTest } = trainTestSizes(n, testSize, trainSize);
  const rng = createRng(seed);
  const folds: Split[] = [];
  for (let s = 0; s < nSplits; s++) {
    const order = shuffle ? permutation(n, rng) : identity(n);
    folds.push({ train: order.slice(0, nTrain), test: order.slice(nTrain, nTrain + nTest) });
  }
  return folds;
}

/** Surprise's train_test_split: one ShuffleSplit. */
export function trainTestSplit(n: number, options: Omit<ShuffleSplitOptions, 'nSplits'>): Split {
  return shuffleSplit(n, { ...options, nSplits: 1 })[0];
}

/** Each user's rows in table order, as CSR over the table's user indices. */
function rowsByUser(table: RatingsTable): { start: Int32Array; rows: Int32Array } {
  const nUsers = table.userIds.length;
  const n = table.user.length;
  const start = new Int32Array(nUsers + 1);
  for (let k = 0; k < n; k++) start[table.user[k] + 1]++;
  for (let u = 0; u < nUsers; u++) start[u + 1] += start[u];
  const fill = start.slice(0, nUsers);
  const rows = new Int32Array(n);
  for (let k = 0; k < n; k++) rows[fill[table.user[k]]++] = k;
  return { start, rows };
}

/** Users in order of their first row, as Surprise's dict of per-user ratings iterates them. */
function usersByFirstRow(table: RatingsTable): Int32Array {
  const seen = new Uint8Array(table.userIds.length);
  const order: number[] = [];
  for (let k = 0; k < table.user.length; k++) {
    const u = table.user[k];
    if (!seen[u]) {
      seen[u] = 1;
      order.push(u);
    }
  }
  return Int32Array.from(order);
}

export interface LeaveOneOutOptions {
  nSplits?: number;
  /** Only users with more than this many ratings take part; the others are left out of both sides. */
  minNRatings?: number;
  seed: number;
}

/**
 * Surprise's LeaveOneOut: per split, one random rating of each user (with more than
 * minNRatings ratings) is tested and the user's other ratings train; rows are
 * grouped by user in order of first appearance, as Surprise builds them.
 */
export function leaveOneOut(table: RatingsTable, { nSplits = 5, minNRatings = 0, seed }: LeaveOneOutOptions): Split[] {
  const { start, rows } = rowsByUser(table);
  const users = usersByFirstRow(table);
  const rng = createRng(seed);
  const folds: Split[] = [];
  for (let s = 0; s < nSplits; s++) {
    const train: number[] = [];
    const test: number[] = [];
    for (const u of users) {
      const count = start[u + 1] - start[u];
      if (count <= minNRatings) continue;
      const pick = rng.int(count);
      for (let j = 0; j < count; j++) (j === pick ? test : train).push(rows[start[u] + j]);
    }
    if (train.length === 0) throw new RangeError('no training ratings left: is minNRatings too high?');
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return folds;
}

export interface TemporalOptions {
  /** Users with fewer ratings keep them all in training (default 2, so every tested user is known). */
  minUserRatings?: number;
}

/**
 * Per-user leave-last-out by time: each user's latest rating (the later row on equal
 * times; rows without a time never count as latest) is tested, but only when its
 * item also occurs in the training part — otherwise it stays in training. No
 * randomness: the split is a function of the table.
 */
export function temporalLeaveLastOut(table: RatingsTable, { minUserRatings = 2 }: TemporalOptions = {}): Split {
  const n = table.user.length;
  const nUsers = table.userIds.length;
  const latest = new Int32Array(nUsers).fill(-1);
  const count = new Int32Array(nUsers);
  let timed = false;
  for (let k = 0; k < n; k++) {
    const u = table.user[k];
    count[u]++;
    const t = table.time[k];
    if (Number.isNaN(t)) continue;
    timed = true;
    if (latest[u] < 0 || t >= table.time[latest[u]]) latest[u] = k;
  }
  if (!timed) throw new RangeError('a temporal split needs timestamps, and this table has none');
  const isTest = new Uint8Array(n);
  for (let u = 0; u < nUsers; u++) if (latest[u] >= 0 && count[u] >= minUserRatings) isTest[latest[u]] = 1;
  // Items still rated in training once every candidate is out. Returning a candidate
  // to training only adds items, so one pass settles every decision.
  const itemInTrain = new Int32Array(table.itemIds.length);
  for (let k = 0; k < n; k++) if (!isTest[k]) itemInTrain[table.item[k]]++;
  for (let u = 0; u < nUsers; u++) {
    const k = latest[u];
    if (k >= 0 && isTest[k] && itemInTrain[table.item[k]] === 0) isTest[k] = 0;
  }
  return partition(isTest);
}

export interface HeldOutUsersOptions {
  /** Share of the eligible users held out (at least one). Default 0.2. */
  userFraction?: number;
  /**
   * The revealed share: the part of a held-out user's ratings given to training as
   * input (the rest are checked). It is the user's earliest ratings when all of them
   * have a time, else a seeded random part. Default 0.5.
   */
  inputFraction?: number;
  /** Only users with at least this many ratings can be held out (default 2: one input, one check). */
  minUserRatings?: number;
  seed: number;
}

/** A held-out-users split: a Split whose training part includes the held-out users' input halves. */
export interface HeldOutSplit extends Split {
  /** The held-out users' input rows (a subset of `train`). */
  input: Int32Array;
  /** The held-out users, as table user indices. */
  users: Int32Array;
}

/**
 * Held-out users with input/check parts: the users with the smallest
 * key("<seed>:<user id>") among the eligible ones (ties by user id) are removed from
 * training except for a revealed input part of each one's ratings; their remaining
 * (check) ratings are the test set. Models see the input part as a new user's first
 * ratings and are scored on the check part. When every rating of a user has a time,
 * the input part is their earliest ratings (ties in table order), so the check part
 * never predicts the past; otherwise it is the ratings with the smallest
 * key("<seed>:<user id>:<item id>"). Keys, not a shuffle, so the Dask job holds out
 * the same users and rows.
 */
export function heldOutUsers(
  table: RatingsTable,
  { userFraction = 0.2, inputFraction = 0.5, minUserRatings = 2, seed }: HeldOutUsersOptions,
): HeldOutSplit {
  if (!(userFraction > 0 && userFraction < 1)) throw new RangeError(`user fraction must be in (0, 1), got ${userFraction}`);
  if (!(inputFraction > 0 && inputFraction < 1)) throw new RangeError(`input fraction must be in (0, 1), got ${inputFraction}`);
  const { start, rows } = rowsByUser(table);
  const eligible = usersByFirstRow(table).filter((u) => start[u + 1] - start[u] >= Math.max(2, minUserRatings));
  if (eligible.length === 0) throw new RangeError(`no user has ${Math.max(2, minUserRatings)} or more ratings to hold out`);
  const userKeys = new Uint32Array(2 * eligible.length);
  eligible.forEach((u, k) => keyInto(`${seed}:${table.userIds[u]}`, userKeys, k));
  const picked = smallestKeys(userKeys, Math.max(1, Math.round(userFraction * eligible.length)), (a, b) =>
    compareCodePoints(table.userIds[eligible[a]], table.userIds[eligible[b]]),
  );
  const users = eligible.filter((_, k) => picked[k]).sort();
  const tie = byIds(table);
  const isTest = new Uint8Array(table.user.length);
  const input: number[] = [];
  for (const u of users) {
    const own = rows.slice(start[u], start[u + 1]);
    if (allTimed(table.time, own)) {
      // Earliest first; `own` is in table order, so row index breaks time ties.
      own.sort((a, b) => table.time[a] - table.time[b] || a - b);
    } else {
      const keys = rowKeys(table, seed, own);
      const order = Int32Array.from(own.keys()).sort((a, b) => keys[2 * a] - keys[2 * b] || keys[2 * a + 1] - keys[2 * b + 1] || tie(own[a], own[b]));
      own.set(Array.from(order, (j) => own[j]));
    }
    const nInput = Math.min(own.length - 1, Math.max(1, Math.round(inputFraction * own.length)));
    for (let j = 0; j < own.length; j++) {
      if (j < nInput) input.push(own[j]);
      else isTest[own[j]] = 1;
    }
  }
  return { ...partition(isTest), input: Int32Array.from(input).sort(), users };
}

function allTimed(time: Float64Array, rows: Int32Array): boolean {
  for (let j = 0; j < rows.length; j++) if (Number.isNaN(time[rows[j]])) return false;
  return true;
}

/**
 * The k-th smallest of `a` (0-based), with `a` reordered so that it sits at a[k], the
 * smaller ones before it and the larger after (Hoare's quickselect, median-of-three
 * pivots): O(n) where a sort of millions of times took most of a time split.
 */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot, so sorted and constant runs stay linear.
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break; // a[j + 1 .. i − 1] all equal the pivot
  }
  return a[k];
}

/**
 * NumPy's default `np.quantile(values, q)` (method 'linear'): position q·(n−1),
 * linear interpolation between the order statistics either side, with NumPy's
 * two-sided lerp so the result is bit-identical to NumPy's. Reorders `values`.
 */
export function linearQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError('the quantile of no values is undefined');
  const pos = (n - 1) * q;
  const lo = Math.min(n - 1, Math.max(0, Math.floor(pos)));
  const a = selectInPlace(values, lo);
  if (pos <= 0 || pos >= n - 1) return a;
  // The next order statistic: the smallest of those after it.
  let b = Infinity;
  for (let k = lo + 1; k < n; k++) if (values[k] < b) b = values[k];
  const g = pos - lo;
  const d = b - a;
  return g >= 0.5 ? b - d * (1 - g) : a + d * g;
}

export interface GlobalTimeOptions {
  /** The quantile of the timestamps where test begins, in (0, 1). Default 0.8. */
  quantile?: number;
}

/**
 * The leak-free global temporal split (Ji et al., TOIS 2023): one cut in time for
 * every user. cut = the `quantile` quantile of the timed rows' times (NumPy's
 * linear rule); rows before the cut train, rows at or after it test, so a tie at
 * the cut is tested. Rows without a time train. Both sides in table order.
 */
export function globalTimeSplit(table: RatingsTable, { quantile = 0.8 }: GlobalTimeOptions = {}): Split & { cut: number } {
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`the time quantile must be in (0, 1), got ${quantile}`);
  const time = table.time;
  const n = time.length;
  const times = new Float64Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) if (!Number.isNaN(time[k])) times[m++] = time[k];
  if (m === 0) throw new RangeError('a global time split needs timestamps, and this table has none');
  const cut = linearQuantile(times.subarray(0, m), quantile);
  releaseBuffer(times.buffer); // 8 bytes a row, not left to the next major GC
  const isTest = new Uint8Array(n);
  // NaN >= cut is false, so rows without a time train.
  for (let k = 0; k < n; k++) if (time[k] >= cut) isTest[k] = 1;
  const split = partition(isTest);
  if (split.test.length === 0) throw new RangeError(`no rating is at or after the time cut ${cut} (quantile ${quantile}), so the test set is empty`);
  if (split.train.length === 0) {
    throw new RangeError(`every rating is at or after the time cut ${cut} (quantile ${quantile}), so the training set is empty: the earliest time is the cut (try a higher quantile)`);
  }
  return { ...split, cut };
}

export interface TrainFilterOptions {
  minUserRatings: number;
  minItemRatings: number;
}

/**
 * "Filter after the split": the iterative k-core (to a fixed point) on the training
 * rows only, so the test rows never shape what is kept. A test row survives only
 * when its user and item both remain in the filtered training rows; `unscorable`
 * counts the test rows dropped. Orders are kept.
 */
export function trainOnlyKcore(
  table: RatingsTable,
  split: Split,
  { minUserRatings, minItemRatings }: TrainFilterOptions,
): { split: Split; unscorable: number } {
  for (const [v, what] of [[minUserRatings, 'minimum ratings per user'], [minItemRatings, 'minimum ratings per item']] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`${what} must be a whole number ≥ 0, got ${v}`);
  }
  // kcore works in place on the rows it is given, so hand it a copy.
  const { rows: train } = kcore(table, split.train.slice(), minUserRatings, minItemRatings);
  const userIn = new Uint8Array(table.userIds.length);
  const itemIn = new Uint8Array(table.itemIds.length);
  for (let k = 0; k < train.length; k++) {
    userIn[table.user[train[k]]] = 1;
    itemIn[table.item[train[k]]] = 1;
  }
  const test = new Int32Array(split.test.length);
  let m = 0;
  for (let k = 0; k < split.test.length; k++) {
    const row = split.test[k];
    if (userIn[table.user[row]] && itemIn[table.item[row]]) test[m++] = row;
  }
  return { split: { train, test: test.slice(0, m) }, unscorable: split.test.length - m };
}

/**
 * 16 hex digits naming the exact row assignment of a split: 64-bit FNV-1a over the
 * little-endian bytes of the int32 words [train length, train rows…, test length,
 * test rows…], in array order. The 64-bit state is kept as two 32-bit halves
 * (Math.imul, no BigInt) so 8M rows hash in well under a second.
 */
export function splitFingerprint(split: Split): string {
  // Offset basis 0xcbf29ce484222325, as [hi, lo]; the prime is 2^40 + 0x1b3.
  const h = new Uint32Array([0xcbf29ce4, 0x84222325]);
  hashWords(h, split.train);
  hashWords(h, split.test);
  return h[0].toString(16).padStart(8, '0') + h[1].toString(16).padStart(8, '0');
}

/** FNV-1a 64 over the length and then the words of `a`, updating h = [hi, lo]. */
function hashWords(h: Uint32Array, a: Int32Array): void {
  let hi = h[0];
  let lo = h[1];
  for (let k = -1; k < a.length; k++) {
    const w = k < 0 ? a.length : a[k];
    for (let b = 0; b < 32; b += 8) {
      lo = (lo ^ ((w >>> b) & 0xff)) >>> 0;
      // h·prime mod 2^64 = h·0x1b3 + (h << 40); lo·0x1b3 < 2^41 is exact in a double.
      const p = lo * 0x1b3;
      hi = (Math.imul(hi, 0x1b3) + ((p / 4294967296) | 0) + (lo << 8)) >>> 0;
      lo = p >>> 0;
    }
  }
  h[0] = hi;
  h[1] = lo;
}

/** A split described by data, as the UI, URL state and CLI name one. */
export type SplitSpec =
  | ({ kind: 'kfold' } & KFoldOptions)
  | ({ kind: 'repeated-kfold' } & RepeatedKFoldOptions)
  | ({ kind: 'shuffle-split' } & ShuffleSplitOptions)
  | ({ kind: 'train-test' } & Omit<ShuffleSplitOptions, 'nSplits'>)
  | ({ kind: 'leave-one-out' } & LeaveOneOutOptions)
  | ({ kind: 'temporal' } & TemporalOptions)
  | ({ kind: 'held-out-users' } & HeldOutUsersOptions);

export function makeFolds(table: RatingsTable, spec: SplitSpec): Split[] {
  const n = table.user.length;
  switch (spec.kind) {
    case 'kfold':
      return kFold(n, spec);
    case 'repeated-kfold':
      return repeatedKFold(n, spec);
    case 'shuffle-split':
      return shuffleSplit(n, spec);
    case 'train-test':
      return [trainTestSplit(n, spec)];
    case 'leave-one-out':
      return leaveOneOut(table, spec);
    case 'temporal':
      return [temporalLeaveLastOut(table, spec)];
    case 'held-out-users':
      return [heldOutUsers(table, spec)];
  }
}
