import { DelimitedParser, fieldsOf, MAX_FIELDS, type DelimitedLayout } from './delimited.ts';
import { ImportError } from './errors.ts';
import { AMAZON_2018_KEYS, AMAZON_2023_KEYS, JsonReviewParser } from './jsonReviews.ts';
import type { RowParser } from './parser.ts';
import { parseRecord } from './records.ts';

/**
 * The ratings formats RecLab reads: one list that auto-detection, the UI's override
 * menu and the CLI's --format all use.
 */
export type FormatName = 'kaggle-csv' | 'csv' | 'movielens-udata' | 'movielens-dat' | 'amazon2023-jsonl' | 'amazon2018-json';

/** Columns chosen by the user when a header is not recognised: 0-based indices or header names. */
export interface ColumnMap {
  user: number | string;
  item: number | string;
  rating: number | string;
  timestamp?: number | string;
  verified?: number | string;
}

/** The first lines of a file (decompressed, BOM and CR removed, blank lines skipped). */
export interface FormatSample {
  fileName: string;
  lines: Uint8Array[];
  text: string[];
}

export interface FormatDescriptor {
  name: FormatName;
  label: string;
  /** True when the sample looks like this format. */
  detect(sample: FormatSample): boolean;
  /** A parser for this file; throws ImportError when its columns cannot be placed. */
  parser(sample: FormatSample, columnMap?: ColumnMap): RowParser;
}

const COMMA = 44;
const TAB = 9;
const COLON = 58;
const SEMICOLON = 59;
const PIPE = 124;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** user, item, rating[, timestamp] with a numeric rating: a headerless ratings line. */
function looksHeaderless(fields: string[]): boolean {
  if (fields.length < 3 || !fields[0] || !fields[1] || !NUMBER.test(fields[2])) return false;
  return fields.length < 4 || fields[3] === '' || NUMBER.test(fields[3]);
}

function firstFields(sample: FormatSample, delim: number, double = false): string[] {
  return sample.lines.length ? fieldsOf(sample.lines[0], delim, double) : [];
}

/** The line's record (JSON object or Python dict), or null. */
function recordOf(text: string | undefined): Record<string, unknown> | null {
  if (!text || !text.trimStart().startsWith('{')) return null;
  const r = parseRecord(text);
  return typeof r === 'string' ? null : r;
}

// Header names, normalised (lower case, letters and digits only), in order of preference.
const HEADER_NAMES = {
  user: ['userid', 'reviewerid', 'user'],
  item: ['parentasin', 'itemid', 'productid', 'asin', 'movieid', 'item'],
  rating: ['rating', 'overall', 'score', 'stars'],
  timestamp: ['timestamp', 'unixreviewtime', 'time', 'date'],
  verified: ['verified', 'verifiedpurchase'],
};

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The delimiter a header line uses: the most frequent of , TAB ; | */
function headerDelimiter(line: Uint8Array): number {
  let best = COMMA;
  let bestCount = 0;
  for (const d of [COMMA, TAB, SEMICOLON, PIPE]) {
    let c = 0;
    for (let k = 0; k < line.length; k++) if (line[k] === d) c++;
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

/** The header as `0:"user", 1:"item", …`, cut short for very wide or damaged lines. */
function describeHeader(header: string[]): string {
  const shown = header.slice(0, 16).map((h, k) => `${k}:${JSON.stringify(h.length > 40 ? `${h.slice(0, 40)}…` : h)}`);
  return shown.join(', ') + (header.length > 16 ? `, … (${header.length} columns)` : '');
}

type Columns = Pick<DelimitedLayout, 'user' | 'item' | 'rating' | 'time' | 'verified'>;

/** Column indices from the user's ColumnMap: indices, or names looked up in the header. */
function columnsFromMap(sample: FormatSample, header: string[] | null, columnMap: ColumnMap): Columns {
  const resolve = (ref: number | string | undefined, role: string): number => {
    if (ref === undefined) return -1;
    if (typeof ref === 'number') {
      if (Number.isInteger(ref) && ref >= 0 && ref < MAX_FIELDS) return ref;
      throw new ImportError(sample.fileName, `column ${ref} for ${role} is not a column index (0, 1, 2, … below ${MAX_FIELDS})`);
    }
    const k = header ? header.findIndex((h) => h === ref || normalise(h) === normalise(ref)) : -1;
    if (k < 0) {
      const has = header ? `its header is ${describeHeader(header)}` : 'it has no header, so give column numbers';
      throw new ImportError(sample.fileName, `no column named "${ref}" for ${role}: ${has}`);
    }
    return k;
  };
  return {
    user: resolve(columnMap.user, 'the user id'),
    item: resolve(columnMap.item, 'the item id'),
    rating: resolve(columnMap.rating, 'the rating'),
    time: resolve(columnMap.timestamp, 'the timestamp'),
    verified: resolve(columnMap.verified, 'the verified flag'),
  };
}

/** Column indices from known header names; an ImportError listing the header when they are not there. */
function columnsFromHeader(sample: FormatSample, header: string[]): Columns {
  const norm = header.map(normalise);
  const find = (names: string[]) => {
    for (const n of names) {
      const k = norm.indexOf(n);
      if (k >= 0) return k;
    }
    return -1;
  };
  const placed = {
    user: find(HEADER_NAMES.user),
    item: find(HEADER_NAMES.item),
    rating: find(HEADER_NAMES.rating),
    time: find(HEADER_NAMES.timestamp),
    verified: find(HEADER_NAMES.verified),
  };
  const missing = (['user', 'item', 'rating'] as const).filter((k) => placed[k] < 0);
  if (missing.length) {
    throw new ImportError(
      sample.fileName,
      `the first line, read as a header, does not say which columns hold the ${missing.join(', ')} (its columns are ${describeHeader(header)}). ` +
        'Map the columns by hand (user, item, rating, optional timestamp).',
      { line: 1, header },
    );
  }
  return placed;
}

function headerless(delimiter: number, double: boolean) {
  return (sample: FormatSample, columnMap?: ColumnMap): RowParser => {
    const placed = columnMap
      ? columnsFromMap(sample, null, columnMap)
      : { user: 0, item: 1, rating: 2, time: firstFields(sample, delimiter, double).length >= 4 ? 3 : -1, verified: -1 };
    return new DelimitedParser({ delimiter, double, headerLines: 0, ...placed });
  };
}

/** The first sample line that is a record: one damaged first line should not hide the format. */
function firstRecord(sample: FormatSample): Record<string, unknown> | null {
  for (const t of sample.text) {
    const o = recordOf(t);
    if (o) return o;
  }
  return null;
}

const jsonKeysDetect = (keys: string[]) => (sample: FormatSample) => {
  const o = firstRecord(sample);
  return o !== null && keys.every((k) => k in o);
};

export const FORMATS: readonly FormatDescriptor[] = [
  {
    name: 'amazon2023-jsonl',
    label: 'Amazon Reviews 2023 (JSON lines: user_id, parent_asin, rating, timestamp ms)',
    detect: jsonKeysDetect(['user_id', 'rating']),
    parser: () => new JsonReviewParser(AMAZON_2023_KEYS),
  },
  {
    name: 'amazon2018-json',
    label: 'Amazon 2014/2018 reviews (JSON lines or Python dicts: reviewerID, asin, overall, unixReviewTime)',
    detect: jsonKeysDetect(['reviewerID', 'overall']),
    parser: () => new JsonReviewParser(AMAZON_2018_KEYS),
  },
  {
    name: 'movielens-dat',
    label: 'MovieLens ratings.dat (user::item::rating::timestamp)',
    detect: (s) => looksHeaderless(firstFields(s, COLON, true)),
    parser: headerless(COLON, true),
  },
  {
    name: 'kaggle-csv',
    label: 'Kaggle/SNAP ratings CSV without header (user,item,rating,timestamp)',
    detect: (s) => looksHeaderless(firstFields(s, COMMA)),
    parser: headerless(COMMA, false),
  },
  {
    name: 'movielens-udata',
    label: 'MovieLens u.data / TSV without header (user, item, rating, timestamp)',
    detect: (s) => looksHeaderless(firstFields(s, TAB)),
    parser: headerless(TAB, false),
  },
  {
    name: 'csv',
    label: 'CSV/TSV with a header (user_id/userId/reviewerID, item_id/asin/parent_asin/movieId, rating/overall, timestamp)',
    detect: (s) => s.text.length > 0 && !/^\s*[{[]/.test(s.text[0]) && /[,\t;|]/.test(s.text[0]),
    parser: (sample, columnMap) => {
      const delimiter = headerDelimiter(sample.lines[0]);
      const header = fieldsOf(sample.lines[0], delimiter, false);
      return new DelimitedParser({ delimiter, double: false, headerLines: 1, ...(columnMap ? columnsFromMap(sample, header, columnMap) : columnsFromHeader(sample, header)) });
    },
  },
];

export function formatByName(name: string): FormatDescriptor {
  const f = FORMATS.find((d) => d.name === name);
  if (!f) throw new RangeError(`unknown format "${name}"; known: ${FORMATS.map((d) => d.name).join(', ')}`);
  return f;
}

/** The format the sample is in, or an ImportError saying why none fits. */
export function detectFormat(sample: FormatSample): FormatDescriptor {
  const f = FORMATS.find((d) => d.detect(sample));
  if (f) return f;
  const first = sample.text[0] ?? '';
  const o = firstRecord(sample);
  if (o !== null && ('parent_asin' in o || 'asin' in o)) {
    throw new ImportError(
      sample.fileName,
      'this is an item metadata file (titles, categories), not ratings. Import a ratings file first, then attach this file to it for titles.',
    );
  }
  if (o !== null) {
    throw new ImportError(
      sample.fileName,
      `JSON lines without rating fields (found keys ${Object.keys(o).slice(0, 12).join(', ')}). ` +
        'Expected Amazon reviews (reviewerID/asin/overall or user_id/parent_asin/rating).',
      { line: 1 },
    );
  }
  throw new ImportError(
    sample.fileName,
    `not a recognised ratings file (first line: ${JSON.stringify(first.slice(0, 120))}). ` +
      'Expected CSV/TSV ratings (user, item, rating, timestamp), MovieLens or Amazon review JSON; pick the format by hand if it is one of these.',
    { line: 1 },
  );
}
