/**
 * The pause/stop signal of a run, the same for both engines. Two int32 flags, on a
 * SharedArrayBuffer when the page is cross-origin isolated: the UI flips them with
 * Atomics and a synchronous TypeScript fit sees the change between epochs (or between
 * users) without its worker having to read a message; a paused synchronous fit
 * blocks in Atomics.wait. Without shared memory the flags are set by a message, which
 * the async TensorFlow.js loop still reads between batches.
 */
const PAUSED = 0;
const STOPPED = 1;

export interface RunSignal {
  readonly paused: boolean;
  readonly stopped: boolean;
}

export class Signal implements RunSignal {
  readonly flags: Int32Array;

  /** `buffer`: the UI's shared flags, or none for a private signal. */
  constructor(buffer?: SharedArrayBuffer | ArrayBuffer) {
    this.flags = new Int32Array(buffer ?? new ArrayBuffer(8));
  }

  /** Shared flags for a new run, when this context can share memory. */
  static sharedBuffer(): SharedArrayBuffer | undefined {
    return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false ? new SharedArrayBuffer(8) : undefined;
  }

  get paused(): boolean {
    return Atomics.load(this.flags, PAUSED) === 1;
  }

  get stopped(): boolean {
    return Atomics.load(this.flags, STOPPED) === 1;
  }

  get shared(): boolean {
    return typeof SharedArrayBuffer === 'function' && this.flags.buffer instanceof SharedArrayBuffer;
  }

  pause(paused: boolean): void {
    Atomics.store(this.flags, PAUSED, paused ? 1 : 0);
    if (this.shared) Atomics.notify(this.flags, PAUSED);
  }

  stop(): void {
    Atomics.store(this.flags, STOPPED, 1);
    Atomics.store(this.flags, PAUSED, 0);
    if (this.shared) Atomics.notify(this.flags, PAUSED);
  }
}

/**
 * For synchronous fits: block while paused (shared flags only; a private signal
 * cannot change during a synchronous loop), then say whether to stop.
 */
export function checkpoint(signal: RunSignal | undefined): boolean {
  if (!signal) return false;
  if (signal instanceof Signal && signal.shared) {
    while (signal.paused && !signal.stopped) Atomics.wait(signal.flags, PAUSED, 1, 200);
  }
  return signal.stopped;
}
