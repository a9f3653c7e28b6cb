/**
 * A grid search's candidates as a matrix when exactly two parameters vary: rows are
 * the values of one, columns the values of the other, each cell a candidate (or one
 * not scored yet). Pure, so the layout and the colour scale are tested without a DOM.
 */
import type { FlatParams, ParamValue } from '../../core/registry/index.ts';
import { varyingKeys } from './RunFacts.tsx';

export interface HeatmapLayout {
  rowKey: string;
  colKey: string;
  rows: ParamValue[];
  cols: ParamValue[];
  /** cells[i][j]: index of the candidate with rows[i] and cols[j]; -1 while none is scored. */
  cells: number[][];
}

/** The keys whose values differ between candidates, each with its values in order of first appearance. */
function varyingAxes(candidates: readonly { params: FlatParams }[]): [string, ParamValue[]][] {
  // One candidate varies in nothing (varyingKeys names all its keys then, for a table's sake).
  if (candidates.length < 2) return [];
  return varyingKeys(candidates).map((k) => [k, [...new Set(candidates.map((c) => c.params[k]))]]);
}

/**
 * The matrix, or null unless exactly two parameters vary. `grid` (a search still
 * running: the lists it tries) names the axes and all their values up front, so the
 * cells fill in as candidates are scored; without it the candidates name them.
 */
export function heatmapLayout(candidates: readonly { params: FlatParams }[], grid?: Record<string, readonly ParamValue[]>): HeatmapLayout | null {
  const axes = grid ? Object.entries(grid).filter(([, values]) => values.length > 1) : varyingAxes(candidates);
  if (axes.length !== 2) return null;
  const [[rowKey, rows], [colKey, cols]] = axes;
  const cells = rows.map((rv) => cols.map((cv) => candidates.findIndex((c) => c.params[rowKey] === rv && c.params[colKey] === cv)));
  return { rowKey, colKey, rows: [...rows], cols: [...cols], cells };
}

/** 0 (worst of `scores`) … 1 (best); 1 when they are all equal. NaN scores are ignored. */
export function goodness(score: number, scores: readonly number[], higherIsBetter: boolean): number {
  const known = scores.filter((s) => !Number.isNaN(s));
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  if (!(hi > lo)) return 1;
  const t = (score - lo) / (hi - lo);
  return higherIsBetter ? t : 1 - t;
}

/**
 * One hue, stronger for better cells, translucent over the panel: the theme's own
 * text colour stays readable on it in light and dark themes alike (the number is
 * always in the cell; colour is never the only cue).
 */
export function heatColour(t: number): string {
  return `hsl(205 75% 45% / ${(0.06 + 0.54 * t).toFixed(3)})`;
}
