/**
 * The one description of every algorithm and model: name, family, hyperparameters
 * with type, default, range, step and help. Sliders, grid search, CLI params, run
 * records and the README table all read this; nothing repeats the list by hand.
 *
 * Keys use Surprise's names; nested Surprise options use a dotted key
 * (`sim_options.name`, `bsl_options.method`) and round-trip through `nestParams`.
 */
interface ParamBase {
  key: string;
  label: string;
  help: string;
  /** Only shown/used when another parameter has one of these values, e.g. {'bsl_options.method': ['sgd']}. */
  when?: Record<string, readonly (string | number | boolean)[]>;
}

export interface NumberParam extends ParamBase {
  type: 'int' | 'float';
  /** null only for `nullable` params: "unset", e.g. Surprise's lr_bu=None falling back to lr_all. */
  default: number | null;
  nullable?: boolean;
  min: number;
  max: number;
  step: number;
  /** Slide on a log scale (learning rates, regularisation). */
  log?: boolean;
}

export interface BoolParam extends ParamBase {
  type: 'bool';
  default: boolean;
}

export interface ChoiceParam extends ParamBase {
  type: 'choice';
  options: readonly string[];
  default: string;
}

export type ParamSpec = NumberParam | BoolParam | ChoiceParam;
export type ParamValue = number | boolean | string | null;
/** Flat parameter values keyed by ParamSpec.key. */
export type FlatParams = Record<string, ParamValue>;

export type Family =
  | 'reference'
  | 'baseline'
  | 'neighbourhood'
  | 'factorization'
  | 'clustering'
  | 'deep-mf'
  | 'deep-nn'
  | 'deep-sequence'
  | 'deep-autoencoder';

export type Engine = 'core' | 'tfjs';

export interface AlgorithmSpec {
  /** Surprise's class name for baselines (`SVD`, `KNNBaseline`), the CLI name for deep models (`BiasMF`). */
  id: string;
  label: string;
  family: Family;
  /**
   * The implementation key: which estimator adapter fits it ('core': plain TypeScript
   * in src/core; 'tfjs': a TensorFlow.js model in src/models). Only the adapter table
   * reads it; every capability after that is written once against the estimator.
   */
  engine: Engine;
  /** Takes a seed (Surprise's random_state). */
  stochastic: boolean;
  /** Iterative: reports per-epoch progress, so a learning curve can be drawn. */
  iterative: boolean;
  /** Its scores only rank items (reference rankers): no rating metrics. */
  ranksOnly?: boolean;
  help: string;
  params: readonly ParamSpec[];
}
