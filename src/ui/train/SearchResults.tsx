/**
 * A search's candidates, shown while it runs (each as soon as it is scored) and after:
 * a table best first, and for a grid where exactly two parameters vary a heatmap of
 * the objective. Every candidate can be trained as a plain run.
 */
import { useId } from 'react';
import type { FlatParams, ParamValue } from '../../core/registry/index.ts';
import { bestIndex, higherIsBetter, isRankMeasure, type Measure } from '../../core/selection/search.ts';
import type { SearchCandidate } from '../../storage/runs.ts';
import type { SearchRequest } from '../../workers/protocol.ts';
import { fmtMetric, fmtSeconds } from '../common/format.ts';
import { TableScroll } from '../common/TableScroll.tsx';
import { goodness, heatColour, heatmapLayout, type HeatmapLayout } from './heatmap.ts';
import { metricName, paramsText, searchSummary, varyingKeys } from './RunFacts.tsx';
import type { LiveRun } from './useTrainer.ts';

/** A search as shown: the record's once the run is done; while it runs, the request and the candidates scored so far. */
export interface SearchView {
  kind: 'grid' | 'random';
  metric: Measure;
  folds: number;
  candidates: SearchCandidate[];
  /** How many candidates it tries. */
  total: number;
  /** The winner once done, the best so far before; -1 while nothing has a score. */
  best: number;
  done: boolean;
  /** The parameters its candidates differ in (the table names only these). */
  keys: string[];
  /** A grid still running: the lists it tries (the heatmap's axes, before every cell is scored). */
  grid?: Record<string, ParamValue[]>;
}

export function candidateCount(req: SearchRequest): number {
  if (req.random) return req.random.n;
  return Object.values(req.grid ?? {}).reduce((n, values) => n * values.length, 1);
}

/** The objective's value (older records kept no score: their metric's column). */
function scoreOf(c: SearchCandidate, metric: Measure): number {
  return typeof c.score === 'number' ? c.score : c[metric as 'rmse'];
}

/** A grid's keys with more than one value (all of them when none has). */
function triedKeys(grid: Record<string, ParamValue[]>): string[] {
  const varying = Object.keys(grid).filter((key) => grid[key].length > 1);
  return varying.length ? varying : Object.keys(grid);
}

/** The run's search, from its record or live; null for a run without one, or one with no candidate scored yet. */
export function searchViewOf(r: LiveRun): SearchView | null {
  const s = r.record?.search;
  if (s) return { kind: s.kind, metric: s.metric, folds: s.folds, candidates: s.candidates, total: s.candidates.length, best: s.best, done: true, keys: varyingKeys(s.candidates) };
  if (r.record || !r.search || r.candidates.length === 0) return null;
  const { metric, folds, grid, random } = r.search;
  return {
    kind: random ? 'random' : 'grid',
    metric,
    folds,
    candidates: r.candidates,
    total: candidateCount(r.search),
    best: bestIndex(r.candidates.map((c) => scoreOf(c, metric)), metric),
    done: false,
    keys: grid ? triedKeys(grid) : Object.keys(random!.space),
    ...(grid ? { grid } : {}),
  };
}

interface Props {
  run: LiveRun;
  view: SearchView;
  label: string;
  onTrainWith(run: LiveRun, params: FlatParams): void;
}

/** Every candidate of a search, best first by its metric, with the winner (or the best so far) marked; the heatmap above. */
export function SearchResults({ run, view, label, onTrainWith }: Props) {
  const k = run.ranking?.k ?? 10;
  const sign = higherIsBetter(view.metric) ? -1 : 1;
  const objective = metricName(view.metric, k);
  const scores = view.candidates.map((c) => scoreOf(c, view.metric));
  const order = view.candidates
    .map((c, index) => ({ c, index }))
    .sort((a, b) => {
      const x = scores[a.index];
      const y = scores[b.index];
      return (Number.isNaN(x) ? 1 : 0) - (Number.isNaN(y) ? 1 : 0) || sign * (x - y) || a.index - b.index;
    });
  const layout = view.kind === 'grid' ? heatmapLayout(view.candidates, view.grid) : null;
  const bestTag = view.done ? 'winner' : 'best so far';
  return (
    <details className="run-details" data-testid="search-details">
      <summary>
        {view.done
          ? `${searchSummary(view, k)}: ${view.candidates.length} candidates`
          : `${view.kind} search on ${view.folds} folds of the training rows (${objective}): ${view.candidates.length} of ${view.total} candidates scored so far`}
      </summary>
      <p className="hint">
        Each candidate is cross-validated on {view.folds} folds of the training rows only; the test rows score the winner once, after it trains on all training rows
        (the run's figures).{view.done ? '' : ' Candidates appear here as they are scored.'}
      </p>
      {layout && <Heatmap layout={layout} view={view} scores={scores} objective={objective} label={label} />}
      <TableScroll label={`Search candidates of ${label}`}>
        <table data-testid="search-results" aria-label={`Search candidates of ${label}`}>
          <thead>
            <tr>
              <th scope="col">Parameters tried</th>
              <th scope="col" title="Mean over the validation folds cut from the training rows">Validation-fold RMSE</th>
              <th scope="col">Validation-fold MAE</th>
              <th scope="col">Validation-fold FCP</th>
              {isRankMeasure(view.metric) && <th scope="col">{objective}</th>}
              <th scope="col">Fit s</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {order.map(({ c, index }) => {
              const best = index === view.best;
              const text = paramsText(c.params, view.keys);
              return (
                <tr key={index} className={best ? 'winner' : undefined} data-testid="candidate" data-winner={best || undefined} data-params={JSON.stringify(c.params)}>
                  <td>
                    {best && (
                      <strong
                        className="tag tag-winner"
                        title={`${higherIsBetter(view.metric) ? 'highest' : 'lowest'} ${objective} on the validation folds${view.done ? ': the run trained with these' : ' of the candidates scored so far'}`}
                      >
                        {bestTag}
                      </strong>
                    )}{' '}
                    <span data-testid="candidate-params">{text}</span>
                  </td>
                  <td className={view.metric === 'rmse' ? 'metric-key' : undefined}>{fmtMetric(c.rmse)}</td>
                  <td className={view.metric === 'mae' ? 'metric-key' : undefined}>{fmtMetric(c.mae)}</td>
                  <td className={view.metric === 'fcp' ? 'metric-key' : undefined}>{fmtMetric(c.fcp)}</td>
                  {isRankMeasure(view.metric) && <td className="metric-key">{fmtMetric(scores[index])}</td>}
                  <td>{fmtSeconds(c.fitSeconds)}</td>
                  <td>
                    <button type="button" onClick={() => onTrainWith(run, c.params)} aria-label={`Train with these: ${text}`}>
                      Train with these
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

/**
 * The objective per pair of values: the number in each cell, a shade that deepens
 * with a better score, and ★ on the winner (the best so far while running).
 */
function Heatmap({ layout, view, scores, objective, label }: { layout: HeatmapLayout; view: SearchView; scores: number[]; objective: string; label: string }) {
  const { rowKey, colKey, rows, cols, cells } = layout;
  const better = higherIsBetter(view.metric);
  const hint = useId();
  return (
    <>
      <p className="hint" id={hint}>
        Validation-fold {objective} by {rowKey} (rows) and {colKey} (columns): {better ? 'higher' : 'lower'} is better, and the deeper the shade the better; ★ marks{' '}
        {view.done ? 'the winner' : 'the best so far'}.
      </p>
      <TableScroll label={`Heatmap of ${label}`}>
        <table className="heatmap" data-testid="search-heatmap" data-rows={rowKey} data-cols={colKey} aria-describedby={hint}>
          <thead>
            <tr>
              <th scope="col">
                {rowKey} \ {colKey}
              </th>
              {cols.map((v) => (
                <th scope="col" key={String(v)}>
                  {String(v)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((rv, i) => (
              <tr key={String(rv)}>
                <th scope="row">{String(rv)}</th>
                {cols.map((cv, j) => {
                  const index = cells[i][j];
                  const at = { 'data-testid': 'heat-cell', 'data-row': String(rv), 'data-col': String(cv) };
                  if (index < 0) {
                    return (
                      <td key={String(cv)} className="heat-pending" {...at} title="not scored yet">
                        …<span className="sr-only">not scored yet</span>
                      </td>
                    );
                  }
                  const score = scores[index];
                  const best = index === view.best;
                  return (
                    <td
                      key={String(cv)}
                      {...at}
                      className={best ? 'heat-best' : undefined}
                      data-best={best || undefined}
                      data-score={score}
                      style={Number.isNaN(score) ? undefined : { background: heatColour(goodness(score, scores, better)) }}
                      title={`${rowKey}=${String(rv)}, ${colKey}=${String(cv)}: ${objective} ${fmtMetric(score)}${best ? (view.done ? ' (winner)' : ' (best so far)') : ''}`}
                    >
                      {best && <span aria-hidden="true">★ </span>}
                      {fmtMetric(score)}
                      {best && <span className="sr-only"> (best)</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
