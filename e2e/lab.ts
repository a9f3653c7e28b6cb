/**
 * Shared e2e helpers: a page that records every request it makes (to prove the lab
 * stays on its own origin) and every main-thread long task (to prove training never
 * blocks the UI), plus the common steps of the lab.
 */
import { expect, test as base, type Page } from '@playwright/test';
import { observeLongTasks } from './longTasks.ts';

export { longTasksSince } from './longTasks.ts';

declare global {
  interface Window {
    /** Per model id: the most curve points a run showed while it was still training. */
    __livePoints: Record<string, number>;
  }
}

export const test = base.extend<{ lab: Page; foreignRequests: string[]; consoleErrors: string[] }>({
  /** Console errors and uncaught exceptions of the page, for tests that promise none. */
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    await use(errors);
  },
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
    await page.addInitScript(observeLongTasks);
    await page.addInitScript(() => {
      // Watch every run's attributes as they change, so a curve point drawn while the
      // run is still training is seen however briefly that lasts.
      window.__livePoints = {};
      const seen = (el: Element) => {
        const status = el.getAttribute('data-status');
        const algo = el.getAttribute('data-algo');
        if (algo && (status === 'running' || status === 'paused')) {
          window.__livePoints[algo] = Math.max(window.__livePoints[algo] ?? 0, Number(el.getAttribute('data-points')));
        }
      };
      new MutationObserver((records) => {
        for (const r of records) if (r.target instanceof Element && r.target.matches('[data-testid="run"]')) seen(r.target);
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-points', 'data-status'] });
    });
    await page.goto('/');
    await use(page);
  },
});

export { expect };

/** Main-thread time now, to bracket a period for long-task checks. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** The most curve points a run of `algo` showed while still training (0: none before it ended). */
export function livePoints(page: Page, algo: string): Promise<number> {
  return page.evaluate((a) => window.__livePoints[a] ?? 0, algo);
}

export async function loadSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load sample' }).click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(1, { timeout: 60_000 });
}

/** Drop a file on the drop zone the way a person's drag-and-drop does: a DataTransfer holding a File. */
export async function dropBytes(page: Page, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const raw = atob(b64);
      const arr = new Uint8Array(raw.length);
      for (let k = 0; k < raw.length; k++) arr[k] = raw.charCodeAt(k);
      const dt = new DataTransfer();
      dt.items.add(new File([arr], name));
      return dt;
    },
    { b64: bytes.toString('base64'), name },
  );
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
}

export async function openTrain(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Train & compare' }).click();
}

export async function chooseModel(page: Page, id: string): Promise<void> {
  await page.getByTestId('algo-select').selectOption(id);
  await expect(page.getByTestId('algo-select')).toHaveValue(id);
}

/** Queue each model in turn with the form's settings: `action` is the submit button's verb (Train, Cross-validate, Search). */
export async function queueModels(page: Page, ids: string[], action = 'Train'): Promise<void> {
  for (const id of ids) {
    await chooseModel(page, id);
    await page.getByRole('button', { name: `${action} ${id}` }).click();
  }
}

/** Type into a number box and commit it (Enter), as a person does. */
export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.fill(String(value));
  await box.press('Enter');
}

/** Set a numeric hyperparameter by its label in the generated form. */
export async function setParam(page: Page, label: string, value: number): Promise<void> {
  const box = page.getByTestId('param-form').getByLabel(label, { exact: true });
  await box.fill(String(value));
  await box.press('Enter');
}

/** Pick how runs are evaluated: a radio of the "Evaluate by" group, by the start of its label. */
export async function chooseEvaluation(page: Page, label: 'Random split' | 'k-fold cross-validation' | 'Leave last out' | 'Global time split' | 'Held-out users'): Promise<void> {
  const radio = page.getByTestId('eval-kinds').getByRole('radio', { name: new RegExp(`^${label}`) });
  await radio.check();
  await expect(radio).toBeChecked();
}
