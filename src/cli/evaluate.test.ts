import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreEstimator } from '../core/estimator/coreEstimator.ts';
import { applyRecipe, DEFAULT_RECIPE } from '../core/ingest/filter.ts';
import { UserSample } from '../core/ingest/userSample.ts';
import { rankModel, type RankingResult } from '../core/ranking/index.ts';
import { readPerUserCsv } from '../core/ranking/perUser.ts';
import type { RatingsTable } from '../core/ratings.ts';
import { findAlgorithm, resolveParams } from '../core/registry/index.ts';
import { crossValidate, crossValidateModel, fitAndScore, tableScale, type RankingMeans } from '../core/selection/crossValidate.ts';
import { applyTrainFilter, evaluationFolds, evaluationLabel, type Evaluation } from '../core/selection/evaluation.ts';
import { predefinedFold } from '../core/selection/predefined.ts';
import { splitFingerprint } from '../core/selection/splits.ts';
import { ANCHORS_DIR, ml100kAvailable, readUDataFile } from '../core/testing/ml100k.ts';
import { lastJson, reclab } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'reclab-evaluate-'));

/** A u.data-style file (user, item, rating, time; tab-separated) of seeded ratings. */
function writeUData(name: string, rows: [string, string, number][]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map(([u, i, r], k) => `${u}\t${i}\t${r}\t${880000000 + k}`).join('\n') + '\n');
  return path;
}

const ratings: [string, string, number][] = [];
for (let u = 0; u < 30; u++) for (let i = 0; i < 20; i++) if ((u * 7 + i * 3) % 4 !== 0) ratings.push([`u${u}`, `i${i}`, 1 + ((u + 2 * i) % 5)]);
const trainFile = writeUData('train.tsv', ratings.filter((_, k) => k % 7 !== 0));
// The test file knows one user and one item the training file does not.
const testRows: [string, string, number][] = [...ratings.filter((_, k) => k % 7 === 0), ['stranger', 'i1', 4], ['u1', 'new-item', 2]];
const testFile = writeUData('test.tsv', testRows);
const dataFile = writeUData('all.tsv', ratings);
// Users with 14 to 41 ratings of 60 items: some have fewer eligible negatives than others.
const varied: [string, string, number][] = [];
for (let u = 0; u < 40; u++) for (let i = 0; i < 60; i++) if ((u * 13 + i * 7) % 11 < 3 + (u % 5)) varied.push([`v${u}`, `j${i}`, 1 + ((u * 3 + i) % 5)]);
const variedFile = writeUData('varied.tsv', varied);
const untimedFile = join(dir, 'untimed.csv');
writeFileSync(untimedFile, 'user_id,item_id,rating\n' + ratings.map((r) => r.join(',')).join('\n') + '\n');

/** What `ranking` in the JSON must hold for a ranking result (NaN as JSON's null). */
function expectedRanking(r: RankingMeans | RankingResult) {
  const j = {
    k: r.k,
    users: r.users,
    hr: r.hr,
    precision: r.precision,
    recall: r.recall,
    map: r.map,
    ndcg: r.ndcg,
    mrr: r.mrr,
    coverage: r.coverage,
    novelty: r.novelty,
    arp: r.arp,
    long_tail: r.longTail,
    gini: r.gini,
  };
  return JSON.parse(JSON.stringify(j));
}

/** A small SVD, fitted as the CLI fits it (registry defaults completed, the seed, the table's scale). */
const SVD_PARAMS = { n_factors: 4, n_epochs: 8 };
function fitSvd(table: RatingsTable, train: Int32Array, seed: number) {
  return coreEstimator().fit({ table, train, algo: 'SVD', params: resolveParams(findAlgorithm('SVD'), SVD_PARAMS), seed, scale: tableScale(table) });
}

describe('reclab evaluate', () => {
  it('scores a train/test pair as one fold, mapping test ids through the training ids', async () => {
    const out = lastJson(await reclab('evaluate', '--train', trainFile, '--test', testFile, '--algo', 'BaselineOnly', '--json'));
    expect(Object.keys(out)).toEqual(['algo', 'params', 'seed', 'rmse', 'mae', 'mse', 'fcp', 'fit_s', 'test_s', 'impossible', 'folds', 'split']);
    expect(out.algo).toBe('BaselineOnly');
    expect(out.params).toMatchObject({ bsl_options: { method: 'als', reg_i: 10, reg_u: 15 } });
    expect(out.seed).toBe(0);
    // BaselineOnly predicts unknown users and items from the other bias, so nothing is impossible.
    expect(out.impossible).toBe(0);
    const folds = out.folds as Record<string, number>[];
    expect(folds).toHaveLength(1);
    expect(folds[0].rmse).toBe(out.rmse);

    const { table, split } = predefinedFold(readUDataFile(trainFile), readUDataFile(testFile));
    const direct = await crossValidate(table, 'BaselineOnly', {}, [split]);
    expect(out.rmse).toBeCloseTo(direct.rmse, 12);
    expect(out.mae).toBeCloseTo(direct.mae, 12);
    expect(out.fcp).toBeCloseTo(direct.fcp, 12);
    expect(out.split).toEqual({ kind: 'predefined', label: 'train/test files', fingerprint: splitFingerprint(split), train: split.train.length, test: split.test.length, unscorable: 0 });
  });

  it('counts impossible predictions and takes nested Surprise params', async () => {
    const params = JSON.stringify({ k: 5, sim_options: { name: 'pearson', user_based: false } });
    const out = lastJson(await reclab('evaluate', '--train', trainFile, '--test', testFile, '--algo', 'KNNBasic', '--params', params, '--json'));
    expect(out.params).toMatchObject({ k: 5, sim_options: { name: 'pearson', user_based: false } });
    const { table, split } = predefinedFold(readUDataFile(trainFile), readUDataFile(testFile));
    const direct = await crossValidate(table, 'KNNBasic', { k: 5, 'sim_options.name': 'pearson', 'sim_options.user_based': false }, [split]);
    expect(out.impossible).toBe(direct.impossible);
    expect(out.impossible).toBeGreaterThanOrEqual(2); // the unknown user and the unknown item, at least
    expect(out.rmse).toBeCloseTo(direct.rmse, 12);
  });

  it('cross-validates one file with seeded folds; top-level figures are fold means', async () => {
    const run = () => reclab('evaluate', '--data', dataFile, '--cv', '3', '--seed', '4', '--algo', 'SlopeOne', '--json');
    const out = lastJson(await run());
    const folds = out.folds as Record<string, number>[];
    expect(folds).toHaveLength(3);
    expect(out.rmse).toBeCloseTo(folds.reduce((s, f) => s + f.rmse, 0) / 3, 12);
    expect(out.seed).toBe(4);
    expect((lastJson(await run()).folds as Record<string, number>[]).map((f) => f.rmse)).toEqual(folds.map((f) => f.rmse));
  });

  // Each split of one file, against the same split and scoring computed in-process.
  it.each<[string[], Evaluation]>([
    [['--split', 'random', '--test-size', '0.25', '--seed', '2'], { kind: 'random', testFraction: 0.25, seed: 2 }],
    [['--split', 'last'], { kind: 'last' }],
    [['--split', 'time', '--quantile', '0.7'], { kind: 'time', quantile: 0.7 }],
    [['--split', 'users', '--users', '0.3', '--reveal', '0.4', '--seed', '3'], { kind: 'users', userFraction: 0.3, revealFraction: 0.4, seed: 3 }],
  ])('scores one split of --data: %j', async (flags, ev) => {
    const out = lastJson(await reclab('evaluate', '--data', dataFile, ...flags, '--algo', 'BaselineOnly', '--json'));
    const table = readUDataFile(dataFile);
    const [split] = evaluationFolds(table, ev);
    expect(out.split).toEqual({
      kind: ev.kind,
      label: evaluationLabel(ev),
      fingerprint: splitFingerprint(split),
      train: split.train.length,
      test: split.test.length,
      unscorable: 0,
    });
    expect(out.filter).toBeUndefined();
    const direct = await crossValidate(table, 'BaselineOnly', {}, [split]);
    expect(out.rmse).toBeCloseTo(direct.rmse, 12);
    expect(out.mae).toBeCloseTo(direct.mae, 12);
    expect(out.impossible).toBe(direct.impossible);
    expect(out.folds).toHaveLength(1);
  });

  it('k-cores the training rows only with --filter-after-split and reports the unscorable test rows', async () => {
    const out = lastJson(
      await reclab('evaluate', '--data', dataFile, '--split', 'random', '--seed', '1', '--min-user-ratings', '13', '--min-item-ratings', '5', '--filter-after-split', '--algo', 'BaselineOnly', '--json'),
    );
    expect(Object.keys(out).slice(-3)).toEqual(['folds', 'split', 'filter']);
    expect(out.filter).toEqual({ mode: 'after', min_user_ratings: 13, min_item_ratings: 5 });
    const table = readUDataFile(dataFile);
    const ev: Evaluation = { kind: 'random', testFraction: 0.2, seed: 1 };
    const filtered = applyTrainFilter(table, evaluationFolds(table, ev), { minUserRatings: 13, minItemRatings: 5 });
    const split = filtered.folds[0];
    const unscorable = filtered.unscorable[0];
    expect(unscorable).toBeGreaterThan(0); // some test users lost their training rows
    expect(out.split).toMatchObject({ kind: 'random', fingerprint: splitFingerprint(split), train: split.train.length, test: split.test.length, unscorable });
    const direct = await crossValidate(table, 'BaselineOnly', {}, [split]);
    expect(out.rmse).toBeCloseTo(direct.rmse, 12);
  });

  it('k-cores the whole file before splitting without --filter-after-split', async () => {
    const out = lastJson(await reclab('evaluate', '--data', dataFile, '--cv', '2', '--min-item-ratings', '23', '--algo', 'BaselineOnly', '--json'));
    expect(out.filter).toEqual({ mode: 'before', min_user_ratings: 0, min_item_ratings: 23 });
    const { table, after } = applyRecipe(readUDataFile(dataFile), { minUserRatings: 0, minItemRatings: 23, verifiedOnly: false, seed: DEFAULT_RECIPE.seed });
    expect(after.rows).toBe(230); // the items with 23 ratings
    const split = out.split as Record<string, unknown>;
    expect(split).toMatchObject({ kind: 'kfold', label: '2-fold CV, seed 0', unscorable: 0 });
    expect((split.train as number) + (split.test as number)).toBe(after.rows);
    const direct = await crossValidate(table, 'BaselineOnly', {}, evaluationFolds(table, { kind: 'kfold', folds: 2, seed: 0 }));
    expect(out.rmse).toBeCloseTo(direct.rmse, 12);
  });

  it('prints a readable table without --json', async () => {
    const run = await reclab('evaluate', '--data', dataFile, '--cv', '2', '--algo', 'BaselineOnly');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Fold 1\s+Fold 2\s+Mean\s+Std/);
    expect(run.stdout).toMatch(/RMSE \(testset\)\s+\d\.\d{4}/);
  });

  it.each([
    [['--algo', 'SVDX', '--data', dataFile, '--cv', '2'], /unknown algorithm "SVDX"/],
    [['--algo', 'BaselineOnly', '--data', dataFile, '--cv', '2', '--params', '{k:1}'], /--params is not valid JSON/],
    [['--algo', 'KNNBasic', '--data', dataFile, '--cv', '2', '--params', '{"kk":1}'], /KNNBasic has no parameter "kk"/],
    [['--algo', 'KNNBasic', '--data', dataFile, '--cv', '2', '--params', '{"sim_options":{"name":"jaccard"}}'], /sim_options.name must be one of/],
    [['--algo', 'BaselineOnly', '--data', join(dir, 'missing.tsv'), '--cv', '2'], /missing.tsv: no such file/],
    [['--algo', 'BaselineOnly', '--data', dataFile], /--cv N/],
    [['--algo', 'BaselineOnly', '--train', trainFile], /--train and --test/],
    [['--algo', 'BaselineOnly', '--data', dataFile, '--cv', '2', '--backend', 'cpu'], /deep models only/],
    [['--algo', 'BaselineOnly', '--data', dataFile, '--cv', '2', '--bogus'], /bogus/],
    [['--algo', 'BaselineOnly', '--data', dataFile, '--split', 'loo'], /--split must be one of random, last, time, users/],
    [['--algo', 'BaselineOnly', '--data', dataFile, '--split', 'random', '--quantile', '0.5'], /--quantile goes with --split time/],
    [['--algo', 'BaselineOnly', '--data', dataFile, '--split', 'random', '--test-size', '1.5'], /--test-size must be a number between 0 and 1/],
    [['--algo', 'BaselineOnly', '--data', dataFile, '--cv', '2', '--split', 'last'], /either --cv N .* or --split/],
    [['--algo', 'BaselineOnly', '--data', untimedFile, '--split', 'time'], /needs timestamps/],
    [['--algo', 'BaselineOnly', '--train', trainFile, '--test', testFile, '--min-user-ratings', '3'], /need --filter-after-split/],
    [['--algo', 'BaselineOnly', '--data', dataFile, '--cv', '2', '--filter-after-split'], /--filter-after-split needs --min-user-ratings/],
  ])('fails with one clear line: %j', async (args, message) => {
    const run = await reclab('evaluate', ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(/^reclab evaluate: /);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  describe('--ranking', () => {
    const pair = ['--train', trainFile, '--test', testFile];
    const svd = ['--algo', 'SVD', '--params', JSON.stringify(SVD_PARAMS), '--seed', '2'];

    it('adds the full ranking at K, equal to rankModel on the same split', async () => {
      const out = lastJson(await reclab('evaluate', ...pair, ...svd, '--ranking', '--k', '5', '--json'));
      expect(Object.keys(out)).toEqual(['algo', 'params', 'seed', 'rmse', 'mae', 'mse', 'fcp', 'fit_s', 'test_s', 'impossible', 'folds', 'split', 'ranking']);
      const { table, split } = predefinedFold(readUDataFile(trainFile), readUDataFile(testFile));
      const model = await fitSvd(table, split.train, 2);
      const direct = await rankModel(model, table, split, { k: 5 });
      expect(Object.keys(out.ranking as object)).toEqual(['k', 'users', 'hr', 'precision', 'recall', 'map', 'ndcg', 'mrr', 'coverage', 'novelty', 'arp', 'long_tail', 'gini']);
      expect(out.ranking).toEqual(expectedRanking(direct));
      // Not a vacuous match: users were ranked, some hit, and the stranger (no training rows) counts.
      expect(direct.users).toBe(31);
      expect(direct.hr).toBeGreaterThan(0);
      expect(out.sampled).toBeUndefined();
      // K defaults to 10.
      const k10 = lastJson(await reclab('evaluate', ...pair, ...svd, '--ranking', '--json'));
      expect(k10.ranking).toEqual(expectedRanking(await rankModel(model, table, split, { k: 10 })));
    });

    it('adds the sampled protocol with --negatives (seeded by --seed), with short users and a relevance threshold', async () => {
      const flags = ['--data', variedFile, '--split', 'random', ...svd, '--ranking', '--k', '3', '--negatives', '30', '--relevance', '3', '--json'];
      const out = lastJson(await reclab('evaluate', ...flags));
      const table = readUDataFile(variedFile);
      const [split] = evaluationFolds(table, { kind: 'random', testFraction: 0.2, seed: 2 });
      const model = await fitSvd(table, split.train, 2);
      const full = await rankModel(model, table, split, { k: 3, relevance: 3 });
      const sampled = await rankModel(model, table, split, { k: 3, relevance: 3, negatives: 30, seed: 2 });
      expect(out.ranking).toEqual(expectedRanking(full));
      expect(Object.keys(out).slice(-2)).toEqual(['ranking', 'sampled']);
      expect(out.sampled).toEqual({ ...expectedRanking(sampled), negatives: 30, short_users: sampled.shortUsers });
      // Some users have fewer than 30 eligible negatives, others more: both paths ran.
      expect(sampled.shortUsers).toBeGreaterThan(0);
      expect(sampled.shortUsers).toBeLessThan(sampled.users);
      // The negatives follow --seed: drawn with another seed, the figures differ.
      const seed0 = await rankModel(model, table, split, { k: 3, relevance: 3, negatives: 30, seed: 0 });
      expect(expectedRanking(seed0)).not.toEqual(expectedRanking(sampled));
    });

    it('with --cv, reports the means over folds of each fold\'s ranking', async () => {
      const out = lastJson(await reclab('evaluate', '--data', dataFile, '--cv', '3', ...svd, '--ranking', '--k', '4', '--negatives', '5', '--json'));
      const table = readUDataFile(dataFile);
      const folds = evaluationFolds(table, { kind: 'kfold', folds: 3, seed: 2 });
      const fit = { algo: 'SVD', params: resolveParams(findAlgorithm('SVD'), SVD_PARAMS), seed: 2 };
      const cv = await crossValidateModel(coreEstimator(), table, folds, fit, { ranking: { k: 4, negatives: 5, seed: 2 } });
      expect(out.ranking).toEqual(expectedRanking(cv.ranking!.full));
      expect(out.sampled).toEqual({ ...expectedRanking(cv.ranking!.sampled!), negatives: 5, short_users: cv.ranking!.sampled!.shortUsers });
    });

    it('--per-user writes one CSV row per test user equal to the per-user arrays, empty where a user has no value', async () => {
      const file = join(dir, 'per-user.csv');
      const run = await reclab('evaluate', ...pair, ...svd, '--ranking', '--k', '3', '--negatives', '4', '--relevance', '4', '--per-user', file);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Per-user values written to ${file}.`);
      const text = readFileSync(file, 'utf8');
      const metrics = ['hr', 'precision', 'recall', 'ap', 'ndcg', 'mrr'] as const;
      expect(text.split('\n')[0]).toBe(['user', 'rmse', 'mae', ...metrics, ...metrics.map((m) => `sampled_${m}`)].join(','));
      const csv = readPerUserCsv(text);

      const { table, split } = predefinedFold(readUDataFile(trainFile), readUDataFile(testFile));
      const fit = { algo: 'SVD', params: resolveParams(findAlgorithm('SVD'), SVD_PARAMS), seed: 2, scale: tableScale(table) };
      const direct = await fitAndScore(coreEstimator(), table, split, fit, { k: 3, relevance: 4, negatives: 4, seed: 2 });
      const { full, sampled } = direct.ranking!;
      // Every test user once (the stranger too), in table order.
      expect(csv.users).toEqual(Array.from(direct.perUser.user, (u) => table.userIds[u]));
      const value = (users: Int32Array, values: Float64Array, id: string) => {
        const j = Array.from(users, (u) => table.userIds[u]).indexOf(id);
        return j < 0 ? NaN : values[j];
      };
      csv.users.forEach((id, j) => {
        expect(csv.columns.rmse[j]).toBe(value(direct.perUser.user, direct.perUser.rmse, id));
        expect(csv.columns.mae[j]).toBe(value(direct.perUser.user, direct.perUser.mae, id));
        for (const m of metrics) {
          expect(csv.columns[m][j]).toBe(value(full.perUser.user, full.perUser[m], id));
          expect(csv.columns[`sampled_${m}`][j]).toBe(value(sampled!.perUser.user, sampled!.perUser[m], id));
        }
      });
      // With relevance ≥ 4 some test users have no relevant item: their ranking cells are empty.
      expect(full.users).toBeLessThan(csv.users.length);
      expect(text).toMatch(/^[^,\n]+,[^,]+,[^,]+,,,,,,,,,,,,$/m);
    });

    it('--per-user without --ranking writes the rating errors only', async () => {
      const file = join(dir, 'per-user-rating.csv');
      lastJson(await reclab('evaluate', ...pair, '--algo', 'BaselineOnly', '--per-user', file, '--json'));
      const csv = readPerUserCsv(readFileSync(file, 'utf8'));
      expect(Object.keys(csv.columns)).toEqual(['rmse', 'mae']);
      const { table, split } = predefinedFold(readUDataFile(trainFile), readUDataFile(testFile));
      const fit = { algo: 'BaselineOnly', params: resolveParams(findAlgorithm('BaselineOnly'), {}), seed: 0, scale: tableScale(table) };
      const { perUser } = await fitAndScore(coreEstimator(), table, split, fit);
      expect(csv.users).toEqual(Array.from(perUser.user, (u) => table.userIds[u]));
      expect(Array.from(csv.columns.rmse)).toEqual(Array.from(perUser.rmse));
    });

    it("gives a reference ranker's rating metrics as null (— in the table, empty per-user cells), its ranking as numbers", async () => {
      const file = join(dir, 'mostpop.csv');
      const out = lastJson(await reclab('evaluate', ...pair, '--algo', 'MostPop', '--ranking', '--per-user', file, '--json'));
      for (const key of ['rmse', 'mae', 'mse', 'fcp']) {
        expect(out[key]).toBeNull();
        expect((out.folds as Record<string, unknown>[])[0][key]).toBeNull();
      }
      const { table, split } = predefinedFold(readUDataFile(trainFile), readUDataFile(testFile));
      const fit = { algo: 'MostPop', params: {}, seed: 0, scale: tableScale(table) };
      const { model } = await fitAndScore(coreEstimator(), table, split, fit);
      expect(out.ranking).toEqual(expectedRanking(await rankModel(model, table, split, { k: 10 })));
      expect((out.ranking as { ndcg: number }).ndcg).toBeGreaterThan(0);
      const csv = readPerUserCsv(readFileSync(file, 'utf8'));
      expect(csv.columns.rmse.every(Number.isNaN)).toBe(true);
      expect(csv.columns.ndcg.some((x) => !Number.isNaN(x))).toBe(true);

      const human = await reclab('evaluate', ...pair, '--algo', 'MostPop', '--ranking', '--negatives', '5');
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^RMSE \(testset\)\s+—\s+—\s+—$/m);
      expect(human.stdout).toMatch(/^Ranking @10 of 31 test users with a relevant held-out item:$/m);
      expect(human.stdout).toMatch(/^\s+HR\s+Precision\s+Recall\s+MAP\s+NDCG\s+MRR\s+Coverage\s+Novelty\s+ARP\s+Long tail\s+Gini$/m);
      expect(human.stdout).toMatch(/^full(\s+\d+\.\d+){11}$/m);
      expect(human.stdout).toMatch(/^sampled(\s+\d+\.\d+){11}$/m);
    });

    it.each([
      [['--data', dataFile, '--cv', '2', '--per-user', join(dir, 'x.csv')], /--per-user needs one split/],
      [['--data', dataFile, '--cv', '2', '--k', '5'], /--k goes with --ranking/],
      [['--data', dataFile, '--cv', '2', '--negatives', '5'], /--negatives goes with --ranking/],
      [['--data', dataFile, '--cv', '2', '--ranking', '--k', '0'], /--k needs a whole number ≥ 1, got "0"/],
      [['--data', dataFile, '--cv', '2', '--ranking', '--negatives', '2.5'], /--negatives needs a whole number ≥ 1/],
      [['--data', dataFile, '--cv', '2', '--ranking', '--relevance', 'high'], /--relevance needs a number/],
      [['--data', dataFile, '--split', 'last', '--per-user', join(dir, 'no-such-dir', 'x.csv')], /--per-user .*no-such-dir/],
    ])('fails with one clear line: %j', async (args, message) => {
      const run = await reclab('evaluate', '--algo', 'BaselineOnly', ...args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toMatch(/^reclab evaluate: /);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('trains a deep model on the chosen backend and reports its training figures', async () => {
    const params = JSON.stringify({ epochs: 2, factors: 4 });
    const out = lastJson(
      await reclab('evaluate', '--train', trainFile, '--test', testFile, '--algo', 'BiasMF', '--backend', 'cpu', '--params', params, '--json'),
    );
    expect(Object.keys(out)).toEqual(['algo', 'params', 'seed', 'rmse', 'mae', 'mse', 'fcp', 'fit_s', 'test_s', 'impossible', 'backend', 'epochs_run', 'samples_per_s', 'folds', 'split']);
    expect(out.backend).toBe('cpu');
    expect(out.epochs_run).toBeGreaterThan(0);
    expect(out.epochs_run).toBeLessThanOrEqual(2);
    expect(out.samples_per_s).toBeGreaterThan(0);
    expect(out.impossible).toBe(2); // the unknown user and the unknown item fall back to the mean
    expect(out.rmse).toBeLessThan(2);
  });

  it("feeds --meta titles to a model with text input (Word2Vec in the fit), and says when they are missing", async () => {
    // Amazon 2018-style metadata lines, keyed by the items' ids.
    const meta = join(dir, 'meta.json');
    writeFileSync(meta, Array.from({ length: 20 }, (_, i) => JSON.stringify({ asin: `i${i}`, title: `${i % 2 ? 'Quiet' : 'Loud'} Song ${i}` })).join('\n') + '\n');
    const params = JSON.stringify({ epochs: 1, factors: 4, text: 'titles', text_dim: 8 });
    const args = ['evaluate', '--train', trainFile, '--test', testFile, '--algo', 'MLP', '--backend', 'cpu', '--params', params, '--json'];
    const withTitles = lastJson(await reclab(...args, '--meta', meta));
    expect(withTitles.params).toMatchObject({ text: 'titles', text_dim: 8 });
    expect(withTitles.rmse).toBeLessThan(2);
    expect(lastJson(await reclab(...args, '--meta', meta)).rmse).toBe(withTitles.rmse);
    const without = await reclab(...args);
    expect(without.code).not.toBe(0);
    expect(without.stderr).toContain('MLP with text input (text=titles) needs item titles');
  });

  it('feeds the review text of a review file to a model with text=reviews, and refuses a file without any', async () => {
    const reviews = join(dir, 'reviews.json');
    const words = ['lovely', 'awful', 'tune', 'record', 'voice'];
    const lines = Array.from({ length: 120 }, (_, k) =>
      JSON.stringify({ reviewerID: `u${k % 25}`, asin: `i${k % 9}`, overall: 1 + (k % 5), unixReviewTime: k, summary: words[k % 5], reviewText: `${words[(k * 3) % 5]} ${words[(k * 7) % 5]} ${words[k % 4]}` }),
    );
    writeFileSync(reviews, lines.join('\n') + '\n');
    const params = JSON.stringify({ epochs: 1, factors: 4, text: 'reviews', text_dim: 8 });
    const args = ['evaluate', '--split', 'random', '--algo', 'MLP', '--backend', 'cpu', '--params', params, '--json'];
    const out = lastJson(await reclab(...args, '--data', reviews));
    expect(out.params).toMatchObject({ text: 'reviews', text_dim: 8 });
    expect(out.rmse).toBeLessThan(3);
    const without = await reclab(...args, '--data', trainFile);
    expect(without.code).not.toBe(0);
    expect(without.stderr).toContain('MLP with text input (text=reviews) needs review text, and this dataset has none');
    expect(without.stderr).not.toMatch(/\n\s+at /);
  });

  it.runIf(ml100kAvailable())("reproduces Surprise's BaselineOnly RMSE on the ML-100k 80/20 anchor split", async () => {
    const out = lastJson(
      await reclab(
        'evaluate',
        '--train',
        `${ANCHORS_DIR}ml100k_split80_20.train.tsv`,
        '--test',
        `${ANCHORS_DIR}ml100k_split80_20.test.tsv`,
        '--algo',
        'BaselineOnly',
        '--json',
      ),
    );
    expect(Math.abs((out.rmse as number) - 0.9550543124044737)).toBeLessThan(1e-9);
    expect(Math.abs((out.mae as number) - 0.7573425770736903)).toBeLessThan(1e-9);
    expect(out.impossible).toBe(0);
  });
});

describe('reclab evaluate --sample-users-fraction', () => {
  it('evaluates on the users the seeded key keeps, each with all their ratings', async () => {
    const run = await reclab('evaluate', '--data', dataFile, '--split', 'random', '--algo', 'BaselineOnly', '--sample-users-fraction', '0.5', '--seed', '3', '--json');
    const out = lastJson(run) as { split: { train: number; test: number } };
    const sample = new UserSample({ fraction: 0.5, seed: 3 });
    const kept = ratings.filter(([u]) => sample.keeps(new TextEncoder().encode(u), 0, u.length));
    expect(kept.length).toBeGreaterThan(ratings.length / 4);
    expect(kept.length).toBeLessThan((ratings.length * 3) / 4);
    expect(out.split.train + out.split.test).toBe(kept.length);
  });
});
