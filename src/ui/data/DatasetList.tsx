/** The stored datasets with their counts; select, rename, delete. Ids and names render as text. */
import { useRef, useState } from 'react';
import { REVIEW_LIMITS } from '../../core/reviews.ts';
import type { DatasetRecord } from '../../storage/datasets.ts';
import { fmtInt, fmtPercent } from '../common/format.ts';
import { TableScroll } from '../common/TableScroll.tsx';
import { importSampleText, recipeText } from './recipeText.ts';
import { ScaleNote } from './ScaleNote.tsx';

interface Props {
  datasets: DatasetRecord[];
  selectedId: string | null;
  onSelect(id: string): void;
  onRename(id: string, name: string): void;
  onDelete(id: string): void;
  onAttachTitles(id: string, file: File): void;
  onExport(id: string): void;
}

export function DatasetList({ datasets, selectedId, onSelect, onRename, onDelete, onAttachTitles, onExport }: Props) {
  if (datasets.length === 0) {
    return <p className="hint">No datasets yet. Load the sample or add a file above.</p>;
  }
  return (
    <TableScroll label="Stored datasets">
      <table className="datasets" aria-label="Datasets">
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col">Ratings</th>
            <th scope="col">Users</th>
            <th scope="col">Items</th>
            <th scope="col">Sparsity</th>
            <th scope="col">Import notes</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <DatasetRow
              key={d.id}
              d={d}
              selected={d.id === selectedId}
              onSelect={() => onSelect(d.id)}
              onRename={(name) => onRename(d.id, name)}
              onDelete={() => onDelete(d.id)}
              onAttachTitles={(file) => onAttachTitles(d.id, file)}
              onExport={() => onExport(d.id)}
            />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function importNotes(d: DatasetRecord): string {
  const r = d.importReport;
  const notes = [`${fmtInt(r.rowsRead)} rows read from ${d.source.fileName} (${d.source.format})`];
  notes.push(
    r.duplicates
      ? `${fmtInt(r.duplicates)} repeated (user, item) pairs resolved by keeping the latest rating`
      : 'no repeated (user, item) pairs',
  );
  if (r.badRows) notes.push(`${fmtInt(r.badRows)} bad rows skipped`);
  if (d.hasReviews) {
    notes.push(
      r.reviewsStoppedAt === undefined
        ? 'review text kept'
        : `review text kept for the first ${fmtInt(r.reviewsStoppedAt)} rows only (the first ${REVIEW_LIMITS.total / 2 ** 20} MiB of text)`,
    );
  }
  return notes.join('; ');
}

function DatasetRow(props: {
  d: DatasetRecord;
  selected: boolean;
  onSelect(): void;
  onRename(name: string): void;
  onDelete(): void;
  onAttachTitles(file: File): void;
  onExport(): void;
}) {
  const { d, selected } = props;
  const titles = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(d.name);
  return (
    <tr className={selected ? 'selected' : undefined} data-testid="dataset-row" aria-selected={selected}>
      <td>
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              props.onRename(name);
              setEditing(false);
            }}
          >
            <input aria-label="Dataset name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            <button type="submit">Save</button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <span className="dataset-name">{d.name}</span>
        )}
      </td>
      <td data-testid="count-rows">{fmtInt(d.counts.rows)}</td>
      <td data-testid="count-users">{fmtInt(d.counts.users)}</td>
      <td data-testid="count-items">{fmtInt(d.counts.items)}</td>
      <td>{fmtPercent(d.counts.sparsity)}</td>
      <td className="notes" data-testid="import-notes">
        {importNotes(d)}
        {d.source.sampleUsers && <p className="recipe">{importSampleText(d.source.sampleUsers, d.importReport.sampledOut)}</p>}
        {d.recipe && <p className="recipe">{recipeText(d.recipe)}</p>}
        {d.scale && <ScaleNote d={d} scale={d.scale} />}
        {d.metadata && (
          <p className="recipe">
            Titles from {d.metadata.fileName} for {fmtInt(d.metadata.titled)} of {fmtInt(d.counts.items)} items.
          </p>
        )}
        {d.importReport.badExamples.length > 0 && (
          <details>
            <summary>First bad rows</summary>
            <ul className="bad-rows">
              {d.importReport.badExamples.map((b) => (
                <li key={b.line}>
                  line {fmtInt(b.line)}: {b.reason} — <code>{b.text}</code>
                </li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td className="actions">
        <div className="row-actions">
          <button type="button" onClick={props.onSelect} disabled={selected} aria-label={selected ? `In use: ${d.name}` : `Use ${d.name}`}>
            {selected ? 'In use' : 'Use'}
          </button>
          <button type="button" onClick={() => setEditing(true)} aria-label={`Rename ${d.name}`}>
            Rename
          </button>
          <button type="button" onClick={() => titles.current?.click()} aria-label={`Attach titles…: ${d.name}`} title="Attach item titles from a metadata file">
            Attach titles…
          </button>
          <input
            ref={titles}
            type="file"
            hidden
            aria-label={`Item metadata file for ${d.name}`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) props.onAttachTitles(file);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={props.onExport} aria-label={`Export CSV: ${d.name}`}>
            Export CSV
          </button>
          {confirming ? (
            <>
              <button type="button" className="danger" onClick={props.onDelete}>
                Delete for good
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)} aria-label={`Delete ${d.name}`}>
              Delete
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
