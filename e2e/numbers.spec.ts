/**
 * Number boxes keep exactly what is typed, key by key: a value that does not fit is
 * reported beside its box once committed (blur or Enter), holds the form's action,
 * and a run always trains with the values the boxes show.
 */
import type { Locator } from '@playwright/test';
import { chooseModel, expect, loadSample, openTrain, test } from './lab.ts';

/** Clear a box and type `text` key by key, as a person does (not a single fill). */
async function type(box: Locator, text: string): Promise<void> {
  await box.fill('');
  await box.pressSequentially(text);
}

test('typing into the hyperparameter boxes keeps every keystroke, errors show on commit, and the run trains with what is shown', async ({ lab: page }) => {
  await loadSample(page);
  await openTrain(page);
  await chooseModel(page, 'BiasMF');
  const form = page.getByTestId('param-form');
  const batch = form.getByLabel('batch size', { exact: true });
  const lr = form.getByLabel('learning rate', { exact: true });
  const epochs = form.getByLabel('epochs', { exact: true });
  const train = page.getByRole('button', { name: 'Train BiasMF' });

  await type(batch, '16');
  await expect(batch).toHaveValue('16');
  await expect(form.getByLabel('batch size slider')).toHaveValue('16');
  await type(lr, '0.001');
  await expect(lr).toHaveValue('0.001');

  // An empty box is not snapped back to a default: it says what it needs once left.
  await epochs.fill('');
  await expect(epochs).toHaveValue('');
  await epochs.blur();
  await expect(epochs).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'give a number' })).toBeVisible();
  await expect(train).toBeDisabled();
  await type(epochs, '50');
  await expect(epochs).toHaveValue('50');
  await epochs.press('Enter');
  await expect(epochs).not.toHaveAttribute('aria-invalid', 'true');

  // Out of range: shown beside the box on Enter, never clamped.
  await type(batch, '7');
  await batch.press('Enter');
  await expect(batch).toHaveValue('7');
  await expect(page.getByRole('alert').filter({ hasText: 'between 8 and 16384' })).toBeVisible();
  await expect(train).toBeDisabled();
  await type(batch, '16');
  await batch.press('Enter');
  await expect(train).toBeEnabled();

  await train.click();
  const run = page.locator('[data-testid="run"][data-algo="BiasMF"]');
  await expect(run).toHaveCount(1);
  const params = JSON.parse((await run.getAttribute('data-params'))!);
  expect(params).toMatchObject({ batch_size: 16, lr: 0.001, epochs: 50 });
  await run.getByRole('button', { name: 'Stop' }).click();
});

test('the filter panel boxes report what does not fit and hold Save until it does', async ({ lab: page }) => {
  await loadSample(page);
  const panel = page.getByRole('region', { name: /^Filter/ });
  const save = panel.getByRole('button', { name: 'Save filtered dataset' });
  await expect(save).toBeEnabled();
  const sample = panel.getByLabel('Sample users', { exact: true });
  await type(sample, '0');
  await sample.press('Enter');
  await expect(sample).toHaveValue('0');
  await expect(panel.getByRole('alert').filter({ hasText: /^between 1 and \d/ })).toBeVisible();
  await expect(save).toBeDisabled();
  await type(sample, '50');
  await sample.press('Enter');
  await expect(sample).toHaveValue('50');
  await expect(save).toBeEnabled();

  const from = panel.getByLabel('Ratings from', { exact: true });
  await type(from, 'x');
  await from.blur();
  await expect(panel.getByRole('alert').filter({ hasText: 'is not a number' })).toBeVisible();
  await expect(save).toBeDisabled();
  await from.fill('');
  await from.blur();
  await expect(save).toBeEnabled();

  const seed = panel.getByLabel('Seed', { exact: true });
  await seed.fill('');
  await seed.blur();
  await expect(seed).toHaveValue('');
  await expect(save).toBeDisabled();
  await type(seed, '7');
  await expect(save).toBeEnabled();
});
