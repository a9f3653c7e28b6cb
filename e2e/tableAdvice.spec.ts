/**
 * A dataset with many users and a wide embedding: the Train form says what the user
 * table will cost with Adam before anything trains, offers row-wise Adagrad in one
 * click, and a run with it trains to the end.
 */
import { chooseModel, dropBytes, expect, openTrain, setParam, test } from './lab.ts';

/** 90,000 distinct users with one rating each over 50 items (user,item,rating,time; no header, as Kaggle's file). */
function manyUsers(): Buffer {
  const lines: string[] = [];
  for (let u = 0; u < 90_000; u++) lines.push(`U${u},I${u % 50},${1 + (u % 5)},${1_400_000_000 + u}`);
  return Buffer.from(lines.join('\n') + '\n');
}

test('a big user table shows its memory with Adam and switches to row-wise Adagrad, which then trains', async ({ lab: page }) => {
  test.setTimeout(180_000);
  await dropBytes(page, 'many-users.csv', manyUsers());
  await expect(page.getByTestId('dataset-row')).toHaveCount(1, { timeout: 60_000 });
  await openTrain(page);
  await chooseModel(page, 'BiasMF');
  const advice = page.getByTestId('table-advice');
  // 90,000 × 32 factors with Adam is 33 MB: nothing to say.
  await expect(advice).toHaveCount(0);

  await setParam(page, 'embedding size', 256);
  await expect(advice).toContainText('90,000 users × 256 factors: with Adam the user embeddings and their optimiser state take 263.7 MB');
  await expect(advice).toContainText('one value per row instead of two per weight: 88.2 MB');
  await advice.getByRole('button', { name: 'Use row-wise Adagrad (learning rate 0.05)' }).click();
  const form = page.getByTestId('param-form');
  await expect(form.getByLabel('optimizer', { exact: true })).toHaveValue('adagrad');
  await expect(form.getByLabel('learning rate', { exact: true })).toHaveValue('0.05');
  await expect(advice).toHaveCount(0);

  await setParam(page, 'epochs', 1);
  await page.getByTestId('rank-toggle').uncheck();
  await page.getByRole('button', { name: 'Train BiasMF' }).click();
  const run = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(run).toHaveAttribute('data-points', '1');
});
