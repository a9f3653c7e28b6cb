/**
 * Shown on the Data screen while the page's link names a dataset this browser does
 * not have: which file it needs (name and SHA-256), with the way to get it — load
 * the sample it came from, drop the file, or filter the stored file the same way.
 * The rest of the link (screen, model, settings) applies once the dataset exists.
 */
import type { DatasetRecord } from '../../storage/datasets.ts';
import type { ImportRequest } from '../../workers/protocol.ts';
import type { DatasetLink } from './datasetLink.ts';
import { sampleShare } from './recipeText.ts';
import { sampleImport, SAMPLES } from './samples.ts';

interface Props {
  link: DatasetLink;
  /** The linked file, stored but not filtered the way the link's dataset was. */
  file: DatasetRecord | null;
  busy: boolean;
  onImport(req: ImportRequest): void;
  onFilter(file: DatasetRecord): void;
  onDismiss(): void;
}

export function LinkNotice({ link, file, busy, onImport, onFilter, onDismiss }: Props) {
  // A bundled sample loads whole; a link to a user sample of it needs the file dropped with that sample.
  const sample = link.sample ? undefined : SAMPLES.find((s) => s.fileName === link.fileName);
  const steps = link.filters.length;
  return (
    <section className="panel link-notice" aria-labelledby="link-title" data-testid="link-notice">
      <h2 id="link-title">This link needs the dataset “{link.name}”</h2>
      <p>
        From the file <code>{link.fileName}</code>, SHA-256 <code className="sha">{link.sha256}</code>
        {link.sample && `, imported keeping ${sampleShare(link.sample)} (seed ${link.sample.seed})`}
        {steps > 0 && `, filtered ${steps === 1 ? 'once' : `${steps} times`}`}.{' '}
        {file
          ? `“${file.name}” is that file: filter it the same way to open the link.`
          : sample
            ? 'It is a bundled sample: load it to open the link.'
            : link.sample
              ? `Drop that file below (or choose it) with “Keep a sample of users: 1 in ${Math.round(1 / link.sample.fraction)}” and seed ${link.sample.seed} to open the link; another file will not do.`
              : 'Drop that file below (or choose it) to open the link; another file will not do.'}
      </p>
      <div className="link-actions">
        {file ? (
          <button type="button" className="primary" disabled={busy} onClick={() => onFilter(file)}>
            Filter “{file.name}” the same way
          </button>
        ) : (
          sample && (
            <button type="button" className="primary" disabled={busy} onClick={() => onImport(sampleImport(sample))}>
              Load the sample “{sample.label}”
            </button>
          )
        )}
        <button type="button" onClick={onDismiss}>
          Go on without it
        </button>
      </div>
    </section>
  );
}
