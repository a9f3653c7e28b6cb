import { ALGORITHMS } from '../src/core/registry/index.ts';
import { chooseEvaluation, chooseModel, expect, loadSample, openTrain, setNumber, setParam, test } from './lab.ts';

const CORE = ALGORITHMS.filter((a) => a.engine === 'core').map((a) => a.id);

test('every TypeScript algorithm in the registry trains from the UI and lands in one comparison', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  // The reference rankers are in CORE and trained by hand here: none queued beside the others.
  await page.getByTestId('rank-references').uncheck();
  for (const id of CORE) {
    await chooseModel(page, id);
    await page.getByRole('button', { name: `Train ${id}` }).click();
  }
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(CORE.length, { timeout: 120_000 });
  for (const id of CORE) await expect(page.locator(`[data-testid="compare-row"][data-algo="${id}"]`)).toHaveCount(1);
  await expect(page.locator('[data-testid="run"][data-status="failed"]')).toHaveCount(0);
});

test('cross-validate KNNBaseline and grid-search SVD, with progress and per-fold results', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);

  await chooseModel(page, 'KNNBaseline');
  await chooseEvaluation(page, 'k-fold cross-validation');
  await setNumber(page, 'Folds', 3);
  await page.getByRole('button', { name: 'Cross-validate KNNBaseline' }).click();
  const cvRow = page.locator('[data-testid="compare-row"][data-algo="KNNBaseline"]');
  await expect(cvRow).toContainText('3-fold CV');
  const cvRun = page.locator('[data-testid="run"][data-algo="KNNBaseline"]');
  await cvRun.getByText('3 folds').click();
  await expect(cvRun.getByTestId('fold-results').locator('tbody tr')).toHaveCount(3);

  await chooseModel(page, 'SVD');
  await page.getByTestId('mode-select').selectOption('search');
  // A search tests its winner once on held-out rows: not with k-fold evaluation.
  await expect(page.getByTestId('eval-kinds').getByRole('radio', { name: /^k-fold/ })).toBeDisabled();
  await expect(page.getByTestId('form-problems')).toContainText('not k-fold cross-validation');
  await expect(page.getByRole('button', { name: 'Search SVD' })).toBeDisabled();
  await chooseEvaluation(page, 'Global time split');
  await expect(page.getByRole('button', { name: 'Search SVD' })).toBeDisabled();
  await page.getByLabel('factors values to try').fill('5, 20');
  await page.getByLabel('epochs values to try').fill('5, oops');
  await expect(page.getByText('"oops" does not fit')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Search SVD' })).toBeDisabled();
  await page.getByLabel('epochs values to try').fill('5, 15');
  await page.getByRole('button', { name: 'Search SVD' }).click();
  const searchRun = page.locator('[data-testid="run"][data-algo="SVD"]');
  await expect(searchRun).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await searchRun.getByText('4 candidates').click();
  await expect(searchRun.getByTestId('search-results').locator('tbody tr')).toHaveCount(4);
  await expect(searchRun.locator('[data-testid="candidate"][data-winner]')).toHaveCount(1);
  await expect(page.locator('[data-testid="compare-row"][data-algo="SVD"]')).toContainText('best of 4 by grid search on 3 folds of the training rows (RMSE)');
  // SVD's epochs ran in the WebAssembly SIMD kernel in the browser too (the page's CSP lets wasm compile).
  await searchRun.getByTestId('run-detail').locator('summary').click();
  await expect(searchRun.getByTestId('detail-backend')).toHaveText('wasm-simd (a WebAssembly SIMD kernel ran the epochs)');
});

test('a TensorFlow.js run pauses, resumes and stops within a batch, and the next run still trains', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  // Bias MF in tiny batches for many epochs, no early stopping: minutes of work unless stopped.
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 200);
  await setParam(page, 'early-stopping patience', 0);
  await setParam(page, 'batch size', 16);
  await page.getByRole('button', { name: 'Train BiasMF' }).click();
  const run = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  await expect(run).toHaveAttribute('data-status', 'running');
  await expect(run).not.toHaveAttribute('data-points', '0');

  await run.getByRole('button', { name: 'Pause' }).click();
  await expect(run).toHaveAttribute('data-status', 'paused');
  // The batch in flight finishes (and, if it ended an epoch, that epoch's point is drawn).
  await page.waitForTimeout(1000);
  const pausedAt = await run.getAttribute('data-points');
  await page.waitForTimeout(1500);
  await expect(run).toHaveAttribute('data-points', pausedAt!);
  await run.getByRole('button', { name: 'Resume' }).click();
  await expect(run).toHaveAttribute('data-status', 'running');

  // Stopping a TensorFlow.js run keeps what it learned: scored, saved, downloadable.
  await run.getByRole('button', { name: 'Stop' }).click();
  await expect(run).toHaveAttribute('data-status', 'done');
  await expect(run).toContainText('stopped after');
  await expect(page.locator('[data-testid="compare-row"][data-algo="BiasMF"]')).toContainText('stopped by hand');
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await run.getByRole('button', { name: /^Download model: BiasMF/ }).click();
  await expect.poll(() => downloads.length).toBe(2);
  expect(downloads.some((n) => n.endsWith('.json'))).toBe(true);
  expect(downloads.some((n) => n.endsWith('.weights.bin'))).toBe(true);
  await chooseModel(page, 'BaselineOnly');
  await page.getByRole('button', { name: 'Train BaselineOnly' }).click();
  await expect(page.locator('[data-testid="compare-row"][data-algo="BaselineOnly"]')).toHaveCount(1);
});
