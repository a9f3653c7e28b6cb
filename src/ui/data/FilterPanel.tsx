/**
 * Clean a dataset the way the studies did — k-core to a fixed point, verified only,
 * rating and date ranges, seeded user sampling — with a live preview of the counts
 * after each k-core round, then save the result under a name with its recipe.
 */
import { useEffect, useState } from 'react';
import type { FilterRecipe } from '../../core/ingest/filter.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { FilterPreview } from '../../workers/protocol.ts';
import { errorMessage, fmtInt, fmtPercent, fmtSeconds } from '../common/format.ts';
import { FormValidityContext, NumberField, OptionalNumberField, useFormValidity } from '../common/NumberField.tsx';
import { LIMITS } from '../train/formSettings.ts';
import type { DataWorker } from './useDataWorker.ts';

interface Props {
  dataset: DatasetRecord;
  worker: DataWorker;
  onSaved(record: DatasetRecord): void;
}

const PREVIEW_DELAY_MS = 250;

type PreviewState = { state: 'busy' } | { state: 'ready'; p: FilterPreview } | { state: 'error'; message: string };

const toDay = (sec: number | undefined): string => (sec === undefined ? '' : new Date(sec * 1000).toISOString().slice(0, 10));
const fromDay = (day: string, endOfDay: boolean): number | undefined =>
  day ? Date.parse(`${day}T00:00:00Z`) / 1000 + (endOfDay ? 86_399 : 0) : undefined;

export function FilterPanel({ dataset, worker, onSaved }: Props) {
  const [recipe, setRecipe] = useState<FilterRecipe>({ minUserRatings: 1, minItemRatings: 1, verifiedOnly: false, seed: 42 });
  const [preview, setPreview] = useState<PreviewState>({ state: 'busy' });
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const { errors, validity } = useFormValidity();

  useEffect(() => {
    let current = true;
    setPreview({ state: 'busy' });
    const timer = setTimeout(() => {
      worker
        .get()
        .previewFilter(dataset.id, recipe)
        .then(
          (p) => current && setPreview({ state: 'ready', p }),
          (err) => current && setPreview({ state: 'error', message: errorMessage(err) }),
        );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [dataset.id, recipe, worker]);

  const set = (patch: Partial<FilterRecipe>) => setRecipe((r) => ({ ...r, ...patch }));
  const after = preview.state === 'ready' ? preview.p.after : null;
  const invalidBoxes = Object.keys(errors).length;
  const problem = invalidBoxes
    ? `Fix the ${invalidBoxes === 1 ? 'box' : `${invalidBoxes} boxes`} marked in red first: the preview and Save use the last values that fit.`
    : recipe.ratingMin !== undefined && recipe.ratingMax !== undefined && recipe.ratingMin > recipe.ratingMax
      ? `Ratings from ${recipe.ratingMin} to ${recipe.ratingMax} is an empty range.`
      : null;

  const save = async () => {
    setSaving(true);
    try {
      onSaved(await worker.get().saveFiltered(dataset.id, recipe, name || `${dataset.name} · ${recipe.minUserRatings}/${recipe.minItemRatings}-core`));
    } catch (err) {
      setPreview({ state: 'error', message: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="filter-title">
      <h2 id="filter-title">Filter “{dataset.name}”</h2>
      <FormValidityContext.Provider value={validity}>
        <div className="filters">
          <label>
            Min ratings per user: <strong>{recipe.minUserRatings}</strong>
            <input type="range" min={1} max={50} value={recipe.minUserRatings} onChange={(e) => set({ minUserRatings: Number(e.target.value) })} aria-label="Min ratings per user" />
          </label>
          <label>
            Min ratings per item: <strong>{recipe.minItemRatings}</strong>
            <input type="range" min={1} max={50} value={recipe.minItemRatings} onChange={(e) => set({ minItemRatings: Number(e.target.value) })} aria-label="Min ratings per item" />
          </label>
          <label className="inline">
            <input type="checkbox" checked={recipe.verifiedOnly} disabled={!dataset.hasVerified} onChange={(e) => set({ verifiedOnly: e.target.checked })} />
            Verified purchases only{dataset.hasVerified ? '' : ' (this file has no verified flag)'}
          </label>
          <OptionalNumberField
            label="Ratings from"
            value={recipe.ratingMin ?? null}
            onChange={(v) => set({ ratingMin: v ?? undefined })}
            min={dataset.counts.ratingMin}
            max={dataset.counts.ratingMax}
            placeholder={String(dataset.counts.ratingMin)}
          />
          <OptionalNumberField
            label="Ratings to"
            value={recipe.ratingMax ?? null}
            onChange={(v) => set({ ratingMax: v ?? undefined })}
            min={dataset.counts.ratingMin}
            max={dataset.counts.ratingMax}
            placeholder={String(dataset.counts.ratingMax)}
          />
          <label>
            Dates from
            <input type="date" value={toDay(recipe.timeFrom)} onChange={(e) => set({ timeFrom: fromDay(e.target.value, false) })} />
          </label>
          <label>
            Dates to
            <input type="date" value={toDay(recipe.timeTo)} onChange={(e) => set({ timeTo: fromDay(e.target.value, true) })} />
          </label>
          <OptionalNumberField
            label="Sample users"
            value={recipe.sampleUsers ?? null}
            onChange={(v) => set({ sampleUsers: v ?? undefined })}
            min={1}
            max={dataset.counts.users}
            integer
            placeholder="all"
          />
          <NumberField label="Seed" value={recipe.seed} onChange={(v) => set({ seed: v })} {...LIMITS.seed} />
        </div>
      </FormValidityContext.Provider>
      {problem && (
        <p className="problems" role="status" data-testid="filter-problem">
          {problem}
        </p>
      )}
      <FilterPreviewView preview={preview} />
      <div className="save-row">
        <label>
          Save as
          <input value={name} placeholder={`${dataset.name} · ${recipe.minUserRatings}/${recipe.minItemRatings}-core`} onChange={(e) => setName(e.target.value)} aria-label="Name of the filtered dataset" />
        </label>
        <button type="button" className="primary" disabled={saving || !after || after.rows === 0 || problem !== null} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save filtered dataset'}
        </button>
      </div>
    </section>
  );
}

function FilterPreviewView({ preview }: { preview: PreviewState }) {
  if (preview.state === 'error') return <p role="alert" className="error">{preview.message}</p>;
  if (preview.state !== 'ready') return <p className="hint" aria-live="polite">Computing preview…</p>;
  const { before, after, rounds, seconds } = preview.p;
  return (
    <div className="filter-preview" data-testid="filter-preview" aria-live="polite">
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Ratings</th>
            <th scope="col">Users</th>
            <th scope="col">Items</th>
            <th scope="col">Sparsity</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Before</th>
            <td>{fmtInt(before.rows)}</td>
            <td>{fmtInt(before.users)}</td>
            <td>{fmtInt(before.items)}</td>
            <td>{fmtPercent(before.sparsity)}</td>
          </tr>
          {rounds.map((r) => (
            <tr key={r.round} className="round">
              <th scope="row">k-core round {r.round}</th>
              <td>{fmtInt(r.rows)}</td>
              <td>{fmtInt(r.users)}</td>
              <td>{fmtInt(r.items)}</td>
              <td />
            </tr>
          ))}
          <tr>
            <th scope="row">After</th>
            <td data-testid="after-rows">{fmtInt(after.rows)}</td>
            <td data-testid="after-users">{fmtInt(after.users)}</td>
            <td data-testid="after-items">{fmtInt(after.items)}</td>
            <td>{after.rows ? fmtPercent(after.sparsity) : '—'}</td>
          </tr>
        </tbody>
      </table>
      <p className="hint">{seconds === null ? 'Nothing is filtered out yet: these are the dataset’s own counts.' : `Computed in ${fmtSeconds(seconds)} in a worker.`}</p>
    </div>
  );
}
