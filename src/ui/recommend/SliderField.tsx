/** A slider with its number box beside it, for the Recommend screen's list settings. */
import { useId } from 'react';
import { NumberField } from '../common/NumberField.tsx';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
  help: string;
  onChange(v: number): void;
}

export function SliderField({ label, value, min, max, step = 1, integer, help, onChange }: Props) {
  const id = useId();
  return (
    <div className="param">
      <label htmlFor={id}>{label}</label>
      <div className="param-number">
        <input type="range" aria-label={`${label} slider`} min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} />
        <NumberField id={id} value={value} min={min} max={max} integer={integer} ariaDescribedBy={`${id}-help`} onChange={onChange} />
      </div>
      <small id={`${id}-help`}>{help}</small>
    </div>
  );
}
