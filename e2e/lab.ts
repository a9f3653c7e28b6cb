/**
 * Shared e2e helpers: a page that records every request it makes (to prove the lab
 * stays on its own origin) and every main-thread long task (to prove training never
 * blocks the UI), plus the common steps of the lab.
 */
import { expect, test as base, type Page } from '@playwright/test';

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
  }
}

export const test = base.extend<{ lab: Page; foreignRequests: string[] }>({
  foreignRequests: async ({ context, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    context.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
    });
    await use(foreign);
    expect(foreign, 'requests outside the app origin').toEqual([]);
  },
  lab: async ({ page, foreignRequests }, use) => {
    void foreignRequests;
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto('/');
    await use(page);
  },
});

export { expect };

/** Main-thread time now, to bracket a period for long-task checks. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

export async function longTasksSince(page: Page, since: number): Promise<{ start: number; duration: number }[]> {
  return page.evaluate((t) => window.__longTasks.filter((e) => e.start >= t), since);
}

export async function loadSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load sample' }).click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(1, { timeout: 60_000 });
}

export async function openTrain(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Train & compare' }).click();
}

export async function chooseModel(page: Page, id: string): Promise<void> {
  await page.getByTestId('algo-select').selectOption(id);
  await expect(page.getByTestId('algo-select')).toHaveValue(id);
}

/** Set a numeric hyperparameter by its label in the generated form. */
export async function setParam(page: Page, label: string, value: number): Promise<void> {
  await page.getByTestId('param-form').getByLabel(label, { exact: true }).fill(String(value));
}
