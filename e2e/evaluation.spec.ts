/**
 * How runs are evaluated and what they keep: time-aware splits labelled for leaks,
 * searches for every model with their candidates, cross-validated runs fitted on all
 * ratings to recommend, and a stop that leaves the training worker (and its measured
 * backend) alone.
 */
import type { Page } from '@playwright/test';
import { chooseEvaluation, chooseModel, expect, loadSample, longTasksSince, openTrain, pageNow, setNumber, setParam, test } from './lab.ts';

const screens = (page: Page) => page.getByRole('navigation', { name: 'Screens' });

test('leave-last-out and global-time runs land in the comparison, only the first labelled as seeing the future', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  // The sample has a time on every rating: the leak-free global time split is the default.
  await expect(page.getByTestId('eval-kinds').getByRole('radio', { name: /^Global time split/ })).toBeChecked();
  await expect(page.getByTestId('eval-kinds').getByTestId('sees-future')).toHaveCount(4);
  await expect(page.getByTestId('eval-kinds').getByTestId('sees-future').first()).toHaveAttribute('title', /Ji et al/);

  await chooseModel(page, 'BaselineOnly');
  await chooseEvaluation(page, 'Leave last out');
  await expect(page.getByTestId('leak-hint')).toBeVisible();
  await page.getByRole('button', { name: 'Train BaselineOnly' }).click();
  await chooseEvaluation(page, 'Global time split');
  await expect(page.getByTestId('leak-hint')).toHaveCount(0);
  await page.getByRole('button', { name: 'Train BaselineOnly' }).click();
  // A second model on the same global time split: the very same rows, so the same fingerprint.
  await chooseModel(page, 'SlopeOne');
  await page.getByRole('button', { name: 'Train SlopeOne' }).click();

  // Each evaluation also got MostPop and Random (queued beside its first ranked run).
  await expect(page.getByTestId('compare-row')).toHaveCount(7, { timeout: 60_000 });
  await expect(page.locator('[data-testid="compare-row"][data-eval="last"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="compare-row"][data-eval="time"][data-algo="MostPop"]')).toHaveCount(1);
  const last = page.locator('[data-testid="compare-row"][data-eval="last"][data-algo="BaselineOnly"]');
  const time = page.locator('[data-testid="compare-row"][data-eval="time"]:is([data-algo="BaselineOnly"], [data-algo="SlopeOne"])');
  await expect(last).toHaveCount(1);
  await expect(time).toHaveCount(2);
  await expect(last).toContainText('leave last out (by time)');
  await expect(last.getByTestId('sees-future')).toHaveText('sees the future');
  await expect(time.first()).toContainText('global time cut at the 80% quantile');
  await expect(time.getByTestId('sees-future')).toHaveCount(0);

  const fingerprints = async (rows: typeof time) => rows.getByTestId('split-fingerprint').evaluateAll((els) => els.map((e) => e.getAttribute('data-fingerprint')));
  const [a, b] = await fingerprints(time);
  expect(a).toMatch(/^[0-9a-f]{16}$/);
  expect(b).toBe(a);
  expect((await fingerprints(last))[0]).not.toBe(a);
  // Shown short, whole in the title.
  await expect(time.first().getByTestId('split-fingerprint').locator('code')).toHaveText(a!.slice(0, 8));
  await expect(time.first().getByTestId('split-fingerprint').locator('code')).toHaveAttribute('title', new RegExp(a!));

  // The evaluation is in the URL like the rest of the form.
  await chooseEvaluation(page, 'Held-out users');
  await setNumber(page, 'Held-out users (%)', 30);
  await page.reload();
  await expect(page.getByTestId('eval-kinds').getByRole('radio', { name: /^Held-out users/ })).toBeChecked();
  await expect(page.getByLabel('Held-out users (%)', { exact: true })).toHaveValue('30');
});

test('a number box shows out-of-range beside it and holds Train until it fits', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'SVD');
  await chooseEvaluation(page, 'Random split');
  const share = page.getByLabel('Test share (%)', { exact: true });
  await share.fill('95');
  // Nothing rewrites what was typed.
  await expect(share).toHaveValue('95');
  await share.press('Enter');
  await expect(share).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'between 1 and 90' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train SVD' })).toBeDisabled();
  await share.fill('25');
  await share.press('Enter');
  await expect(share).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Train SVD' })).toBeEnabled();
  await page.getByRole('button', { name: 'Train SVD' }).click();
  await expect(page.locator('[data-testid="compare-row"][data-algo="SVD"]')).toContainText('random 25% test, seed 0');
});

test('a cross-validated TensorFlow.js run is fitted on all ratings from Recommend, then recommends', async ({ lab: page, consoleErrors }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'BiasMF');
  await chooseEvaluation(page, 'k-fold cross-validation');
  await setNumber(page, 'Folds', 2);
  await setParam(page, 'epochs', 2);
  await page.getByRole('button', { name: 'Cross-validate BiasMF' }).click();
  const row = page.locator('[data-testid="compare-row"][data-algo="BiasMF"]');
  await expect(row).toContainText('2-fold CV', { timeout: 120_000 });
  await expect(row).toContainText('none (cross-validated)');
  const run = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  await expect(run.getByRole('button', { name: 'Fit on all ratings: BiasMF #1' })).toBeVisible();
  await expect(run.getByRole('button', { name: /^Download/ })).toHaveCount(0);

  await screens(page).getByRole('button', { name: 'Recommend' }).click();
  // No run kept a model: nothing to pick yet, only the offer to fit the cross-validated one.
  await expect(page.getByTestId('rec-run')).toHaveCount(0);
  await expect(page.getByTestId('rec-empty')).toBeVisible();
  const unfitted = page.locator('[data-testid="rec-unfitted"][data-algo="BiasMF"]');
  await expect(unfitted).toContainText('2-fold CV');
  const since = await pageNow(page);
  await unfitted.getByRole('button', { name: 'Fit on all ratings: BiasMF #1' }).click();

  const top = page.getByTestId('rec-top').locator('tbody tr');
  await expect(top).toHaveCount(10, { timeout: 120_000 });
  await expect(page.getByTestId('rec-least').locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('rec-source')).toContainText('BiasMF fitted on all ratings');
  await expect(page.getByTestId('rec-source')).toContainText('seed 0');
  await expect(page.getByTestId('rec-run')).toHaveValue(/.+/);
  await expect(page.getByTestId('rec-model')).toContainText('fitted on all ratings');
  await expect(page.getByTestId('rec-without-model')).toHaveCount(0);
  const blocking = (await longTasksSince(page, since)).filter((t) => t.duration > 100);
  expect(blocking, 'main-thread long tasks over 100 ms while fitting').toEqual([]);

  // The run now keeps a model: downloadable from the Train screen.
  await screens(page).getByRole('button', { name: 'Train & compare' }).click();
  await expect(run.getByTestId('model-size')).toContainText('fitted on all ratings');
  await expect(row).toContainText('(all ratings)');
  await expect(run.getByRole('button', { name: 'Download model: BiasMF #1' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a grid search of a TensorFlow.js model shows its candidates, trains the winner, and trains any candidate on request', async ({ lab: page, consoleErrors }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 2);
  await page.getByTestId('mode-select').selectOption('search');
  await setNumber(page, 'Validation folds', 2);
  await page.getByLabel('embedding size values to try').fill('4, 16');
  await expect(page.getByTestId('search-settings')).toContainText('2 candidates × 2 folds = 4 fits');
  const since = await pageNow(page);
  await page.getByRole('button', { name: 'Search BiasMF' }).click();

  const run = page.locator('[data-testid="run"][data-algo="BiasMF"]').first();
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  const blocking = (await longTasksSince(page, since)).filter((t) => t.duration > 100);
  expect(blocking, 'main-thread long tasks over 100 ms while searching').toEqual([]);
  await run.getByText('2 candidates').click();
  const candidates = run.getByTestId('candidate');
  await expect(candidates).toHaveCount(2);
  // Best first by RMSE, so the order depends on the scores; the two values are what matter.
  expect((await candidates.getByTestId('candidate-params').allInnerTexts()).sort()).toEqual(['factors=16', 'factors=4']);
  const winner = run.locator('[data-testid="candidate"][data-winner]');
  await expect(winner).toHaveCount(1);
  const winnerParams = JSON.parse((await winner.getAttribute('data-params'))!);
  // The run trained with exactly the winner's params.
  expect(JSON.parse((await run.getAttribute('data-params'))!)).toEqual(winnerParams);
  expect(winnerParams.epochs).toBe(2);
  const row = page.locator('[data-testid="compare-row"][data-algo="BiasMF"]');
  await expect(row).toContainText('best of 2 by grid search on 2 folds of the training rows (RMSE)');
  await expect(row).toContainText('global time cut');

  // "Train with these" on the runner-up: a plain run (no search) with exactly its params.
  const other = run.locator('[data-testid="candidate"]:not([data-winner])');
  const otherParams = JSON.parse((await other.getAttribute('data-params'))!);
  await other.getByRole('button', { name: /^Train with these/ }).click();
  const plain = page.locator('[data-testid="run"][data-algo="BiasMF"]').nth(1);
  await expect(plain).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  expect(JSON.parse((await plain.getAttribute('data-params'))!)).toEqual(otherParams);
  await expect(plain).toHaveAttribute('data-searched', 'false');
  await expect(plain.getByTestId('search-details')).toHaveCount(0);
  await expect(row).toHaveCount(2);
  await expect(page.locator('[data-testid="compare-row"][data-algo="BiasMF"]', { hasText: 'best of' })).toHaveCount(1);
  // Same split as the search's winner: the same fingerprint.
  const fps = await page.locator('[data-testid="compare-row"][data-algo="BiasMF"]').getByTestId('split-fingerprint').evaluateAll((els) => els.map((e) => e.getAttribute('data-fingerprint')));
  expect(new Set(fps).size).toBe(1);

  // The search round-trips through the URL.
  await page.reload();
  await expect(page.getByTestId('mode-select')).toHaveValue('search');
  await expect(page.getByLabel('embedding size values to try')).toHaveValue('4, 16');
  await expect(page.getByLabel('Validation folds', { exact: true })).toHaveValue('2');
  expect(consoleErrors).toEqual([]);
});

test('a random search accepts ranges and draws its candidates', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'SVD');
  await page.getByTestId('mode-select').selectOption('search');
  await page.getByLabel('lr_all values to try').fill('0.001..0.05');
  await expect(page.getByTestId('form-problems')).toContainText('a range (min..max) is drawn from by a random search');
  await page.getByTestId('strategy-select').selectOption('random');
  await setNumber(page, 'Draws', 3);
  await page.getByTestId('metric-select').selectOption('mae');
  await page.getByRole('button', { name: 'Search SVD' }).click();
  const run = page.locator('[data-testid="run"][data-algo="SVD"]');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.locator('[data-testid="compare-row"][data-algo="SVD"]')).toContainText('best of 3 by random search on 3 folds of the training rows (MAE)');
  const drawn = (await run.getByTestId('candidate').evaluateAll((els) => els.map((e) => JSON.parse(e.getAttribute('data-params')!).lr_all))) as number[];
  expect(drawn).toHaveLength(3);
  for (const v of drawn) {
    expect(v).toBeGreaterThanOrEqual(0.001);
    expect(v).toBeLessThanOrEqual(0.05);
  }
});

test('stopping a running KNN leaves the training worker and its measured backend alone', async ({ lab: page }) => {
  test.setTimeout(240_000);
  const backend = page.getByTestId('backend');
  await expect(backend).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });
  const header = page.locator('header.app-header');
  await expect(header).toHaveAttribute('data-worker-starts', '1');
  const backendText = await backend.innerText();
  // Remember whether the backend ever goes back to "choosing" (a restarted worker measures again).
  await page.evaluate(() => {
    (window as unknown as { __rechose: boolean }).__rechose = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="backend"]')?.textContent?.includes('choosing')) (window as unknown as { __rechose: boolean }).__rechose = true;
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });

  // 360,000 ratings (600 users × 600 of 1,500 items), generated in the page: item-based
  // KNNBaseline with pearson_baseline takes seconds per fold here.
  await page.evaluate(() => {
    let s = 7;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const parts: string[] = [];
    for (let u = 0; u < 600; u++) {
      const seen = new Set<number>();
      while (seen.size < 600) seen.add(Math.floor(rnd() * 1500));
      let t = 1_400_000_000 + u;
      for (const i of seen) parts.push(`u${u},i${i},${1 + Math.floor(rnd() * 5)},${(t += 997)}\n`);
    }
    const dt = new DataTransfer();
    dt.items.add(new File([parts.join('')], 'synthetic_ratings.csv'));
    document.querySelector('[data-testid="dropzone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('dataset-row').getByTestId('count-rows')).toHaveText('360,000', { timeout: 60_000 });
  await openTrain(page);
  await chooseModel(page, 'KNNBaseline');
  await page.getByTestId('param-form').getByLabel('similarity', { exact: true }).selectOption('pearson_baseline');
  await page.getByTestId('param-form').getByLabel('user based', { exact: true }).uncheck();
  await chooseEvaluation(page, 'k-fold cross-validation');
  await setNumber(page, 'Folds', 10);
  const since = await pageNow(page);
  await page.getByRole('button', { name: 'Cross-validate KNNBaseline' }).click();
  const run = page.locator('[data-testid="run"][data-algo="KNNBaseline"]');
  await expect(run.getByTestId('run-status')).toContainText('fold 1 of 10', { timeout: 60_000 });

  // Pause holds a TypeScript fit too (it waits on the shared flags between users).
  await run.getByRole('button', { name: 'Pause' }).click();
  await expect(run).toHaveAttribute('data-status', 'paused');
  await page.waitForTimeout(1000);
  const pausedText = await run.getByTestId('run-status').innerText();
  await page.waitForTimeout(1500);
  await expect(run.getByTestId('run-status')).toHaveText(pausedText);

  await run.getByRole('button', { name: 'Stop' }).click();
  // Stopped inside a fold's fit (no model: stopped), or between folds (the finished folds are scored).
  await expect(run).toHaveAttribute('data-status', /^(stopped|done)$/, { timeout: 30_000 });
  await expect(run.getByTestId('run-status')).toContainText('stopped');
  console.log(`[figures] KNN after Stop: ${await run.getAttribute('data-status')}: ${await run.getByTestId('run-status').innerText()}`);
  const blocking = (await longTasksSince(page, since)).filter((t) => t.duration > 100);
  expect(blocking, 'main-thread long tasks over 100 ms while training and stopping').toEqual([]);

  // The same worker, the same backend report: nothing was restarted or measured again.
  await expect(header).toHaveAttribute('data-worker-starts', '1');
  expect(await backend.innerText()).toBe(backendText);
  expect(await page.evaluate(() => (window as unknown as { __rechose: boolean }).__rechose)).toBe(false);

  // And it still trains.
  await chooseModel(page, 'BaselineOnly');
  await chooseEvaluation(page, 'Global time split');
  await page.getByRole('button', { name: 'Train BaselineOnly' }).click();
  await expect(page.locator('[data-testid="compare-row"][data-algo="BaselineOnly"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(header).toHaveAttribute('data-worker-starts', '1');
});
