import { describe, expect, it } from 'vitest';
import { goodness, heatColour, heatmapLayout } from './heatmap.ts';

// A 3 × 2 grid in gridCandidates' order (the last key fastest), with a fixed key beside.
const grid = { factors: [4, 8, 16], lr: [0.01, 0.1], epochs: [2] };
const all = grid.factors.flatMap((factors) => grid.lr.map((lr) => ({ params: { factors, lr, epochs: 2 } })));

describe('heatmapLayout', () => {
  it('puts each candidate at its row (first varying key) and column (second)', () => {
    const h = heatmapLayout(all)!;
    expect([h.rowKey, h.colKey]).toEqual(['factors', 'lr']);
    expect(h.rows).toEqual([4, 8, 16]);
    expect(h.cols).toEqual([0.01, 0.1]);
    expect(h.cells).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it('lays out a running search from its lists, with the cells not scored yet at -1', () => {
    const h = heatmapLayout(all.slice(0, 3), grid)!;
    expect(h.rows).toEqual([4, 8, 16]);
    expect(h.cells).toEqual([
      [0, 1],
      [2, -1],
      [-1, -1],
    ]);
    // The candidates alone would not know the third row yet.
    expect(heatmapLayout(all.slice(0, 3))!.rows).toEqual([4, 8]);
  });

  it('is null unless exactly two parameters vary', () => {
    expect(heatmapLayout(all.filter((c) => c.params.lr === 0.1))).toBeNull();
    expect(heatmapLayout([{ params: { a: 1, b: 1, c: 1 } }, { params: { a: 2, b: 2, c: 2 } }])).toBeNull();
    expect(heatmapLayout([], { a: [1, 2] })).toBeNull();
    expect(heatmapLayout([])).toBeNull();
  });
});

describe('goodness', () => {
  it('is 1 for the best score and 0 for the worst, by the metric’s direction', () => {
    const scores = [0.9, 1.1, NaN, 1.0];
    expect(goodness(0.9, scores, false)).toBe(1);
    expect(goodness(1.1, scores, false)).toBe(0);
    expect(goodness(1.0, scores, false)).toBeCloseTo(0.5);
    expect(goodness(1.1, scores, true)).toBe(1);
    expect(goodness(0.7, [0.7], true)).toBe(1);
  });

  it('shades better cells stronger', () => {
    const alpha = (t: number) => Number(/\/ ([\d.]+)\)/.exec(heatColour(t))![1]);
    expect(alpha(1)).toBeGreaterThan(alpha(0.5));
    expect(alpha(0.5)).toBeGreaterThan(alpha(0));
  });
});
