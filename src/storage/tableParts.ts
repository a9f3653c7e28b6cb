/**
 * A ratings table as IndexedDB keeps it: a small head (store `tables`), then parts
 * (store `parts`), each its own record — rows in runs of at most ROWS_PER_PART (every
 * column cut alike; with review text, each row's end offset in it), then the user ids
 * and the item ids in runs of at most IDS_PER_PART, newline-joined (one string clones
 * far faster than many, and ids never contain newlines: the parsers split lines on
 * them), then the review text's bytes in runs of at most TEXT_BYTES_PER_PART. Writing
 * or reading a table structured-clones one part at a time, so neither ever holds a
 * clone of the whole table beside the table itself. Heads and parts written before
 * review text was kept have no text fields: they read as a table without it.
 */
import type { RatingsTable } from '../core/ratings.ts';

/** 1M rows: 21 MB of columns per part. */
export const ROWS_PER_PART = 1 << 20;
/** 256k ids: a few MB of text per part. */
export const IDS_PER_PART = 1 << 18;
/** 16 MiB of review text per part. */
export const TEXT_BYTES_PER_PART = 1 << 24;

export interface PartSizes {
  rows: number;
  ids: number;
  textBytes: number;
}

const SIZES: PartSizes = { rows: ROWS_PER_PART, ids: IDS_PER_PART, textBytes: TEXT_BYTES_PER_PART };

export interface TableHead {
  /** The dataset's id. */
  id: string;
  rows: number;
  users: number;
  items: number;
  hasVerified: boolean;
  /** The part sizes it was written with. */
  rowsPerPart: number;
  idsPerPart: number;
  /** Bytes of review text, when the table has that column. */
  reviewBytes?: number;
  textBytesPerPart?: number;
}

interface PartKey {
  /** The dataset's id. */
  dataset: string;
  /** Row parts first, then user id parts, then item id parts, then review text parts. */
  part: number;
}

export type TablePart = PartKey &
  (
    | {
        kind: 'rows';
        user: Int32Array;
        item: Int32Array;
        rating: Float32Array;
        time: Float64Array;
        verified: Uint8Array | null;
        /** Where each row's review text ends in the whole text (its offsets past the first), with review text. */
        reviewEnds?: Uint32Array;
      }
    | { kind: 'ids'; text: string }
    | { kind: 'reviews'; bytes: Uint8Array }
  );

export function tableHead(id: string, t: RatingsTable, sizes: PartSizes = SIZES): TableHead {
  const head: TableHead = { id, rows: t.rating.length, users: t.userIds.length, items: t.itemIds.length, hasVerified: t.verified !== null, rowsPerPart: sizes.rows, idsPerPart: sizes.ids };
  return t.reviews ? { ...head, reviewBytes: t.reviews.offsets[head.rows], textBytesPerPart: sizes.textBytes } : head;
}

/** How many parts of each kind a head's table has. */
export function partCounts(h: TableHead): { rows: number; users: number; items: number; reviews: number; total: number } {
  const rows = Math.ceil(h.rows / h.rowsPerPart);
  const users = Math.ceil(h.users / h.idsPerPart);
  const items = Math.ceil(h.items / h.idsPerPart);
  const reviews = h.reviewBytes === undefined ? 0 : Math.ceil(h.reviewBytes / h.textBytesPerPart!);
  return { rows, users, items, reviews, total: rows + users + items + reviews };
}

/** The key range holding every part keyed [id, part]: a dataset's table's, or a run's model's (modelParts.ts). */
export function partRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, 0], [id, Infinity]);
}

/**
 * Part `p` of table `t` as `head` lays it out: copies (slice), because a clone of a
 * subarray would carry its whole buffer.
 */
export function tablePart(head: TableHead, t: RatingsTable, p: number): TablePart {
  const n = partCounts(head);
  const key = { dataset: head.id, part: p };
  if (p < n.rows) {
    const a = p * head.rowsPerPart;
    const b = Math.min(head.rows, a + head.rowsPerPart);
    const rows = { user: t.user.slice(a, b), item: t.item.slice(a, b), rating: t.rating.slice(a, b), time: t.time.slice(a, b), verified: t.verified?.slice(a, b) ?? null };
    return { ...key, kind: 'rows', ...rows, ...(t.reviews ? { reviewEnds: t.reviews.offsets.slice(a + 1, b + 1) } : {}) };
  }
  if (p >= n.rows + n.users + n.items) {
    const a = (p - n.rows - n.users - n.items) * head.textBytesPerPart!;
    return { ...key, kind: 'reviews', bytes: t.reviews!.bytes.slice(a, Math.min(head.reviewBytes!, a + head.textBytesPerPart!)) };
  }
  const users = p < n.rows + n.users;
  const k = users ? p - n.rows : p - n.rows - n.users;
  const ids = users ? t.userIds : t.itemIds;
  return { ...key, kind: 'ids', text: ids.slice(k * head.idsPerPart, (k + 1) * head.idsPerPart).join('\n') };
}

/** Builds a table back from its head and its parts, handed over in order, one at a time. */
export class TableAssembler {
  private readonly table: RatingsTable;
  private readonly n: ReturnType<typeof partCounts>;
  private readonly userParts: string[][] = [];
  private readonly itemParts: string[][] = [];
  private next = 0;

  constructor(private readonly head: TableHead) {
    this.n = partCounts(head);
    this.table = {
      user: new Int32Array(head.rows),
      item: new Int32Array(head.rows),
      rating: new Float32Array(head.rows),
      time: new Float64Array(head.rows),
      verified: head.hasVerified ? new Uint8Array(head.rows) : null,
      ...(head.reviewBytes === undefined ? {} : { reviews: { bytes: new Uint8Array(head.reviewBytes), offsets: new Uint32Array(head.rows + 1) } }),
      userIds: [],
      itemIds: [],
    };
  }

  /** How many parts it needs in all. */
  get parts(): number {
    return this.n.total;
  }

  add(part: TablePart | undefined): void {
    const p = this.next;
    if (!part || part.part !== p) throw new Error(`dataset ${this.head.id}: its stored ratings are incomplete (part ${p} of ${this.n.total} is missing)`);
    this.next++;
    if (part.kind === 'rows') {
      const at = p * this.head.rowsPerPart;
      const t = this.table;
      t.user.set(part.user, at);
      t.item.set(part.item, at);
      t.rating.set(part.rating, at);
      t.time.set(part.time, at);
      if (t.verified && part.verified) t.verified.set(part.verified, at);
      if (t.reviews && part.reviewEnds) t.reviews.offsets.set(part.reviewEnds, at + 1);
      return;
    }
    if (part.kind === 'reviews') {
      this.table.reviews!.bytes.set(part.bytes, (p - this.n.rows - this.n.users - this.n.items) * this.head.textBytesPerPart!);
      return;
    }
    (p < this.n.rows + this.n.users ? this.userParts : this.itemParts).push(part.text.split('\n'));
  }

  /** The table, once every part was added. */
  finish(): RatingsTable {
    if (this.next !== this.n.total) throw new Error(`dataset ${this.head.id}: its stored ratings are incomplete (${this.next} of ${this.n.total} parts)`);
    const userIds = ([] as string[]).concat(...this.userParts);
    const itemIds = ([] as string[]).concat(...this.itemParts);
    if (userIds.length !== this.head.users || itemIds.length !== this.head.items) throw new Error(`dataset ${this.head.id}: its stored ids do not match its counts`);
    return { ...this.table, userIds, itemIds };
  }
}

/**
 * Write `table`'s head and parts in `tx`, one part at a time: each part is cloned when
 * it is put, and the next is cut only once that put is done. `add` fails on an
 * existing table, and so fails the transaction.
 */
export async function writeTable(stores: TableStores<'write'>, id: string, table: RatingsTable, sizes: PartSizes = SIZES): Promise<void> {
  const head = tableHead(id, table, sizes);
  await stores.tables.add(head);
  for (let p = 0; p < partCounts(head).total; p++) await stores.parts.add(tablePart(head, table, p));
}

/**
 * A table read in `tx` part by part, the next part's read in flight while one is added
 * (the browser reads it from disk meanwhile): at most two parts' clones beside the columns.
 */
export async function readTable(stores: TableStores<'read'>, id: string): Promise<RatingsTable> {
  const head = await stores.tables.get(id);
  if (!head) throw new Error(`dataset ${id} has no stored ratings (was it deleted?)`);
  const table = new TableAssembler(head);
  let next = stores.parts.get([id, 0]);
  for (let p = 0; p < table.parts; p++) {
    const part = await next;
    if (p + 1 < table.parts) next = stores.parts.get([id, p + 1]);
    table.add(part);
  }
  return table.finish();
}

/** The two stores of a transaction (idb's object stores), as much of them as reading or writing a table uses. */
export interface TableStores<Use extends 'read' | 'write'> {
  tables: Use extends 'read' ? { get(id: string): Promise<TableHead | undefined> } : { add(head: TableHead): Promise<unknown> };
  parts: Use extends 'read' ? { get(key: [string, number]): Promise<TablePart | undefined> } : { add(part: TablePart): Promise<unknown> };
}
