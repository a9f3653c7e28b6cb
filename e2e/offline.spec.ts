/**
 * After the first visit the lab works offline: the service worker has the app's own
 * files (bundles, wasm, samples), so a reload with no network still loads the lab,
 * loads the sample and trains.
 */
import { chooseModel, expect, loadSample, openTrain, test } from './lab.ts';

test('offline after one visit: reload, load the sample and train with no network', async ({ lab: page, context }) => {
  // Installed once every file is cached; in control of the page once activated.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await caches.open(k)).keys()))).flat().map((r) => new URL(r.url).pathname));
  expect(cached.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(cached.some((p) => p.startsWith('/samples/'))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Load sample' })).toBeVisible();
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  await chooseModel(page, 'BiasMF');
  await page.getByRole('button', { name: 'Train BiasMF' }).click();
  await expect(page.locator('[data-testid="compare-row"][data-algo="BiasMF"]')).toHaveCount(1, { timeout: 120_000 });
  await context.setOffline(false);
});
