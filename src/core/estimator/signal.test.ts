import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { checkpoint, Signal } from './signal.ts';

describe('the run signal', () => {
  it('a private signal reports stop and never blocks', () => {
    const s = new Signal();
    expect(checkpoint(s)).toBe(false);
    s.pause(true);
    expect(checkpoint(s)).toBe(false); // cannot change during a synchronous loop: no wait
    s.stop();
    expect([s.stopped, s.paused, checkpoint(s)]).toEqual([true, false, true]);
  });

  it('a paused synchronous fit blocks on shared flags until another thread resumes it', async () => {
    const buffer = new SharedArrayBuffer(8);
    const s = new Signal(buffer);
    s.pause(true);
    // Another thread (the UI, in the lab) marks that it is about to resume, then resumes.
    const marker = new Int32Array(new SharedArrayBuffer(4));
    const other = new Worker(
      `const { workerData } = require('node:worker_threads');
       const flags = new Int32Array(workerData.buffer);
       const marker = new Int32Array(workerData.marker);
       setTimeout(() => { Atomics.store(marker, 0, 1); Atomics.store(flags, 0, 0); Atomics.notify(flags, 0); }, 150);`,
      { eval: true, workerData: { buffer, marker: marker.buffer } },
    );
    expect(checkpoint(s)).toBe(false);
    expect(Atomics.load(marker, 0)).toBe(1); // it returned only once the other thread resumed it
    await other.terminate();
  });
});
