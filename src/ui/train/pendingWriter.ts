/**
 * Keeps the trainer's unfinished runs in storage (src/storage/pending.ts) as they
 * change, so a reload loses none: written when queued, when started, and after each
 * epoch with the curve so far. Writes of a run go one after another (a later one
 * never lands before an earlier one), and epochs that arrive while a write is under
 * way are folded into the next write instead of queueing one each.
 *
 * Each page owns the runs it queued, and holds a Web Lock named after itself for as
 * long as it lives: a second tab resumes only runs whose page is gone, never those a
 * live tab is training.
 */
import type { CurvePoint } from '../../storage/runs.ts';
import { deletePending, putPending, type PendingRequest, type PendingRun } from '../../storage/pending.ts';

const LOCK_PREFIX = 'reclab-page-';

export class PendingWriter {
  /** This page, as the owner of the runs it queues. */
  readonly owner = crypto.randomUUID();
  private records = new Map<string, PendingRun>();
  private chains = new Map<string, Promise<void>>();
  private dirty = new Set<string>();

  /** A run joined the queue (or went back into it). */
  queued(id: string, request: PendingRequest, createdAt: number): void {
    this.records.set(id, { id, request, owner: this.owner, status: 'queued', curve: [], epochs: null, createdAt });
    this.save(id);
  }

  /** A queued run's new place in the queue (queue time), after a reorder. */
  requeue(id: string, createdAt: number): void {
    this.patch(id, { createdAt });
  }

  /** Hold this page's lock until the page goes (where the browser has Web Locks). */
  holdLock(): void {
    void navigator.locks?.request(LOCK_PREFIX + this.owner, () => new Promise<never>(() => {}));
  }

  started(id: string): void {
    this.patch(id, { status: 'running' });
  }

  epoch(id: string, point: CurvePoint, epochs: number, validation: PendingRun['validation']): void {
    const rec = this.records.get(id);
    if (rec) this.patch(id, { curve: [...rec.curve, point], epochs, validation });
  }

  /** A run a reload cut short: kept as interrupted (and now this page's) until it is run again or removed. */
  interrupted(rec: PendingRun): void {
    this.records.set(rec.id, { ...rec, owner: this.owner, status: 'interrupted' });
    this.save(rec.id);
  }

  /**
   * The run finished (the worker stored it and dropped its pending record), failed,
   * was stopped or left the queue: nothing to resume. Deleting after this run's
   * earlier writes also drops a write that landed after the worker's.
   */
  ended(id: string): void {
    this.records.delete(id);
    this.dirty.delete(id);
    this.chain(id, () => deletePending(id));
  }

  /** Stop tracking a run that was deleted from storage (Remove). */
  forget(id: string): void {
    this.records.delete(id);
    this.dirty.delete(id);
  }

  private patch(id: string, patch: Partial<PendingRun>): void {
    const rec = this.records.get(id);
    if (!rec) return;
    this.records.set(id, { ...rec, ...patch });
    this.save(id);
  }

  /** Write the run's latest state after its writes under way; one waiting write serves any number of changes. */
  private save(id: string): void {
    if (this.dirty.has(id)) return;
    this.dirty.add(id);
    this.chain(id, async () => {
      if (!this.dirty.delete(id)) return;
      const rec = this.records.get(id);
      if (rec) await putPending(rec);
    });
  }

  private chain(id: string, write: () => Promise<void>): void {
    // A failed write (storage full, say) costs only the resume after a reload: the run trains on.
    const next = (this.chains.get(id) ?? Promise.resolve()).then(write).catch(() => {});
    this.chains.set(id, next);
    void next.then(() => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    });
  }

  /** Every write asked for so far has landed (for tests). */
  async settled(): Promise<void> {
    await Promise.all(this.chains.values());
  }
}

/** The stored pending runs that no live page owns: those a reload (or a closed tab) left behind. */
export async function orphaned(runs: PendingRun[]): Promise<PendingRun[]> {
  const held = navigator.locks ? new Set(((await navigator.locks.query()).held ?? []).map((l) => l.name)) : new Set<string>();
  return runs.filter((r) => !r.owner || !held.has(LOCK_PREFIX + r.owner));
}
