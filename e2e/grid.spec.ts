/**
 * A grid search seen while it runs: candidates appear as they are scored, a heatmap
 * when exactly two parameters vary, "Train the best" one click away; and a run's
 * details (non-default parameters, split, seeds, backend, timings, per-epoch rows).
 */
import { expectNoSerious } from './axe.ts';
import { chooseModel, expect, loadSample, longTasksSince, openTrain, pageNow, setNumber, setParam, test } from './lab.ts';

/** A running search as the page showed it at one moment. */
interface LiveSearch {
  rows: number;
  cells: number;
  pending: number;
  summary: string;
  best: string;
  trainBest: boolean;
}

test('a 3 × 2 grid shows its candidates and heatmap live, trains the best on request, and a run shows its details', async ({ lab: page, consoleErrors }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'BiasMF');
  await setParam(page, 'epochs', 3);
  await page.getByTestId('mode-select').selectOption('search');
  await setNumber(page, 'Validation folds', 2);
  await page.getByLabel('embedding size values to try').fill('4, 8, 16');
  await page.getByLabel('learning rate values to try').fill('0.001, 0.01');
  await expect(page.getByTestId('search-settings')).toContainText('6 candidates × 2 folds = 12 fits');
  // What the running search showed, each time it changed: a search on this small sample can end
  // within a poll of the test, so the page records it as it happens.
  await page.evaluate(() => {
    const seen: LiveSearch[] = [];
    (window as unknown as { __liveSearch: LiveSearch[] }).__liveSearch = seen;
    new MutationObserver(() => {
      const run = document.querySelector('[data-testid="run"][data-status="running"]');
      const rows = run?.querySelectorAll('[data-testid="candidate"]').length ?? 0;
      if (!run || rows === 0) return;
      const now: LiveSearch = {
        rows,
        cells: run.querySelectorAll('[data-testid="heat-cell"]').length,
        pending: run.querySelectorAll('[data-testid="heat-cell"].heat-pending').length,
        summary: run.querySelector('[data-testid="search-details"] summary')?.textContent ?? '',
        best: run.querySelector('[data-testid="candidate"][data-winner]')?.textContent ?? '',
        trainBest: run.querySelector('[data-testid="train-best"]') !== null,
      };
      if (JSON.stringify(now) !== JSON.stringify(seen.at(-1))) seen.push(now);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const since = await pageNow(page);
  await page.getByRole('button', { name: 'Search BiasMF' }).click();
  const run = page.locator('[data-testid="run"][data-algo="BiasMF"]').first();
  // Opened while it runs (or just after), it stays open as the run finishes.
  await run.getByTestId('search-details').locator('summary').click({ timeout: 150_000 });
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  const blocking = (await longTasksSince(page, since)).filter((t) => t.duration > 100);
  expect(blocking, 'main-thread long tasks over 100 ms while searching').toEqual([]);

  // Before the search ended, its first candidates were listed and in the heatmap, the rest of its cells pending.
  const live = (await page.evaluate(() => (window as unknown as { __liveSearch: LiveSearch[] }).__liveSearch)).filter((s) => s.rows < 6);
  expect(live.length, 'candidates shown while the search ran').toBeGreaterThan(0);
  for (const s of live) {
    expect(s.summary).toContain(`${s.rows} of 6 candidates scored so far`);
    expect([s.cells, s.pending]).toEqual([6, 6 - s.rows]);
    expect(s.best).toContain('best so far');
    expect(s.trainBest).toBe(true);
  }

  // The disclosure stayed open as the run finished; every candidate is in, the winner marked.
  const details = run.getByTestId('search-details');
  await expect(details).toHaveAttribute('open', '');
  await expect(details.locator('summary')).toContainText('best of 6 by grid search on 2 folds of the training rows (RMSE): 6 candidates');
  const candidates = (await run.getByTestId('candidate').evaluateAll((els) =>
    els.map((e) => ({ params: JSON.parse(e.getAttribute('data-params')!), winner: e.hasAttribute('data-winner'), rmse: e.children[1].textContent })),
  )) as { params: Record<string, number>; winner: boolean; rmse: string }[];
  expect(candidates).toHaveLength(6);
  const winner = candidates.find((c) => c.winner)!;
  expect(JSON.parse((await run.getAttribute('data-params'))!)).toEqual(winner.params);

  // The heatmap: embedding size down, learning rate across, each cell the candidate's RMSE, the winner starred.
  const heatmap = run.getByTestId('search-heatmap');
  await expect(heatmap).toHaveAttribute('data-rows', 'factors');
  await expect(heatmap).toHaveAttribute('data-cols', 'lr');
  await expect(heatmap.locator('tbody th')).toHaveText(['4', '8', '16']);
  await expect(heatmap.locator('thead th').nth(1)).toHaveText('0.001');
  await expect(heatmap.locator('thead th').nth(2)).toHaveText('0.01');
  const cells = heatmap.getByTestId('heat-cell');
  await expect(cells).toHaveCount(6);
  await expect(heatmap.locator('.heat-pending')).toHaveCount(0);
  for (const c of candidates) {
    const cell = heatmap.locator(`[data-testid="heat-cell"][data-row="${c.params.factors}"][data-col="${c.params.lr}"]`);
    await expect(cell).toContainText(c.rmse!);
    expect(await cell.getAttribute('style')).toMatch(/background/);
  }
  const best = heatmap.locator('[data-testid="heat-cell"][data-best]');
  await expect(best).toHaveCount(1);
  await expect(best).toHaveAttribute('data-row', String(winner.params.factors));
  await expect(best).toHaveAttribute('data-col', String(winner.params.lr));
  await expect(best).toContainText('★');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSerious(page, `a search's heatmap (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // "Train the best": a plain run with exactly the winner's params.
  await run.getByRole('button', { name: 'Train the best: BiasMF #1' }).click();
  const plain = page.locator('[data-testid="run"][data-algo="BiasMF"]').nth(1);
  await expect(plain).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  expect(JSON.parse((await plain.getAttribute('data-params'))!)).toEqual(winner.params);
  await expect(plain).toHaveAttribute('data-searched', 'false');
  await expect(plain.getByTestId('search-details')).toHaveCount(0);

  // Its details: the parameters changed from the defaults, the split, seeds, backend, timings, one row per epoch.
  await plain.getByTestId('run-detail').locator('summary').click();
  const detail = plain.getByTestId('run-detail');
  await expect(detail.locator('[data-testid="detail-param"][data-key="epochs"] td').first()).toHaveText('3');
  await expect(detail.locator('[data-testid="detail-param"][data-key="factors"] td')).toHaveText([String(winner.params.factors), '32']);
  // Only what differs from the defaults: the searched values and the epochs (and never, say, the batch size).
  await expect(detail.locator('[data-testid="detail-param"][data-key="batch_size"]')).toHaveCount(0);
  const fingerprint = await plain.getByTestId('split-fingerprint').getAttribute('data-fingerprint');
  await expect(detail.getByTestId('detail-split')).toContainText('global time cut');
  await expect(detail.getByTestId('detail-split')).toContainText(fingerprint!);
  await expect(detail.getByTestId('detail-seeds')).toContainText('model 0');
  await expect(detail.getByTestId('detail-dataset')).toContainText('SHA-256');
  await expect(detail.getByTestId('detail-backend')).not.toBeEmpty();
  await expect(detail.getByTestId('detail-timings')).toContainText(/fit \d+\.\d+ s, test \d+\.\d+ s · 3 epochs/);
  const epochs = detail.getByTestId('epoch-row');
  await expect(epochs).toHaveCount(3);
  await expect(epochs.first().locator('td')).toHaveCount(5);
  await expect(epochs.nth(2).locator('td').first()).toHaveText('3');
  await expect(epochs.nth(2).locator('td').last()).toHaveText(/^\d+\.\d+ s$/);
  expect(consoleErrors).toEqual([]);
});
