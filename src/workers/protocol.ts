/**
 * The typed interface between the UI and the workers. The worker side implements
 * these interfaces (exposed with comlink); the UI side gets them through
 * `src/workers/client.ts`. Callbacks cross as comlink proxies; large arrays never
 * cross at all — the workers read and write IndexedDB themselves.
 */
import type { JobImportOutcome } from './scale-import.ts';
import type { FilterRecipe, KcoreRound } from '../core/ingest/filter.ts';
import type { ImportEstimate } from '../core/ingest/estimate.ts';
import type { ColumnMap } from '../core/ingest/formats.ts';
import type { UserSampleRule } from '../core/ingest/userSample.ts';
import type { DatasetStats } from '../core/ingest/stats.ts';
import type { TableCounts } from '../core/ratings.ts';
import type { FlatParams, ParamValue } from '../core/registry/index.ts';
import type { Evaluation, TrainFilter } from '../core/selection/evaluation.ts';
import type { RankingRequest } from '../core/selection/crossValidate.ts';
import type { Measure, ParamDistributions } from '../core/selection/search.ts';
import type { DatasetRecord } from '../storage/datasets.ts';
import type { BackendChoice, BackendName } from '../models/backend.ts';
import type { CurvePoint, RunRecord, SearchCandidate } from '../storage/runs.ts';
import type { CurveRows, ModelFile } from '../core/estimator/types.ts';
import type { Comparison, DrillDown } from '../core/stats/index.ts';

/** Progress in the Transformers.js habit: a status, how far, out of how much. */
export interface ImportProgressReport {
  status: 'reading' | 'saving';
  bytesRead: number;
  totalBytes: number | null;
  rows: number;
  rowsPerSec: number;
  etaSec: number | null;
}

export interface ImportRequest {
  /** The file itself (a File from drop/picker) or a URL of the app's own (the bundled sample). */
  source: Blob | { url: string };
  fileName: string;
  /** Name to save under; defaults to the file name. */
  name?: string;
  /** Format override; auto-detected when absent. */
  format?: string;
  /** Which columns hold what, when a header is not recognised (names or 0-based numbers). */
  columnMap?: ColumnMap;
  /** Keep only a seeded sample of the users, all of their rows, as the file is read. */
  sampleUsers?: UserSampleRule;
  /** An item metadata file that comes with the ratings (a bundled sample's), attached in the same save. */
  metadata?: { source: Blob | { url: string }; fileName: string };
}

/**
 * An import either lands a dataset or explains, in one message naming the file (and
 * line), why not. A result rather than a throw: the message must reach the UI intact.
 */
export type ImportOutcome =
  | { ok: true; record: DatasetRecord }
  /** `header`: the columns of a header that could not be mapped, so the person can map them. */
  | { ok: false; message: string; header: string[] | null };

export interface FilterPreview {
  before: TableCounts;
  after: TableCounts;
  rounds: KcoreRound[];
  /** null: nothing computed, the recipe keeps every row (the dataset's stored counts). */
  seconds: number | null;
}

/** A dataset's exploration figures, and its most-rated items with their titles (text). */
export interface Exploration {
  stats: DatasetStats;
  topItems: { id: string; title: string; store: string; category: string; ratings: number; mean: number }[];
  /** Whether item metadata is attached (then an empty title means the file had none readable). */
  hasMetadata: boolean;
}

export interface MetadataOutcome {
  ok: boolean;
  /** The error when not ok; otherwise a summary: records read, items that now show a title. */
  message: string;
  titled: number;
}

export interface DataApi {
  importDataset(req: ImportRequest, onProgress: (p: ImportProgressReport) => void): Promise<ImportOutcome>;
  /** Rows, users, items and import memory from the file's size and head (null when the head is not ratings: the import will say why). */
  estimateImport(file: Blob, fileName: string, format?: string, columnMap?: ColumnMap): Promise<ImportEstimate | null>;
  /** Counts after applying `recipe` to a stored dataset, without saving anything. */
  previewFilter(datasetId: string, recipe: FilterRecipe): Promise<FilterPreview>;
  /** Apply `recipe` and save the result as a new dataset (the source stays). */
  saveFiltered(datasetId: string, recipe: FilterRecipe, name: string): Promise<DatasetRecord>;
  /** Figures for the Explore screen, computed here so the page never scans the table. */
  explore(datasetId: string): Promise<Exploration>;
  /** Attach titles/store/category from an item metadata file to a dataset's items. */
  attachMetadata(datasetId: string, source: Blob, fileName: string, onProgress: (p: ImportProgressReport) => void): Promise<MetadataOutcome>;
  /** The dataset as CSV (user_id,item_id,rating,timestamp), built as a Blob without one big string. */
  exportCsv(datasetId: string): Promise<Blob>;
  /** Up to `limit` items whose title (or id) holds every word of `query`, best matches first: the visitor's search. */
  findItems(datasetId: string, query: string, limit: number): Promise<FoundItem[]>;
  /** A Dask job's sample.csv with its recipe.json and summary.json: a dataset, and a run per evaluation (see scale-import.ts). */
  importJobOutput(sample: Blob, recipe: string, summary: string, onProgress: (p: ImportProgressReport) => void): Promise<JobImportOutcome>;
}

/**
 * A search before training: candidates (a grid, or `random.n` draws from a space)
 * scored by `folds`-fold cross-validation of the split's training rows; the winner by
 * `metric` is then trained on all training rows and tested once.
 */
export interface SearchRequest {
  grid?: Record<string, ParamValue[]>;
  random?: { n: number; space: ParamDistributions };
  metric: Measure;
  folds: number;
}

export interface TrainRequest {
  runId: string;
  datasetId: string;
  algo: string;
  params: FlatParams;
  seed: number;
  evaluation: Evaluation;
  filterAfterSplit?: TrainFilter;
  search?: SearchRequest;
  /** Rank the test users too: full ranking at K, and the sampled protocol beside it when `negatives` is set. */
  ranking?: Omit<RankingRequest, 'frozen'>;
  /** The run's pause/stop flags, shared with the UI (see src/core/estimator/signal.ts). */
  signal?: SharedArrayBuffer;
}

/** Where a long job is: fold k of n, combination i of m, epoch e. */
export interface JobProgress {
  fold?: number;
  folds?: number;
  combination?: number;
  combinations?: number;
  /** Search candidate `combination` was just scored: its params and figures (sent once, as the run will record it). */
  candidate?: SearchCandidate;
  epoch?: number;
  epochs?: number;
  phase: 'fit' | 'test';
}

/** A curve point as it is drawn and kept, with the epochs planned and the rows valRmse was computed on. */
export interface EpochEvent extends CurvePoint {
  epochs: number;
  /** What valRmse was computed on. */
  validation: CurveRows;
  seconds: number;
}

/** Per-batch training figures of a TensorFlow.js model (throttled to a few a second). */
export interface BatchEvent {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  samplesPerSec: number;
}

export interface TrainEvents {
  onStatus(text: string): void;
  onEpoch(e: EpochEvent): void;
  onBatch(e: BatchEvent): void;
  onProgress(p: JobProgress): void;
}

export interface RecommendedItem {
  id: string;
  title: string;
  store: string;
  /** Predicted rating, clipped to the scale. */
  rating: number;
}

/** What to compute besides the top and least-recommended lists. */
export interface RecommendOptions {
  /** Re-rank the model's top `candidates` by title similarity to the user's profile, keep `keep`. */
  hybrid?: { candidates: number; keep: number };
  /** The worst-products lists, over items with ≥ `minCount` training ratings, damped means with `priorWeight`. */
  worst?: { minCount: number; priorWeight: number };
}

/** A candidate of the hybrid re-ranking. */
export interface HybridItem extends RecommendedItem {
  /** The model's estimate before clipping: what candidates are ranked by. */
  score: number;
  /** Cosine similarity of its title's TF-IDF vector with the user's profile. */
  similarity: number;
  /** 1-based places among the candidates: by the model, and after re-ranking. */
  modelRank: number;
  hybridRank: number;
}

export interface HybridRecommendations {
  /** Candidates the model offered (C, or fewer when fewer items are left). */
  candidates: number;
  /** The first `keep` by the model, and by similarity. */
  model: HybridItem[];
  hybrid: HybridItem[];
  /** The profile's heaviest words (none: a zero profile, and the model's order stands). */
  profileWords: string[];
  /** Documents of the TF-IDF corpus (the training catalog). */
  corpus: number;
}

/** An item with the evidence behind a verdict on it. */
export interface EvidenceItem extends RecommendedItem {
  /** Training ratings of it, their mean, and the damped mean. */
  count: number;
  mean: number;
  damped: number;
}

export interface WorstProducts {
  minCount: number;
  priorWeight: number;
  /** The prior of the damped means: the mean training rating. */
  globalMean: number;
  /** The user's unseen items the model predicts lowest. */
  forUser: EvidenceItem[];
  /** The lowest damped means overall. */
  overall: EvidenceItem[];
}


export interface Recommendations {
  user: string;
  /** How many items the user has rated (never recommended back). */
  rated: number;
  /** Which model answered: the run's stored model and what it was fitted on, or a refit with its params and seed. */
  source: string;
  top: RecommendedItem[];
  least: RecommendedItem[];
  hybrid?: HybridRecommendations;
  worst?: WorstProducts;
  seconds: number;
}

/** How a visitor's list was made: popularity before any rating, fold-in, or a refit with their ratings. */
export type VisitorMode = 'popular' | 'fold-in' | 'refit';

export interface VisitorRecommendations extends Recommendations {
  mode: VisitorMode;
  /** Whether the run's model folds a visitor in; false: each rating refits it. */
  foldIn: boolean;
}

/** An item of the catalog a visitor's search found. */
export interface FoundItem {
  id: string;
  /** Display title ('' when the item has none). */
  title: string;
  ratings: number;
}

export type { BackendName };
/** Which backend trains and why: each attempt (with its measured speed in 'auto') and the reason. */
export type BackendReport = BackendChoice;
/** 'auto' measures the backends that start and keeps the fastest; a name puts that backend first. */
export type BackendPreference = 'auto' | BackendName;

export interface TrainApi {
  /**
   * Select the TensorFlow.js backend (once per worker; later calls report the first
   * choice). With 'auto' and an earlier measurement of this browser and device, start
   * the backend it chose without measuring again.
   */
  backend(preference: BackendPreference, measured?: BackendReport): Promise<BackendReport>;
  /** Read this dataset's table now and keep it for the calls that name it (null: keep none). */
  keepTable(datasetId: string | null): void;
  /** Train and evaluate one model (search first when asked); resolves with the stored run record. */
  train(req: TrainRequest, events: TrainEvents): Promise<RunRecord>;
  /**
   * Pause, resume or stop the run in progress, for pages without shared memory (the
   * shared signal is read directly otherwise). A stopped iterative model keeps its last
   * complete epoch and is still scored and saved.
   */
  control(action: 'pause' | 'resume' | 'stop'): void;
  /** Fit a run's algorithm with its params and seed on every rating, and keep that model for the run. */
  fitOnAll(datasetId: string, runId: string, events: TrainEvents, signal?: SharedArrayBuffer): Promise<RunRecord>;
  /**
   * Top-n and least-recommended items the user has not rated, by the model the run
   * stored. `who`: a user id, or null for the user with the most ratings (a new
   * visitor's lists come from `visit`). `options` asks for the hybrid re-ranking
   * and the worst-products lists too.
   */
  recommend(datasetId: string, runId: string, who: string | null, n: number, options?: RecommendOptions): Promise<Recommendations>;
  /**
   * A visitor's lists from the ratings they gave so far ([item id, rating] pairs): by
   * fold-in when the run's model has it (kept loaded between calls), popularity when
   * they rated nothing yet, else a refit with their ratings. `options`: the hybrid
   * re-ranking by the profile of the titles they rated, and the worst products.
   */
  visit(datasetId: string, runId: string, ratings: [string, number][], n: number, options?: RecommendOptions): Promise<VisitorRecommendations>;
  /** A run's stored model as files (tf.io's model JSON and weights for TensorFlow.js models). */
  exportModel(runId: string, baseName: string): Promise<ModelFile[]>;
  /** A run's per-user values as CSV: `user,rmse,mae[,hr,…][,sampled_hr,…]`. */
  perUserCsv(datasetId: string, runId: string): Promise<Blob>;
  /**
   * The dataset's runs on the reference run's split and ranking protocol, each paired
   * with it user by user; and how the full and sampled protocols agree on their order.
   */
  compare(datasetId: string, referenceId: string): Promise<RunComparisons>;
  /** Two runs on one split, user by user on `metric`: histograms on shared bins and the users where they differ most (raw ids). */
  drillDown(datasetId: string, runA: string, runB: string, metric: string): Promise<DrillDown>;
}

export interface RunComparisons {
  /** Per comparable run id: `a` is that run, `b` the reference. */
  runs: Record<string, Comparison>;
  /** Kendall's tau-b of the full vs sampled orders of the dataset's runs that have both, per ranking metric. */
  agreement: Record<string, { tau: number; runs: number }>;
}
