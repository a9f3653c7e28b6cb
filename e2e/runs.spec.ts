/**
 * Nothing is lost on reload or by one click: a run is stored when queued and as it
 * trains, so a reload shows it interrupted at its epoch with its curve so far (and it
 * can run again), queued runs come back queued; Remove can be undone.
 */
import type { Page } from '@playwright/test';
import { chooseModel, expect, loadSample, openTrain, setParam, test } from './lab.ts';

/** The runs whose model parts are stored (IndexedDB store modelParts, keyed [run, part]). */
function runsWithParts(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('reclab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const keys = db.transaction('modelParts').objectStore('modelParts').getAllKeys();
          keys.onerror = () => reject(keys.error);
          keys.onsuccess = () => {
            db.close();
            resolve([...new Set((keys.result as [string, number][]).map(([run]) => run))]);
          };
        };
      }),
  );
}

/** Load the sample and queue a Bias MF run long enough to reload in the middle of (unranked: no reference rankers). */
async function trainLongBiasMF(page: Page): Promise<void> {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 200);
  // No early stopping (the LR schedule still holds validation rows out), and small
  // batches: slow epochs that go on, so the run is still training whenever the test
  // looks (the MF step is fast: 50 epochs took under 30 s).
  await setParam(page, 'early-stopping patience', 0);
  await setParam(page, 'batch size', 16);
  await page.getByRole('button', { name: 'Train BiasMF' }).click();
}

test('a reload mid-run keeps the running run as interrupted with its curve, and the queued one runs', async ({ lab: page }) => {
  await trainLongBiasMF(page);
  await chooseModel(page, 'SVD');
  await page.getByRole('button', { name: 'Train SVD' }).click();

  const deep = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  const svd = page.locator('[data-testid="run"][data-algo="SVD"]');
  await expect(svd).toHaveAttribute('data-status', 'queued');
  await expect(deep).toHaveAttribute('data-points', /^([3-9]|\d\d+)$/, { timeout: 60_000 });
  // Early stopping holds 10% of the training rows out: the live RMSE says so.
  await expect(deep.getByTestId('run-status')).toContainText('validation (10% of train) RMSE');

  await page.reload();
  await expect(deep).toHaveAttribute('data-status', 'interrupted');
  const points = Number(await deep.getAttribute('data-points'));
  expect(points).toBeGreaterThanOrEqual(3);
  await expect(deep.getByTestId('run-status')).toContainText(`interrupted at epoch ${points} of 200`);
  await expect(page.getByTestId('learning-curve').locator('.curve-line polyline').first()).toBeVisible();
  await expect(page.getByTestId('learning-curve').locator('.curve-legend')).toContainText('BiasMF #1 — validation (10% of train) solid');
  // The queued run came back and trains on its own.
  await expect(svd).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(svd.getByTestId('run-status')).toContainText('test RMSE');
  await expect(page.locator('[data-testid="compare-row"][data-algo="SVD"]')).toHaveCount(1);
  await expect(page.getByRole('columnheader', { name: 'Test RMSE' }).first()).toBeVisible();

  // Still interrupted after another reload; then it runs again in its place.
  await page.reload();
  await expect(deep).toHaveAttribute('data-status', 'interrupted');
  await expect(svd).toHaveAttribute('data-status', 'done');
  await deep.getByRole('button', { name: 'Run again: BiasMF #1' }).click();
  await expect(deep).toHaveAttribute('data-status', 'running');
  await expect(deep).toHaveAttribute('data-points', /^[1-9]/, { timeout: 60_000 });
  await deep.getByRole('button', { name: 'Stop' }).click();
  await expect(deep).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.locator('[data-testid="compare-row"][data-algo="BiasMF"]')).toHaveCount(1);
});

test('Remove can be undone, keyboard focus following, and is kept after a reload once not undone; the model goes once Undo is gone', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  await chooseModel(page, 'SVD');
  await page.getByRole('button', { name: 'Train SVD' }).click();
  await chooseModel(page, 'BaselineOnly');
  await page.getByRole('button', { name: 'Train BaselineOnly' }).click();
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(2);

  await page.getByRole('button', { name: 'Remove SVD #1' }).click();
  await expect(rows).toHaveCount(1);
  const notice = page.getByTestId('removed-notice');
  await expect(notice).toContainText('Removed SVD #1.');
  await expect(notice.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove SVD #1' })).toBeFocused();
  // Undone means stored again: a reload still lists it.
  await page.reload();
  await expect(rows).toHaveCount(2);

  // Removed: its model's parts stay stored for Undo, and are swept when the lab opens again.
  expect(await runsWithParts(page)).toHaveLength(2);
  await page.getByRole('button', { name: 'Remove BaselineOnly #2' }).click();
  await expect(rows).toHaveCount(1);
  expect(await runsWithParts(page)).toHaveLength(2);
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(page.locator('[data-testid="compare-row"][data-algo="SVD"]')).toHaveCount(1);
  await expect.poll(() => runsWithParts(page)).toHaveLength(1);
  // Dismissed: they go at once.
  await page.getByRole('button', { name: 'Remove SVD #1' }).click();
  await page.getByRole('button', { name: 'Dismiss: keep it removed' }).click();
  await expect.poll(() => runsWithParts(page)).toEqual([]);
});

test('a second tab leaves the runs the first one is training alone', async ({ lab: page, context }) => {
  await trainLongBiasMF(page);
  const deep = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  await expect(deep).toHaveAttribute('data-points', /^[1-9]/, { timeout: 60_000 });

  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('algo-select')).toBeVisible();
  await expect(other.getByRole('heading', { name: 'Runs' })).toBeVisible();
  // Give the second tab time to read storage: it must not list the run as interrupted.
  await other.waitForTimeout(1000);
  await expect(other.locator('[data-testid="run"][data-algo="BiasMF"]')).toHaveCount(0);
  await other.close();
  await page.bringToFront();
  await expect(deep).toHaveAttribute('data-status', 'running');
  await deep.getByRole('button', { name: 'Stop' }).click();
});
