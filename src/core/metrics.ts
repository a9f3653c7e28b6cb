/** Accuracy metrics over parallel arrays of estimates and true ratings. */
import { orderByKey } from './order.ts';

type Values = ArrayLike<number>;

function checkLengths(est: Values, truth: Values): number {
  if (est.length !== truth.length) {
    throw new RangeError(`estimates (${est.length}) and truths (${truth.length}) differ in length`);
  }
  if (est.length === 0) throw new RangeError('no predictions to score');
  return est.length;
}

export function mse(est: Values, truth: Values): number {
  const n = checkLengths(est, truth);
  let s = 0;
  for (let k = 0; k < n; k++) {
    const d = est[k] - truth[k];
    s += d * d;
  }
  return s / n;
}

export function rmse(est: Values, truth: Values): number {
  return Math.sqrt(mse(est, truth));
}

export function mae(est: Values, truth: Values): number {
  const n = checkLengths(est, truth);
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.abs(est[k] - truth[k]);
  return s / n;
}

/**
 * Fraction of Concordant Pairs, as Surprise's accuracy.fcp computes it. Within each
 * user, a pair of test ratings with different true values is concordant when the
 * estimates order them the same way strictly, discordant otherwise (an estimate tie
 * counts as discordant). Surprise then averages the per-user counts — nc over the
 * users with at least one concordant pair, nd over those with at least one
 * discordant pair (its defaultdicts only hold users that were incremented) — and
 * returns nc / (nc + nd). `users` groups the predictions; NaN when no user has a
 * ranked pair (Surprise raises there).
 */
export function fcp(users: ArrayLike<number>, est: Values, truth: Values): number {
  const n = checkLengths(est, truth);
  if (users.length !== n) throw new RangeError(`users (${users.length}) and estimates (${n}) differ in length`);
  // Rows grouped by user, stably, so each user's pairs are one contiguous run.
  const order = orderByKey(users);
  let ncSum = 0;
  let ncUsers = 0;
  let ndSum = 0;
  let ndUsers = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && users[order[end]] === users[order[start]]) end++;
    let nc = 0;
    let nd = 0;
    for (let a = start; a < end; a++) {
      const ea = est[order[a]];
      const ra = truth[order[a]];
      for (let b = start; b < end; b++) {
        const eb = est[order[b]];
        const rb = truth[order[b]];
        if (ea > eb && ra > rb) nc++;
        if (ea >= eb && ra < rb) nd++;
      }
    }
    if (nc > 0) {
      ncSum += nc;
      ncUsers++;
    }
    if (nd > 0) {
      ndSum += nd;
      ndUsers++;
    }
    start = end;
  }
  const nc = ncUsers ? ncSum / ncUsers : 0;
  const nd = ndUsers ? ndSum / ndUsers : 0;
  return nc + nd > 0 ? nc / (nc + nd) : NaN;
}

/** Pearson correlation of estimates and true ratings; NaN when either is constant. */
export function pearson(est: Values, truth: Values): number {
  const n = checkLengths(est, truth);
  let me = 0;
  let mt = 0;
  for (let k = 0; k < n; k++) {
    me += est[k];
    mt += truth[k];
  }
  me /= n;
  mt /= n;
  let cov = 0;
  let ve = 0;
  let vt = 0;
  for (let k = 0; k < n; k++) {
    const de = est[k] - me;
    const dt = truth[k] - mt;
    cov += de * dt;
    ve += de * de;
    vt += dt * dt;
  }
  return ve > 0 && vt > 0 ? cov / Math.sqrt(ve * vt) : NaN;
}
