import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { serviceWorkerSource } from './scripts/serviceWorker.ts';

// Cross-origin isolation (COOP/COEP) lets the wasm backend use threads
// (SharedArrayBuffer); the app loads nothing from other origins, so it costs nothing.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Everything stays local: the built page may only talk to its own origin. (Dev mode
// is left without it because React's fast refresh injects an inline script.)
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob:; object-src 'none'; base-uri 'self'";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'reclab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

/** Every file below `dir`, as paths relative to it with forward slashes. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

/** sw.js, precaching the build's own files and public/ (see scripts/serviceWorker.ts). */
function offline(): Plugin {
  let publicDir = '';
  return {
    name: 'reclab-offline',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const files = [...Object.keys(bundle), ...(publicDir ? filesBelow(publicDir) : [])].filter((f) => !f.endsWith('.map') && !f.endsWith('README.md')).sort();
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(files) });
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offline()],
  server: { headers: isolation },
  preview: { headers: isolation },
  // Workers are only whitespace-minified: the threaded wasm backend rebuilds its
  // Emscripten factory in each pthread worker from Function.toString(), and
  // compression folds away its `typeof _scriptDir` guard, so threads fail to start.
  worker: { format: 'es', rolldownOptions: { output: { minify: { mangle: false, compress: false } } } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
