/**
 * The backend measurement of 'auto', kept in this browser's storage for this device,
 * so a page load starts the fastest backend at once instead of timing each one again
 * (seconds of work, and a header that changed under the reader). "Measure again"
 * forgets it. A different browser build or machine (the user agent, cores, memory)
 * measures anew.
 */
import type { BackendReport } from '../../workers/protocol.ts';

const KEY = 'reclab.measuredBackend';

/** This browser on this device, as far as a page can tell. */
function device(): string {
  const nav = navigator as Navigator & { deviceMemory?: number };
  return `${nav.userAgent}|${nav.hardwareConcurrency}|${nav.deviceMemory ?? ''}`;
}

export function measuredBackend(): BackendReport | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { device: string; report: BackendReport } | null;
    return stored?.device === device() && stored.report.measuredAt ? stored.report : undefined;
  } catch {
    return undefined;
  }
}

/** Keep a fresh measurement (not one that was itself remembered). */
export function keepMeasurement(report: BackendReport): void {
  if (report.measuredAt && !report.remembered) localStorage.setItem(KEY, JSON.stringify({ device: device(), report }));
}

export function forgetMeasurement(): void {
  localStorage.removeItem(KEY);
}
