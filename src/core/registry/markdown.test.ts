import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from './index.ts';
import { BEGIN, END, registryMarkdown, withRegistryTable } from './markdown.ts';

describe('the README algorithm table', () => {
  it('is the one the registry generates (run `npm run docs` after changing the registry)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = registryMarkdown(ALGORITHMS);
    expect(readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length)).toBe(table);
  });

  it('lists every algorithm once and replaces only the marked block', () => {
    const table = registryMarkdown(ALGORITHMS);
    for (const a of ALGORITHMS) expect(table.split(`| \`${a.id}\` |`).length - 1).toBe(1);
    expect(withRegistryTable(`a\n${BEGIN}\nold\n${END}\nb`, 'NEW')).toBe('a\nNEW\nb');
    expect(() => withRegistryTable('no markers', 'x')).toThrow(/markers/);
  });
});
