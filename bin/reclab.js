#!/usr/bin/env node
// The headless RecLab: the same src/core and src/models code the workers run,
// loaded through tsx so the CLI needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
