import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rmse } from '../core/metrics.ts';
import { selectBackend } from './backend.ts';
import { toyData } from './testing/toy.ts';
import { type EpochReport, TrainingBackendError, trainModel } from './train.ts';
import { loadModel } from './trained.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = toyData();
const quick = { factors: 8, epochs: 4, batch_size: 64, patience: 0, lr_patience: 0 };

describe('selectBackend', () => {
  it('records why WebGPU and WebGL cannot start in Node and falls back', async () => {
    const choice = await selectBackend({ prefer: ['webgpu', 'webgl', 'cpu'] });
    expect(choice.name).toBe('cpu');
    expect(choice.attempts.map((a) => [a.name, a.ok])).toEqual([
      ['webgpu', false],
      ['webgl', false],
      ['cpu', true],
    ]);
    expect(choice.fellBackBecause).toMatch(/webgpu: no WebGPU.*webgl: no WebGL/);
  });
});

describe('trainModel (BiasMF on the cpu backend)', () => {
  it('lowers the loss and reports every epoch and batch', async () => {
    const epochs: EpochReport[] = [];
    let batches = 0;
    const m = await trainModel('BiasMF', quick, data, 7, { onEpoch: (r) => epochs.push(r), onBatch: () => batches++ });
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(batches).toBe(4 * Math.ceil(data.rating.length / 64));
    expect(epochs[3].trainLoss).toBeLessThan(epochs[0].trainLoss);
    expect(epochs[3].trainRmse).toBeLessThan(epochs[0].trainRmse);
    expect(m.epochsRun).toBe(4);
    expect(m.backend).toBe('cpu');
    const pred = await m.predict(data.valUser, data.valItem);
    expect(pred.length).toBe(data.valUser.length);
    expect(Math.min(...pred)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...pred)).toBeLessThanOrEqual(5);
    expect(rmse(pred, data.valRating)).toBeCloseTo(epochs[3].valRmse, 5);
    m.dispose();
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const run = async (seed: number) => {
      const m = await trainModel('BiasMF', quick, data, seed);
      const p = await m.predict(data.valUser, data.valItem);
      m.dispose();
      return Array.from(p);
    };
    const a = await run(3);
    expect(await run(3)).toEqual(a);
    expect(await run(4)).not.toEqual(a);
  });

  it('stops early and restores the best epoch', async () => {
    const epochs: EpochReport[] = [];
    // No penalty, a big step and many factors: overfits the toy data within a few epochs.
    const m = await trainModel('BiasMF', { factors: 32, l2: 0, lr: 0.05, epochs: 40, batch_size: 32, patience: 2, lr_patience: 0 }, data, 1, {
      onEpoch: (r) => epochs.push(r),
    });
    const best = epochs.reduce((a, b) => (b.valRmse < a.valRmse ? b : a));
    expect(m.bestEpoch).toBe(best.epoch);
    expect(m.epochsRun).toBe(best.epoch + 2);
    const pred = await m.predict(data.valUser, data.valItem);
    expect(rmse(pred, data.valRating)).toBeCloseTo(best.valRmse, 5);
    m.dispose();
  });

  it('cuts the learning rate on a plateau', async () => {
    const lrs: number[] = [];
    const m = await trainModel('BiasMF', { factors: 32, l2: 0, lr: 0.05, epochs: 8, batch_size: 32, patience: 0, lr_patience: 1, lr_factor: 0.5 }, data, 1, {
      onEpoch: (r) => lrs.push(r.lr),
    });
    expect(lrs[0]).toBe(0.05);
    expect(Math.min(...lrs)).toBeLessThan(0.05);
    m.dispose();
  });

  it('stops within one batch and pauses until resumed', async () => {
    const control = { paused: false, stopped: false };
    let seen = 0;
    const m = await trainModel('BiasMF', quick, data, 1, {
      control,
      onBatch: () => {
        if (++seen === 2) control.stopped = true;
      },
    });
    expect(seen).toBe(2);
    expect(m.epochsRun).toBe(0);
    m.dispose();

    const paused = { paused: true, stopped: false };
    let batches = 0;
    const run = trainModel('BiasMF', { ...quick, epochs: 1 }, data, 1, { control: paused, onBatch: () => batches++ });
    await new Promise((r) => setTimeout(r, 150));
    expect(batches).toBe(0);
    paused.paused = false;
    const resumed = await run;
    expect(batches).toBeGreaterThan(0);
    resumed.dispose();
  });

  it('rejects with TrainingBackendError when the backend fails mid-run', async () => {
    // A kernel vanishing mid-run stands in for a lost device or a missing kernel. GMF:
    // its step runs tf kernels (the MF family's is written out in plain loops).
    const multiply = tf.getKernel('Multiply', 'cpu')!;
    let seen = 0;
    const run = trainModel('GMF', quick, data, 1, {
      onBatch: () => {
        if (++seen === 3) tf.unregisterKernel('Multiply', 'cpu');
      },
    });
    try {
      await expect(run).rejects.toBeInstanceOf(TrainingBackendError);
      await expect(run).rejects.toMatchObject({ backend: 'cpu', message: expect.stringMatching(/Multiply/) });
      expect(seen).toBe(3);
    } finally {
      tf.registerKernel(multiply);
    }
  });

  it('saves through tf.io and loads back to the same predictions', async () => {
    const m = await trainModel('BiasMF', { ...quick, sigmoid_range: true }, data, 2);
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await loadModel(tf.io.fromMemory(saved!));
    expect(loaded.id).toBe('BiasMF');
    expect(loaded.params.sigmoid_range).toBe(true);
    expect(Array.from(await loaded.predict(data.valUser, data.valItem))).toEqual(Array.from(await m.predict(data.valUser, data.valItem)));
    m.dispose();
    loaded.dispose();
  });
});
