/**
 * A typeahead over the dataset's catalog (titles and ids), searched in the data
 * worker as the person types. ARIA combobox: ↓/↑ move through the suggestions, Enter
 * picks, Escape closes. Titles render as text.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FoundItem } from '../../workers/protocol.ts';
import type { DataWorker } from '../data/useDataWorker.ts';
import { errorMessage, fmtInt } from '../common/format.ts';
import { ItemName } from './ItemName.tsx';

/** Suggestions shown at once. */
const SUGGESTIONS = 8;
/** Wait this long after the last keystroke before searching. */
const DEBOUNCE_MS = 120;

interface Props {
  datasetId: string;
  worker: DataWorker;
  /** Items already rated: marked in the suggestions. */
  rated: ReadonlyMap<string, number | null>;
  onPick(item: FoundItem): void;
}

export function ItemSearch({ datasetId, worker, rated, onPick }: Props) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<FoundItem[]>([]);
  /** The query `found` answers (a later keystroke may not be answered yet). */
  const [answered, setAnswered] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const listId = useId();

  useEffect(() => {
    const q = query.trim();
    const ask = ++asked.current;
    if (!q) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      worker
        .get()
        .findItems(datasetId, q, SUGGESTIONS)
        .then(
          (items) => {
            if (ask !== asked.current) return; // a later keystroke asked again
            setFound(items);
            setAnswered(q);
            setActive(0);
            setError(null);
          },
          (err) => ask === asked.current && setError(errorMessage(err)),
        );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [datasetId, query, worker]);

  const pick = (item: FoundItem) => {
    onPick(item);
    setQuery('');
    setFound([]);
    setOpen(false);
  };
  const expanded = open && found.length > 0;
  const optionId = (k: number) => `${listId}-opt-${k}`;

  return (
    <div className="item-search">
      <label htmlFor={`${listId}-box`}>Find an item to rate</label>
      <input
        id={`${listId}-box`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? optionId(active) : undefined}
        placeholder="type part of a title or an id"
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            if (found.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (expanded) pick(found[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
            setQuery('');
          }
        }}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul id={listId} role="listbox" aria-label="Matching items" className="item-suggestions" hidden={!expanded}>
        {found.map((it, k) => (
          <li
            key={it.id}
            id={optionId(k)}
            role="option"
            aria-selected={k === active}
            className={k === active ? 'active' : undefined}
            // mousedown, not click: picking must happen before the box loses focus and closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(it);
            }}
            onMouseEnter={() => setActive(k)}
          >
            <ItemName id={it.id} title={it.title} />{' '}
            <span className="hint">
              {fmtInt(it.ratings)} ratings{rated.get(it.id) != null ? ` · you rated it ${rated.get(it.id)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {open && query.trim() && answered === query.trim() && found.length === 0 && !error && <p className="hint">No item matches “{query.trim()}”.</p>}
    </div>
  );
}
