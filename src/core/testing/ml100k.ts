/**
 * MovieLens-100k and Surprise's fold assignment, for parity tests and benchmarks.
 * Read from ../shared (never copied into the repo: its license forbids
 * redistribution). Outside CI a missing copy skips the tests that need it; in CI
 * (CI=true) it is a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RatingsTable } from '../ratings.ts';
import { predefinedFold } from '../selection/predefined.ts';
import type { Split } from '../split.ts';
import { buildTestset, buildTrainset, type Testset, type Trainset } from '../surprise/trainset.ts';

const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));
export const SHARED_DATA_DIR = `${SHARED}data/`;
export const ML100K_DIR = `${SHARED}data/movielens-100k/`;
export const ANCHORS_DIR = `${SHARED}anchors/surprise/`;

/** Whether ../shared/data is here: false skips the tests that read it, except in CI, where its absence fails. */
export function sharedDataAvailable(): boolean {
  const present = existsSync(SHARED_DATA_DIR);
  if (!present && process.env.CI === 'true') throw new Error(`${SHARED_DATA_DIR} is missing (required in CI)`);
  return present;
}

export function ml100kAvailable(): boolean {
  const present = existsSync(`${ML100K_DIR}u.data`) && existsSync(`${ANCHORS_DIR}ml100k_kfold5_order.txt`);
  if (!present && process.env.CI === 'true') {
    throw new Error(`MovieLens-100k or the Surprise anchors are missing under ${SHARED} (required in CI)`);
  }
  return present;
}

/** A tab-separated user/item/rating/time file (u.data layout) in file order, ids as strings. */
export function readUDataFile(path: string): RatingsTable {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const userIdx = new Map<string, number>();
  const itemIdx = new Map<string, number>();
  const n = lines.length;
  const t: RatingsTable = {
    user: new Int32Array(n),
    item: new Int32Array(n),
    rating: new Float32Array(n),
    time: new Float64Array(n),
    verified: null,
    userIds,
    itemIds,
  };
  const index = (map: Map<string, number>, ids: string[], id: string): number => {
    let k = map.get(id);
    if (k === undefined) {
      k = ids.push(id) - 1;
      map.set(id, k);
    }
    return k;
  };
  lines.forEach((line, k) => {
    const [u, i, r, ts] = line.split('\t');
    t.user[k] = index(userIdx, userIds, u);
    t.item[k] = index(itemIdx, itemIds, i);
    t.rating[k] = Number(r);
    t.time[k] = Number(ts);
  });
  return t;
}

export function loadMl100k(): RatingsTable {
  return readUDataFile(`${ML100K_DIR}u.data`);
}

/** Surprise's KFold(n_splits=5, random_state=0, shuffle=True) permutation of u.data rows. */
export function ml100kKfoldOrder(): Int32Array {
  const text = readFileSync(`${ANCHORS_DIR}ml100k_kfold5_order.txt`, 'utf8');
  return Int32Array.from(text.split('\n').filter((l) => l.length > 0), Number);
}

/** Surprise's five KFold folds of u.data as trainsets (1–5 scale) and testsets. */
export function ml100kFolds(): { ts: Trainset; test: Testset }[] {
  const table = loadMl100k();
  const order = ml100kKfoldOrder();
  return [0, 1, 2, 3, 4].map((f) => {
    const { train, test } = ml100kFold(order, f);
    const ts = buildTrainset(table, train, { min: 1, max: 5 });
    return { ts, test: buildTestset(table, test, ts) };
  });
}

/**
 * Surprise's 80/20 split (anchors ml100k_split80_20.{train,test}.tsv) as one table:
 * the train file's rows, then the test file's, sharing one id dictionary (ids only
 * the test file knows come last); `split` holds the two row ranges.
 */
export function ml100kSplit80(): { table: RatingsTable; split: Split } {
  const [train, test] = ['train', 'test'].map((part) => readUDataFile(`${ANCHORS_DIR}ml100k_split80_20.${part}.tsv`));
  return predefinedFold(train, test);
}

/** Fold f of 5: test rows order[20000f, 20000(f+1)); train the rest, in permutation order. */
export function ml100kFold(order: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
  const size = order.length / 5;
  const test = order.slice(size * f, size * (f + 1));
  const train = new Int32Array(order.length - size);
  train.set(order.subarray(0, size * f), 0);
  train.set(order.subarray(size * (f + 1)), size * f);
  return { train, test };
}

export interface AnchorRow {
  algo: string;
  fold: number;
  rmse: number;
  mae: number;
  fit_s: number;
  test_s: number;
}

/** Surprise's per-fold figures (ml100k_cv5_folds.csv and ml100k_cv5_itemknn_folds.csv). */
export function ml100kAnchorFolds(): AnchorRow[] {
  const rows: AnchorRow[] = [];
  for (const file of ['ml100k_cv5_folds.csv', 'ml100k_cv5_itemknn_folds.csv']) {
    const [, ...lines] = readFileSync(`${ANCHORS_DIR}${file}`, 'utf8').trim().split('\n');
    for (const line of lines) {
      const [, algo, fold, rmse, mae, fit_s, test_s] = line.split(',');
      rows.push({ algo, fold: Number(fold), rmse: Number(rmse), mae: Number(mae), fit_s: Number(fit_s), test_s: Number(test_s) });
    }
  }
  return rows;
}
