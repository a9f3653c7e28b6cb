/**
 * One polite live region for the runs, so a screen reader hears a run start, pass a
 * quarter of its epochs, and end (done with its test RMSE, failed, stopped) — not
 * every epoch of every run, which per-run live regions would read out.
 */
import { useEffect, useRef, useState } from 'react';
import { fmtMetric } from '../common/format.ts';
import { runLabel } from './LearningCurve.tsx';
import type { LiveRun } from './useTrainer.ts';

/** What to say about a run that changed from `before` (null: first seen) to `now`, if anything. */
export function announcement(label: string, before: { status: LiveRun['status']; quarter: number } | null, now: LiveRun): string | null {
  const quarter = now.epochs ? Math.floor((4 * now.curve.length) / now.epochs) : 0;
  if (before?.status === now.status) {
    if (now.status === 'running' && quarter > before.quarter && quarter < 4) return `${label}: ${quarter * 25}% (epoch ${now.curve.length} of ${now.epochs})`;
    return null;
  }
  switch (now.status) {
    case 'running':
      return before?.status === 'paused' ? `${label} resumed` : `${label} started`;
    case 'paused':
      return `${label} paused`;
    case 'done':
      return before && `${label} done${now.record && !Number.isNaN(now.record.rmse) ? `: test RMSE ${fmtMetric(now.record.rmse)}` : ''}`;
    case 'failed':
      return `${label} failed: ${now.error ?? 'see the run'}`;
    case 'stopped':
      return before && `${label} ${now.statusText}`;
    default:
      return null;
  }
}

export function RunAnnouncer({ runs }: { runs: LiveRun[] }) {
  const seen = useRef(new Map<string, { status: LiveRun['status']; quarter: number }>());
  const [message, setMessage] = useState('');
  useEffect(() => {
    const said: string[] = [];
    runs.forEach((r, k) => {
      const before = seen.current.get(r.id) ?? null;
      const text = announcement(runLabel(r, k), before, r);
      if (text) said.push(text);
      seen.current.set(r.id, { status: r.status, quarter: r.epochs ? Math.floor((4 * r.curve.length) / r.epochs) : 0 });
    });
    if (said.length) setMessage(said.join('. '));
  }, [runs]);
  return (
    <p className="sr-only" role="status" aria-live="polite" data-testid="run-announcer">
      {message}
    </p>
  );
}
