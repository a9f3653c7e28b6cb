/**
 * Outgrowing the tab: a filtered sample's recipe exported as a Dask job, the job run
 * with Python on this machine's cores over the very file the lab loaded, and its output
 * imported back: the sample with the recipe and engine beside it and the lab's check of
 * the counts, and the job's BaselineOnly run in the comparison table marked Dask.
 * Without Dask the test skips, except in CI (CI=true), where it fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { daskPython } from '../src/cli/python.ts';
import { chooseEvaluation, chooseModel, expect, openTrain, setNumber, test } from './lab.ts';

const python = daskPython();
const SAMPLE = fileURLToPath(new URL('../public/samples/reviews_Digital_Music_5.first6908.json.gz', import.meta.url));

test('export a recipe as a Dask job, run it, import its sample and baseline back', async ({ lab: page }, testInfo) => {
  if (!python && process.env.CI === 'true') throw new Error('no Python imports dask.distributed: CI must install python3-dask and python3-distributed');
  test.skip(!python, 'no Python here imports dask.distributed (apt-get install python3-dask python3-distributed)');
  test.setTimeout(300_000);
  // The file itself, as a person adds it: the job reads the same bytes, so the lab can check its counts.
  await page.getByLabel('Ratings file').setInputFiles(SAMPLE);
  const rows = page.getByTestId('dataset-row');
  await expect(rows).toHaveCount(1, { timeout: 60_000 });
  await page.getByLabel('Min ratings per user').fill('3');
  await page.getByLabel('Min ratings per item').fill('3');
  await page.getByLabel('Sample users').fill('900');
  await expect(page.getByTestId('filter-preview').getByText('k-core round 1')).toBeVisible();
  await page.getByRole('button', { name: 'Save filtered dataset' }).click();
  await expect(rows).toHaveCount(2);
  const filteredRows = await rows.nth(1).getByTestId('count-rows').innerText();

  const panel = page.getByRole('region', { name: 'Outgrow the tab: Dask' });
  await panel.getByText('Run this recipe at scale…').click();
  // Every box of the form, as a person fills it; the job then runs what they say.
  await panel.getByLabel('Split for the job').selectOption('random');
  await panel.getByLabel('Test (%)').fill('25');
  await panel.getByLabel('Split for the job').selectOption('users');
  await panel.getByLabel('Held-out users (%)').fill('30');
  await panel.getByLabel('Revealed share (%)').fill('40');
  await panel.getByLabel('Split seed').fill('3');
  await panel.getByLabel('ALS rank (n_factors)').fill('8');
  await panel.getByLabel('ALS λ (reg_all)').fill('0.2');
  await panel.getByLabel('ALS iterations').fill('4');
  await panel.getByLabel('Rank test users').check();
  await panel.getByLabel('K', { exact: true }).fill('5');
  await expect(panel.getByTestId('scale-command')).toHaveText('python3 job.py --input reviews_Digital_Music_5.first6908.json.gz --output out --workers 2');
  await page.screenshot({ path: testInfo.outputPath('scale-export.png'), fullPage: true });

  const dir = mkdtempSync(join(tmpdir(), 'reclab-e2e-dask-'));
  const downloads: string[] = [];
  page.on('download', (d) => void d.saveAs(join(dir, d.suggestedFilename())).then(() => downloads.push(d.suggestedFilename())));
  await panel.getByRole('button', { name: 'Download job.py and recipe.json' }).click();
  await expect.poll(() => downloads.sort()).toEqual(['job.py', 'recipe.json']);
  const recipe = JSON.parse(readFileSync(join(dir, 'recipe.json'), 'utf8'));
  expect(recipe).toMatchObject({
    engine: 'dask',
    filters: { minUserRatings: 3, minItemRatings: 3, sampleUsers: 900 },
    evaluation: {
      split: { kind: 'users', userFraction: 0.3, revealFraction: 0.4, seed: 3 },
      algos: [{ algo: 'BaselineOnly' }, { algo: 'ALS', params: { rank: 8, reg: 0.2, iterations: 4, implicit: false, seed: 3 } }],
      ranking: { k: 5 },
    },
  });
  expect(readFileSync(join(dir, 'job.py'), 'utf8')).toBe(readFileSync(new URL('../src/core/scale/job.py', import.meta.url), 'utf8'));

  const out = join(dir, 'out');
  const ran = spawnSync(python!, [join(dir, 'job.py'), '--input', SAMPLE, '--output', out, '--workers', '2'], { encoding: 'utf8', timeout: 240_000 });
  expect(ran.status, ran.stderr).toBe(0);
  writeFileSync(join(dir, 'job.log'), ran.stderr);

  await panel.getByLabel('sample.csv, recipe.json and summary.json of a Dask job').setInputFiles([join(out, 'sample.csv'), join(dir, 'recipe.json'), join(out, 'summary.json')]);
  await expect(panel.getByTestId('scale-status')).toContainText('2 runs scored at scale');
  await expect(rows).toHaveCount(3);
  const imported = rows.nth(2);
  await expect(imported.getByTestId('count-rows')).toHaveText(filteredRows);
  await expect(imported.getByTestId('scale-note')).toContainText('Sampled by a Dask job (2 workers');
  await expect(imported.getByTestId('scale-check')).toHaveText(/The lab’s own run of this recipe on “reviews_Digital_Music_5\.first6908\.json\.gz” gives the same counts\./);
  await expect(imported.getByTestId('import-notes')).toContainText('900 users sampled (smallest seeded SHA-256 keys)');
  await page.screenshot({ path: testInfo.outputPath('scale-imported.png'), fullPage: true });

  // The imported dataset is the one in use.
  await expect(imported.getByRole('button', { name: /^In use: / })).toBeDisabled();
  await openTrain(page);
  await expect(page.getByTestId('compare-row').filter({ hasText: 'Dask' })).toHaveCount(2);
  const row = page.locator('[data-testid="compare-row"][data-algo="BaselineOnly"]').filter({ hasText: 'Dask' });
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  await expect(row.getByTestId('rmse')).toContainText(summary.evaluation.rmse.toFixed(4));

  // The lab's own BaselineOnly on the same split lands in the same group with the same figures.
  await chooseEvaluation(page, 'Held-out users');
  await setNumber(page, 'Held-out users (%)', 30);
  await setNumber(page, 'Revealed share (%)', 40);
  await setNumber(page, 'User seed', 3);
  await setNumber(page, 'K', 5);
  await page.getByTestId('rank-references').uncheck();
  await chooseModel(page, 'BaselineOnly');
  await page.getByRole('button', { name: 'Train BaselineOnly' }).click();
  const group = page.getByTestId('compare-group').filter({ has: row });
  await expect(group.getByTestId('compare-row')).toHaveCount(3);
  const lab = group.getByTestId('compare-row').filter({ hasNotText: 'Dask' });
  // The figure itself, without the marks beside it (★ best).
  const figure = async (r: typeof row, id: string) => (await r.getByTestId(id).innerText()).match(/[\d.,]+/)?.[0];
  for (const id of ['rmse', 'mae', 'hr-full', 'ndcg-full', 'users']) expect(await figure(lab, id), id).toBe(await figure(row, id));
  await page.screenshot({ path: testInfo.outputPath('scale-compare.png'), fullPage: true });
});
