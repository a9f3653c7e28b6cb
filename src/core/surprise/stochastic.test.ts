/**
 * What every stochastic Surprise algorithm promises, through the factory: the seed
 * decides everything, another seed gives another model, fitting lowers the training
 * error, and iterative fits report epochs and stop when asked.
 */
import { describe, expect, it } from 'vitest';
import { rmse } from '../metrics.ts';
import { findAlgorithm, type FlatParams } from '../registry/index.ts';
import { syntheticTrainset } from '../testing/synthetic.ts';
import { FitCancelled } from './algo.ts';
import { createAlgorithm } from './index.ts';
import type { Trainset } from './trainset.ts';

const ts = syntheticTrainset(1);
// Known pairs, then pairs with an unknown user, an unknown item, both.
const pairs = {
  u: Int32Array.from([...ts.u.slice(0, 50), -1, 0, -1]),
  i: Int32Array.from([...ts.i.slice(0, 50), 0, -1, -1]),
  r: new Float64Array(53),
};

const predictions = (id: string, seed: number, params: FlatParams = {}): Float64Array =>
  createAlgorithm(id, params, seed).fit(ts).test(pairs).est;

const trainingRmse = (id: string, params: FlatParams, data: Trainset): number =>
  rmse(createAlgorithm(id, params, 7).fit(data).test(data).est, data.r);

describe.each(['NormalPredictor', 'SVD', 'SVDpp', 'NMF', 'CoClustering'])('%s', (id) => {
  const spec = findAlgorithm(id);

  it('is a function of its seed', () => {
    expect(spec.stochastic).toBe(true);
    expect(predictions(id, 3)).toEqual(predictions(id, 3));
    expect(predictions(id, 3)).not.toEqual(predictions(id, 4));
  });

  it.runIf(spec.iterative)('lowers the training error as it trains', () => {
    expect(trainingRmse(id, { n_epochs: 20 }, ts)).toBeLessThan(trainingRmse(id, { n_epochs: 1 }, ts));
  });

  it.runIf(spec.iterative)('can estimate after every epoch, for live learning curves', () => {
    const curve: number[] = [];
    const algo = createAlgorithm(id, { n_epochs: 4 }, 0);
    algo.fit(ts, {
      onEpoch: () => {
        const { est, impossible } = algo.test(ts);
        expect(impossible).toBe(0);
        curve.push(rmse(est, ts.r));
      },
    });
    expect(curve).toHaveLength(4);
    expect(curve[3]).toBe(rmse(algo.test(ts).est, ts.r));
  });

  it.runIf(spec.iterative)('reports every epoch and stops when asked', () => {
    const seen: string[] = [];
    createAlgorithm(id, { n_epochs: 3 }, 0).fit(ts, { onEpoch: (e, n) => seen.push(`${e}/${n}`) });
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
    let polls = 0;
    const cancelledFit = () => createAlgorithm(id, { n_epochs: 3 }, 0).fit(ts, { shouldStop: () => ++polls > 2 });
    expect(cancelledFit).toThrow(FitCancelled);
    expect(polls).toBe(3);
  });
});
