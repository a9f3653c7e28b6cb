import { parsePythonLiteral } from './pythonLiteral.ts';

/**
 * One record per line, as the Amazon dumps write them: a JSON object, or (older 2014
 * dumps, written with Python's repr) a Python dict literal.
 */
export type LineRecord = Record<string, unknown>;

/** The record on a line, or why there is none. */
export function parseRecord(text: string): LineRecord | string {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    // Only a line that opens like a Python dict is worth the slower reader.
    if (!/^\s*\{\s*(['}]|u')/.test(text)) return 'not valid JSON';
    try {
      o = parsePythonLiteral(text);
    } catch {
      return 'neither JSON nor a Python dict';
    }
  }
  return typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as LineRecord) : 'not an object';
}
