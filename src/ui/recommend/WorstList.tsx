/**
 * The worst products [seed 002], each with its evidence: for the user, the unseen
 * items the model predicts lowest; overall, the items with the lowest damped mean
 * rating (a Bayesian average that pulls an item with few ratings toward the global
 * mean). Both only among items with at least M training ratings.
 */
import type { EvidenceItem, WorstProducts } from '../../workers/protocol.ts';
import { fmtInt } from '../common/format.ts';
import { ItemList, type Column } from './ItemList.tsx';
import { SliderField } from './SliderField.tsx';

export interface WorstSettings {
  minCount: number;
  priorWeight: number;
}

export const WORST_DEFAULTS: WorstSettings = { minCount: 5, priorWeight: 10 };

const COLUMNS: Column<EvidenceItem>[] = [
  { head: 'Ratings', num: true, testId: 'count', cell: (it) => fmtInt(it.count) },
  { head: 'Mean', num: true, cell: (it) => it.mean.toFixed(2) },
  { head: 'Damped mean', num: true, testId: 'damped', cell: (it) => it.damped.toFixed(2) },
  { head: 'Model estimate', num: true, testId: 'estimate', cell: (it) => it.rating.toFixed(2) },
];

interface Props {
  result: WorstProducts | undefined;
  settings: WorstSettings;
  onSettings(s: WorstSettings): void;
}

export function WorstList({ result, settings, onSettings }: Props) {
  return (
    <section className="panel" aria-labelledby="worst-title" data-testid="worst">
      <h3 id="worst-title">Worst products</h3>
      <div className="params worst-settings">
        <SliderField
          label="Minimum ratings (M)"
          value={settings.minCount}
          min={1}
          max={50}
          integer
          help="Only items with at least this many training ratings are judged."
          onChange={(minCount) => onSettings({ ...settings, minCount })}
        />
        <SliderField
          label="Prior weight"
          value={settings.priorWeight}
          min={0}
          max={100}
          help="Phantom ratings at the global mean added to each item: 0 gives the plain mean."
          onChange={(priorWeight) => onSettings({ ...settings, priorWeight })}
        />
      </div>
      {result && (
        <>
          <p className="hint" data-testid="worst-rule">
            Damped mean = (sum of the item's ratings + {result.priorWeight} × {result.globalMean.toFixed(2)}) / (its count + {result.priorWeight}), {result.globalMean.toFixed(2)} being
            the mean training rating. Counts and means are over the model's training ratings; the estimate is the model's prediction for this user.
          </p>
          {result.forUser.length + result.overall.length === 0 && <p className="hint">No item has {fmtInt(result.minCount)} or more training ratings: lower M.</p>}
          <div className="hybrid-lists">
            <ItemList items={result.forUser} columns={COLUMNS} caption="For this user: predicted lowest (unrated items)" testId="worst-user" />
            <ItemList items={result.overall} columns={COLUMNS} caption="Overall: lowest damped mean" testId="worst-overall" />
          </div>
        </>
      )}
    </section>
  );
}
