/**
 * Runs not finished yet: queued, or training (with their curve so far). Written when
 * a run is queued and as it trains, so a reload finds them: a run that was training
 * comes back as interrupted at its last saved epoch, a queued one as queued. A
 * finished run is stored in `runs` (by the training worker) and its pending record
 * deleted.
 */
import type { TrainRequest } from '../workers/protocol.ts';
import { openLabDB } from './db.ts';
import type { CurvePoint } from './runs.ts';

/** What a run asks the training worker for, less its id and its (per-page) signal. */
export type PendingRequest = Omit<TrainRequest, 'runId' | 'signal'>;

export interface PendingRun {
  id: string;
  request: PendingRequest;
  /** The page that queued it (see src/ui/train/pendingWriter.ts): another tab's live runs are left alone. */
  owner?: string;
  /** queued: not started; running: training when last written; interrupted: a reload ended it. */
  status: 'queued' | 'running' | 'interrupted';
  curve: CurvePoint[];
  /** Epochs it was asked for, once known. */
  epochs: number | null;
  /** What the curve's second line is computed on, once known. */
  validation?: 'holdout' | 'test';
  createdAt: number;
}

export async function putPending(run: PendingRun): Promise<void> {
  const db = await openLabDB();
  try {
    await db.put('pending', run);
  } finally {
    db.close();
  }
}

/** Oldest first: the order they were queued in. */
export async function listPending(): Promise<PendingRun[]> {
  const db = await openLabDB();
  try {
    return (await db.getAll('pending')).sort((a, b) => a.createdAt - b.createdAt);
  } finally {
    db.close();
  }
}

export async function deletePending(id: string): Promise<void> {
  const db = await openLabDB();
  try {
    await db.delete('pending', id);
  } finally {
    db.close();
  }
}
