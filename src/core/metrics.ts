/** Accuracy metrics over parallel arrays of estimates and true ratings. */
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
