/** Hyperparameter controls generated from the registry: a slider and a number box per number, etc. */
import { useId, type ReactNode } from 'react';
import { paramError, type AlgorithmSpec, type FlatParams, type NumberParam, type ParamSpec, type ParamValue } from '../../core/registry/index.ts';
import type { ParamRange } from '../../core/selection/search.ts';
import { NumberField } from '../common/NumberField.tsx';
import type { Strategy } from './formSettings.ts';

interface Props {
  spec: AlgorithmSpec;
  values: FlatParams;
  onChange(key: string, value: ParamValue): void;
  /** A search: the values to try per key, as typed (a box per parameter is shown when given). */
  tries?: Record<string, string>;
  strategy?: Strategy;
  onTryChange?(key: string, text: string): void;
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

const RANGE = /^\s*([^.\s][^\s]*?)\s*\.\.\s*([^\s]+)\s*$/;

/**
 * A search box's text: a list of values, or (random search, numbers only) a range
 * `min..max`, sampled log-uniformly when the registry slides the parameter on a log
 * scale. An error message when the text does not fit.
 */
export function parseSearchValues(p: ParamSpec, text: string, strategy: Strategy): ParamValue[] | ParamRange | string {
  if (!text.includes('..')) return parseGridValues(p, text);
  if (strategy === 'grid') return `${p.label}: a range (min..max) is drawn from by a random search; a grid tries a list of values`;
  if (p.type !== 'int' && p.type !== 'float') return `${p.label}: a range is for numbers; list the values to draw from`;
  const m = RANGE.exec(text);
  const min = m ? Number(m[1]) : NaN;
  const max = m ? Number(m[2]) : NaN;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return `${p.label}: "${text.trim()}" is not a range like ${p.min}..${p.max}`;
  for (const v of [min, max]) {
    const err = paramError(p, v);
    if (err) return `${p.label}: ${v} does not fit (${err})`;
  }
  if (min > max) return `${p.label}: the range ${min}..${max} runs backwards`;
  if (p.log && min <= 0) return `${p.label}: a log-scaled range must start above 0`;
  return p.log ? { min, max, log: true } : { min, max };
}

/** Hyperparameters hidden by another's value (`when`) are neither shown nor searched. */
export function visibleParam(p: ParamSpec, values: FlatParams): boolean {
  if (!p.when) return true;
  return Object.entries(p.when).every(([key, allowed]) => allowed.includes(values[key] as never));
}

function tryPlaceholder(p: ParamSpec, strategy: Strategy): string {
  if (p.type === 'choice') return p.options.join(', ');
  if (p.type === 'bool') return 'true, false';
  return strategy === 'random' ? `e.g. ${p.min}..${p.max} or 1, 2, 3` : 'e.g. 1, 2, 3';
}

export function ParamForm({ spec, values, onChange, tries, strategy = 'grid', onTryChange }: Props) {
  return (
    <div className="params" data-testid="param-form">
      {spec.params
        .filter((p) => visibleParam(p, values))
        .map((p) => (
          <div key={p.key} className="param-cell">
            <ParamControl p={p} value={values[p.key]} onChange={(v) => onChange(p.key, v)} />
            {tries && (
              <label className="grid-values">
                try
                <input
                  value={tries[p.key] ?? ''}
                  placeholder={tryPlaceholder(p, strategy)}
                  aria-label={`${p.label} values to try`}
                  title={
                    strategy === 'random' && (p.type === 'int' || p.type === 'float')
                      ? `A list of values, or a range min..max drawn ${p.log ? 'log-uniformly' : 'uniformly'}`
                      : 'A comma-separated list of values'
                  }
                  onChange={(e) => onTryChange?.(p.key, e.target.value)}
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
            onChange={(e) => onChange(e.target.checked ? (p.default ?? p.min) : null)}
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
        <NumberField
          id={id}
          value={shown}
          blank={unset}
          placeholder={unset ? 'unset' : undefined}
          disabled={unset}
          min={p.min}
          max={p.max}
          integer={p.type === 'int'}
          ariaDescribedBy={help}
          onChange={onChange}
        />
      </div>
      <small id={help}>{p.help}</small>
    </div>
  );
}
