import type { AlgorithmSpec, FlatParams, ParamSpec, ParamValue } from './types.ts';

export function defaultParams(spec: AlgorithmSpec): FlatParams {
  const out: FlatParams = {};
  for (const p of spec.params) out[p.key] = p.default;
  return out;
}

/** Why `value` is not acceptable for `p`, or null when it is. */
export function paramError(p: ParamSpec, value: unknown): string | null {
  switch (p.type) {
    case 'bool':
      return typeof value === 'boolean' ? null : `${p.key} must be true or false`;
    case 'choice':
      return typeof value === 'string' && p.options.includes(value)
        ? null
        : `${p.key} must be one of ${p.options.join(', ')}`;
    default:
      if (value === null && p.nullable) return null;
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${p.key} must be a number`;
      if (p.type === 'int' && !Number.isInteger(value)) return `${p.key} must be an integer`;
      if (value < p.min || value > p.max) return `${p.key} must be between ${p.min} and ${p.max}`;
      return null;
  }
}

/**
 * Complete and check user-given flat params against the spec: unknown keys and bad
 * values throw with a message naming the key; missing keys take their defaults.
 */
export function resolveParams(spec: AlgorithmSpec, given: FlatParams = {}): FlatParams {
  const known = new Map(spec.params.map((p) => [p.key, p]));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      throw new Error(
        `${spec.id} has no parameter "${key}" (it has: ${spec.params.map((p) => p.key).join(', ')})`,
      );
    }
  }
  const out = defaultParams(spec);
  for (const [key, value] of Object.entries(given)) {
    const err = paramError(known.get(key)!, value);
    if (err) throw new Error(`${spec.id}: ${err}`);
    out[key] = value;
  }
  return out;
}

/** {'sim_options.name': 'cosine', k: 40} → {sim_options: {name: 'cosine'}, k: 40}. */
export function nestParams(flat: FlatParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const dot = key.indexOf('.');
    if (dot < 0) {
      out[key] = value;
      continue;
    }
    const group = key.slice(0, dot);
    const inner = (out[group] ??= {}) as Record<string, ParamValue>;
    inner[key.slice(dot + 1)] = value;
  }
  return out;
}

/** The inverse of nestParams, for Surprise-style JSON such as the CLI's --params. */
export function flattenParams(nested: Record<string, unknown>): FlatParams {
  const out: FlatParams = {};
  for (const [key, value] of Object.entries(nested)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) out[`${key}.${k}`] = v as ParamValue;
    } else {
      out[key] = value as ParamValue;
    }
  }
  return out;
}
