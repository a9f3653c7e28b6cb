import { ImportError } from './errors.ts';
import { readLines, type BadRow, type ReadOptions } from './pipeline.ts';
import { parseRecord, type LineRecord } from './records.ts';
import { displayText } from '../text/display.ts';

/**
 * Item metadata files (Amazon 2023 JSONL keyed by parent_asin; 2014/2018 JSON or
 * Python-literal dicts keyed by asin) → title, store and category per raw item id, to
 * attach to a dataset's items. Values stay plain text: HTML in a title is kept as
 * characters, never interpreted; `displayTitle` is the same text with tags stripped.
 */
export interface ItemInfo {
  /** The title as the file wrote it (may hold scraped HTML: treat as text). */
  title: string;
  /** Tags removed, entities decoded, whitespace collapsed; '' when nothing readable is left. */
  displayTitle: string;
  store: string;
  category: string;
}

export type MetadataFormat = 'amazon2023-meta' | 'amazon2018-meta';

export interface MetadataResult {
  /** Keyed by raw item id (parent_asin or asin). */
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

export async function importItemMetadata(source: ReadableStream<Uint8Array>, opts: ReadOptions): Promise<MetadataResult> {
  const started = performance.now();
  const items = new Map<string, ItemInfo>();
  let records = 0;
  let format: MetadataFormat = 'amazon2018-meta';
  const read = await readLines(source, opts, (sample) => {
    const first = parseRecord(sample.text[0]);
    if (typeof first === 'string' || (!('parent_asin' in first) && !('asin' in first))) {
      throw new ImportError(opts.fileName, 'not an item metadata file: expected JSON lines (or Python dicts) with asin or parent_asin and title.', { line: 1 });
    }
    if ('user_id' in first || 'reviewerID' in first) {
      throw new ImportError(opts.fileName, 'this is a reviews (ratings) file, not item metadata. Import it as ratings instead.');
    }
    format = 'parent_asin' in first ? 'amazon2023-meta' : 'amazon2018-meta';
    const idKey = format === 'amazon2023-meta' ? 'parent_asin' : 'asin';
    return {
      headerLines: 0,
      rows: () => records,
      line: (b, s, e) => {
        const r = parseRecord(utf8.decode(b.subarray(s, e)));
        if (typeof r === 'string') return r;
        const id = str(r[idKey]);
        if (!id) return `missing ${idKey}`;
        records++;
        const title = str(r.title);
        const info = { title, displayTitle: displayText(title), store: displayText(str(r.store) || str(r.brand)), category: displayText(categoryOf(r)) };
        const prev = items.get(id);
        // The 2018 dumps repeat items; keep the first value of each field that is not empty.
        if (!prev) items.set(id, info);
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
    throw new ImportError(opts.fileName, 'no valid metadata record (each line needs an asin or parent_asin).');
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
