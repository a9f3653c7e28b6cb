/**
 * Hyperparameters in a URL query, read and written through the registry, so a lab
 * link (or a reload) restores a form exactly: `p.n_factors=50&p.sim_options.name=cosine`.
 * Only values that differ from the defaults are written; values that do not fit the
 * registry are dropped with a reason rather than trusted.
 */
import { defaultParams, paramError } from './params.ts';
import type { AlgorithmSpec, FlatParams, ParamSpec, ParamValue } from './types.ts';

const PREFIX = 'p.';

function parseValue(p: ParamSpec, text: string): ParamValue {
  if (p.type === 'bool') return text === 'true' ? true : text === 'false' ? false : text;
  if (p.type === 'choice') return text;
  if (text === '' && p.nullable) return null;
  return Number(text);
}

export function paramsToQuery(spec: AlgorithmSpec, params: FlatParams, query: URLSearchParams): void {
  const defaults = defaultParams(spec);
  for (const key of [...query.keys()]) if (key.startsWith(PREFIX)) query.delete(key);
  for (const p of spec.params) {
    const v = params[p.key];
    if (v !== undefined && v !== defaults[p.key]) query.set(PREFIX + p.key, v === null ? '' : String(v));
  }
}

export function paramsFromQuery(spec: AlgorithmSpec, query: URLSearchParams): { params: FlatParams; dropped: string[] } {
  const params = defaultParams(spec);
  const dropped: string[] = [];
  const known = new Map(spec.params.map((p) => [p.key, p]));
  for (const [key, text] of query) {
    if (!key.startsWith(PREFIX)) continue;
    const p = known.get(key.slice(PREFIX.length));
    if (!p) {
      dropped.push(`${spec.id} has no parameter "${key.slice(PREFIX.length)}"`);
      continue;
    }
    const value = parseValue(p, text);
    const err = paramError(p, value);
    if (err) dropped.push(err);
    else params[p.key] = value;
  }
  return { params, dropped };
}
