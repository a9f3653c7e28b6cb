/**
 * A file too large for the tab is refused before parsing, with a user sample that fits;
 * a sampled import keeps the users the seeded key picks, with all their rows.
 *
 * The large file is a File of ~3 GB made in the page from one block repeated (see
 * bigFile.ts). The estimate reads only the first block; the test computes it with the
 * same pure function and checks the message's figures, against the budget this browser
 * reports.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './lab.ts';
import { COPIES, dropRepeated, reviewsBlock } from './bigFile.ts';
import { adviseSample, estimateImport, HEAD_BYTES, memoryBudget, type MemorySignals } from '../src/core/ingest/estimate.ts';
import { importRatings } from '../src/core/ingest/import.ts';
import { fmtBytes, fmtCount, fmtInt } from '../src/ui/common/format.ts';

test('a file too large for the tab is refused before parsing, with a user sample that fits', async ({ lab: page }) => {
  const bytes = reviewsBlock();
  const fileBytes = bytes.length * COPIES;
  const head = bytes.subarray(0, bytes.subarray(0, HEAD_BYTES).lastIndexOf(10) + 1);
  const estimate = await estimateImport({ bytes: head, rawBytes: head.length, fileBytes, whole: false }, { fileName: 'Electronics.csv' });
  const signals = await page.evaluate(
    (): MemorySignals => ({
      jsHeapSizeLimit: (performance as Performance & { memory?: { jsHeapSizeLimit: number } }).memory?.jsHeapSizeLimit,
      deviceMemoryGiB: (navigator as Navigator & { deviceMemory?: number }).deviceMemory,
    }),
  );
  const budget = memoryBudget(signals);
  expect(estimate.memoryBytes).toBeGreaterThan(budget);
  const advice = adviseSample(estimate, budget)!;

  const elapsed = await dropRepeated(page, bytes, COPIES, 'Electronics.csv');
  // Nothing was parsed beyond the head: no reading progress ever showed.
  expect(elapsed.read).toBe(false);
  console.log(`refused ${fmtBytes(fileBytes)} in ${elapsed.ms.toFixed(0)} ms`);

  const refused = page.getByTestId('import-refused');
  await expect(refused.getByRole('alert')).toHaveText(
    `‘Electronics.csv’ (${fmtBytes(fileBytes)}, about ${fmtCount(estimate.rows)} ratings from up to ${fmtCount(estimate.users)} users) needs about ` +
      `${fmtBytes(estimate.memoryBytes)} in this tab; it can use about ${fmtBytes(budget)}. Import a sample of users instead: ` +
      `keep 1 in ${advice.oneIn} users (about ${fmtCount(advice.users)} users, ${fmtCount(advice.rows)} ratings).`,
  );
  await expect(page.getByTestId('dataset-row')).toHaveCount(0);

  // The way out imports with that sample (here it starts reading, and is cancelled).
  await refused.getByRole('button', { name: `Import 1 in ${advice.oneIn} users` }).click();
  const progress = page.getByTestId('import-progress');
  await expect(progress).toContainText('Reading Electronics.csv');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Import of Electronics.csv cancelled; nothing was saved.')).toBeVisible();
});

test('"Keep a sample of users" imports the users the seeded key keeps, with the rule shown', async ({ lab: page }) => {
  const path = new URL('../public/samples/reviews_Digital_Music_5.first6908.json.gz', import.meta.url);
  const gz = readFileSync(path);
  const expected = await importRatings(new Blob([gz]).stream(), { fileName: 'x', sampleUsers: { fraction: 1 / 4, seed: 7 } });
  const full = await importRatings(new Blob([gz]).stream(), { fileName: 'x' });

  await page.getByLabel('Keep a sample of users: 1 in').check();
  await page.getByLabel('Keep 1 in this many users').fill('4');
  await page.getByLabel('seed').fill('7');
  await page.getByLabel('Ratings file').setInputFiles(path.pathname);
  const row = page.getByTestId('dataset-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('count-rows')).toHaveText(fmtInt(expected.table.rating.length));
  await expect(row.getByTestId('count-users')).toHaveText(fmtInt(expected.table.userIds.length));
  await expect(row.getByTestId('count-items')).toHaveText(fmtInt(expected.table.itemIds.length));
  expect(expected.table.userIds.length).toBeLessThan(full.table.userIds.length / 3);
  await expect(row).toContainText('reviews_Digital_Music_5.first6908.json.gz (1 in 4 users)');
  await expect(row.getByTestId('import-notes')).toContainText(
    `Imported 1 in 4 users (those with key("7:<user id>") < 0.25, seed 7); ${fmtInt(expected.sampledOut)} rows of the other users left out.`,
  );
  // The page's link names the sample, so another browser opens only a dataset sampled the same way.
  await expect.poll(() => new URL(page.url()).searchParams.get('ds_sample')).toBe('{"fraction":0.25,"seed":7}');
});
