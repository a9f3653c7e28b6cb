/** Load the bundled sample, or drop / pick a ratings file. Shows progress, errors and Cancel. */
import { useRef, useState, type DragEvent } from 'react';
import { DEFAULT_RECIPE } from '../../core/ingest/filter.ts';
import { FORMATS } from '../../core/ingest/formats.ts';
import type { UserSampleRule } from '../../core/ingest/userSample.ts';
import { fmtBytes, fmtCount, fmtInt } from '../common/format.ts';
import { NumberField } from '../common/NumberField.tsx';
import { ProgressBar } from '../common/ProgressBar.tsx';
import type { ColumnMap } from '../../core/ingest/formats.ts';
import type { ImportRequest } from '../../workers/protocol.ts';
import { sampleShare } from './recipeText.ts';
import { sampleImport, SAMPLES } from './samples.ts';
import type { ImportState } from './useImport.ts';

interface Props {
  state: ImportState;
  /** Whether a dataset was imported from this file already. */
  loaded(fileName: string): boolean;
  onImport(req: ImportRequest): void;
  onCancel(): void;
}

export function ImportPanel({ state, loaded, onImport, onCancel }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [format, setFormat] = useState('');
  const [sampleId, setSampleId] = useState(SAMPLES[0].id);
  const sample = SAMPLES.find((x) => x.id === sampleId) ?? SAMPLES[0];
  const [sampling, setSampling] = useState(false);
  const [oneIn, setOneIn] = useState(8);
  const [seed, setSeed] = useState(DEFAULT_RECIPE.seed);
  const busy = state.phase === 'running';

  const importFile = (file: File | undefined) => {
    if (file && !busy) onImport(sampled({ source: file, fileName: file.name, ...(format ? { format } : {}) }, sampling ? oneIn : null, seed));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    importFile(e.dataTransfer.files[0]);
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Add ratings</h2>
      <div className="import-row">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => onImport(sampleImport(sample))}
        >
          Load sample
        </button>
        <label className="format-choice">
          Sample
          <select value={sample.id} onChange={(e) => setSampleId(e.target.value)} data-testid="sample-select">
            {SAMPLES.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <span className="hint" data-testid="sample-hint">
          {loaded(sample.fileName) ? 'This sample is already loaded; loading it again adds a copy.' : `${sample.blurb} With titles.`}
        </span>
      </div>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop a ratings file here (CSV, TSV, JSON lines, MovieLens; plain or .gz)</p>
        <button type="button" disabled={busy} onClick={() => input.current?.click()}>
          Choose file…
        </button>
        <label className="format-choice">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value)} data-testid="format-select">
            <option value="">detect automatically</option>
            {FORMATS.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <div className="import-sample">
          <label className="inline">
            <input type="checkbox" checked={sampling} onChange={(e) => setSampling(e.target.checked)} />
            Keep a sample of users: 1 in
          </label>
          <NumberField ariaLabel="Keep 1 in this many users" value={oneIn} onChange={setOneIn} min={2} max={10_000} integer disabled={!sampling} className="narrow" />
          <NumberField label="seed" value={seed} onChange={setSeed} min={0} max={2 ** 31 - 1} integer disabled={!sampling} className="narrow" />
        </div>
        <input
          ref={input}
          type="file"
          hidden
          aria-label="Ratings file"
          onChange={(e) => {
            importFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      <ImportStatus state={state} seed={seed} onCancel={onCancel} onRetry={onImport} />
    </section>
  );
}

/** The request keeping 1 in `oneIn` users (named so), or as it is when `oneIn` is null. */
function sampled(req: ImportRequest, oneIn: number | null, seed: number): ImportRequest {
  if (oneIn === null) return req;
  const rule: UserSampleRule = { fraction: 1 / oneIn, seed };
  return { ...req, sampleUsers: rule, name: `${req.fileName} (${sampleShare(rule)})` };
}

function ImportStatus({ state, seed, onCancel, onRetry }: { state: ImportState; seed: number; onCancel(): void; onRetry(req: ImportRequest): void }) {
  switch (state.phase) {
    case 'running': {
      const p = state.progress;
      const label = p
        ? `${p.status === 'saving' ? 'Saving' : 'Reading'} ${state.fileName}: ${fmtBytes(p.bytesRead)}${p.totalBytes ? ` of ${fmtBytes(p.totalBytes)}` : ''}, ${fmtInt(p.rows)} rows${p.rowsPerSec ? `, ${fmtInt(Math.round(p.rowsPerSec))} rows/s` : ''}${p.etaSec !== null && p.etaSec !== undefined ? `, about ${Math.ceil(p.etaSec)} s left` : ''}`
        : `Opening ${state.fileName}…`;
      return (
        <div className="import-status" data-testid="import-progress">
          <ProgressBar value={p?.bytesRead ?? 0} max={p?.totalBytes ?? null} label={label} />
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      );
    }
    case 'failed':
      return (
        <>
          <p role="alert" className="error" data-testid="import-error">
            {state.message}
          </p>
          <p className="hint">Nothing was saved; your other datasets are untouched.</p>
          {state.header && <ColumnMapForm header={state.header} onSubmit={(columnMap) => onRetry({ ...state.request, columnMap })} />}
        </>
      );
    case 'refused': {
      const { estimate: e, request, advice } = state;
      const keeping = request.sampleUsers ? `, keeping ${sampleShare(request.sampleUsers)}` : '';
      return (
        <div className="import-refused" data-testid="import-refused">
          <p role="alert" className="error">
            ‘{request.fileName}’ ({fmtBytes(e.fileBytes)}, about {fmtCount(e.rows)} ratings from up to {fmtCount(e.users)} users{keeping}) needs about{' '}
            {fmtBytes(state.neededBytes)} in this tab; it can use about {fmtBytes(state.budgetBytes)}.{' '}
            {advice
              ? `Import a sample of users instead: keep 1 in ${advice.oneIn} users (about ${fmtCount(advice.users)} users, ${fmtCount(advice.rows)} ratings).`
              : `Even a small sample of its users would not fit (its ${fmtCount(e.items)} items alone take too much); filter it where it is with \`reclab job\` (Dask) and import the job's sample.`}
          </p>
          <p className="hint">Nothing was read beyond the first few MB; your other datasets are untouched.</p>
          {advice && (
            <button type="button" className="primary" onClick={() => onRetry(sampled(request, advice.oneIn, request.sampleUsers?.seed ?? seed))}>
              Import 1 in {advice.oneIn} users
            </button>
          )}
        </div>
      );
    }
    case 'cancelled':
      return <p className="hint">Import of {state.fileName} cancelled; nothing was saved.</p>;
    case 'done':
      return (
        <p className="ok" role="status">
          Imported “{state.record.name}”: {fmtInt(state.record.counts.rows)} ratings
          {state.record.source.sampleUsers ? ` from ${fmtInt(state.record.counts.users)} users` : ''}.
        </p>
      );
    default:
      return null;
  }
}

/** Which of the header's columns hold the user, item, rating (and optionally the time). */
function ColumnMapForm({ header, onSubmit }: { header: string[]; onSubmit(map: ColumnMap): void }) {
  const [cols, setCols] = useState<Record<'user' | 'item' | 'rating' | 'timestamp', string>>({ user: '', item: '', rating: '', timestamp: '' });
  const ready = cols.user !== '' && cols.item !== '' && cols.rating !== '';
  return (
    <form
      className="column-map"
      aria-label="Map columns"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          user: Number(cols.user),
          item: Number(cols.item),
          rating: Number(cols.rating),
          ...(cols.timestamp !== '' ? { timestamp: Number(cols.timestamp) } : {}),
        });
      }}
    >
      {(['user', 'item', 'rating', 'timestamp'] as const).map((k) => (
        <label key={k}>
          {k} column{k === 'timestamp' ? ' (optional)' : ''}
          <select value={cols[k]} onChange={(e) => setCols({ ...cols, [k]: e.target.value })}>
            <option value="">{k === 'timestamp' ? 'none' : 'choose…'}</option>
            {header.map((h, i) => (
              <option key={i} value={i}>
                {h || `column ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit" className="primary" disabled={!ready}>
        Import with these columns
      </button>
    </form>
  );
}
