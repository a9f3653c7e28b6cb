/**
 * Every study preset, from a fresh browser, with quick settings: the card says the
 * study's file is not here and the bundled sample stands in, Run study loads the
 * sample, applies the study's filter, queues its models and opens Train, where each
 * model lands in the comparison table under the study's evaluation; back on Studies
 * the card counts the runs done and names the sample it loaded.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './lab.ts';

interface Case {
  id: string;
  /** The dataset the runs train on. */
  dataset: RegExp;
  /** The comparison group's heading: the evaluation as the lab labels it. */
  evaluation: string;
  kind: string;
  /** The models, as the comparison lists their ids (sorted). */
  algos: string[];
  /** A ranked study's table has HR/NDCG/MAP columns. */
  ranked: boolean;
  /** The figures the study reports, as the comparison's cells, with a number for `model`. */
  figures: string[];
  model: string;
}

const DIGITAL_MUSIC = /^Sample: Amazon Digital Music 2014/;
const CASES: Case[] = [
  {
    id: 'electronics',
    dataset: /^Sample: Amazon Digital Music 2014 .* \(k-core 5\/10\)$/,
    evaluation: '3-fold CV, seed 0',
    kind: 'kfold',
    algos: ['KNNBaseline', 'KNNBasic', 'LSTM', 'NN', 'SVD', 'SVDpp'],
    ranked: false,
    figures: ['mae', 'mse', 'rmse'],
    model: 'LSTM',
  },
  {
    id: 'fashion',
    dataset: /^Sample: Amazon Gift Cards 5-core \(2018\) \(verified only\)$/,
    evaluation: 'leave last out (by time)',
    kind: 'last',
    algos: ['BiasMF', 'MF', 'SVD', 'SigmoidMF'],
    ranked: true,
    figures: ['hr-full', 'rmse'],
    model: 'MF',
  },
  {
    id: 'deepcart',
    dataset: DIGITAL_MUSIC,
    evaluation: 'held-out users 20%, 50% revealed, seed 0',
    kind: 'users',
    algos: ['AutoRec', 'KNNBasic', 'MostPop'],
    ranked: true,
    figures: ['map-full', 'pearson'],
    model: 'AutoRec',
  },
  {
    id: 'digital-music',
    dataset: DIGITAL_MUSIC,
    evaluation: 'leave last out (by time)',
    kind: 'last',
    algos: ['GMF', 'GMF', 'MLP', 'NNMF'],
    ranked: true,
    figures: ['hr-full', 'ndcg-full', 'hr-sampled'],
    model: 'NNMF',
  },
  { id: 'vignette', dataset: DIGITAL_MUSIC, evaluation: 'random 20% test, seed 0', kind: 'random', algos: ['BiasMF', 'MF', 'SVD'], ranked: false, figures: ['rmse', 'mae'], model: 'BiasMF' },
];

const openStudies = (page: Page) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Studies' }).click();

for (const c of CASES) {
  test(`study ${c.id}: runs on the bundled sample with quick settings and lands in the comparison`, async ({ lab: page, consoleErrors }) => {
    await openStudies(page);
    const card = page.locator(`[data-testid="study"][data-study="${c.id}"]`);
    await expect(card.getByTestId('study-source')).toHaveAttribute('data-kind', 'sample');
    await expect(card.getByTestId('study-source')).toContainText('is not here, so this study runs on the bundled sample');
    await card.getByLabel('Quick settings').check();
    await expect(card.getByTestId('study-evaluation')).toContainText(c.evaluation);
    await card.getByRole('button', { name: /^Run study/ }).click();

    // Train, on the study's dataset, with focus on its heading and the form on the study's evaluation.
    const heading = page.getByRole('heading', { name: /^Train on/ });
    await expect(heading).toBeFocused({ timeout: 60_000 });
    const name = (await heading.innerText()).replace(/^Train on “|”$/g, '');
    expect(name).toMatch(c.dataset);
    await expect(page.getByTestId('eval-kinds').getByRole('radio', { checked: true })).toHaveValue(c.kind);

    const rows = page.getByTestId('compare-row');
    await expect(rows).toHaveCount(c.algos.length, { timeout: 120_000 });
    expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-algo')))).sort()).toEqual(c.algos);
    await expect(rows.first()).toHaveAttribute('data-eval', c.kind);
    const groups = page.getByTestId('compare-group');
    await expect(groups).toHaveCount(1);
    await expect(groups.locator('h3')).toContainText(c.evaluation);
    await expect(page.getByRole('columnheader', { name: /HR@10/ }).first()).toHaveCount(c.ranked ? 1 : 0);
    await expect(page.locator('[data-testid="run"][data-status="failed"]')).toHaveCount(0);
    const row = page.locator(`[data-testid="compare-row"][data-algo="${c.model}"]`).first();
    for (const figure of c.figures) await expect(row.getByTestId(figure), figure).toHaveText(/^\d/);

    await openStudies(page);
    await expect(card.getByTestId('study-progress')).toHaveAttribute('data-done', String(c.algos.length));
    await expect(card.getByTestId('study-progress')).toContainText(`${c.algos.length} of ${c.algos.length} runs done`);
    await expect(card.getByTestId('study-source')).toContainText('(loaded as “Sample:');
    // The card's progress survives a reload, as its runs do.
    await page.reload();
    await expect(card.getByTestId('study-progress')).toHaveAttribute('data-done', String(c.algos.length));
    expect(consoleErrors).toEqual([]);
  });
}
