/**
 * Top-K ranking evaluation. The exact conventions:
 *
 * - **Training catalog**: the items with ≥ 1 training row.
 * - **Candidates** of a user: the catalog items the user did not rate in training.
 * - **Relevant** items of a user: the distinct items of the user's test (held-out)
 *   rows that are in the training catalog and that the user did not also rate in
 *   training (those are no candidates), with a test rating ≥ T when a relevance
 *   threshold T is given (an item with several test rows of the user counts once,
 *   relevant when any of them is ≥ T). Users with no relevant item are skipped;
 *   the evaluated users are the rest (users absent from training included), and
 *   `users` counts them.
 * - **Score**: the model's raw estimate (before the fallback and clipping). Order:
 *   larger score first; NaN ranks below every number (−Infinity included); equal
 *   scores, and NaN against NaN, break by raw item id (`table.itemIds`) ascending in
 *   plain JS string order (`<`: UTF-16 code-unit order, so "10" < "9" and "B" < "a").
 * - **Metrics @K**, binary gain; a list holds the top min(K, #ranked) items, rel_r = 1
 *   when rank r holds a relevant item, hits = Σ_{r≤K} rel_r, R = #relevant:
 *   HR = 1 if hits > 0 else 0; Precision = hits / K (K even when the list is
 *   shorter); Recall = hits / R; AP = (1 / min(R, K)) · Σ_{r≤K} Precision@r · rel_r;
 *   NDCG = DCG / IDCG with DCG = Σ_{r≤K} rel_r / log2(r + 1) and IDCG the DCG of
 *   min(R, K) relevant items at ranks 1…; MRR = 1 / (rank of the first relevant item
 *   within K), 0 when none. Reported values are means over the evaluated users (MAP
 *   = mean AP), NaN when no user is evaluated.
 * - **Full protocol** (default): each user's list ranks all the user's candidates.
 * - **Sampled protocol** (`negatives: N`, or `frozen`; sampleNegatives defaults to
 *   N = 100), the NCF convention: for each evaluated user, N negatives are drawn
 *   uniformly without replacement from the user's candidates minus every held-out
 *   item of the user (any test rating, so no relevant item); a user with fewer than
 *   N such items gets all of them and counts in `shortUsers`. The draw uses one
 *   createRng(seed) stream (seed default 0) consumed user by user in ascending
 *   table user index (see drawNegatives for the exact procedure). The negatives are
 *   kept per user in ascending item index (`Negatives`, CSR over the evaluated
 *   users) and returned, so a re-run or another model is ranked on the very same
 *   ones (`frozen`; `seed` is then unused; the set must cover every evaluated user
 *   with items eligible as negatives on this split, else rankModel throws; a
 *   superset, e.g. drawn without a threshold, is fine). Each (user, relevant item)
 *   pair is one instance: the positive ranked among the user's negatives (the
 *   user's other relevant items are not in the list), in the order above. With ρ
 *   the positive's rank: hit = [ρ ≤ K]; HR = hit; NDCG = hit / log2(ρ + 1); MRR =
 *   AP = hit / ρ (AP@K with one relevant item); Precision = hit / K; Recall = hit.
 *   A user's value is the mean over their instances; the reported value is the
 *   mean over users; the per-user arrays hold the users' means.
 * - **Beyond accuracy**, over the same users' recommended lists: a list is a user's
 *   top-K (full) or each instance's top-K of its N + 1 items (sampled), with
 *   popularity_i = distinct training users who rated i and U = users with ≥ 1
 *   training row. Coverage = distinct items over all lists / catalog size. Novelty =
 *   mean over all recommended slots (pooled over lists) of −log2(popularity_i / U).
 *   ARP = mean over users of the mean popularity over the user's slots (sampled: all
 *   their instances' lists, which have one length, so this is the mean of the
 *   lists' means). Long-tail share = fraction of all slots whose item is outside the
 *   head, the head being the smallest set of most-rated catalog items (training
 *   rating rows, descending; ties by item id ascending as above) that holds ≥ 20% of
 *   the training ratings. Gini = G = Σ_i (2i − n − 1)·x_i / (n·Σx) over the exposure
 *   counts x (slots per item, over all lists) of the whole catalog (items never
 *   recommended count 0) sorted ascending, i = 1..n; 0 when nothing is recommended.
 *   Coverage is 0, and novelty, ARP and long-tail share are NaN, with no evaluated user.
 * - **Scoring cost**: pairs are scored in chunks of at most `chunkUsers` users (256)
 *   and `chunkPairs` pairs (2^22; one user's pairs are never split); chunking never
 *   changes a result. The arrays passed to `estimate` are reused by the next call.
 *   Each list comes from a K-sized heap, never a sort of the candidates.
 */
export { candidates, longTailHead, rankingData, relevantOf, type RankingData } from './data.ts';
export { instanceMetrics, instanceMetricsInto, listMetrics, listMetricsInto, METRICS, type ListMetrics, type MetricName } from './listMetrics.ts';
export { beyondAccuracy, ExposureTally, gini, type BeyondAccuracy, type CatalogStats } from './beyond.ts';
export { drawNegatives, locateNegatives, sampleNegatives, type Negatives } from './negatives.ts';
export { rankModel, type PerUserRanking, type RankingOptions, type RankingResult, type Scorer } from './evaluate.ts';
export { csvField, perUserCsv, perUserRatingErrors, readPerUserCsv, type PerUserColumns, type PerUserErrors } from './perUser.ts';
