/**
 * A number box that never rewrites what the person is typing. A value that fits is
 * passed on as it is typed; one that does not is only reported as an error beside
 * the box once the person commits it (blur or Enter) — and the form it sits in is
 * told at once (FormValidity), so its submit button can be disabled until it fits.
 */
import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** Which boxes of a form hold text that does not fit, by box id. */
export interface FormValidity {
  report(id: string, error: string | null): void;
}

export const FormValidityContext = createContext<FormValidity | null>(null);

/** Errors of the boxes below a form: `errors` for rendering, `report` for the boxes. */
export function useFormValidity(): { errors: Record<string, string>; validity: FormValidity } {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const validity = useRef<FormValidity>({
    report(id, error) {
      setErrors((all) => {
        if ((all[id] ?? null) === error) return all;
        const { [id]: _, ...rest } = all;
        return error === null ? rest : { ...rest, [id]: error };
      });
    },
  }).current;
  return { errors, validity };
}

export interface NumberRules {
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
}

/** Why `text` is not an acceptable number under `rules`, or null when it is. */
export function numberError(text: string, rules: NumberRules): string | null {
  const t = text.trim();
  if (t === '') return 'give a number';
  const v = Number(t);
  if (!Number.isFinite(v)) return `"${t}" is not a number`;
  if (rules.integer && !Number.isInteger(v)) return 'a whole number';
  if (rules.min !== undefined && rules.max !== undefined && (v < rules.min || v > rules.max)) return `between ${rules.min} and ${rules.max}`;
  if (rules.min !== undefined && v < rules.min) return `at least ${rules.min}`;
  if (rules.max !== undefined && v > rules.max) return `at most ${rules.max}`;
  return null;
}

interface Props extends NumberRules {
  value: number;
  onChange(v: number): void;
  /** The visible label; omitted when the caller labels the box (then pass `ariaLabel` or `id`). */
  label?: ReactNode;
  id?: string;
  ariaLabel?: string;
  ariaDescribedBy?: string;
  disabled?: boolean;
  /** Text shown instead of the value (a disabled "unset" box). */
  placeholder?: string;
  blank?: boolean;
  className?: string;
  testId?: string;
}

export function NumberField(props: Props) {
  const { value, onChange, label, ariaLabel, ariaDescribedBy, disabled, placeholder, blank, className, testId, ...rules } = props;
  const ownId = useId();
  const id = props.id ?? ownId;
  const errorId = `${id}-error`;
  const validity = useContext(FormValidityContext);
  const [text, setText] = useState(blank ? '' : String(value));
  const [shown, setShown] = useState<string | null>(null);
  const rulesRef = useRef(rules);
  rulesRef.current = rules;

  // A new value from outside (a slider, "Reset to defaults", a candidate's params)
  // replaces the text only when the text does not already say it.
  useEffect(() => {
    setText((t) => (blank ? '' : t.trim() !== '' && Number(t) === value ? t : String(value)));
    if (!blank) setShown(null);
  }, [value, blank]);

  const error = disabled || blank ? null : numberError(text, rules);
  useEffect(() => {
    validity?.report(id, error);
  }, [validity, id, error]);
  useEffect(() => () => validity?.report(id, null), [validity, id]);

  const commit = () => setShown(error);

  const box = (
    <input
      id={id}
      type="text"
      inputMode={rules.integer ? 'numeric' : 'decimal'}
      className={className}
      data-testid={testId}
      value={blank ? '' : text}
      placeholder={placeholder}
      disabled={disabled}
      aria-label={ariaLabel}
      aria-invalid={shown ? true : undefined}
      aria-describedby={[ariaDescribedBy, shown ? errorId : null].filter(Boolean).join(' ') || undefined}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (numberError(t, rulesRef.current) === null) {
          setShown(null);
          const v = Number(t);
          if (v !== value) onChange(v);
        }
      }}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          // Enter commits the box; it does not also submit the form with what was there before.
          e.preventDefault();
          commit();
        }
      }}
    />
  );
  const message = shown && (
    <span id={errorId} className="field-error" role="alert">
      {shown}
    </span>
  );
  if (label === undefined) {
    return (
      <span className={`number-field${shown ? ' invalid' : ''}`}>
        {box}
        {message}
      </span>
    );
  }
  // The label names the box alone (not its error), so the box keeps its accessible name.
  return (
    <div className={`field number-field${shown ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="field-box">
        {box}
        {message}
      </span>
    </div>
  );
}

interface OptionalProps extends NumberRules {
  /** null: the box is empty (the caller's "not set"). */
  value: number | null;
  onChange(v: number | null): void;
  label: ReactNode;
  placeholder?: string;
  ariaDescribedBy?: string;
  testId?: string;
  className?: string;
}

/**
 * A number box that may be left empty (an optional setting): empty passes null on,
 * a number that fits passes it on, anything else is reported like NumberField's.
 */
export function OptionalNumberField(props: OptionalProps) {
  const { value, onChange, label, placeholder, ariaDescribedBy, testId, className, ...rules } = props;
  const id = useId();
  const errorId = `${id}-error`;
  const validity = useContext(FormValidityContext);
  const [text, setText] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState<string | null>(null);
  const rulesRef = useRef(rules);
  rulesRef.current = rules;
  const errorOf = (t: string) => (t.trim() === '' ? null : numberError(t, rulesRef.current));

  useEffect(() => {
    setText((t) => (value === null ? (t.trim() === '' || errorOf(t) !== null ? t : '') : t.trim() !== '' && Number(t) === value ? t : String(value)));
  }, [value]);

  const error = errorOf(text);
  useEffect(() => {
    validity?.report(id, error);
  }, [validity, id, error]);
  useEffect(() => () => validity?.report(id, null), [validity, id]);

  return (
    <div className={`field number-field${shown ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="field-box">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          data-testid={testId}
          value={text}
          placeholder={placeholder}
          aria-invalid={shown ? true : undefined}
          aria-describedby={[ariaDescribedBy, shown ? errorId : null].filter(Boolean).join(' ') || undefined}
          onChange={(e) => {
            const t = e.target.value;
            setText(t);
            if (errorOf(t) === null) {
              setShown(null);
              const v = t.trim() === '' ? null : Number(t);
              if (v !== value) onChange(v);
            }
          }}
          onBlur={() => setShown(error)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              setShown(error);
            }
          }}
        />
        {shown && (
          <span id={errorId} className="field-error" role="alert">
            {shown}
          </span>
        )}
      </span>
    </div>
  );
}
