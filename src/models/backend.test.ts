import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { type BackendAttempt, type BackendName, pickFastest, selectBackend } from './backend.ts';

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('pickFastest', () => {
  const ok = (name: BackendName, samplesPerSec: number): BackendAttempt => ({ name, ok: true, samplesPerSec });

  it('keeps the highest samples/s and names the others in the reason', () => {
    const attempts = [{ name: 'webgpu', ok: false, error: 'no WebGPU adapter' } as const, ok('webgl', 35_400), ok('wasm', 212_345), ok('cpu', 4_100)];
    expect(pickFastest(attempts)).toEqual({ name: 'wasm', reason: 'wasm measured fastest (212k samples/s vs webgl 35k, cpu 4100)' });
  });

  it('breaks ties toward the earlier (preferred) backend, and says when only one started', () => {
    expect(pickFastest([ok('webgl', 1000), ok('wasm', 1000)])?.name).toBe('webgl');
    expect(pickFastest([{ name: 'webgl', ok: false, error: 'x' }, ok('cpu', 50)])).toEqual({
      name: 'cpu',
      reason: 'cpu is the only backend that started (50 samples/s)',
    });
    expect(pickFastest([{ name: 'webgl', ok: false, error: 'x' }])).toBeNull();
  });
});

describe("selectBackend({ mode: 'measure' })", () => {
  it('switches tf to the backend the injected timing says is fastest, whatever the order', async () => {
    const speeds: Partial<Record<BackendName, number>> = { cpu: 900, wasm: 100 };
    const choice = await selectBackend({ prefer: ['webgpu', 'wasm', 'cpu'], mode: 'measure', benchmark: async (name) => speeds[name]! });
    expect(choice.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(choice.attempts.map((a) => [a.name, a.ok, a.samplesPerSec])).toEqual([
      ['webgpu', false, undefined],
      ['wasm', true, 100],
      ['cpu', true, 900],
    ]);
    expect(choice.reason).toBe('cpu measured fastest (900 samples/s vs wasm 100)');
    expect(choice.fellBackBecause).toMatch(/^webgpu: no WebGPU/);
  });

  it('counts a backend whose measurement throws as failed', async () => {
    const choice = await selectBackend({
      prefer: ['cpu', 'wasm'],
      mode: 'measure',
      benchmark: async (name) => {
        if (name === 'cpu') throw new Error('device lost');
        return 10;
      },
    });
    expect(choice.name).toBe('wasm');
    expect(choice.fellBackBecause).toBe('cpu: failed its measurement: device lost');
  });

  it('measures the real cpu and wasm backends and leaves tf on a working one', async () => {
    const choice = await selectBackend({ prefer: ['cpu', 'wasm'], mode: 'measure' });
    expect(['cpu', 'wasm']).toContain(choice.name);
    expect(tf.getBackend()).toBe(choice.name);
    for (const a of choice.attempts) expect(a.samplesPerSec).toBeGreaterThan(0);
    expect(choice.reason).toMatch(new RegExp(`^${choice.name} measured fastest \\(\\d+k? samples/s vs \\w+ \\d+k?\\)$`));
    const y = tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([3, 1])));
    expect(Array.from(await y.data())).toEqual([3, 3]);
    y.dispose();
  }, 30_000);
});

describe("selectBackend (default 'first' mode)", () => {
  it('keeps the first that starts and says so', async () => {
    const choice = await selectBackend({ prefer: ['webgl', 'cpu'] });
    expect(choice).toMatchObject({ name: 'cpu', reason: 'cpu is the first preferred that started' });
    expect(choice.attempts.every((a) => a.samplesPerSec === undefined)).toBe(true);
  });
});
