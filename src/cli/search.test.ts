import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAlgorithm, flattenParams, resolveParams } from '../core/registry/index.ts';
import { randomCandidates } from '../core/selection/search.ts';
import { ANCHORS_DIR, ml100kAvailable } from '../core/testing/ml100k.ts';
import { lastJson, reclab } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'reclab-search-'));
const dataFile = join(dir, 'all.tsv');
const rows: string[] = [];
for (let u = 0; u < 30; u++) for (let i = 0; i < 20; i++) if ((u * 7 + i * 3) % 4 !== 0) rows.push(`u${u}\ti${i}\t${1 + ((u + 2 * i) % 5)}\t${880000000 + rows.length}`);
writeFileSync(dataFile, rows.join('\n') + '\n');

interface Candidate {
  params: Record<string, unknown>;
  rmse: number;
  mae: number;
  fcp: number;
  fit_s: number;
  test_s: number;
}

const candidatesOf = (out: Record<string, unknown>) => out.candidates as Candidate[];

describe('reclab search', () => {
  it.runIf(ml100kAvailable())(
    "scores each grid candidate on the ML-100k anchor test file exactly as `reclab evaluate` does (Surprise's GridSearchCV with a PredefinedKFold)",
    async () => {
      const files = ['--train', `${ANCHORS_DIR}ml100k_split80_20.train.tsv`, '--test', `${ANCHORS_DIR}ml100k_split80_20.test.tsv`];
      const grids: [string, object][] = [
        ['KNNBaseline', { k: [10, 40], sim_options: { name: ['msd', 'pearson_baseline'], user_based: [false] } }],
        ['BaselineOnly', { bsl_options: { method: ['als', 'sgd'] } }],
      ];
      for (const [algo, grid] of grids) {
        const out = lastJson(await reclab('search', ...files, '--algo', algo, '--grid', JSON.stringify(grid), '--json'));
        expect(Object.keys(out)).toEqual(['algo', 'metric', 'seed', 'split', 'best', 'candidates']);
        expect(out).toMatchObject({ algo, metric: 'rmse', split: { kind: 'predefined', train: 80000, test: 20000 } });
        const cands = candidatesOf(out);
        expect(cands).toHaveLength(algo === 'KNNBaseline' ? 4 : 2);
        // itertools.product's order: the last key varies fastest.
        if (algo === 'KNNBaseline') {
          expect(cands.map((c) => [c.params.k, (c.params.sim_options as { name: string }).name])).toEqual([
            [10, 'msd'],
            [10, 'pearson_baseline'],
            [40, 'msd'],
            [40, 'pearson_baseline'],
          ]);
        }
        const evaluated = await Promise.all(
          cands.map(async (c) => lastJson(await reclab('evaluate', ...files, '--algo', algo, '--params', JSON.stringify(c.params), '--json'))),
        );
        cands.forEach((c, k) => {
          expect(c.rmse).toBe(evaluated[k].rmse);
          expect(c.mae).toBe(evaluated[k].mae);
          expect(c.fcp).toBe(evaluated[k].fcp);
        });
        const best = cands.reduce((b, c) => (c.rmse < b.rmse ? c : b));
        expect(out.best).toEqual({ params: best.params, score: best.rmse });
      }
      // And the ALS candidate is Surprise's own BaselineOnly figure on this split.
      const als = lastJson(await reclab('search', ...files, '--algo', 'BaselineOnly', '--grid', '{"bsl_options":{"method":["als"]}}', '--json'));
      expect(Math.abs(candidatesOf(als)[0].rmse - 0.9550543124044737)).toBeLessThan(1e-9);
    },
  );

  it('cross-validates each candidate on the same seeded folds as `reclab evaluate --cv`', async () => {
    const out = lastJson(
      await reclab('search', '--data', dataFile, '--cv', '3', '--seed', '5', '--algo', 'KNNBasic', '--grid', '{"k":[3,10]}', '--metric', 'mae', '--json'),
    );
    expect(out).toMatchObject({ metric: 'mae', seed: 5, split: { kind: 'kfold', label: '3-fold CV, seed 5' } });
    const cands = candidatesOf(out);
    for (const c of cands) {
      const ev = lastJson(await reclab('evaluate', '--data', dataFile, '--cv', '3', '--seed', '5', '--algo', 'KNNBasic', '--params', JSON.stringify(c.params), '--json'));
      expect(c.rmse).toBe(ev.rmse);
      expect(c.mae).toBe(ev.mae);
    }
    const best = cands.reduce((b, c) => (c.mae < b.mae ? c : b));
    expect(out.best).toEqual({ params: best.params, score: best.mae });
    expect(out.test).toBeUndefined();
  });

  it('with --split, searches a TensorFlow.js model on folds of the training rows and tests the winner once', async () => {
    const model = ['--algo', 'BiasMF', '--backend', 'cpu', '--seed', '3'];
    const split = ['--data', dataFile, '--split', 'random'];
    const base = '{"epochs":2,"factors":4,"patience":0,"lr_patience":0}';
    const out = lastJson(await reclab('search', ...split, '--folds', '2', ...model, '--params', base, '--grid', '{"lr":[0.001,0.05]}', '--json'));
    expect(Object.keys(out)).toEqual(['algo', 'metric', 'seed', 'split', 'best', 'candidates', 'test']);
    expect(out.split).toMatchObject({ kind: 'random', label: 'random 20% test, seed 3', train: 360, test: 90 });
    const cands = candidatesOf(out);
    expect(cands.map((c) => c.params.lr)).toEqual([0.001, 0.05]);
    expect(cands.every((c) => c.params.epochs === 2 && c.params.factors === 4)).toBe(true);
    const best = out.best as { params: unknown; score: number };
    expect(cands.map((c) => c.params)).toContainEqual(best.params);
    expect(best.score).toBe(Math.min(...cands.map((c) => c.rmse)));
    const test = out.test as Record<string, unknown>;
    expect(Object.keys(test)).toEqual(['rmse', 'mae', 'mse', 'fcp', 'fit_s', 'test_s', 'impossible', 'backend', 'epochs_run', 'samples_per_s']);
    expect(test.backend).toBe('cpu');
    expect(test.epochs_run).toBe(2);
    // The winner fitted on all training rows, scored once on the test rows: `reclab evaluate` of its params (cpu is deterministic).
    const winner = lastJson(await reclab('evaluate', ...split, ...model, '--params', JSON.stringify(best.params), '--json'));
    expect(test.rmse).toBe(winner.rmse);
    expect(test.mae).toBe(winner.mae);
  });

  it('--metric ndcg@10 ranks every candidate at K = 10 and picks the one with the highest NDCG', async () => {
    const grid = JSON.stringify({ n_factors: [1, 8], n_epochs: [1, 20] });
    const cv = ['--data', dataFile, '--cv', '3', '--algo', 'SVD'];
    const out = lastJson(await reclab('search', ...cv, '--grid', grid, '--metric', 'ndcg@10', '--json'));
    expect(out.metric).toBe('ndcg@10');
    const cands = out.candidates as (Candidate & { 'ndcg@10': number })[];
    expect(Object.keys(cands[0])).toEqual(['params', 'rmse', 'mae', 'fcp', 'fit_s', 'test_s', 'ndcg@10']);
    const ndcg = cands.map((c) => c['ndcg@10']);
    // Each candidate's figure is `reclab evaluate --cv 3 --ranking --k 10`'s NDCG of its params.
    for (const c of cands) {
      const ev = lastJson(await reclab('evaluate', ...cv, '--params', JSON.stringify(c.params), '--ranking', '--k', '10', '--json'));
      expect(c['ndcg@10']).toBe((ev.ranking as { ndcg: number }).ndcg);
      expect(c.rmse).toBe(ev.rmse);
    }
    const top = ndcg.indexOf(Math.max(...ndcg));
    expect(new Set(ndcg).size).toBe(4); // distinct, so the pick means something
    expect(top).not.toBe(0); // not the first-candidate fallback
    expect(out.best).toEqual({ params: cands[top].params, score: ndcg[top] });

    // Another objective picks another winner on the same candidates (HR@3 against RMSE).
    const hr = lastJson(await reclab('search', ...cv, '--grid', grid, '--metric', 'hr@3', '--json'));
    const hrs = (hr.candidates as Record<string, number>[]).map((c) => c['hr@3']);
    const rmses = cands.map((c) => c.rmse);
    expect((hr.best as { score: number }).score).toBe(Math.max(...hrs));
    expect(hrs.indexOf(Math.max(...hrs))).not.toBe(rmses.indexOf(Math.min(...rmses)));

    const table = await reclab('search', ...cv, '--grid', grid, '--metric', 'ndcg@10');
    expect(table.stdout).toMatch(/best by NDCG@10\./);
    expect(table.stdout).toMatch(/#\s+RMSE\s+MAE\s+FCP\s+NDCG@10\s+fit s\s+params/);
    expect(table.stdout).toMatch(new RegExp(`^\\*\\s+${top + 1}\\s`, 'm'));
  });

  it('with --split and a ranking objective, reports the winner\'s objective on the test rows too', async () => {
    const split = ['--data', dataFile, '--split', 'random', '--algo', 'KNNBasic'];
    const out = lastJson(await reclab('search', ...split, '--folds', '2', '--grid', '{"k":[1,10]}', '--metric', 'mrr@5', '--json'));
    const test = out.test as Record<string, number>;
    expect(Object.keys(test).at(-1)).toBe('mrr@5');
    const best = out.best as { params: unknown };
    const ev = lastJson(await reclab('evaluate', ...split, '--params', JSON.stringify(best.params), '--ranking', '--k', '5', '--json'));
    expect(test['mrr@5']).toBe((ev.ranking as { mrr: number }).mrr);
    expect(test.rmse).toBe(ev.rmse);
  });

  it('draws --random candidates with the seed: the same seed, the same candidates', async () => {
    const space = { bsl_options: { reg_i: { min: 1, max: 20 }, reg_u: [5, 15, 25] } };
    const run = (seed: string) =>
      reclab('search', '--data', dataFile, '--cv', '2', '--seed', seed, '--algo', 'BaselineOnly', '--random', '4', '--space', JSON.stringify(space), '--json');
    const [a, b, c] = await Promise.all([run('7'), run('7'), run('8')]).then((r) => r.map(lastJson));
    const params = (o: Record<string, unknown>) => candidatesOf(o).map((x) => x.params);
    expect(params(a)).toEqual(params(b));
    expect(candidatesOf(a).map((x) => x.rmse)).toEqual(candidatesOf(b).map((x) => x.rmse));
    expect(params(a)).not.toEqual(params(c));
    // Exactly the registry's seeded draws, completed with the defaults.
    const drawn = randomCandidates('BaselineOnly', space, 4, 7);
    expect(params(a).map((p) => flattenParams(p))).toEqual(drawn.map((d) => resolveParams(findAlgorithm('BaselineOnly'), d)));
  });

  it('prints a small table without --json', async () => {
    const run = await reclab('search', '--data', dataFile, '--cv', '2', '--algo', 'BaselineOnly', '--grid', '{"bsl_options":{"method":["als","sgd"]}}');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 candidates scored on 2-fold CV, seed 0; best by RMSE/);
    expect(run.stdout).toMatch(/#\s+RMSE\s+MAE\s+FCP\s+fit s\s+params/);
    expect(run.stdout).toMatch(/^[* ]\s+2\s+\d\.\d{4}.*bsl_options\.method=sgd$/m);
  });

  it.each([
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD'], /either --grid JSON or --random N/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factors":[1]}', '--random', '2'], /either --grid JSON or --random N/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--random', '2'], /--random needs --space/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factor":[1]}'], /SVD has no parameter "n_factor"/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factors":[]}'], /non-empty list/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '[1]'], /--grid must be a JSON object/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factors":[1]}', '--metric', 'mse'], /--metric must be one of rmse, mae, fcp, hr@K, precision@K/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factors":[1]}', '--metric', 'ndcg'], /--metric must be one of .*ndcg@K.*, got ndcg$/m],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factors":[1]}', '--metric', 'auc@10'], /--metric must be one of/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factors":[1]}', '--metric', 'ndcg@0'], /--metric ndcg@0: K must be ≥ 1/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factors":[1]}', '--folds', '3'], /--folds goes with --split/],
    [['--data', dataFile, '--cv', '2', '--algo', 'SVD', '--grid', '{"n_factors":[1]}', '--backend', 'cpu'], /deep models only/],
  ])('fails with one clear line: %j', async (args, message) => {
    const run = await reclab('search', ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(/^reclab search: /);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
