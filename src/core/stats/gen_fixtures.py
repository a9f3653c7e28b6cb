"""Regenerates scipyFixtures.ts: reference values for the tests in this folder.

Run with Debian's Python (the fixtures were made with SciPy 1.10.1, NumPy 1.24.2,
statsmodels 0.13.5 and mpmath 1.2.1 from Debian bookworm):

    apt-get install python3-scipy python3-statsmodels python3-mpmath
    /usr/bin/python3 src/core/stats/gen_fixtures.py > src/core/stats/scipyFixtures.ts

The tests themselves need no Python. The seeded data sets are rebuilt in TypeScript by
testData.ts with the same LCG and the same floating-point operations (+, −, ×, ÷ and
floor round identically in both languages), and each fixture records the data's plain
left-to-right sums so the tests can prove the rebuild is bit-identical.
"""
import math
import sys
import warnings

import mpmath
import numpy as np
import scipy
import scipy.stats as st
import statsmodels
from statsmodels.stats.multitest import multipletests

warnings.simplefilter("ignore")  # SciPy warns on n < 10, zero variance, ...


def lcg(seed):
    # Numerical Recipes' 32-bit LCG; testData.ts has the identical generator.
    s = seed & 0xFFFFFFFF

    def nxt():
        nonlocal s
        s = (1664525 * s + 1013904223) & 0xFFFFFFFF
        return s / 4294967296

    return nxt


def continuous(n, seed):
    u = lcg(seed)
    a, b = [], []
    for _ in range(n):
        base = 0.2 + 0.5 * u()
        a.append(base + 0.1 * (u() - 0.5) + 0.01)
        b.append(base + 0.1 * (u() - 0.5))
    return a, b


def discrete(n, seed):
    # Recall@10-like values k/10: many zero differences and ties.
    u = lcg(seed)
    a, b = [], []
    for _ in range(n):
        k = math.floor(u() * 11)
        delta = math.floor(u() * 4) - 1
        j = min(10, max(0, k - delta))
        a.append(k / 10)
        b.append(j / 10)
    return a, b


def shifted(n, seed):
    # A large, consistent improvement: t ≈ 40, p ≈ 1e-27.
    u = lcg(seed)
    a, b = [], []
    for _ in range(n):
        x = 0.3 + 0.2 * u()
        a.append(x)
        b.append(x - 0.05 - 0.02 * u())
    return a, b


def kendall_discrete(n, seed, levels):
    u = lcg(seed)
    x, y = [], []
    for _ in range(n):
        xi = math.floor(u() * levels)
        x.append(xi)
        y.append(math.floor(xi * 0.5 + u() * 4))
    return x, y


def kendall_continuous(n, seed):
    u = lcg(seed)
    x, y = [], []
    for _ in range(n):
        xi = u()
        x.append(xi)
        y.append(xi + 0.5 * u())
    return x, y


def plain_sum(v):
    s = 0.0
    for x in v:
        s += x
    return s


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return repr(x)


def arr(v):
    return "[" + ", ".join(num(x) for x in v) + "]"


PAIRED = {
    # hand-written
    "n5": ([0.8, 0.6, 0.9, 0.7, 0.75], [0.7, 0.65, 0.7, 0.6, 0.7]),
    # integer hit counts: exact ties and zero differences
    "n12hits": ([5, 4, 6, 3, 5, 7, 2, 4, 6, 5, 3, 8], [4, 4, 5, 3, 6, 5, 1, 3, 6, 4, 2, 6]),
    # the same as decimals: 0.5 − 0.4 ≠ 0.2 − 0.1 in binary, so the ties partly break
    "n12dec": (
        [0.5, 0.4, 0.6, 0.3, 0.5, 0.7, 0.2, 0.4, 0.6, 0.5, 0.3, 0.8],
        [0.4, 0.4, 0.5, 0.3, 0.6, 0.5, 0.1, 0.3, 0.6, 0.4, 0.2, 0.6],
    ),
    "n2": ([1.0, 2.0], [0.0, 0.5]),
    "n1": ([0.5], [0.25]),
    "n0": ([], []),
    # all differences exactly 0.5: zero variance, t = inf
    "constDiff": ([1.5, 2.5, 3.5, 4.5], [1.0, 2.0, 3.0, 4.0]),
    # three differences of 0.1: the mean rounds off 0.1, so t is huge but finite
    "const01x3": ([0.1, 0.1, 0.1], [0.0, 0.0, 0.0]),
    # ten: the pairwise mean is exactly 0.1, so t = inf
    "const01x10": ([0.1] * 10, [0.0] * 10),
    "allZero": ([0.3, 0.5, 0.7], [0.3, 0.5, 0.7]),
    "cont200": continuous(200, 42),
    "disc200": discrete(200, 7),
    "shift30": shifted(30, 3),
    "cont20000": continuous(20000, 2024),
}

SEEDED = {
    "cont200": ("continuous", 200, 42),
    "disc200": ("discrete", 200, 7),
    "shift30": ("shifted", 30, 3),
    "cont20000": ("continuous", 20000, 2024),
}


def paired_fixture(name, a, b):
    a = np.array(a, dtype=float)
    b = np.array(b, dtype=float)
    r = st.ttest_rel(a, b)
    ci = r.confidence_interval(0.95)
    n = len(a)
    t = {
        "n": n,
        "meanA": np.mean(a) if n else math.nan,
        "meanB": np.mean(b) if n else math.nan,
        "t": r.statistic,
        "p": r.pvalue,
        "lo": ci.low,
        "hi": ci.high,
    }
    try:
        w = st.wilcoxon(a, b, zero_method="wilcox", correction=True, method="approx")
        wil = "{ statistic: %s, z: %s, p: %s }" % (num(w.statistic), num(getattr(w, "zstatistic", math.nan)), num(w.pvalue))
    except ValueError as e:
        wil = "{ raises: %s }" % repr(str(e))
    lines = ["  %s: {" % name]
    if name in SEEDED:
        kind, size, seed = SEEDED[name]
        lines.append("    data: { kind: '%s', n: %d, seed: %d }," % (kind, size, seed))
        lines.append("    sums: [%s, %s]," % (num(plain_sum(a)), num(plain_sum(b))))
    else:
        lines.append("    a: %s," % arr(a))
        lines.append("    b: %s," % arr(b))
    lines.append(
        "    ttest: { n: %d, meanA: %s, meanB: %s, t: %s, p: %s, ci95: [%s, %s] },"
        % (t["n"], num(t["meanA"]), num(t["meanB"]), num(t["t"]), num(t["p"]), num(t["lo"]), num(t["hi"]))
    )
    lines.append("    wilcoxon: %s," % wil)
    lines.append("  },")
    return "\n".join(lines)


KENDALL = {
    "ties": ([1, 2, 2, 3, 4, 4, 4, 5, 6, 7], [2, 1, 3, 3, 5, 4, 4, 6, 7, 7]),
    "models": (
        [0.312, 0.298, 0.305, 0.298, 0.321, 0.287, 0.305, 0.33],
        [0.41, 0.4, 0.42, 0.39, 0.45, 0.38, 0.41, 0.44],
    ),
    "perfect": ([1, 2, 3, 4, 5], [10, 20, 30, 40, 50]),
    "reversed": ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]),
    "n2": ([1, 2], [3, 1]),
    "constantX": ([3, 3, 3, 3], [1, 2, 3, 4]),
    "n1": ([1], [2]),
    "disc200": kendall_discrete(200, 11, 6),
    "cont500": kendall_continuous(500, 5),
    "disc5000": kendall_discrete(5000, 13, 20),
}
KENDALL_SEEDED = {
    "disc200": ("discrete", 200, 11, 6),
    "cont500": ("continuous", 500, 5, 0),
    "disc5000": ("discrete", 5000, 13, 20),
}

HOLM = [
    [0.01, 0.04, 0.03, 0.005],
    [0.02, 0.02, 0.5, 0.01, 0.04],
    [0.3, 0.6, 0.2, 0.9],
    [0.001, 0.013, 0.012, 0.04, 0.041, 0.2],
    [0.2],
    [0.0, 1.0, 0.5],
    [0.049, 0.001, 0.0125, 0.0125, 0.3, 0.02, 0.0001],
]
HOLM_NAN = [0.01, math.nan, 0.04, math.nan, 0.03]

T_DF = [1, 2, 3, 4, 5, 7, 11, 19, 29, 59, 60, 100, 199, 1000, 19999, 100000, 10**7]


def t_exact(df):
    mpmath.mp.dps = 40
    p = mpmath.mpf(0.975)  # the double nearest 0.975, as the TS code sees it
    d = mpmath.mpf(df)
    f = lambda t: 1 - mpmath.betainc(d / 2, 0.5, 0, d / (d + t * t), regularized=True) / 2 - p
    return mpmath.findroot(f, float(st.t.ppf(0.975, df)))


out = []
out.append("// Generated by gen_fixtures.py (do not edit): reference values from")
out.append(
    "// SciPy %s, NumPy %s, statsmodels %s, mpmath %s (Python %s)."
    % (scipy.__version__, np.__version__, statsmodels.__version__, mpmath.__version__, sys.version.split()[0])
)
out.append("export const VERSIONS = { scipy: '%s', numpy: '%s', statsmodels: '%s', mpmath: '%s' };" % (
    scipy.__version__, np.__version__, statsmodels.__version__, mpmath.__version__))
out.append("")
out.append("""export interface PairedCase {
  a?: number[];
  b?: number[];
  /** Seeded data rebuilt by testData.ts; sums are its plain left-to-right sums. */
  data?: { kind: string; n: number; seed: number };
  sums?: [number, number];
  ttest: { n: number; meanA: number; meanB: number; t: number; p: number; ci95: [number, number] };
  wilcoxon: { statistic: number; z: number; p: number } | { raises: string };
}

export interface KendallCase {
  x?: number[];
  y?: number[];
  data?: { kind: string; n: number; seed: number; levels: number };
  sums?: [number, number];
  tau: number;
}
""")
out.append("export const PAIRED: Record<string, PairedCase> = {")
for name, (a, b) in PAIRED.items():
    out.append(paired_fixture(name, a, b))
out.append("};")
out.append("")
out.append("export const KENDALL: Record<string, KendallCase> = {")
for name, (x, y) in KENDALL.items():
    tau = st.kendalltau(x, y).statistic if len(x) > 1 else math.nan
    if name in KENDALL_SEEDED:
        kind, size, seed, levels = KENDALL_SEEDED[name]
        out.append(
            "  %s: { data: { kind: '%s', n: %d, seed: %d, levels: %d }, sums: [%s, %s], tau: %s },"
            % (name, kind, size, seed, levels, num(plain_sum(x)), num(plain_sum(y)), num(tau))
        )
    else:
        out.append("  %s: { x: %s, y: %s, tau: %s }," % (name, arr(x), arr(y), num(tau)))
out.append("};")
out.append("")
out.append("/** statsmodels multipletests(p, method='holm')[1]. */")
out.append("export const HOLM: { p: number[]; adjusted: number[] }[] = [")
for p in HOLM:
    out.append("  { p: %s, adjusted: %s }," % (arr(p), arr(multipletests(p, method="holm")[1])))
out.append("];")
keep = [p for p in HOLM_NAN if not math.isnan(p)]
adj = iter(multipletests(keep, method="holm")[1])
out.append("/** NaN entries dropped, the rest adjusted by statsmodels, NaN put back. */")
out.append(
    "export const HOLM_NAN = { p: %s, adjusted: %s };"
    % (arr(HOLM_NAN), arr([math.nan if math.isnan(p) else next(adj) for p in HOLM_NAN]))
)
out.append("")
out.append("/** t_{0.975, df}: SciPy's stats.t.ppf and a 40-digit mpmath root of the CDF. */")
out.append("export const T975 = [")
for df in T_DF:
    out.append("  { df: %d, scipy: %s, exact: %s }," % (df, num(st.t.ppf(0.975, df)), num(t_exact(df))))
out.append("];")
out.append("")
mpmath.mp.dps = 40
out.append("/** Two-sided Student t p-values I_{df/(df+t²)}(df/2, ½) from SciPy and mpmath. */")
out.append("export const T_P = [")
for df in [1, 2, 5, 29, 59, 60, 199, 1000, 100000, 10**7]:
    for tv in [0.0, 0.3, 1.0, 2.1, 5.0, 12.0, 40.0]:
        d = mpmath.mpf(df)
        tt = mpmath.mpf(tv)
        exact = mpmath.betainc(d / 2, 0.5, 0, d / (d + tt * tt), regularized=True)
        sp = 2 * st.t.sf(tv, df)
        out.append("  { t: %s, df: %d, scipy: %s, exact: %s }," % (num(tv), df, num(sp), num(exact)))
out.append("];")
out.append("")
out.append("/** erfc from mpmath (SciPy: special.erfc). */")
out.append("export const ERFC = [")
for x in [-2.0, -0.5, 0.0, 1e-12, 0.2, 0.5, 0.83, 0.85, 1.0, 1.5, 2.5, 4.0, 6.0, 10.0, 15.0, 26.0, 27.0]:
    out.append("  { x: %s, scipy: %s, exact: %s }," % (num(x), num(scipy.special.erfc(x)), num(mpmath.erfc(x))))
out.append("];")
print("\n".join(out))
