/**
 * A three-model experiment on one split, compared at a glance: the table sorts by a
 * header click (best first, then the other way), marks the best of each column, and
 * shows fit and test time, backend and samples/s.
 */
import { readFile } from 'node:fs/promises';
import { chooseModel, expect, loadSample, openTrain, queueModels, setParam, test } from './lab.ts';

test('three models on one split: sort the comparison by a header, the best of each column marked', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  for (const id of ['SVD', 'BaselineOnly', 'BiasMF']) {
    await chooseModel(page, id);
    if (id === 'BiasMF') await setParam(page, 'epochs', 3);
    await page.getByRole('button', { name: `Train ${id}` }).click();
  }
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(3, { timeout: 120_000 });
  const rmse = async () => Promise.all((await rows.getByTestId('rmse').all()).map(async (c) => Number((await c.innerText()).match(/[\d.]+/)![0])));

  const header = page.getByTestId('sort-rmse');
  await header.click();
  await expect(page.getByRole('columnheader', { name: /Test RMSE/ })).toHaveAttribute('aria-sort', 'ascending');
  const up = await rmse();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  // The best RMSE is marked, once, on the first row.
  await expect(rows.getByTestId('rmse').getByTestId('best')).toHaveCount(1);
  await expect(rows.first().getByTestId('rmse').getByTestId('best')).toHaveCount(1);
  await header.click();
  await expect(page.getByRole('columnheader', { name: /Test RMSE/ })).toHaveAttribute('aria-sort', 'descending');
  expect(await rmse()).toEqual([...up].reverse());
  await expect(header).toBeFocused();

  // Throughput of the iterative TensorFlow.js model, a dash for the others; sorted best first.
  await page.getByTestId('sort-sps').click();
  await expect(rows.first()).toHaveAttribute('data-algo', 'BiasMF');
  await expect(rows.first().getByTestId('sps')).toHaveText(/^[\d,]+/);

  // The comparison as CSV and JSON: one row per run, the same figures as the table.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-comparison-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^reclab-comparison-.*\.csv$/);
  const lines = (await readFile((await csv.path())!, 'utf8')).trim().split('\n');
  expect(lines[0].startsWith('run,algo,evaluation,split,params,seed,test_rmse')).toBe(true);
  expect(lines).toHaveLength(4);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-comparison-json').click()]);
  const parsed = JSON.parse(await readFile((await json.path())!, 'utf8'));
  expect(parsed.runs.map((r: { algo: string }) => r.algo).sort()).toEqual(['BaselineOnly', 'BiasMF', 'SVD']);
  const shownSvd = Number((await page.locator('[data-testid="compare-row"][data-algo="SVD"]').getByTestId('rmse').innerText()).match(/[\d.]+/)![0]);
  expect(parsed.runs.find((r: { algo: string }) => r.algo === 'SVD').test_rmse.toFixed(4)).toBe(shownSvd.toFixed(4));
  expect(parsed.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);

  // User by user: two runs' spread of a metric and the users where they differ most.
  await page.getByText('Per-user drill-down: two runs, user by user').click();
  const drill = page.getByTestId('drill-down');
  await drill.getByTestId('drill-a').selectOption({ label: 'SVD #1' });
  await drill.getByTestId('drill-b').selectOption({ label: 'BiasMF #3' });
  const result = drill.getByTestId('drill-result');
  await expect(result).toContainText('users scored by both');
  const users = Number(await result.getAttribute('data-users'));
  expect(users).toBeGreaterThan(10);
  // Every paired user is in one bin of each run's histogram.
  const counts = await result.locator('svg rect.bar').evaluateAll((rs) => rs.length);
  expect(counts).toBeGreaterThan(1);
  const diffs = (await drill.getByTestId('drill-users').locator('tbody tr td:nth-child(4)').allInnerTexts()).map(Number);
  expect(diffs).toHaveLength(10);
  const sizes = diffs.map(Math.abs);
  expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
  await drill.getByTestId('drill-metric').selectOption({ label: 'MAE' });
  await expect(result).toContainText('mean MAE');
});

test('bars of a metric per model, with the folds\' spread as error bars for cross-validated runs', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('eval-kinds').getByRole('radio', { name: /^k-fold cross-validation/ }).check();
  await queueModels(page, ['SVD', 'BaselineOnly'], 'Cross-validate');
  await expect(page.getByTestId('compare-row')).toHaveCount(2, { timeout: 120_000 });
  await page.getByText('Bars of a metric per run').click();
  const bars = page.getByTestId('metric-bars');
  await expect(bars.getByTestId('bar')).toHaveCount(2);
  await expect(bars.locator('.recharts-errorBar')).toHaveCount(2);
  await expect(bars.getByTestId('bars-chart')).toHaveAttribute('aria-label', /Test RMSE per run, error bars ±1 s\.d\. over the folds/);
  // Each bar is the run's figure in the table.
  const svd = Number((await page.locator('[data-testid="compare-row"][data-algo="SVD"]').getByTestId('rmse').innerText()).match(/[\d.]+/)![0]);
  const values = await bars.getByTestId('bar').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))));
  expect(values.map((v) => v.toFixed(4))).toContain(svd.toFixed(4));
  await bars.getByTestId('bars-metric').selectOption({ label: 'Test MAE' });
  await expect(bars.getByTestId('bars-chart')).toHaveAttribute('aria-label', /^Test MAE per run/);

  // The chart as files: an SVG that carries its own paint, and a PNG at twice the size on screen.
  const [svgFile] = await Promise.all([page.waitForEvent('download'), bars.getByRole('button', { name: 'Download the Test MAE bars as SVG' }).click()]);
  expect(svgFile.suggestedFilename()).toBe('reclab-Test MAE-bars.svg');
  const svg = await readFile((await svgFile.path())!, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg).toMatch(/<rect[^>]*class="bar"[^>]*style="fill:rgb\(/);
  const box = await bars.getByTestId('bars-chart').locator('svg').first().boundingBox();
  const [pngFile] = await Promise.all([page.waitForEvent('download'), bars.getByRole('button', { name: 'Download the Test MAE bars as PNG' }).click()]);
  const png = await readFile((await pngFile.path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  expect(png.readUInt32BE(16)).toBe(Math.round(box!.width) * 2);
  expect(png.readUInt32BE(20)).toBe(Math.round(box!.height) * 2);
});
