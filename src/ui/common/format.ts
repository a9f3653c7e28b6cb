/** Number formatting for the screens, in one place. */
const int = new Intl.NumberFormat('en-US');

export const fmtInt = (n: number): string => int.format(n);
export const fmtMetric = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4));
export const fmtPercent = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)}%`;

export function fmtSeconds(s: number | undefined): string {
  if (s === undefined || Number.isNaN(s)) return '—';
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

/** A count in a few figures, for sentences: 43.9M, 18M, 950k, 9,876. */
export function fmtCount(n: number): string {
  const short = (x: number, unit: string) => `${x >= 100 ? Math.round(x) : Number(x.toFixed(1))}${unit}`;
  if (n >= 1e9) return short(n / 1e9, 'B');
  if (n >= 1e6) return short(n / 1e6, 'M');
  if (n >= 1e4) return short(n / 1e3, 'k');
  return fmtInt(Math.round(n));
}

export function fmtBytes(b: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let u = 0;
  while (b >= 1024 && u < units.length - 1) {
    b /= 1024;
    u++;
  }
  return `${b.toFixed(u ? 1 : 0)} ${units[u]}`;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
