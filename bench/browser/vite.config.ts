/**
 * The browser benchmarks' own page (bench/browser), built with Vite into bench/out/
 * and served by `vite preview`. It imports the app's code from ../../src, so the
 * figures are for the code the app ships, bundled the way the app bundles it.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Cross-origin isolation: SharedArrayBuffer for the threaded wasm backend, and
// performance.measureUserAgentSpecificMemory() for the memory figure.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../out/browser-page', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // The threaded wasm backend starts its pthread workers from the source text of a
    // function (wasmFactoryThreadedSimd.toString()); minified, that text names
    // variables outside the function ("e is not defined") and the backend never
    // finishes starting. Unminified code runs as fast in V8.
    minify: false,
  },
  preview: { headers: isolation, host: '127.0.0.1' },
});
