/**
 * Ranking evaluation from the Train screen: full and sampled metrics at K side by
 * side, the reference rankers queued by default, how the two protocols agree on the
 * order of the runs, significance marks against a chosen reference run (from the
 * worker's paired tests), a tuned-vs-untuned warning, and the per-user CSV.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { chooseEvaluation, chooseModel, expect, loadSample, longTasksSince, openTrain, pageNow, setNumber, setParam, test } from './lab.ts';

const row = (page: Page, algo: string) => page.locator(`[data-testid="compare-row"][data-algo="${algo}"]`);
const num = async (cell: Locator) => Number((await cell.innerText()).trim().split(/\s+/)[0].replace(/,/g, ''));

test('leave last out ranked at K=10, full + sampled: reference rankers, agreement, significance against a reference, per-user CSV', async ({ lab: page, consoleErrors }) => {
  test.setTimeout(240_000);
  await loadSample(page);
  await openTrain(page);
  await chooseEvaluation(page, 'Leave last out');

  // Ranking is on by default for a single split, at K=10, with the reference rankers.
  const settings = page.getByTestId('ranking-settings');
  await expect(page.getByTestId('rank-toggle')).toBeChecked();
  await expect(page.getByLabel('K', { exact: true })).toHaveValue('10');
  await expect(page.getByLabel('Relevance threshold', { exact: true })).toHaveValue('');
  await expect(page.getByTestId('rank-references')).toBeChecked();
  await settings.getByRole('radio', { name: 'Full + sampled' }).check();
  await setNumber(page, 'Negatives (N)', 50);
  await expect(settings).toContainText('against 50 seeded negatives');
  await expect(settings).toContainText('Krichene & Rendle');
  // The sample is small: no "will take a while".
  await expect(page.getByTestId('rank-large')).toHaveCount(0);
  // The model select lists the reference rankers as their own family.
  await expect(page.getByTestId('algo-select').locator('optgroup[label="Reference rankers"] option')).toHaveText(['Most popular', 'Random']);

  const since = await pageNow(page);
  for (const id of ['MostPop', 'BaselineOnly', 'SVD']) {
    await chooseModel(page, id);
    await page.getByRole('button', { name: `Train ${id}` }).click();
  }
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 3);
  await page.getByRole('button', { name: 'Train BiasMF' }).click();

  // Random came with the first run (MostPop was that run): one of each, never twice.
  const finished = page.locator('[data-testid="run"][data-status="done"]');
  await expect(finished).toHaveCount(5, { timeout: 120_000 });
  await expect(page.locator('[data-testid="run"]')).toHaveCount(5);
  await expect(page.locator('[data-testid="run"][data-algo="Random"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="run"][data-algo="MostPop"]')).toHaveCount(1);

  const group = page.getByTestId('compare-group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('ranked at K=10');
  const head = group.locator('thead');
  for (const h of ['HR@10', 'NDCG@10', 'MAP@10']) await expect(head.getByRole('columnheader', { name: h, exact: true })).toHaveCount(1);
  // A sub-head is named with its metric, e.g. "HR@10 sampled N=50" (the visible "sampled N=50" under "HR@10").
  await expect(head.getByRole('columnheader', { name: /^(HR|NDCG|MAP)@10 sampled N=50$/ })).toHaveCount(3);
  for (const algo of ['MostPop', 'Random', 'BaselineOnly', 'SVD', 'BiasMF']) {
    for (const m of ['hr-full', 'hr-sampled', 'ndcg-full', 'ndcg-sampled']) {
      const v = await num(row(page, algo).getByTestId(m));
      expect(v, `${algo} ${m}`).toBeGreaterThanOrEqual(0);
      expect(v, `${algo} ${m}`).toBeLessThanOrEqual(1);
    }
    expect(await num(row(page, algo).getByTestId('users'))).toBeGreaterThan(0);
  }
  // Sampled hit rates beat full ones: one relevant item among 51 candidates, not all of them.
  expect(await num(row(page, 'SVD').getByTestId('hr-sampled'))).toBeGreaterThan(await num(row(page, 'SVD').getByTestId('hr-full')));
  // Reference rankers predict no ratings.
  for (const algo of ['MostPop', 'Random']) await expect(row(page, algo).getByTestId('rmse')).toHaveText('—');

  // Kendall's tau of the full vs sampled orders over the five runs, from the worker.
  const badge = page.getByTestId('agreement');
  await expect(badge).toContainText(/full and sampled (agree on the order|reorder some runs): τ = -?\d\.\d\d over 5 runs/);
  const tau = Number(await badge.getAttribute('data-tau'));
  expect(tau).toBeGreaterThanOrEqual(-1);
  expect(tau).toBeLessThanOrEqual(1);
  console.log(`[figures] ${await badge.innerText()}`);

  // Against MostPop: a mark per metric for every other run, from the paired tests.
  await page.getByTestId('compare-ref').selectOption({ label: (await page.getByTestId('compare-ref').locator('option', { hasText: 'MostPop' }).innerText()).trim() });
  await expect(row(page, 'MostPop').getByTestId('vs-ref')).toHaveText('reference');
  for (const algo of ['Random', 'BaselineOnly', 'SVD', 'BiasMF']) {
    const r = row(page, algo);
    await expect(r.getByTestId('vs-ref')).toHaveText(/^[\d,]+ users paired$/);
    for (const m of ['hr-full', 'hr-sampled', 'ndcg-full', 'ndcg-sampled', 'map-full', 'map-sampled']) {
      const mark = r.getByTestId(m).getByTestId('mark');
      await expect(mark).toHaveCount(1);
      await expect(mark).toHaveText(/^(▲|▼|n\.s\.)$/);
      await expect(mark).toHaveAttribute('title', /^diff [+−]\d\.\d+ \[-?\d\.\d+, -?\d\.\d+\], Wilcoxon p = \S+ \(Holm \S+\), t-test p = \S+, over [\d,]+ users$/);
    }
    console.log(`[figures] vs MostPop: ${(await r.innerText()).replace(/\s+/g, ' ')}`);
  }
  // Random against MostPop on HR@10 is a real, significant loss: the mark and its numbers say so.
  const randomHr = row(page, 'Random').getByTestId('hr-full').getByTestId('mark');
  await expect(randomHr).toHaveAttribute('data-significant', 'true');
  await expect(randomHr).toHaveText('▼');
  const title = (await randomHr.getAttribute('title'))!;
  const diff = Number(/^diff ([+−][\d.]+)/.exec(title)![1].replace('−', '-'));
  const expected = (await num(row(page, 'Random').getByTestId('hr-full'))) - (await num(row(page, 'MostPop').getByTestId('hr-full')));
  expect(diff).toBeCloseTo(expected, 2);
  expect(Number(/Holm ([\d.e-]+)/.exec(title)![1])).toBeLessThan(0.05);
  // Rating metrics are compared only between runs that predict ratings.
  await expect(row(page, 'SVD').getByTestId('rmse').getByTestId('mark')).toHaveCount(0);

  // The per-user CSV of a run on one split: a header and one row per user.
  const downloading = page.waitForEvent('download');
  await page.locator('[data-testid="run"][data-algo="BaselineOnly"]').getByRole('button', { name: /^Per-user CSV: BaselineOnly/ }).click();
  const download = await downloading;
  const runId = await page.locator('[data-testid="run"][data-algo="BaselineOnly"]').getAttribute('data-run-id');
  expect(download.suggestedFilename()).toBe(`reclab-BaselineOnly-${runId}-per-user.csv`);
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^user,rmse,mae,hr,/);
  expect(lines[0]).toContain('sampled_hr');
  const users = lines.slice(1).map((l) => l.split(',')[0]);
  expect(new Set(users).size).toBe(users.length);
  expect(users.length).toBeGreaterThanOrEqual(await num(row(page, 'BaselineOnly').getByTestId('users')));

  const blocking = (await longTasksSince(page, since)).filter((t) => t.duration > 100);
  expect(blocking, 'main-thread long tasks over 100 ms while training and comparing').toEqual([]);

  // The ranking settings round-trip through the URL.
  await page.reload();
  await expect(page.getByTestId('rank-protocol').getByRole('radio', { name: 'Full + sampled' })).toBeChecked();
  await expect(page.getByLabel('Negatives (N)', { exact: true })).toHaveValue('50');
  expect(consoleErrors).toEqual([]);
});

test('a search on NDCG@K, a baseline left on its defaults, and runs on another split that cannot be paired', async ({ lab: page, consoleErrors }) => {
  test.setTimeout(240_000);
  await loadSample(page);
  await openTrain(page);
  await chooseEvaluation(page, 'Leave last out');
  await setNumber(page, 'K', 5);
  await setNumber(page, 'Relevance threshold', 4);

  // A TensorFlow.js model tuned by a search on a ranking objective.
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 2);
  await page.getByTestId('mode-select').selectOption('search');
  await expect(page.getByTestId('metric-select').locator('option')).toContainText(['HR@5 (higher is better)', 'NDCG@5 (higher is better)', 'MAP@5 (higher is better)']);
  await page.getByTestId('metric-select').selectOption('ndcg');
  await setNumber(page, 'Validation folds', 2);
  await page.getByLabel('embedding size values to try').fill('4, 8');
  await page.getByRole('button', { name: 'Search BiasMF' }).click();
  // Turning ranking off leaves a ranking objective without its ranking: the form says so.
  await page.getByTestId('rank-toggle').uncheck();
  await expect(page.getByTestId('form-problems')).toContainText('NDCG@5 is a ranking metric');
  await page.getByTestId('rank-toggle').check();
  await page.getByTestId('mode-select').selectOption('train');
  await chooseModel(page, 'BaselineOnly');
  await page.getByRole('button', { name: 'Train BaselineOnly' }).click();
  // The same model on another split.
  await chooseEvaluation(page, 'Global time split');
  await page.getByRole('button', { name: 'Train BaselineOnly' }).click();

  await expect(page.locator('[data-testid="run"][data-status="done"]')).toHaveCount(7, { timeout: 150_000 });
  const search = page.locator('[data-testid="compare-row"][data-algo="BiasMF"]');
  await expect(search).toContainText('best of 2 by grid search on 2 folds of the training rows (NDCG@5)');
  const run = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  await run.getByText('2 candidates').click();
  await expect(run.getByTestId('search-results').getByRole('columnheader', { name: 'NDCG@5' })).toHaveCount(1);

  const groups = page.getByTestId('compare-group');
  await expect(groups).toHaveCount(2);
  const last = groups.filter({ hasText: 'leave last out' });
  await expect(last).toContainText('ranked at K=5 (relevant: rating ≥ 4)');
  await expect(last.getByRole('columnheader', { name: 'NDCG@5', exact: true })).toHaveCount(1);
  await expect(last.getByTestId('tuning-warning')).toContainText('BaselineOnly runs on default settings while BiasMF was tuned: tune the baseline too before comparing');
  await expect(groups.filter({ hasText: 'global time' }).getByTestId('tuning-warning')).toHaveCount(0);

  await page.getByTestId('compare-ref').selectOption({ label: (await page.getByTestId('compare-ref').locator('option', { hasText: /BaselineOnly.*leave last out/ }).innerText()).trim() });
  const other = groups.filter({ hasText: 'global time' });
  await expect(other.getByTestId('vs-ref')).toHaveText(['not comparable: another split', 'not comparable: another split', 'not comparable: another split']);
  await expect(last.locator('[data-testid="compare-row"][data-algo="MostPop"]').getByTestId('vs-ref')).toHaveText(/^[\d,]+ users paired$/);
  await expect(last.locator('[data-testid="compare-row"][data-algo="MostPop"]').getByTestId('ndcg-full').getByTestId('mark')).toHaveCount(1);
  expect(consoleErrors).toEqual([]);
});
