/** History: every run of every dataset, found by text and filters (kept after a reload), opened, run again, deleted with Undo. */
import { expect, loadSample, openTrain, queueModels, test } from './lab.ts';

test('the history finds runs by text and filters, keeps the filter after a reload, runs again, deletes with undo, and opens', async ({ lab: page, consoleErrors }) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  await queueModels(page, ['SVD', 'BaselineOnly']);
  await expect(page.getByTestId('compare-row')).toHaveCount(2, { timeout: 60_000 });

  const screens = page.getByRole('navigation', { name: 'Screens' });
  await screens.getByRole('button', { name: 'History' }).click();
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2);
  // Newest first.
  await expect(rows.first()).toHaveAttribute('data-algo', 'BaselineOnly');
  await expect(rows.first()).toContainText('RMSE 0.');

  await page.getByTestId('history-text').fill('svd global');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-algo', 'SVD');
  await expect(page.getByTestId('history-count')).toHaveText('1 of 2 runs match');
  await page.getByTestId('history-text').fill('');
  await page.getByTestId('history-model').selectOption('BaselineOnly');
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('history-model')).toHaveValue('BaselineOnly');
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(rows).toHaveCount(2);

  // Run again: the same request as a new run on its dataset.
  await page.getByRole('button', { name: /^Run again: SVD #1 on / }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toHaveAttribute('data-algo', 'SVD');
  await expect(rows.first()).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  // Delete, from the keyboard: Undo takes the focus, and brings the run back.
  await page.getByRole('button', { name: /^Delete: BaselineOnly #2 on / }).focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('button', { name: /^Delete: BaselineOnly #2 on / })).toBeFocused();

  // Open: the run's dataset on the Train screen.
  await page.getByRole('button', { name: /^Open: SVD #1 on / }).click();
  await expect(screens.getByRole('button', { name: 'Train & compare' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('compare-row')).toHaveCount(3);
  expect(consoleErrors).toEqual([]);
});
