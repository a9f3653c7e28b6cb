import { chooseModel, dropBytes, expect, loadSample, openTrain, setParam, test } from './lab.ts';

test("an MLP reads the sample's item titles through Word2Vec, trained in the worker", async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'MLP');
  const form = page.getByTestId('param-form');
  // The Word2Vec settings only show once the switch is on.
  await expect(form.getByLabel('Word2Vec epochs', { exact: true })).toHaveCount(0);
  await form.getByLabel('item text input', { exact: true }).selectOption('titles');
  await setParam(page, 'text vector size', 16);
  await setParam(page, 'Word2Vec epochs', 3);
  await setParam(page, 'epochs', 2);
  await page.screenshot({ path: 'test-results/text-input-form.png', fullPage: true });
  await page.getByRole('button', { name: 'Train MLP' }).click();
  const run = page.locator('[data-testid="run"][data-algo="MLP"]');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  const row = page.locator('[data-testid="compare-row"][data-algo="MLP"]');
  await expect(row).toContainText('text=titles');
  await expect(row).toContainText('text_dim=16');
  console.log(`[figures] ${(await row.innerText()).replace(/\s+/g, ' ')}`);
});

test("an MLP reads the sample's review text (training rows only) through Word2Vec; a dataset without review text is refused in the form", async ({ lab: page }) => {
  await loadSample(page);
  const rows = page.getByTestId('dataset-row');
  // The Digital Music sample's reviews carry reviewText and summary: the import kept them.
  await expect(rows.getByTestId('import-notes')).toContainText('review text kept');
  await openTrain(page);
  await chooseModel(page, 'MLP');
  const form = page.getByTestId('param-form');
  await form.getByLabel('item text input', { exact: true }).selectOption('reviews');
  // Small enough for a shared machine: Word2Vec over ~5,000 reviews is most of the fit.
  await setParam(page, 'text vector size', 8);
  await setParam(page, 'Word2Vec window', 2);
  await setParam(page, 'Word2Vec epochs', 1);
  await setParam(page, 'epochs', 2);
  await expect(page.getByTestId('form-problems')).toHaveCount(0);
  await page.getByRole('button', { name: 'Train MLP' }).click();
  const run = page.locator('[data-testid="run"][data-algo="MLP"]');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  const row = page.locator('[data-testid="compare-row"][data-algo="MLP"]');
  await expect(row).toContainText('text=reviews');
  console.log(`[figures] ${(await row.innerText()).replace(/\s+/g, ' ')}`);

  // A CSV has no review text: the form says so and holds Train.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Data' }).click();
  await dropBytes(page, 'scores.csv', Buffer.from('u1,i1,5,1\nu2,i1,4,2\nu1,i2,3,3\n'));
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByTestId('import-notes')).not.toContainText('review text');
  // A new dataset is the one in use.
  await openTrain(page);
  await expect(page.getByRole('heading', { name: 'Train on “scores.csv”' })).toBeVisible();
  await chooseModel(page, 'MLP');
  await form.getByLabel('item text input', { exact: true }).selectOption('reviews');
  await expect(page.getByTestId('form-problems')).toContainText('MLP with text input (text=reviews) needs review text, and this dataset has none');
  await expect(page.getByRole('button', { name: 'Train MLP' })).toBeDisabled();
});
