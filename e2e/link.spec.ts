/**
 * A shared link opens in a browser that has never seen the lab: it says which
 * dataset it needs (file name and SHA-256) and how to get it, then restores the rest
 * of the setup — screen, model, hyperparameters, evaluation — once the dataset exists.
 */
import type { Browser, Page } from '@playwright/test';
import { chooseEvaluation, chooseModel, expect, loadSample, openTrain, setNumber, setParam, test } from './lab.ts';

/** The link in a fresh browser context (no storage), on its own page. */
async function openFresh(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('a link to the sample in a fresh browser asks for the sample, then opens the model and settings it names', async ({ lab: page, browser }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 7);
  await chooseEvaluation(page, 'Random split');
  await setNumber(page, 'Test share (%)', 25);
  const url = new URL(page.url());
  const sha = url.searchParams.get('ds')!;
  expect(sha).toMatch(/^[0-9a-f]{64}$/);

  const fresh = await openFresh(browser, url.href);
  const notice = fresh.getByTestId('link-notice');
  await expect(notice).toContainText('This link needs the dataset');
  await expect(notice).toContainText(`SHA-256 ${sha}`);
  await expect(notice).toContainText(url.searchParams.get('ds_file')!);
  await expect(fresh.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Data' })).toHaveAttribute('aria-current', 'page');
  await notice.getByRole('button', { name: /^Load the sample/ }).click();

  await expect(fresh.getByTestId('algo-select')).toHaveValue('BiasMF', { timeout: 60_000 });
  await expect(fresh.getByTestId('param-form').getByLabel('epochs', { exact: true })).toHaveValue('7');
  await expect(fresh.getByTestId('eval-kinds').getByRole('radio', { name: /^Random split/ })).toBeChecked();
  await expect(fresh.getByLabel('Test share (%)', { exact: true })).toHaveValue('25');
  await expect(fresh.getByTestId('link-notice')).toHaveCount(0);
  await fresh.context().close();
});

test('a link to a filtered dataset offers to filter the file the same way', async ({ lab: page, browser }) => {
  await loadSample(page);
  await page.getByLabel('Min ratings per user').fill('2');
  await page.getByLabel('Name of the filtered dataset').fill('Two or more');
  await page.getByRole('button', { name: 'Save filtered dataset' }).click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(2);
  await openTrain(page);
  await expect(page.getByRole('heading', { name: 'Train on “Two or more”' })).toBeVisible();
  await chooseModel(page, 'KNNBasic');
  const url = page.url();
  expect(new URL(url).searchParams.get('ds_filters')).toContain('"minUserRatings":2');

  const fresh = await openFresh(browser, url);
  const notice = fresh.getByTestId('link-notice');
  await expect(notice).toContainText('“Two or more”');
  await expect(notice).toContainText('filtered once');
  await notice.getByRole('button', { name: /^Load the sample/ }).click();
  await expect(notice.getByRole('button', { name: /the same way$/ })).toBeVisible({ timeout: 60_000 });
  await notice.getByRole('button', { name: /the same way$/ }).click();
  await expect(fresh.getByRole('heading', { name: 'Train on “Two or more”' })).toBeVisible({ timeout: 60_000 });
  await expect(fresh.getByTestId('algo-select')).toHaveValue('KNNBasic');
  await fresh.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Data' }).click();
  await expect(fresh.getByTestId('dataset-row')).toHaveCount(2);
  await expect(fresh.getByTestId('dataset-row').nth(1).getByTestId('import-notes')).toContainText('users ≥ 2, items ≥ 1 ratings');
  await fresh.context().close();
});

test('a link whose file is not a sample says to drop that file, and can be set aside', async ({ lab: page }) => {
  await page.goto(`/?screen=train&algo=SVD&ds=${'0'.repeat(64)}&ds_file=ratings_Electronics.csv&ds_name=Electronics`);
  const notice = page.getByTestId('link-notice');
  await expect(notice).toContainText('Drop that file below');
  await expect(notice.getByRole('button', { name: /^Load the sample/ })).toHaveCount(0);
  await notice.getByRole('button', { name: 'Go on without it' }).click();
  await expect(notice).toHaveCount(0);
  expect(new URL(page.url()).searchParams.has('ds')).toBe(false);
  await loadSample(page);
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
});
