import { latin1 } from './bytes.ts';
import { splitFields } from './delimited.ts';
import { ImportError } from './errors.ts';
import type { FormatSample } from './formats.ts';
import { readLines, type BadRow, type ReadOptions } from './pipeline.ts';
import { parseRecord, type LineRecord } from './records.ts';
import { displayText } from '../text/display.ts';

/**
 * Item metadata files → title, store and category per raw item id, to attach to a
 * dataset's items:
 * - Amazon 2023 JSONL keyed by parent_asin; 2014/2018 JSON or Python-literal dicts keyed by asin;
 * - MovieLens `u.item` (ml-100k: `id|title|release date|video release|IMDb URL|19 genre
 *   flags`, Latin-1) and `movies.csv` (ml-latest / ml-20m+: `movieId,title,genres`,
 *   UTF-8, titles with commas quoted, `""` for a quote), keyed by movie id; the genres
 *   become the category.
 * Values stay plain text: HTML in a title is kept as characters, never interpreted;
 * `displayTitle`, `store` and `category` are what a person reads (displayText).
 */
export interface ItemInfo {
  /** The title as the file wrote it (may hold scraped HTML: treat as text). */
  title: string;
  /** Tags removed, entities decoded, whitespace collapsed; '' when nothing readable is left. */
  displayTitle: string;
  store: string;
  category: string;
}

export type MetadataFormat = 'amazon2023-meta' | 'amazon2018-meta' | 'movielens-u.item' | 'movielens-movies.csv';

export interface MetadataResult {
  /** Keyed by raw item id (parent_asin, asin or movie id). */
  items: Map<string, ItemInfo>;
  format: MetadataFormat;
  fileName: string;
  bytes: number;
  /** Records read, including repeats of the same item. */
  records: number;
  badRows: number;
  badExamples: BadRow[];
  seconds: number;
}

const utf8 = new TextDecoder();

type Rec = LineRecord;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The most specific usable category: main_category/main_cat, else the first path's last name. */
function categoryOf(r: Rec): string {
  const main = str(r.main_category) || str(r.main_cat);
  if (main) return main;
  const list = (r.categories ?? r.category) as unknown;
  if (!Array.isArray(list) || list.length === 0) return '';
  const first = list[0];
  // 2014: [["Beauty", "Skin Care", …]]; 2018: ["Magazine Subscriptions", …]; 2023: ["Beauty", …].
  if (Array.isArray(first)) return str(first[first.length - 1]);
  return str(first);
}

/** One line read: the item it describes, or why it is a bad row. */
type Parsed = { id: string; title: string; store: string; category: string } | string;

/** ml-100k's u.genre, in the order of u.item's 19 flags. */
const U_ITEM_GENRES = ['unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy', 'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western'];
const COMMA = 44;
const INTEGER = /^\d+$/;

/** `id|title|release|video release|url|flag × 19`, Latin-1 (ml-100k's own encoding). */
function uItemLine(b: Uint8Array, s: number, e: number): Parsed {
  const fields = latin1(b, s, e).split('|');
  const id = fields[0].trim();
  if (fields.length < 2 || !INTEGER.test(id)) return 'expected movie id|title|… (MovieLens u.item)';
  const genres = U_ITEM_GENRES.filter((_, g) => fields[5 + g]?.trim() === '1');
  return { id, title: fields[1].trim(), store: '', category: genres.join(', ') };
}

/** `movieId,title,genres` with CSV quoting; genres `A|B`, or "(no genres listed)". */
function moviesCsvLine(fs: Int32Array, fe: Int32Array, esc: Uint8Array): (b: Uint8Array, s: number, e: number) => Parsed {
  return (b, s, e) => {
    const n = splitFields(b, s, e, COMMA, false, 3, fs, fe, esc);
    const field = (k: number) => {
      const text = utf8.decode(b.subarray(fs[k], fe[k])).trim();
      return esc[k] ? text.replaceAll('""', '"') : text;
    };
    const id = n >= 2 ? field(0) : '';
    if (!INTEGER.test(id)) return 'expected movieId,title,genres (MovieLens movies.csv)';
    const genres = n >= 3 ? field(2) : '';
    return { id, title: field(1), store: '', category: genres === '(no genres listed)' ? '' : genres.split('|').join(', ') };
  };
}

/** Amazon: one JSON object or Python dict per line, keyed by `idKey`. */
function amazonLine(idKey: string): (b: Uint8Array, s: number, e: number) => Parsed {
  return (b, s, e) => {
    const r = parseRecord(utf8.decode(b.subarray(s, e)));
    if (typeof r === 'string') return r;
    const id = str(r[idKey]);
    if (!id) return `missing ${idKey}`;
    return { id, title: str(r.title), store: str(r.store) || str(r.brand), category: categoryOf(r) };
  };
}

/** Which metadata format the first line is, and its line reader; an ImportError saying what is wrong otherwise. */
function layoutOf(sample: FormatSample, fileName: string): { format: MetadataFormat; headerLines: number; line: (b: Uint8Array, s: number, e: number) => Parsed } {
  const text = sample.text[0] ?? '';
  if (/^\s*movieId\s*,\s*title\s*(,|$)/i.test(text)) {
    return { format: 'movielens-movies.csv', headerLines: 1, line: moviesCsvLine(new Int32Array(3), new Int32Array(3), new Uint8Array(3)) };
  }
  const pipes = text.split('|');
  if (pipes.length >= 5 && INTEGER.test(pipes[0].trim())) return { format: 'movielens-u.item', headerLines: 0, line: uItemLine };
  const first = parseRecord(text);
  if (typeof first === 'string' || (!('parent_asin' in first) && !('asin' in first))) {
    throw new ImportError(
      fileName,
      'not an item metadata file: expected JSON lines (or Python dicts) with asin or parent_asin and title, MovieLens u.item (id|title|…) or movies.csv (movieId,title,genres).',
      { line: 1 },
    );
  }
  if ('user_id' in first || 'reviewerID' in first) {
    throw new ImportError(fileName, 'this is a reviews (ratings) file, not item metadata. Import it as ratings instead.');
  }
  return 'parent_asin' in first
    ? { format: 'amazon2023-meta', headerLines: 0, line: amazonLine('parent_asin') }
    : { format: 'amazon2018-meta', headerLines: 0, line: amazonLine('asin') };
}

export async function importItemMetadata(source: ReadableStream<Uint8Array>, opts: ReadOptions): Promise<MetadataResult> {
  const started = performance.now();
  const items = new Map<string, ItemInfo>();
  let records = 0;
  let format: MetadataFormat = 'amazon2018-meta';
  const read = await readLines(source, opts, (sample) => {
    const layout = layoutOf(sample, opts.fileName);
    format = layout.format;
    return {
      headerLines: layout.headerLines,
      rows: () => records,
      line: (b, s, e) => {
        const r = layout.line(b, s, e);
        if (typeof r === 'string') return r;
        records++;
        const info = { title: r.title, displayTitle: displayText(r.title), store: displayText(r.store), category: displayText(r.category) };
        const prev = items.get(r.id);
        // The 2018 dumps repeat items; keep the first value of each field that is not empty.
        if (!prev) items.set(r.id, info);
        else {
          if (!prev.displayTitle && info.displayTitle) {
            prev.title = info.title;
            prev.displayTitle = info.displayTitle;
          }
          prev.store ||= info.store;
          prev.category ||= info.category;
        }
        return null;
      },
    };
  });
  if (records === 0) {
    throw new ImportError(opts.fileName, 'no valid metadata record (each line needs an item id: asin, parent_asin or a MovieLens movie id).');
  }
  return {
    items,
    format,
    fileName: opts.fileName,
    bytes: read.bytes,
    records,
    badRows: read.badRows,
    badExamples: read.badExamples,
    seconds: (performance.now() - started) / 1000,
  };
}
