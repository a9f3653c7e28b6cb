// Rewrites the README's algorithm table from the registry (see src/core/registry/markdown.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { ALGORITHMS } from '../src/core/registry/index.ts';
import { registryMarkdown, withRegistryTable } from '../src/core/registry/markdown.ts';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withRegistryTable(readFileSync(path, 'utf8'), registryMarkdown(ALGORITHMS)));
console.log(`README.md: ${ALGORITHMS.length} algorithms`);
