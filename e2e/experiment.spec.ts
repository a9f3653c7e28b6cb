/**
 * An experiment travels as a file: exported with its runs' requests and figures,
 * imported in another browser on the same dataset, it queues the same runs with the
 * same seeds, and they reproduce the figures.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { chooseModel, expect, loadSample, openTrain, test } from './lab.ts';

test('export an experiment, import it in a fresh browser, and get the same figures', async ({ lab: page, browser }, info) => {
  await loadSample(page);
  await openTrain(page);
  await page.getByTestId('rank-toggle').uncheck();
  for (const id of ['SVD', 'BaselineOnly']) {
    await chooseModel(page, id);
    await page.getByRole('button', { name: `Train ${id}` }).click();
  }
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
  await expect(fresh.getByTestId('experiment-message')).toContainText('Queued the 2 runs of experiment.json');
  await expect(fresh.getByTestId('compare-row')).toHaveCount(2, { timeout: 120_000 });
  for (const run of exported.runs as { results: { algo: string; test_rmse: number } }[]) {
    const cell = await fresh.locator(`[data-testid="compare-row"][data-algo="${run.results.algo}"]`).getByTestId('rmse').innerText();
    expect(Number(cell.match(/[\d.]+/)![0]).toFixed(4)).toBe(run.results.test_rmse.toFixed(4));
  }
  await fresh.context().close();
});
