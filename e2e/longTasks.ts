/**
 * Main-thread long tasks as a page records them, each with what ran in its animation
 * frame (Long Animation Frames' script attribution), for the e2e tests that promise
 * none and for bench:lab, which reports them.
 */
import type { Page } from '@playwright/test';

export interface LongTask {
  start: number;
  duration: number;
  /** The scripts of the long animation frame it fell in, when the browser names them. */
  cause?: string;
}

declare global {
  interface Window {
    __longTasks: LongTask[];
    /** Long animation frames over 50 ms: what ran in them, to name the cause of a long task. */
    __longFrames: { start: number; end: number; scripts: string }[];
  }
}

/** An init script (page.addInitScript / context.addInitScript): records long tasks and long animation frames from the page's start. */
export function observeLongTasks(): void {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__longFrames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceEntry[] & { scripts?: { invoker: string; sourceFunctionName: string; duration: number }[] }[]) {
      const scripts = (e.scripts ?? []).map((x) => `${x.invoker} ${x.sourceFunctionName} ${Math.round(x.duration)} ms`).join('; ');
      window.__longFrames.push({ start: e.startTime, end: e.startTime + e.duration, scripts });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
}

/** The long tasks that started between `from` and `to` (page clock), each with its frame's scripts when known. */
export function longTasksSince(page: Page, from: number, to = Infinity): Promise<LongTask[]> {
  return page.evaluate(
    ([a, b]) =>
      window.__longTasks
        .filter((e) => e.start >= a && e.start <= b)
        .map((e) => {
          const frame = window.__longFrames.find((f) => f.start <= e.start + 1 && e.start < f.end);
          return frame ? { ...e, cause: frame.scripts } : e;
        }),
    [from, to] as const,
  );
}
