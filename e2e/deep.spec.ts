import type { Page } from '@playwright/test';
import { ALGORITHMS } from '../src/core/registry/index.ts';
import { chooseEvaluation, chooseModel, expect, loadSample, longTasksSince, openTrain, pageNow, setNumber, setParam, test } from './lab.ts';

const DEEP = ALGORITHMS.filter((a) => a.engine === 'tfjs');

async function useBackend(page: Page, name: string): Promise<void> {
  await page.getByTestId('backend-preference').selectOption(name);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', name, { timeout: 60_000 });
}

/**
 * Train each model for `epochs` epochs, one after another, and check each draws its
 * curve, lands in the table, and never blocks the main thread while it trains. The
 * long-task window opens after the clicks that set a run up: on SwiftShader the
 * emulated GPU takes both of this machine's cores, and a click's own handling
 * (a form re-render) then waits for a core; that is the test's input, not training.
 */
async function trainEach(page: Page, ids: string[], epochs: number, backend: string, lstmHistory?: number): Promise<void> {
  const blocking: { start: number; duration: number; cause?: string }[] = [];
  for (const id of ids) {
    await chooseModel(page, id);
    await setParam(page, 'epochs', epochs);
    if (id === 'LSTM' && lstmHistory !== undefined) await setParam(page, 'history length', lstmHistory);
    await page.getByRole('button', { name: `Train ${id}` }).click();
    const since = await pageNow(page);
    const run = page.locator(`[data-testid="run"][data-algo="${id}"]`);
    // Up to two minutes for the LSTM on SwiftShader's emulated GPU.
    await expect(run).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
    blocking.push(...(await longTasksSince(page, since)).filter((t) => t.duration > 100));
    await expect(run).toHaveAttribute('data-points', String(epochs));
    const row = page.locator(`[data-testid="compare-row"][data-algo="${id}"]`);
    await expect(row).toContainText(backend);
    console.log(`[figures] ${(await row.innerText()).replace(/\s+/g, ' ')}`);
  }
  expect(blocking, 'main-thread long tasks over 100 ms while training').toEqual([]);
}

test('every TensorFlow.js model trains on wasm in the worker with a live curve', async ({ lab: page }) => {
  test.setTimeout(600_000);
  await useBackend(page, 'wasm');
  await loadSample(page);
  await openTrain(page);
  await trainEach(page, DEEP.map((a) => a.id), 2, 'wasm');
  // And MostPop and Random, queued beside the first ranked run.
  await expect(page.getByTestId('compare-row')).toHaveCount(DEEP.length + 2);
});

test('each model family trains on SwiftShader WebGPU @webgpu', async ({ lab: page }) => {
  test.setTimeout(600_000);
  await useBackend(page, 'webgpu');
  await loadSample(page);
  await openTrain(page);
  // Training on WebGPU is what this checks: ranking every (user, item) pair through an
  // LSTM on SwiftShader's emulated GPU takes minutes, so the runs here do not rank.
  await page.getByTestId('rank-toggle').uncheck();
  const families = [...new Set(DEEP.map((a) => a.family))];
  // SwiftShader runs every small op of the LSTM's 50-step windows on the CPU: a 10-step history keeps the family's check within minutes.
  await trainEach(page, families.map((f) => DEEP.find((a) => a.family === f)!.id), 1, 'webgpu', 10);
});

test('a TensorFlow.js model cross-validates in the worker, fold by fold', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'BiasMF');
  // Every model trains or searches; cross-validation is an evaluation like the others.
  await expect(page.getByTestId('mode-select').locator('option')).toHaveText(['Train', 'Search']);
  await chooseEvaluation(page, 'k-fold cross-validation');
  await setNumber(page, 'Folds', 3);
  await setParam(page, 'epochs', 2);
  await page.getByRole('button', { name: 'Cross-validate BiasMF' }).click();
  const row = page.locator('[data-testid="compare-row"][data-algo="BiasMF"]');
  await expect(row).toContainText('3-fold CV');
  const run = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  await run.getByText('3 folds').click();
  await expect(run.getByTestId('fold-results').locator('tbody tr')).toHaveCount(3);
});
