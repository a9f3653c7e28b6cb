/** "PNG" and "SVG" buttons that save the chart inside `figure` (its first drawn SVG). */
import { useState, type RefObject } from 'react';
import { downloadBlob } from './download.ts';
import { errorMessage } from './format.ts';
import { pngBlob, svgBlob } from './chartFile.ts';

export function ChartDownloads({ figure, name, what }: { figure: RefObject<HTMLElement | null>; name: string; what: string }) {
  const [error, setError] = useState<string | null>(null);
  const save = async (kind: 'png' | 'svg') => {
    const svg = figure.current?.querySelector<SVGSVGElement>('svg[role="img"], [role="img"] svg');
    if (!svg) return;
    try {
      setError(null);
      downloadBlob(kind === 'svg' ? svgBlob(svg) : await pngBlob(svg), `${name}.${kind}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <span className="chart-downloads">
      <button type="button" onClick={() => void save('png')} aria-label={`Download ${what} as PNG`} data-testid="chart-png">
        PNG
      </button>
      <button type="button" onClick={() => void save('svg')} aria-label={`Download ${what} as SVG`} data-testid="chart-svg">
        SVG
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </span>
  );
}
