// Assembles the WebAssembly kernels (scripts/wat.ts) into their generated TS modules.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assembleWat, KERNELS, wasmModuleSource } from './wat.ts';

for (const wat of KERNELS) {
  const path = new URL(`../${wat}`, import.meta.url);
  const bytes = await assembleWat(basename(wat), readFileSync(path, 'utf8'));
  const out = new URL(`../${wat.replace(/\.wat$/, '.wasm.ts')}`, import.meta.url);
  writeFileSync(out, wasmModuleSource(basename(wat), bytes));
  console.log(`${wat}: ${bytes.length} bytes`);
}
