/**
 * A ratings table as IndexedDB keeps it: a small head (store `tables`), then parts
 * (store `parts`), each its own record — rows in runs of at most ROWS_PER_PART (every
 * column cut alike), then the user ids and the item ids in runs of at most
 * IDS_PER_PART, newline-joined (one string clones far faster than many, and ids
 * never contain newlines: the parsers split lines on them). Writing or reading a
 * table structured-clones one part at a time, so neither ever holds a clone of the
 * whole table beside the table itself.
 */
import type { RatingsTable } from '../core/ratings.ts';

/** 1M rows: 21 MB of columns per part. */
export const ROWS_PER_PART = 1 << 20;
/** 256k ids: a few MB of text per part. */
export const IDS_PER_PART = 1 << 18;

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
}

interface PartKey {
  /** The dataset's id. */
  dataset: string;
  /** Row parts first, then user id parts, then item id parts. */
  part: number;
}

export type TablePart = PartKey &
  (
    | { kind: 'rows'; user: Int32Array; item: Int32Array; rating: Float32Array; time: Float64Array; verified: Uint8Array | null }
    | { kind: 'ids'; text: string }
  );

export function tableHead(id: string, t: RatingsTable, rowsPerPart = ROWS_PER_PART, idsPerPart = IDS_PER_PART): TableHead {
  return { id, rows: t.rating.length, users: t.userIds.length, items: t.itemIds.length, hasVerified: t.verified !== null, rowsPerPart, idsPerPart };
}

/** How many parts of each kind a head's table has. */
export function partCounts(h: TableHead): { rows: number; users: number; items: number; total: number } {
  const rows = Math.ceil(h.rows / h.rowsPerPart);
  const users = Math.ceil(h.users / h.idsPerPart);
  const items = Math.ceil(h.items / h.idsPerPart);
  return { rows, users, items, total: rows + users + items };
}

/** The key range holding every part of a dataset's table. */
export function partRange(dataset: string): IDBKeyRange {
  return IDBKeyRange.bound([dataset, 0], [dataset, Infinity]);
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
    return { ...key, kind: 'rows', user: t.user.slice(a, b), item: t.item.slice(a, b), rating: t.rating.slice(a, b), time: t.time.slice(a, b), verified: t.verified?.slice(a, b) ?? null };
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
export async function writeTable(stores: TableStores<'write'>, id: string, table: RatingsTable, sizes = { rows: ROWS_PER_PART, ids: IDS_PER_PART }): Promise<void> {
  const head = tableHead(id, table, sizes.rows, sizes.ids);
  await stores.tables.add(head);
  for (let p = 0; p < partCounts(head).total; p++) await stores.parts.add(tablePart(head, table, p));
}

/** A table read in `tx` part by part: one part's clone at a time beside the columns. */
export async function readTable(stores: TableStores<'read'>, id: string): Promise<RatingsTable> {
  const head = await stores.tables.get(id);
  if (!head) throw new Error(`dataset ${id} has no stored ratings (was it deleted?)`);
  const table = new TableAssembler(head);
  for (let p = 0; p < table.parts; p++) table.add(await stores.parts.get([id, p]));
  return table.finish();
}

/** The two stores of a transaction (idb's object stores), as much of them as reading or writing a table uses. */
export interface TableStores<Use extends 'read' | 'write'> {
  tables: Use extends 'read' ? { get(id: string): Promise<TableHead | undefined> } : { add(head: TableHead): Promise<unknown> };
  parts: Use extends 'read' ? { get(key: [string, number]): Promise<TablePart | undefined> } : { add(part: TablePart): Promise<unknown> };
}
