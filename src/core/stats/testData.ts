/**
 * Seeded data for the stats tests, built exactly as gen_fixtures.py builds it (same LCG,
 * same +, −, ×, ÷ and floor in the same order, all correctly rounded in both languages),
 * so SciPy's fixture values apply bit for bit. Test-only; the fixtures carry checksums.
 */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0; // (1664525·s + 1013904223) mod 2^32
    return s / 4294967296;
  };
}

export function pairedData(kind: string, n: number, seed: number): [number[], number[]] {
  const u = lcg(seed);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    if (kind === 'continuous') {
      const base = 0.2 + 0.5 * u();
      a.push(base + 0.1 * (u() - 0.5) + 0.01);
      b.push(base + 0.1 * (u() - 0.5));
    } else if (kind === 'discrete') {
      const k = Math.floor(u() * 11);
      const delta = Math.floor(u() * 4) - 1;
      const j = Math.min(10, Math.max(0, k - delta));
      a.push(k / 10);
      b.push(j / 10);
    } else if (kind === 'shifted') {
      const x = 0.3 + 0.2 * u();
      a.push(x);
      b.push(x - 0.05 - 0.02 * u());
    } else throw new Error(`unknown kind ${kind}`);
  }
  return [a, b];
}

export function kendallData(kind: string, n: number, seed: number, levels: number): [number[], number[]] {
  const u = lcg(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    if (kind === 'discrete') {
      const xi = Math.floor(u() * levels);
      x.push(xi);
      y.push(Math.floor(xi * 0.5 + u() * 4));
    } else if (kind === 'continuous') {
      const xi = u();
      x.push(xi);
      y.push(xi + 0.5 * u());
    } else throw new Error(`unknown kind ${kind}`);
  }
  return [x, y];
}

/** Left-to-right sum, matching the generator's checksum. */
export function plainSum(v: readonly number[]): number {
  let s = 0;
  for (const x of v) s += x;
  return s;
}
