import { chooseModel, expect, loadSample, openTrain, setParam, test } from './lab.ts';

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
