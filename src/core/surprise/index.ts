/**
 * The one factory from registry ids to Surprise-style algorithms. Params are the
 * registry's flat params (dotted keys such as 'sim_options.name'); they are checked
 * and completed with the registry's defaults, then nested into Surprise's shape.
 */
import { findAlgorithm, nestParams, resolveParams, type FlatParams } from '../registry/index.ts';
import type { AlgoBase } from './algo.ts';
import { BaselineOnly, type BaselineOnlyParams } from './baseline.ts';
import { KNNBaseline, KNNBasic, KNNWithMeans, KNNWithZScore, type KnnParams } from './knn.ts';
import { SlopeOne } from './slopeone.ts';
import { CoClustering, type CoClusteringOptions } from './coclustering.ts';
import { NormalPredictor } from './normal.ts';
import { MostPop, RandomRanker } from './rankers.ts';
import { NMF, SVD, SVDpp, type NMFOptions, type SVDOptions, type SVDppOptions } from './svd.ts';

/** Builds an algorithm from nested, complete params (Surprise's names) and a seed (random_state). */
type Make = (params: Record<string, unknown>, seed: number) => AlgoBase;

const MAKERS: Record<string, Make> = {
  BaselineOnly: (p) => new BaselineOnly(p as unknown as BaselineOnlyParams),
  KNNBasic: (p) => new KNNBasic(p as unknown as KnnParams),
  KNNWithMeans: (p) => new KNNWithMeans(p as unknown as KnnParams),
  KNNWithZScore: (p) => new KNNWithZScore(p as unknown as KnnParams),
  KNNBaseline: (p) => new KNNBaseline(p as unknown as KnnParams),
  SlopeOne: () => new SlopeOne(),
  NormalPredictor: (_, seed) => new NormalPredictor(seed),
  SVD: (p, seed) => new SVD(p as Partial<SVDOptions>, seed),
  SVDpp: (p, seed) => new SVDpp(p as Partial<SVDppOptions>, seed),
  NMF: (p, seed) => new NMF(p as Partial<NMFOptions>, seed),
  CoClustering: (p, seed) => new CoClustering(p as Partial<CoClusteringOptions>, seed),
  MostPop: () => new MostPop(),
  Random: (_, seed) => new RandomRanker(seed),
};

export function createAlgorithm(id: string, params: FlatParams, seed: number): AlgoBase {
  const make = MAKERS[id];
  if (!make) throw new Error(`"${id}" is not a Surprise-style algorithm (known: ${Object.keys(MAKERS).join(', ')})`);
  return make(nestParams(resolveParams(findAlgorithm(id), params)), seed);
}
