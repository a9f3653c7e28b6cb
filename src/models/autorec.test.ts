import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { toyData } from './testing/toy.ts';
import { trainModel } from './train.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// The first 12 validation estimates after 3 epochs (seed 5) from the per-item form that
// gathered each item's raters one row at a time (before the batch-of-users products).
const PER_ITEM = [
  2.676393747329712, 2.9655003547668457, 2.9006619453430176, 2.86598801612854, 2.8460350036621094, 3.071646213531494, 2.3122506141662598, 2.956064462661743,
  2.920241594314575, 2.34578537940979, 2.529420852661133, 2.7317864894866943,
];

it('AutoRec over a batch’s users trains to the per-item form’s numbers for a seed', async () => {
  const data = toyData();
  const m = await trainModel('AutoRec', { hidden: 8, batch_size: 8, epochs: 3, patience: 0, lr_patience: 0, lr: 0.03, l2: 0.01 }, data, 5);
  const est = await m.estimate(data.valUser.subarray(0, 12), data.valItem.subarray(0, 12));
  est.forEach((e, k) => expect(e).toBeCloseTo(PER_ITEM[k], 4));
  m.dispose();
});
