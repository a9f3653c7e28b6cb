import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRecipe, DEFAULT_RECIPE } from '../core/ingest/filter.ts';
import { crossValidate } from '../core/selection/crossValidate.ts';
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
const untimedFile = join(dir, 'untimed.csv');
writeFileSync(untimedFile, 'user_id,item_id,rating\n' + ratings.map((r) => r.join(',')).join('\n') + '\n');

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
