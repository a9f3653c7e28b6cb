/**
 * Readable on a laptop: at 1024 and 1400 px wide nothing makes the page scroll
 * sideways, every dataset action is on screen, and the header stays one line; the
 * backend measurement is kept per browser and device, and taken again on request.
 */
import type { Page } from '@playwright/test';
import { chooseModel, expect, loadSample, openTrain, test } from './lab.ts';

/** The page is no wider than its window. */
async function expectNoSideScroll(page: Page, where: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  expect(scroll, `page width on ${where}`).toBeLessThanOrEqual(width);
}

/** The header is one line: its title and its backend badge sit on the same row. */
async function expectOneLineHeader(page: Page): Promise<void> {
  const title = (await page.locator('header.app-header h1').boundingBox())!;
  for (const part of [page.getByTestId('backend'), page.getByTestId('backend-preference')]) {
    const box = (await part.boundingBox())!;
    expect(box.y, 'header parts on one row').toBeLessThan(title.y + title.height);
  }
  expect((await page.locator('header.app-header').boundingBox())!.height).toBeLessThan(2.2 * title.height);
}

for (const width of [1024, 1400]) {
  test(`at ${width} px: no sideways scroll, dataset actions on screen, a one-line header`, async ({ lab: page }) => {
    await page.setViewportSize({ width, height: 800 });
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });
    await expectOneLineHeader(page);
    await loadSample(page);
    await page.getByLabel('Min ratings per user').fill('2');
    await page.getByRole('button', { name: 'Save filtered dataset' }).click();
    await expect(page.getByTestId('dataset-row')).toHaveCount(2);
    await expectNoSideScroll(page, 'Data');
    for (const button of await page.getByTestId('dataset-row').getByRole('button').all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width, `${await button.innerText()} on screen`).toBeLessThanOrEqual(width);
    }
    await openTrain(page);
    await chooseModel(page, 'SVD');
    await page.getByRole('button', { name: 'Train SVD' }).click();
    await expect(page.locator('[data-testid="compare-row"][data-algo="SVD"]')).toHaveCount(1);
    await expectNoSideScroll(page, 'Train');
    await expectOneLineHeader(page);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Studies' }).click();
    await expect(page.getByTestId('study')).toHaveCount(5);
    await expectNoSideScroll(page, 'Studies');
  });
}

test('the backend measurement is kept for the next load, and taken again on request', async ({ lab: page }) => {
  const backend = page.getByTestId('backend');
  await expect(backend).toHaveAttribute('data-measured-at', /^\d+$/, { timeout: 60_000 });
  await expect(backend).not.toHaveAttribute('data-remembered', 'true');
  const first = await backend.getAttribute('data-measured-at');
  const chosen = await backend.getAttribute('data-backend');

  await page.reload();
  await expect(backend).toHaveAttribute('data-remembered', 'true', { timeout: 60_000 });
  await expect(backend).toHaveAttribute('data-measured-at', first!);
  await expect(backend).toHaveAttribute('data-backend', chosen!);
  await backend.getByText('why').click();
  await expect(backend.locator('.why-panel')).toContainText('Measured earlier in this browser on this device');
  await backend.getByRole('button', { name: 'Measure again' }).click();
  await expect(backend).not.toHaveAttribute('data-remembered', 'true', { timeout: 60_000 });
  await expect(backend).toHaveAttribute('data-measured-at', /^\d+$/);
  expect(Number(await backend.getAttribute('data-measured-at'))).toBeGreaterThan(Number(first));
});
