/** The "sees the future" tag of an evaluation whose training rows can postdate its test rows. */
import { seesFuture, type Evaluation } from '../../core/selection/evaluation.ts';

export const FUTURE_LEAK =
  'Training holds ratings made after some of the test ratings, so the model is scored partly on ' +
  'predicting the past from the future: a data leak that flatters the scores and can reorder models ' +
  '(Ji et al., "A Critical Study on Data Leakage in Recommender System Offline Evaluation", TOIS 2023; ' +
  'Cornac warns about it too). The global time split trains only on ratings made before every test rating.';

export function FutureTag() {
  return (
    <span className="tag tag-future" title={FUTURE_LEAK} data-testid="sees-future">
      sees the future
    </span>
  );
}

/** The tag when `ev` sees the future; nothing otherwise. */
export function FutureTagFor({ evaluation }: { evaluation: Evaluation }) {
  return seesFuture(evaluation) ? <FutureTag /> : null;
}
