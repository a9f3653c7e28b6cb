/**
 * Choosing the TensorFlow.js backend, in one of two modes:
 * - 'first': try each in the caller's order and keep the first that starts;
 * - 'measure': start each, time the same Bias MF micro-benchmark on it, keep the
 *   fastest (on a machine without a GPU, WebGPU on a software adapter loses to wasm,
 *   so names alone choose badly).
 * Either way every attempt is recorded (why a backend did not start, what it
 * measured), so the UI and the CLI can say which backend a run used and why.
 */
import * as tf from '@tensorflow/tfjs';
// Imported for their side effect: each registers its backend with tf.
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { biasMfSamplesPerSec } from './microbench.ts';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  error?: string;
  /** Milliseconds the attempt took (initialisation included, the measurement not). */
  ms?: number;
  /** Bias MF training samples/s it measured ('measure' mode only). */
  samplesPerSec?: number;
}

export interface BackendChoice {
  name: BackendName;
  attempts: BackendAttempt[];
  /** Set when a backend failed to start: each failure and its cause. */
  fellBackBecause?: string;
  /** Why this backend, in words: e.g. "wasm measured fastest (212k samples/s vs cpu 35k)". */
  reason: string;
  /** When the backends were measured ('measure' mode), in ms since the epoch. */
  measuredAt?: number;
  /** Started from an earlier measurement on this browser and device, without measuring again. */
  remembered?: boolean;
}

/** A training-speed measurement of the current backend, in samples/s. */
export type BackendBenchmark = (name: BackendName) => Promise<number>;

export interface SelectBackendOptions {
  /** Order to try; default webgpu, webgl, wasm, cpu. */
  prefer?: BackendName[];
  /**
   * Where the wasm backend finds its .wasm files (a URL prefix or a file-name → URL
   * map, as tfjs-backend-wasm's setWasmPaths takes). Needed in a bundled worker; in
   * Node the backend finds them itself.
   */
  wasmPaths?: string | Record<string, string>;
  /** 'first' (default): the first of `prefer` that starts; 'measure': the fastest that starts. */
  mode?: 'first' | 'measure';
  /** What 'measure' times on each started backend; default the Bias MF micro-benchmark. */
  benchmark?: BackendBenchmark;
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

const failures = (attempts: BackendAttempt[]): Partial<BackendChoice> => {
  const failed = attempts.filter((x) => !x.ok);
  return failed.length ? { fellBackBecause: failed.map((x) => `${x.name}: ${x.error}`).join('; ') } : {};
};

const noneStarted = (attempts: BackendAttempt[]): Error =>
  new Error(`no TensorFlow.js backend started: ${attempts.map((x) => `${x.name}: ${x.error}`).join('; ')}`);

/** 212345 → "212k", for reasons a person reads. */
const rate = (sps: number): string => (sps >= 10_000 ? `${Math.round(sps / 1000)}k` : `${Math.round(sps)}`);

/**
 * The fastest measured attempt and why, in words; null when none started. Pure: the
 * attempts carry their measurements. Ties keep the earlier (preferred) backend.
 */
export function pickFastest(attempts: BackendAttempt[]): { name: BackendName; reason: string } | null {
  const ok = attempts.filter((a) => a.ok && a.samplesPerSec !== undefined);
  if (ok.length === 0) return null;
  const best = ok.reduce((b, a) => (a.samplesPerSec! > b.samplesPerSec! ? a : b));
  const others = ok.filter((a) => a !== best);
  const reason = others.length
    ? `${best.name} measured fastest (${rate(best.samplesPerSec!)} samples/s vs ${others.map((a) => `${a.name} ${rate(a.samplesPerSec!)}`).join(', ')})`
    : `${best.name} is the only backend that started (${rate(best.samplesPerSec!)} samples/s)`;
  return { name: best.name, reason };
}

/**
 * Start each backend of `candidates`, measure it with `benchmark`, and leave tf on
 * the fastest. A backend that starts but fails its measurement counts as failed.
 */
export async function measureBackends(candidates: BackendName[], opts: SelectBackendOptions = {}): Promise<BackendChoice> {
  const benchmark = opts.benchmark ?? (() => biasMfSamplesPerSec());
  const attempts: BackendAttempt[] = [];
  for (const name of candidates) {
    const a = await attempt(name, opts);
    attempts.push(a);
    if (!a.ok) continue;
    try {
      a.samplesPerSec = await benchmark(name);
    } catch (err) {
      a.ok = false;
      a.error = `failed its measurement: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  const best = pickFastest(attempts);
  if (!best) throw noneStarted(attempts);
  if (!(await tf.setBackend(best.name))) throw new Error(`${best.name} measured fastest but failed to restart`);
  return { name: best.name, attempts, reason: best.reason, measuredAt: Date.now(), ...failures(attempts) };
}

/**
 * The backend an earlier measurement chose, started without measuring again; when it
 * no longer starts (a driver changed), all are measured anew.
 */
export async function rememberedBackend(earlier: BackendChoice, opts: SelectBackendOptions = {}): Promise<BackendChoice> {
  const again = await attempt(earlier.name, opts);
  if (again.ok) return { ...earlier, remembered: true };
  return measureBackends(opts.prefer ?? [...BACKEND_NAMES], opts);
}

/** Start a backend of `prefer` (by `mode`, see the file comment); throws only if none starts. */
export async function selectBackend(opts: SelectBackendOptions = {}): Promise<BackendChoice> {
  const prefer = opts.prefer ?? [...BACKEND_NAMES];
  if (opts.mode === 'measure') return measureBackends(prefer, opts);
  const attempts: BackendAttempt[] = [];
  for (const name of prefer) {
    const a = await attempt(name, opts);
    attempts.push(a);
    if (!a.ok) continue;
    const reason = name === prefer[0] ? `${name} is the first preferred` : `${name} is the first preferred that started`;
    return { name, attempts, reason, ...failures(attempts) };
  }
  throw noneStarted(attempts);
}
