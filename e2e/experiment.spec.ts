/**
 * An experiment travels as a file: exported with its runs' requests and figures,
 * imported in another browser on the same dataset, it shows the file's figures (kept
 * across a reload) and, on request, queues the same runs with the same seeds, which
 * reproduce the figures beside them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, loadSample, openTrain, queueModels, test } from './lab.ts';

test('export an experiment, import it in a fresh browser, and get the same figures', async ({ lab: page, browser }, info) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  await queueModels(page, ['SVD', 'BaselineOnly']);
  await expect(page.getByTestId('compare-row')).toHaveCount(2, { timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-experiment').click()]);
  const text = await readFile((await download.path())!, 'utf8');
  const exported = JSON.parse(text);
  expect(exported.runs).toHaveLength(2);
  const file = info.outputPath('experiment.json');
  await writeFile(file, text);

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto('/');
  await loadSample(fresh);
  await openTrain(fresh);
  const broken = info.outputPath('broken.json');
  await writeFile(broken, '{"reclab":"experiment"');
  await fresh.getByLabel('Experiment file').setInputFiles(broken);
  await expect(fresh.getByTestId('experiment-message')).toContainText('broken.json is not JSON');
  await fresh.getByLabel('Experiment file').setInputFiles(file);
  await expect(fresh.getByTestId('experiment-message')).toContainText('Read the 2 runs of experiment.json');
  // The file's figures first, beside nothing yet; a reload keeps them.
  const side = fresh.getByTestId('imported-experiment');
  await expect(side.getByTestId('imported-status')).toHaveText(['not run', 'not run']);
  await fresh.reload();
  await expect(side.getByTestId('imported-row')).toHaveCount(2);
  await side.getByRole('button', { name: 'Run them here' }).click();
  await expect(fresh.getByTestId('compare-row')).toHaveCount(2, { timeout: 120_000 });
  await expect(side.getByTestId('imported-status')).toHaveText(['done', 'done']);
  for (const run of exported.runs as { results: { algo: string; test_rmse: number } }[]) {
    const cell = await fresh.locator(`[data-testid="compare-row"][data-algo="${run.results.algo}"]`).getByTestId('rmse').innerText();
    expect(Number(cell.match(/[\d.]+/)![0]).toFixed(4)).toBe(run.results.test_rmse.toFixed(4));
    // Seeded runs on the same data: the same figures, Δ = 0.
    await expect(side.locator(`[data-testid="imported-row"][data-algo="${run.results.algo}"]`).getByTestId('imported-test_rmse')).toHaveAttribute('data-delta', '0');
  }
  await expect(side.getByRole('button', { name: /Run .* here/ })).toBeDisabled();
  await side.getByRole('button', { name: "Close the file's figures" }).click();
  await expect(side).toHaveCount(0);
  await fresh.context().close();
});
