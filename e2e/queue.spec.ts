/**
 * The queue of an experiment: time left of the running run, each queued run's place
 * and start (when a finished run of the same request tells how long it takes),
 * reordering that survives a reload, cancel, and a main thread that stays free.
 */
import { expectNoSerious } from './axe.ts';
import { chooseModel, expect, loadSample, longTasksSince, openTrain, pageNow, setParam, test } from './lab.ts';

test('a queued experiment shows time left and places, reorders (kept after a reload), cancels, and never blocks the page', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  const since = await pageNow(page);
  // One SVD first: its time is what a second, identical SVD is expected to take.
  await chooseModel(page, 'SVD');
  await page.getByRole('button', { name: 'Train SVD' }).click();
  const svds = page.locator('[data-testid="run"][data-algo="SVD"]');
  await expect(svds.first()).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 200);
  // No early stopping: with small batches it trains for a while unless stopped.
  await setParam(page, 'early-stopping patience', 0);
  await setParam(page, 'batch size', 16);
  await page.getByRole('button', { name: 'Train BiasMF' }).click();
  await chooseModel(page, 'SVD');
  await page.getByRole('button', { name: 'Train SVD' }).click();
  await chooseModel(page, 'KNNBasic');
  await page.getByRole('button', { name: 'Train KNNBasic' }).click();
  await chooseModel(page, 'SlopeOne');
  await page.getByRole('button', { name: 'Train SlopeOne' }).click();

  const deep = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  const svd = svds.nth(1);
  const knn = page.locator('[data-testid="run"][data-algo="KNNBasic"]');
  const slope = page.locator('[data-testid="run"][data-algo="SlopeOne"]');
  await expect(deep.getByTestId('run-time')).toContainText(/about \d+ (s|min) left/, { timeout: 60_000 });
  // The SVD's own time is known from the first; the runs behind it have none.
  await expect(svd.getByTestId('run-time')).toHaveText(/1st in the queue · starts in about \d+ (s|min)/);
  await expect(knn.getByTestId('run-time')).toHaveText(/2nd in the queue · starts in about \d+ (s|min)$/);
  await expect(slope.getByTestId('run-time')).toHaveText(/· 3rd in the queue$/);
  // Paused, it holds the queue until the reload however fast the machine trains it
  // (a paused run gives no start times: they would be guesses).
  await deep.getByRole('button', { name: 'Pause' }).click();
  await expect(deep).toHaveAttribute('data-status', 'paused');
  await expect(svd.getByRole('button', { name: /^Move up/ })).toBeDisabled();
  await expect(slope.getByRole('button', { name: /^Move down/ })).toBeDisabled();

  // SlopeOne to the front, from the keyboard; focus stays on the button pressed.
  await slope.getByRole('button', { name: /^Move up/ }).focus();
  await page.keyboard.press('Enter');
  const order = () => page.locator('[data-testid="run"][data-status="queued"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-algo')));
  await expect.poll(order).toEqual(['SVD', 'SlopeOne', 'KNNBasic']);
  await expect(slope.getByRole('button', { name: /^Move up/ })).toBeFocused();
  await slope.getByRole('button', { name: /^Move up/ }).click();
  await expect.poll(order).toEqual(['SlopeOne', 'SVD', 'KNNBasic']);
  await expect(slope.getByTestId('run-time')).toContainText('1st in the queue');

  // Cancel the KNN: it leaves the queue.
  await knn.getByRole('button', { name: /^Cancel/ }).click();
  await expect(knn).toHaveAttribute('data-status', 'stopped');
  await expect(knn.getByTestId('run-status')).toContainText('removed from the queue');

  const blocking = (await longTasksSince(page, since)).filter((t) => t.duration > 100);
  expect(blocking, 'main-thread long tasks over 100 ms during the queued experiment').toEqual([]);
  // The queue's controls pass axe (after the long-task window: axe itself runs on the main thread).
  await expect(slope).toHaveAttribute('data-status', 'queued');
  await expectNoSerious(page, 'Train, a queued experiment');

  // After a reload the queue keeps its new order: SlopeOne runs before the SVD.
  await page.reload();
  await expect(deep).toHaveAttribute('data-status', 'interrupted');
  await expect(svd).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(slope).toHaveAttribute('data-status', 'done');
  const listed = await page.getByTestId('run').evaluateAll((els) => els.map((e) => e.getAttribute('data-algo')));
  expect(listed.indexOf('SlopeOne')).toBeLessThan(listed.lastIndexOf('SVD'));
  const finished = await page.locator('[data-testid="compare-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-algo')));
  expect(finished.filter((a) => a === 'SVD')).toHaveLength(2);
});
