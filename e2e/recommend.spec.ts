import { chooseModel, expect, loadSample, openTrain, setParam, test } from './lab.ts';

test('the trained models recommend: top and least-recommended unrated items for a user', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByRole('button', { name: 'Train SVD' }).click();
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 3);
  await page.getByRole('button', { name: 'Train BiasMF' }).click();
  // With MostPop and Random, queued beside the first ranked run.
  await expect(page.getByTestId('compare-row')).toHaveCount(4);

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Recommend' }).click();
  const runs = page.getByTestId('rec-run');
  // Both trained on a split, so each recommends with the model it kept (fitted on its training rows).
  for (const algo of ['SVD', 'BiasMF']) {
    await runs.selectOption({ label: (await runs.locator('option', { hasText: algo }).innerText()).trim() });
    await page.getByRole('button', { name: 'Show recommendations' }).click();
    await expect(page.getByTestId('rec-source')).toContainText('the model this run scored, fitted on its');
    const top = page.getByTestId('rec-top').locator('tbody tr');
    const least = page.getByTestId('rec-least').locator('tbody tr');
    await expect(top).toHaveCount(10);
    await expect(least).toHaveCount(10);
    const ids = async (rows: typeof top) => rows.locator('code').allInnerTexts();
    const topIds = await ids(top);
    expect(new Set(topIds).size).toBe(10);
    const leastIds = await ids(least);
    expect(topIds.filter((id) => leastIds.includes(id))).toEqual([]);
    const predicted = (await top.locator('td:last-child').allInnerTexts()).map(Number);
    expect(predicted).toEqual([...predicted].sort((a, b) => b - a));
  }

  // A new visitor's own ratings: e2e/visitor.spec.ts.
  await page.getByLabel('User id').fill('nobody-here');
  await page.getByRole('button', { name: 'Show recommendations' }).click();
  await expect(page.getByRole('alert')).toContainText('This dataset has no user "nobody-here"');
});
