/**
 * axe-core on every screen, with and without data, in the light and the dark theme:
 * no serious or critical violation (names that match what buttons show, headers
 * that say something, contrast, labels).
 */
import type { Page } from '@playwright/test';
import { expectNoSerious } from './axe.ts';
import { COPIES, dropRepeated, reviewsBlock } from './bigFile.ts';
import { chooseModel, expect, loadSample, openTrain, setParam, test } from './lab.ts';

const screen = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen passes axe, with and without data (${scheme})`, async ({ lab: page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.getByRole('button', { name: 'Load sample' })).toBeVisible();
    await expectNoSerious(page, 'Data, no data');
    await dropRepeated(page, reviewsBlock(), COPIES, 'Electronics.csv');
    await expectNoSerious(page, 'Data, a file too large refused');
    await screen(page, 'Studies').click();
    await expect(page.getByTestId('study')).toHaveCount(5);
    await expectNoSerious(page, 'Studies, no data');
    await screen(page, 'History').click();
    await expect(page.getByTestId('history-count')).toHaveText('0 runs');
    await expectNoSerious(page, 'History, no runs');
    await screen(page, 'Data').click();

    await loadSample(page);
    await expectNoSerious(page, 'Data, with the sample');
    await screen(page, 'Explore').click();
    await expect(page.locator('.chart').first()).toBeVisible({ timeout: 60_000 });
    await expectNoSerious(page, 'Explore');

    await openTrain(page);
    await expectNoSerious(page, 'Train, no runs');
    await chooseModel(page, 'BiasMF');
    await setParam(page, 'epochs', 3);
    await page.getByRole('button', { name: 'Train BiasMF' }).click();
    await expect(page.locator('[data-testid="run"][data-algo="BiasMF"]')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    await expect(page.getByTestId('compare-row')).not.toHaveCount(0);
    await expectNoSerious(page, 'Train, with runs');
    await page.locator('[data-testid="run"][data-algo="BiasMF"]').getByTestId('run-detail').locator('summary').click();
    await expect(page.getByTestId('epoch-table')).toBeVisible();
    await expectNoSerious(page, 'Train, a run’s details');
    await page.getByTestId('mode-select').selectOption('search');
    await expectNoSerious(page, 'Train, search form');

    await screen(page, 'Recommend').click();
    await expect(page.getByRole('heading', { name: /Recommend/ }).first()).toBeVisible();
    await expectNoSerious(page, 'Recommend');

    // A study run with quick settings: the card with its progress.
    await screen(page, 'Studies').click();
    const vignette = page.locator('[data-testid="study"][data-study="vignette"]');
    await vignette.getByLabel('Quick settings').check();
    await vignette.getByRole('button', { name: /^Run study/ }).click();
    await expect(page.getByRole('heading', { name: /^Train on/ })).toBeFocused();
    await screen(page, 'Studies').click();
    await expect(vignette.getByTestId('study-progress')).toHaveAttribute('data-done', '3', { timeout: 120_000 });
    await expectNoSerious(page, 'Studies, with a study run');
    await screen(page, 'History').click();
    // Bias MF with the MostPop and Random it brought along, and the study's three.
    await expect(page.getByTestId('history-row')).toHaveCount(6);
    await expectNoSerious(page, 'History, with runs');
    // Two runs user by user, on the study's split.
    await openTrain(page);
    await page.getByText('Per-user drill-down: two runs, user by user').click();
    await expect(page.getByTestId('drill-result')).toBeVisible();
    await expectNoSerious(page, 'Train, per-user drill-down');
  });
}

test('by keyboard: a study runs from its card and focus lands on the Train screen\'s heading', async ({ lab: page }) => {
  await screen(page, 'Studies').click();
  const card = page.locator('[data-testid="study"][data-study="vignette"]');
  await card.getByLabel('Quick settings').focus();
  await page.keyboard.press('Space');
  await expect(card.getByLabel('Quick settings')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: 'Run study: Vignette: SVD against MF and Bias MF' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Train on/ })).toBeFocused({ timeout: 60_000 });
});

test('by keyboard: focus follows "Use" to the Train screen, and a live region tells a run\'s start, progress and end', async ({ lab: page }) => {
  await loadSample(page);
  await page.getByLabel('Min ratings per user').fill('2');
  await page.getByRole('button', { name: 'Save filtered dataset' }).click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(2);
  const use = page.getByTestId('dataset-row').first().getByRole('button', { name: /^Use / });
  await use.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Train on/ })).toBeFocused();

  await page.evaluate(() => {
    const said: string[] = ((window as unknown as { __said: string[] }).__said = []);
    const region = document.querySelector('[data-testid="run-announcer"]')!;
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId('rank-toggle').uncheck();
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 8);
  await page.getByRole('button', { name: 'Train BiasMF' }).click();
  await expect(page.getByTestId('run-announcer')).toContainText(/BiasMF #1 done: test RMSE \d/, { timeout: 120_000 });
  const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
  expect(said.some((t) => t.includes('BiasMF #1 started'))).toBe(true);
  expect(said.some((t) => /BiasMF #1: (25|50|75)% \(epoch \d of 8\)/.test(t))).toBe(true);
  // One region speaks for the runs: the runs' own status lines are not live.
  await expect(page.locator('[data-testid="run"] [aria-live]')).toHaveCount(0);
});
