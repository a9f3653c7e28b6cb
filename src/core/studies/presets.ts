/**
 * The seed studies as data: one experiment description per study (its data, the
 * dataset filter, the evaluation, the ranking and each model with its settings),
 * read by the planner (studyPlan.ts) and the Studies screen. A preset is a value,
 * never a code branch: presets.test.ts checks every one against the registry.
 */
import type { FilterRecipe } from '../ingest/filter.ts';
import type { FlatParams } from '../registry/index.ts';
import type { RankingRequest } from '../selection/crossValidate.ts';
import type { Evaluation } from '../selection/evaluation.ts';
import type { Measure } from '../selection/search.ts';

/** One model of a study: a registry algorithm and the parameters the study set (the rest keep the registry's defaults). */
export interface StudyRun {
  algo: string;
  params: FlatParams;
}

export interface StudyPreset {
  id: string;
  title: string;
  /** The study's question, in one line. */
  question: string;
  /** The data the study used: its name, and the file names it is stored under when imported here. */
  data: { name: string; files: readonly string[] };
  /** The bundled sample (public/samples) a study runs on when its own file is not here. */
  sample: string;
  /** The study's cleaning, applied to the dataset before any split; null: the data as imported. */
  filter: FilterRecipe | null;
  evaluation: Evaluation;
  /** Rank the test users too; null: rating metrics only. */
  ranking: Omit<RankingRequest, 'frozen'> | null;
  /** The figures the study reported, as the lab names them. */
  metrics: readonly Measure[];
  /** The models' seed. */
  seed: number;
  runs: readonly StudyRun[];
}

const DIGITAL_MUSIC_SAMPLE = 'reviews_Digital_Music_5.first6908.json.gz';
/** The 2018 sample with a verified-purchase column, for the study that keeps verified purchases only. */
const GIFT_CARDS_SAMPLE = 'Gift_Cards_5.json.gz';
const KAGGLE_ELECTRONICS = ['ratings_Electronics.csv', 'ratings_Electronics.csv.gz'];
const NO_KCORE = { minUserRatings: 1, minItemRatings: 1 };

export const STUDY_PRESETS: readonly StudyPreset[] = [
  {
    id: 'electronics',
    title: 'Electronics: Surprise baselines against NN and LSTM',
    question: 'On a 5/10 k-core of Amazon Electronics, do neural models beat Surprise’s factorisation and neighbourhood baselines on rating error?',
    data: { name: 'Amazon Electronics ratings (Kaggle/SNAP ratings_Electronics.csv, 2014)', files: KAGGLE_ELECTRONICS },
    sample: DIGITAL_MUSIC_SAMPLE,
    filter: { minUserRatings: 5, minItemRatings: 10, verifiedOnly: false, seed: 42 },
    evaluation: { kind: 'kfold', folds: 5, seed: 0 },
    ranking: null,
    metrics: ['mae', 'mse', 'rmse'],
    seed: 0,
    runs: [
      { algo: 'SVD', params: {} },
      { algo: 'SVDpp', params: {} },
      { algo: 'KNNBasic', params: { 'sim_options.name': 'cosine', 'sim_options.user_based': false } },
      { algo: 'KNNBaseline', params: { 'sim_options.name': 'pearson_baseline', 'sim_options.user_based': false } },
      { algo: 'NN', params: { factors: 64, dropout: 0.2 } },
      { algo: 'LSTM', params: { units: 128, dropout: 0.2 } },
    ],
  },
  {
    id: 'fashion',
    title: 'Fashion: three MF variants against SVD',
    question: 'On verified Amazon Fashion purchases, which matrix factorisation puts each user’s latest purchase in their top 10?',
    data: { name: 'Amazon Fashion 5-core reviews (2018, AMAZON_FASHION_5.json.gz)', files: ['AMAZON_FASHION_5.json.gz', 'AMAZON_FASHION_5.json'] },
    sample: GIFT_CARDS_SAMPLE,
    filter: { ...NO_KCORE, verifiedOnly: true, seed: 42 },
    evaluation: { kind: 'last' },
    ranking: { k: 10 },
    metrics: ['hr', 'rmse'],
    seed: 0,
    runs: [
      { algo: 'MF', params: {} },
      { algo: 'SigmoidMF', params: {} },
      { algo: 'BiasMF', params: {} },
      { algo: 'SVD', params: {} },
    ],
  },
  {
    id: 'deepcart',
    title: 'DeepCart: AutoRec against KNN and popularity',
    question: 'For shoppers the model never trained on whole, does an autoencoder rank their held-back purchases better than item KNN and plain popularity?',
    data: { name: 'Amazon Reviews 2023, Electronics reviews (Electronics.jsonl)', files: ['Electronics.jsonl', 'Electronics.jsonl.gz'] },
    sample: DIGITAL_MUSIC_SAMPLE,
    filter: null,
    evaluation: { kind: 'users', userFraction: 0.2, revealFraction: 0.5, seed: 0 },
    ranking: { k: 10 },
    metrics: ['map', 'pearson'],
    seed: 0,
    runs: [
      { algo: 'AutoRec', params: {} },
      { algo: 'KNNBasic', params: { 'sim_options.name': 'cosine', 'sim_options.user_based': false } },
      { algo: 'MostPop', params: {} },
    ],
  },
  {
    id: 'digital-music',
    title: 'Digital Music: neural collaborative filtering',
    question: 'Do GMF and MLP trained on implicit feedback (logistic loss against sampled negatives) rank albums better than GMF on ratings and non-negative MF?',
    data: { name: 'Amazon Digital Music 5-core reviews (2014, reviews_Digital_Music_5.json.gz)', files: ['reviews_Digital_Music_5.json.gz', 'reviews_Digital_Music_5.json'] },
    sample: DIGITAL_MUSIC_SAMPLE,
    filter: null,
    evaluation: { kind: 'last' },
    // The NCF papers' protocol: each held-out album against 100 sampled ones, beside the full ranking.
    ranking: { k: 10, negatives: 100, seed: 0 },
    metrics: ['hr', 'ndcg'],
    seed: 0,
    runs: [
      { algo: 'GMF', params: { loss: 'mse' } },
      { algo: 'GMF', params: { loss: 'logistic', negatives: 4 } },
      { algo: 'NNMF', params: {} },
      { algo: 'MLP', params: { loss: 'logistic', negatives: 4 } },
    ],
  },
  {
    id: 'vignette',
    title: 'Vignette: SVD against MF and Bias MF',
    question: 'Does a bias term with a sigmoid range make embedding MF competitive with SVD, and when do its validation errors stop falling?',
    data: { name: 'Amazon Electronics ratings (Kaggle ratings_Electronics.csv, as the UCSB vignette read it)', files: KAGGLE_ELECTRONICS },
    sample: DIGITAL_MUSIC_SAMPLE,
    filter: null,
    evaluation: { kind: 'random', testFraction: 0.2, seed: 0 },
    ranking: null,
    metrics: ['rmse', 'mae'],
    seed: 0,
    runs: [
      { algo: 'SVD', params: {} },
      { algo: 'MF', params: {} },
      { algo: 'BiasMF', params: { sigmoid_range: true } },
    ],
  },
];

export function findPreset(id: string): StudyPreset | undefined {
  return STUDY_PRESETS.find((p) => p.id === id);
}
