/**
 * Node side of the browser benchmarks: build the bench page with Vite, serve it with
 * `vite preview` (COOP/COEP headers) on 127.0.0.1, open it in headless Chromium and
 * sample the browser's memory from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { CHROMIUM_PATH as executablePath, QUIET_FLAGS, SWIFTSHADER_IGNORED_DEFAULTS, SWIFTSHADER_WEBGPU_FLAGS as swiftshaderWebGpu } from '../../e2e/chromium.ts';
import type { BenchPage } from './protocol.ts';

const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
// The e2e tests' launch flags, plus a memory measurement that answers at once
// instead of waiting for the next natural GC.
const quiet = [...QUIET_FLAGS, '--enable-blink-features=ForceEagerMeasureMemory'];

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

export async function serveBenchPage(): Promise<BenchServer> {
  const t = performance.now();
  await build({ configFile });
  console.log(`bench page built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const server: PreviewServer = await preview({ configFile, preview: { port: 4190, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, close: () => server.close() };
}

export interface BenchBrowser {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Chromium on the bench page; `webgpu` adds the SwiftShader WebGPU adapter. */
export async function openBenchPage(url: string, opts: { webgpu?: boolean } = {}): Promise<BenchBrowser> {
  const browser = await chromium.launch({
    executablePath,
    args: [...quiet, ...(opts.webgpu ? swiftshaderWebGpu : [])],
    ...(opts.webgpu ? { ignoreDefaultArgs: SWIFTSHADER_IGNORED_DEFAULTS } : {}),
  });
  const page = await browser.newPage();
  // Once per distinct message: a failing backend can repeat one error from many threads.
  const seen = new Set<string>();
  page.on('pageerror', (e) => {
    if (!seen.has(e.message)) console.error(`page error: ${e.message}`);
    seen.add(e.message);
  });
  await page.goto(url);
  await page.waitForFunction(() => 'reclabBench' in window);
  return { browser, page, close: () => browser.close() };
}

/** Call one of the page's bench functions. */
export function callPage<K extends keyof BenchPage>(page: Page, name: K, arg: Parameters<BenchPage[K]>[0]): ReturnType<BenchPage[K]> {
  return page.evaluate(([n, a]) => (window.reclabBench[n] as (x: unknown) => unknown)(a), [name, arg] as const) as ReturnType<BenchPage[K]>;
}

interface ProcMemory {
  rss: number;
  /** Proportional set size: each shared page split among the processes that map it. */
  pss: number;
}

interface ProcInfo extends ProcMemory {
  ppid: number;
  chromium: boolean;
  renderer: boolean;
  /** Chromium's process type: browser, renderer, gpu-process, or the utility's service name. */
  kind: string;
}

const chromiumDir = dirname(executablePath);
const kb = (text: string, field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;

function readProc(pid: number): ProcInfo | null {
  try {
    // Fields after the parenthesised command name: state, ppid, ... (proc(5)).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    // Chromium rewrites its child processes' argv into one space-separated string.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const chromium = cmdline.startsWith(chromiumDir);
    const rollup = chromium ? readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8') : '';
    const kind = /--utility-sub-type=(?:\w+\.mojom\.)?(\w+)/.exec(cmdline)?.[1] ?? /--type=([\w-]+)/.exec(cmdline)?.[1] ?? 'browser';
    return { ppid, chromium, renderer: cmdline.includes('--type=renderer'), kind, rss: kb(rollup, 'Rss'), pss: kb(rollup, 'Pss') };
  } catch {
    return null; // gone between listing and reading
  }
}

/**
 * Memory of the Chromium processes this Node process started (Playwright launches
 * the browser as our child), in all and in the renderers (the tab and its workers).
 */
function chromiumMemory(): { all: ProcMemory; renderers: ProcMemory; byKind: Record<string, number> } {
  const procs = new Map<number, ProcInfo>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const info = readProc(pid);
    if (info) procs.set(pid, info);
  }
  const ours = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid ?? 0; p > 1; p = procs.get(p)?.ppid ?? 0) if (p === process.pid) return true;
    return false;
  };
  const all = { rss: 0, pss: 0 };
  const renderers = { rss: 0, pss: 0 };
  const byKind: Record<string, number> = {};
  for (const [pid, info] of procs) {
    if (!info.chromium || !ours(pid)) continue;
    byKind[info.kind] = (byKind[info.kind] ?? 0) + info.rss;
    for (const sum of info.renderer ? [all, renderers] : [all]) {
      sum.rss += info.rss;
      sum.pss += info.pss;
    }
  }
  return { all, renderers, byKind };
}

export interface MemoryPeaks {
  /** Peaks of the sums over every Chromium process. */
  all: ProcMemory;
  /** Peaks of the sums over the renderer processes. */
  renderers: ProcMemory;
  /** The sums over every process at the start. */
  start: ProcMemory;
  /** RSS per kind of process (browser, renderer, gpu-process, NetworkService…) when the summed RSS peaked. */
  atPeak: Record<string, number>;
  /** When the summed RSS peaked (Date.now()). */
  peakAt: number;
  samples: number;
}

/** Sample Chromium's memory from /proc every `ms` until the returned stop() is called. */
export function sampleMemory(ms = 100): { stop(): MemoryPeaks } {
  const first = chromiumMemory();
  const peaks: MemoryPeaks = { all: { ...first.all }, renderers: { ...first.renderers }, start: first.all, atPeak: first.byKind, peakAt: Date.now(), samples: 1 };
  const raise = (peak: ProcMemory, now: ProcMemory): void => {
    peak.rss = Math.max(peak.rss, now.rss);
    peak.pss = Math.max(peak.pss, now.pss);
  };
  const timer = setInterval(() => {
    const now = chromiumMemory();
    if (now.all.rss > peaks.all.rss) {
      peaks.atPeak = now.byKind;
      peaks.peakAt = Date.now();
    }
    raise(peaks.all, now.all);
    raise(peaks.renderers, now.renderers);
    peaks.samples++;
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return peaks;
    },
  };
}

export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
