/**
 * Special functions behind the paired tests: log-gamma / log-beta, the regularized
 * incomplete beta (Student t CDF and its quantile) and a precise erfc (normal tail).
 * Written from the textbook definitions (Stirling series, Lentz-evaluated continued
 * fractions as in Numerical Recipes ch. 6) and checked against mpmath at 40 digits;
 * see special.test.ts for the achieved accuracy (~1e-14 relative or better).
 */

const LN_SQRT_2PI = 0.91893853320467274178; // ln(√(2π))
const SQRT_PI = 1.7724538509055160273;
const EPS = Number.EPSILON;
// Lentz's algorithm replaces an exact zero denominator by this tiny value.
const TINY = 1e-300;

// Coefficients B_{2k} / (2k(2k−1)) of the Stirling series for ln Γ. Eight terms give
// a remainder below 1e-17 for x ≥ 10, which is where stirlingCorrection is used.
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
];

/** ln Γ(x) − [(x − ½) ln x − x + ln √(2π)], for x ≥ 10. */
function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  let s = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) s = s * r + STIRLING[k];
  return s / x;
}

/** ln Γ(x) for x > 0 (NaN otherwise). */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  // Shift small arguments up to 10 with Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)), so the
  // Stirling series is always evaluated where it converges to full precision.
  let shift = 0;
  let prod = 1;
  let y = x;
  while (y < 10) {
    prod *= y;
    y += 1;
    shift++;
  }
  const lg = (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlingCorrection(y);
  return shift === 0 ? lg : lg - Math.log(prod);
}

/**
 * ln B(a, b). For large arguments the Stirling parts are combined analytically first,
 * because ln Γ(a) + ln Γ(b) − ln Γ(a + b) would cancel large terms (the t CDF for
 * df = 10⁵ has ln Γ ≈ 5·10⁵ but ln B ≈ −5).
 */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return NaN;
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const s = p + q;
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(s);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / s) + q * Math.log1p(-p / s);
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(s);
    return lnGamma(p) + corr + p - p * Math.log(s) + (q - 0.5) * Math.log1p(-p / s);
  }
  return lnGamma(p) + lnGamma(q) - lnGamma(s);
}

/** Continued fraction for I_x(a, b) (NR betacf), evaluated by modified Lentz. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  // Convergence takes O(√max(a, b)) steps near the switch point; the cap only guards
  // against a non-terminating loop on absurd inputs.
  const maxIter = 100_000 + 10 * Math.ceil(Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) return h;
  }
  return h; // not reached for finite a, b
}

/** I_x(a, b) by the continued fraction, valid (fast, accurate) for x < (a+1)/(a+b+2). */
function ibetaLower(a: number, b: number, x: number, y: number): number {
  // ln x and ln y from whichever of x, y = 1 − x is small, so neither loses digits.
  const lnx = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const lny = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const front = Math.exp(a * lnx + b * lny - lnBeta(a, b));
  return (front * betaContinuedFraction(a, b, x)) / a;
}

/**
 * Regularized incomplete beta I_x(a, b). `y` may pass 1 − x computed without
 * cancellation (the t CDF knows t²/(df + t²) exactly where 1 − x would round).
 */
export function regularizedIncompleteBeta(a: number, b: number, x: number, y: number = 1 - x): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (!(a > 0) || !(b > 0) || x < 0 || x > 1) return NaN;
  if (x === 0) return 0;
  if (y === 0) return 1;
  // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a) keeps the fraction on its fast side; on the
  // other side the result is ≳ ½, so the subtraction costs no relative accuracy.
  if (x > (a + 1) / (a + b + 2)) return 1 - ibetaLower(b, a, y, x);
  return ibetaLower(a, b, x, y);
}

// Taylor coefficients (in powers of r²) of φ(r) = √((r/2) / sinh(r/2)), used by
// studentLargeDfSeries. From 1/(sinh x / x) by series reversion, then the square
// root series, then x = r/2. φ has radius 2π, so the coefficients shrink like (2π)^−2n.
const PHI = ((): number[] => {
  const n = 16;
  const q = [1];
  for (let k = 1; k < n; k++) {
    let s = 0;
    let fact = 1; // (2m+1)!
    for (let m = 1; m <= k; m++) {
      fact *= 2 * m * (2 * m + 1);
      s -= q[k - m] / fact;
    }
    q.push(s);
  }
  const c = [1];
  for (let k = 1; k < n; k++) {
    let s = q[k];
    for (let j = 1; j < k; j++) s -= c[j] * c[k - j];
    c.push(s / 2);
  }
  return c.map((v, k) => v / 4 ** k);
})();

/**
 * I_x(a, ½) for large a with x = 1 − y near 1, i.e. the Student t two-sided p for
 * df ≥ 60 and |t| ≲ √(1.7·df). The continued fraction in x is ill-conditioned there: it
 * only sees x, which cannot carry 1 − x to better than ε/y, and loses ~a·ε relative
 * (5e-12 at df = 10⁵, 5e-10 at df = 10⁷). Instead, with s = e^{−r} and T = a − ¼,
 *   B(a,½)·I_x(a,½) = ∫_{r0}^∞ e^{−Tr} r^{−½} φ(r) dr,  r0 = −ln x = −log1p(−y),
 * and integrating φ's series term by term gives Σ φ_j Γ(2j+½, T·r0) / T^{2j+½}
 * (the idea of DiDonato & Morris's BGRAT; with b = ½ the first incomplete gamma is
 * √π·erfc, and the rest follow by the stable upward recurrence). Terms shrink like
 * max(2j/(2πT), r0/(2π))^{2j}, so a few suffice. Returns NaN if it fails to converge.
 */
function studentLargeDfSeries(a: number, y: number): number {
  const T = a - 0.25;
  const r0 = -Math.log1p(-y);
  const u = T * r0;
  let g = (SQRT_PI * erfc(Math.sqrt(u))) / Math.sqrt(T); // Γ(s, u) / T^s at s = ½
  let h = (Math.sqrt(r0) * Math.exp(-u)) / T; // u^s e^{−u} / T^{s+1} = r0^s e^{−u} / T
  let s = 0.5;
  let sum = g;
  for (let j = 1; j < PHI.length; j++) {
    // Γ(s+1, u) = s·Γ(s, u) + u^s e^{−u}, twice (only even powers of r appear).
    g = (s / T) * g + h;
    h *= r0;
    s += 1;
    g = (s / T) * g + h;
    h *= r0;
    s += 1;
    const term = PHI[j] * g;
    sum += term;
    if (Math.abs(term) <= 0.25 * EPS * Math.abs(sum)) return sum * Math.exp(-lnBeta(a, 0.5));
  }
  return NaN;
}

/** P(|T| > |t|) for Student's t with df degrees of freedom: I_{df/(df+t²)}(df/2, ½). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  const at = Math.abs(t);
  if (at === Infinity) return 0;
  if (at === 0) return 1; // exactly, as SciPy (the large-df series would give 1 + 2ε)
  const t2 = at * at;
  let x: number;
  let y: number;
  if (t2 === Infinity) {
    x = df / at / at; // t² overflows; df/t² does not (it may underflow to 0 → p = 0)
    y = 1;
  } else {
    x = df / (df + t2);
    y = t2 / (df + t2);
  }
  if (df >= 60 && y < 0.63) {
    // y < 0.63 ⇔ r0 = −ln x < 0.99: inside the series' fast range (see above).
    const p = studentLargeDfSeries(df / 2, y);
    if (!Number.isNaN(p)) return Math.min(1, p);
  }
  return regularizedIncompleteBeta(df / 2, 0.5, x, y);
}

/** Upper tail P(T > t). Computed directly for t > 0 so small tails keep their digits. */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  const half = 0.5 * studentTTwoSidedP(t, df);
  return t >= 0 ? half : 1 - half;
}

/** CDF P(T ≤ t) of Student's t distribution. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  const half = 0.5 * studentTTwoSidedP(t, df);
  return t <= 0 ? half : 1 - half;
}

/**
 * Quantile of Student's t (SciPy's `stats.t.ppf` / `special.stdtrit`), by bisection on
 * the upper tail: the tail is monotone, so bisection cannot miss, and it runs until the
 * bracket collapses to adjacent doubles — the answer is then as accurate as the CDF
 * itself (about 1e-15 relative here). ~60–120 CDF evaluations; it is called once per test.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Solve P(T > t) = q for t > 0, with q the smaller tail.
  const q = p < 0.5 ? p : 1 - p;
  const tail = (t: number): number => 0.5 * studentTTwoSidedP(t, df);
  let lo = 0;
  let hi = 1;
  while (tail(hi) > q) {
    lo = hi;
    hi *= 2;
    if (hi === Infinity) return p < 0.5 ? -Infinity : Infinity;
  }
  for (let iter = 0; iter < 2200; iter++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (tail(mid) > q) lo = mid;
    else hi = mid;
  }
  // Of the two adjacent candidates, take the one whose tail is closer to q.
  const t = Math.abs(tail(lo) - q) <= Math.abs(tail(hi) - q) ? lo : hi;
  return p < 0.5 ? -t : t;
}

/** exp(−x²) without the error of rounding x² first (which is x²·ε relative, 1e-13 at x = 27). */
function expMinusSquare(x: number): number {
  // hi has a 24-bit significand, so hi² is exact in a double; x² = hi² + lo·(x + hi).
  const hi = Math.fround(x);
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (x + hi));
}

/** erf by its Maclaurin series; used for |x| < 0.84 only, where it converges fast. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (−1)^n x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) <= EPS * 0.25 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * sum;
}

/**
 * Complementary error function with ~1e-15 relative accuracy over the whole range,
 * including the far tail (needed for normal-approximation p-values like 1e-30, where
 * 1 − erf(x) would be 0 or all rounding error).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  // Below 0.84, erfc > 0.23, so 1 − erf loses under 3 bits; above, the continued
  // fraction converges in < 250 steps.
  if (x < 0.84) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // erfc(27.3) < 2^−1074: underflows
  // Laplace's continued fraction erfc(x) = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))),
  // by modified Lentz.
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const ak = k / 2;
    d = x + ak * d;
    if (d === 0) d = TINY;
    d = 1 / d;
    c = x + ak / c;
    if (c === 0) c = TINY;
    const del = c * d;
    f *= del;
    if (Math.abs(del - 1) <= EPS) break;
  }
  return expMinusSquare(x) / (SQRT_PI * f);
}

/**
 * Two-sided normal p-value 2·(1 − Φ(|z|)) = erfc(|z|/√2). Multiplies by 1/√2 as
 * SciPy's ndtr does, so the argument rounds the same way.
 */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return erfc(Math.abs(z) * Math.SQRT1_2);
}
