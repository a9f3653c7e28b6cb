/** Hyperparameter controls generated from the registry: a slider and a number box per number, etc. */
import { useId, type ReactNode } from 'react';
import { paramError, type AlgorithmSpec, type FlatParams, type NumberParam, type ParamSpec, type ParamValue } from '../../core/registry/index.ts';

interface Props {
  spec: AlgorithmSpec;
  values: FlatParams;
  onChange(key: string, value: ParamValue): void;
  /** Grid search: the comma-separated values to try per key (shown when given). */
  grid?: Record<string, string>;
  onGridChange?(key: string, text: string): void;
}

/** "10, 50, 100" → the values a grid search tries for `p`; an error message when one does not fit. */
export function parseGridValues(p: ParamSpec, text: string): ParamValue[] | string {
  const parts = text.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  const out: ParamValue[] = [];
  for (const part of parts) {
    const v: ParamValue = p.type === 'bool' ? part === 'true' : p.type === 'choice' ? part : Number(part);
    const err = paramError(p, v);
    if (err || (p.type === 'bool' && part !== 'true' && part !== 'false')) return `${p.label}: "${part}" does not fit (${err ?? 'use true or false'})`;
    out.push(v);
  }
  return out;
}

function visible(p: ParamSpec, values: FlatParams): boolean {
  if (!p.when) return true;
  return Object.entries(p.when).every(([key, allowed]) => allowed.includes(values[key] as never));
}

export function ParamForm({ spec, values, onChange, grid, onGridChange }: Props) {
  return (
    <div className="params" data-testid="param-form">
      {spec.params
        .filter((p) => visible(p, values))
        .map((p) => (
          <div key={p.key} className="param-cell">
            <ParamControl p={p} value={values[p.key]} onChange={(v) => onChange(p.key, v)} />
            {grid && (
              <label className="grid-values">
                try
                <input
                  value={grid[p.key] ?? ''}
                  placeholder={p.type === 'choice' ? p.options.join(', ') : p.type === 'bool' ? 'true, false' : 'e.g. 1, 2, 3'}
                  aria-label={`${p.label} values to try`}
                  onChange={(e) => onGridChange?.(p.key, e.target.value)}
                />
              </label>
            )}
          </div>
        ))}
    </div>
  );
}

function ParamControl({ p, value, onChange }: { p: ParamSpec; value: ParamValue; onChange(v: ParamValue): void }) {
  const id = useId();
  const help = `${id}-help`;
  const label = (
    <label htmlFor={id} title={p.help}>
      {p.label}
    </label>
  );
  if (p.type === 'bool') {
    return (
      <div className="param param-bool">
        <input id={id} type="checkbox" checked={value === true} aria-describedby={help} onChange={(e) => onChange(e.target.checked)} />
        {label}
        <small id={help}>{p.help}</small>
      </div>
    );
  }
  if (p.type === 'choice') {
    return (
      <div className="param">
        {label}
        <select id={id} value={String(value)} aria-describedby={help} onChange={(e) => onChange(e.target.value)}>
          {p.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <small id={help}>{p.help}</small>
      </div>
    );
  }
  return <NumberControl p={p} id={id} value={value as number | null} onChange={onChange} label={label} />;
}

/** Log-scaled params slide over log10 of the value so small learning rates get room. */
function NumberControl(props: { p: NumberParam; id: string; value: number | null; onChange(v: number | null): void; label: ReactNode }) {
  const { p, id, value, onChange, label } = props;
  const help = `${id}-help`;
  const unset = value === null;
  const toSlider = (v: number) => (p.log ? Math.log10(Math.max(v, p.min)) : v);
  const fromSlider = (s: number) => {
    const v = p.log ? 10 ** s : s;
    return p.type === 'int' ? Math.round(v) : Number(v.toPrecision(4));
  };
  const shown = value ?? (p.min + p.max) / 2;
  return (
    <div className="param">
      {label}
      <div className="param-number">
        {p.nullable && (
          <input
            type="checkbox"
            aria-label={`set ${p.label}`}
            checked={!unset}
            onChange={(e) => onChange(e.target.checked ? p.min : null)}
          />
        )}
        <input
          type="range"
          aria-label={`${p.label} slider`}
          disabled={unset}
          min={toSlider(p.min)}
          max={toSlider(p.max)}
          step={p.log ? 0.01 : p.step}
          value={toSlider(shown)}
          onChange={(e) => onChange(fromSlider(Number(e.target.value)))}
        />
        <input
          id={id}
          type="number"
          disabled={unset}
          min={p.min}
          max={p.max}
          step={p.step}
          value={unset ? '' : shown}
          aria-describedby={help}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (e.target.value !== '' && Number.isFinite(v)) onChange(Math.min(p.max, Math.max(p.min, v)));
          }}
        />
      </div>
      <small id={help}>{p.help}</small>
    </div>
  );
}
