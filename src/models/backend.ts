/**
 * Choosing the TensorFlow.js backend: try each in the caller's order and keep the
 * first that starts, recording why the others did not, so the UI and the CLI can say
 * which backend a run used and why it fell back.
 */
import * as tf from '@tensorflow/tfjs';
// Imported for their side effect: each registers its backend with tf.
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  error?: string;
  /** Milliseconds the attempt took (initialisation included). */
  ms?: number;
}

export interface BackendChoice {
  name: BackendName;
  attempts: BackendAttempt[];
  /** Set when the chosen backend was not the first preferred: the earlier failures. */
  fellBackBecause?: string;
}

export interface SelectBackendOptions {
  /** Order to try; default webgpu, webgl, wasm, cpu. */
  prefer?: BackendName[];
  /**
   * Where the wasm backend finds its .wasm files (a URL prefix or a file-name → URL
   * map, as tfjs-backend-wasm's setWasmPaths takes). Needed in a bundled worker; in
   * Node the backend finds them itself.
   */
  wasmPaths?: string | Record<string, string>;
}

/** Why `name` cannot start here, before asking tf to try; null when it may. */
async function precheck(name: BackendName): Promise<string | null> {
  const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator;
  switch (name) {
    case 'webgpu': {
      if (!nav?.gpu) return 'no WebGPU (navigator.gpu is missing)';
      const adapter = await nav.gpu.requestAdapter().catch(() => null);
      return adapter ? null : 'no WebGPU adapter';
    }
    case 'webgl':
      if (typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') {
        return 'no WebGL (neither OffscreenCanvas nor document exists)';
      }
      return null;
    default:
      return null;
  }
}

let wasmPathsSet = false;

async function attempt(name: BackendName, opts: SelectBackendOptions): Promise<BackendAttempt> {
  const t0 = performance.now();
  const ms = (): number => Math.round((performance.now() - t0) * 10) / 10;
  try {
    const reason = await precheck(name);
    if (reason) return { name, ok: false, error: reason, ms: ms() };
    // setWasmPaths only takes effect before the wasm backend first initialises.
    if (name === 'wasm' && opts.wasmPaths && !wasmPathsSet) {
      setWasmPaths(opts.wasmPaths);
      wasmPathsSet = true;
    }
    // setBackend logs the cause of a failed initialisation and resolves false.
    const ok = await tf.setBackend(name);
    if (!ok) return { name, ok: false, error: `${name} failed to initialise (see the console)`, ms: ms() };
    await tf.ready();
    return { name, ok: true, ms: ms() };
  } catch (err) {
    return { name, ok: false, error: err instanceof Error ? err.message : String(err), ms: ms() };
  }
}

/** Start the first backend of `prefer` that works; throws only if none does. */
export async function selectBackend(opts: SelectBackendOptions = {}): Promise<BackendChoice> {
  const prefer = opts.prefer ?? [...BACKEND_NAMES];
  const attempts: BackendAttempt[] = [];
  for (const name of prefer) {
    const a = await attempt(name, opts);
    attempts.push(a);
    if (!a.ok) continue;
    const failed = attempts.filter((x) => !x.ok);
    return {
      name,
      attempts,
      ...(failed.length ? { fellBackBecause: failed.map((x) => `${x.name}: ${x.error}`).join('; ') } : {}),
    };
  }
  throw new Error(`no TensorFlow.js backend started: ${attempts.map((x) => `${x.name}: ${x.error}`).join('; ')}`);
}
