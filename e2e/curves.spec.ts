/**
 * The learning curves of the runs, overlaid: a colour per run, legend boxes that
 * show or hide a run and a kind of line, a log scale, and the epoch early stopping
 * kept marked.
 */
import { chooseModel, expect, loadSample, openTrain, setParam, test } from './lab.ts';

test('curve toggles: hide a run or the train lines, log scale, and the kept epoch marked', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  await chooseModel(page, 'SVD');
  await page.getByRole('button', { name: 'Train SVD' }).click();
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 60);
  await setParam(page, 'early-stopping patience', 2);
  await page.getByRole('button', { name: 'Train BiasMF' }).click();
  await expect(page.getByTestId('compare-row')).toHaveCount(2, { timeout: 120_000 });

  const chart = page.getByTestId('learning-curve');
  const lines = chart.locator('svg[role="img"] .curve-line');
  await expect(lines).toHaveCount(4);
  // Two runs, two colours.
  const colours = new Set(await chart.locator('.curve-line[data-kind="val"] polyline').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke'))));
  expect(colours.size).toBe(2);

  await chart.getByRole('checkbox', { name: /^SVD #1/ }).uncheck();
  await expect(lines).toHaveCount(2);
  await chart.getByRole('checkbox', { name: 'train lines' }).uncheck();
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toHaveAttribute('data-kind', 'val');
  await chart.getByRole('checkbox', { name: /^SVD #1/ }).check();
  await chart.getByRole('checkbox', { name: 'train lines' }).check();
  await expect(lines).toHaveCount(4);

  await chart.getByTestId('curve-log').check();
  await expect(chart.locator('svg[role="img"]')).toHaveAttribute('data-log', 'true');
  await expect(chart.locator('svg[role="img"]')).toHaveAttribute('aria-label', /log scale/);

  // Early stopping with patience 2 over 60 epochs goes back to its best epoch: marked where the table says.
  const notes = await page.locator('[data-testid="compare-row"][data-algo="BiasMF"] .notes-cell').innerText();
  const kept = notes.match(/best weights from epoch (\d+)/);
  console.log(`[figures] BiasMF notes: ${notes}`);
  if (kept) await expect(chart.getByTestId('kept-epoch')).toHaveAttribute('data-epoch', kept[1]);
  else await expect(chart.getByTestId('kept-epoch')).toHaveCount(0);
});
