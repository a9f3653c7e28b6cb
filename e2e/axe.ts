/** axe-core as the lab is held to it: no serious or critical violation, with two rules axe leaves off by default. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './lab.ts';

/** Rules axe leaves off by default (experimental) that the lab is held to, and a minor one it must pass too. */
const EXTRA_RULES = { 'label-content-name-mismatch': { enabled: true }, 'empty-table-header': { enabled: true } };
const ALWAYS = new Set(['empty-table-header']);

export async function expectNoSerious(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).options({ rules: EXTRA_RULES }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS.has(v.id))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(bad, `serious or critical axe violations on ${where}`).toEqual([]);
}
