/**
 * A small, safe reader for Python literals (what `repr` of a dict prints), for the
 * Amazon 2014 metadata dumps that are not JSON: single-quoted strings, True/False/None,
 * tuples. It builds values and never evaluates code. Dicts become null-prototype
 * objects so keys like "__proto__" stay plain keys.
 */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export class PythonLiteralError extends Error {
  constructor(message: string, readonly at: number) {
    super(`${message} at character ${at}`);
    this.name = 'PythonLiteralError';
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '0': '\0', '\\': '\\', "'": "'", '"': '"', '\n': '' };

export function parsePythonLiteral(text: string): PyValue {
  let p = 0;
  const fail = (what: string): never => {
    throw new PythonLiteralError(what, p);
  };
  const ws = () => {
    while (p < text.length && /\s/.test(text[p])) p++;
  };

  const str = (): string => {
    // String prefixes u/b (r is raw: backslashes kept).
    let raw = false;
    while (/[uUbBrR]/.test(text[p])) raw ||= /[rR]/.test(text[p++]);
    const q = text[p];
    const triple = text.startsWith(q.repeat(3), p);
    p += triple ? 3 : 1;
    let out = '';
    for (;;) {
      if (p >= text.length) fail('unterminated string');
      const c = text[p];
      if (triple ? text.startsWith(q.repeat(3), p) : c === q) {
        p += triple ? 3 : 1;
        return out;
      }
      if (c === '\\' && !raw) {
        const e = text[p + 1];
        if (e === 'x' || e === 'u' || e === 'U') {
          const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = text.slice(p + 2, p + 2 + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) fail('bad escape');
          out += String.fromCodePoint(parseInt(hex, 16));
          p += 2 + n;
        } else {
          out += ESCAPES[e] ?? `\\${e}`;
          p += 2;
        }
        continue;
      }
      out += c;
      p++;
    }
  };

  const seq = (close: string): PyValue[] => {
    const items: PyValue[] = [];
    p++;
    for (;;) {
      ws();
      if (text[p] === close) {
        p++;
        return items;
      }
      items.push(value());
      ws();
      if (text[p] === ',') p++;
      else if (text[p] !== close) fail(`expected "," or "${close}"`);
    }
  };

  const dict = (): PyValue => {
    const out: { [key: string]: PyValue } = Object.create(null);
    p++;
    for (;;) {
      ws();
      if (text[p] === '}') {
        p++;
        return out;
      }
      const key = value();
      ws();
      if (text[p] !== ':') fail('expected ":"');
      p++;
      out[String(key)] = value();
      ws();
      if (text[p] === ',') p++;
      else if (text[p] !== '}') fail('expected "," or "}"');
    }
  };

  const value = (): PyValue => {
    ws();
    const c = text[p];
    if (c === '{') return dict();
    if (c === '[') return seq(']');
    if (c === '(') return seq(')');
    if (c === "'" || c === '"' || (/[uUbBrR]/.test(c) && /['"]/.test(text[p + 1] ?? ''))) return str();
    for (const [word, v] of [['True', true], ['False', false], ['None', null]] as const) {
      if (text.startsWith(word, p)) {
        p += word.length;
        return v;
      }
    }
    const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(p, p + 64));
    if (!m) fail('unexpected character');
    p += m![0].length;
    return Number(m![0]);
  };

  const v = value();
  ws();
  if (p !== text.length) fail('unexpected text after the value');
  return v;
}
