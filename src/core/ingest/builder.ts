import { grow, IdDictionary } from './idDictionary.ts';
import type { RatingsTable } from '../ratings.ts';

/**
 * The growing table an import writes into: typed columns that double when full, and
 * byte-keyed id dictionaries. Parsers validate a row first and only then intern its
 * ids, so a bad row leaves no orphan id behind.
 */
export class RatingsBuilder {
  readonly users = new IdDictionary();
  readonly items = new IdDictionary();
  user = new Int32Array(1 << 14);
  item = new Int32Array(1 << 14);
  rating = new Float32Array(1 << 14);
  time = new Float64Array(1 << 14);
  /** Present only for formats that carry a verified-purchase flag. */
  verified: Uint8Array | null;
  length = 0;

  constructor(hasVerified: boolean) {
    this.verified = hasVerified ? new Uint8Array(1 << 14) : null;
  }

  /** Append one row; `verified` is ignored when the format has no such flag. */
  add(user: number, item: number, rating: number, time: number, verified: number): void {
    const k = this.length;
    if (k === this.user.length) this.growColumns();
    this.user[k] = user;
    this.item[k] = item;
    this.rating[k] = rating;
    this.time[k] = time;
    if (this.verified) this.verified[k] = verified;
    this.length = k + 1;
  }

  private growColumns(): void {
    const need = this.length + 1;
    this.user = grow(this.user, need);
    this.item = grow(this.item, need);
    this.rating = grow(this.rating, need);
    this.time = grow(this.time, need);
    if (this.verified) this.verified = grow(this.verified, need);
  }

  /** Bytes held by columns and dictionaries, for progress and memory reports. */
  byteSize(): number {
    const cols = [this.user, this.item, this.rating, this.time, this.verified];
    return cols.reduce((s, c) => s + (c ? c.byteLength : 0), 0) + this.users.byteSize() + this.items.byteSize();
  }

  /**
   * The finished table, columns trimmed to their length (copies, so the spare capacity
   * is freed and transfers send only the rows). The builder is spent afterwards.
   */
  build(): RatingsTable {
    const n = this.length;
    const table: RatingsTable = {
      user: this.user.slice(0, n),
      item: this.item.slice(0, n),
      rating: this.rating.slice(0, n),
      time: this.time.slice(0, n),
      verified: this.verified ? this.verified.slice(0, n) : null,
      userIds: this.users.toStrings(),
      itemIds: this.items.toStrings(),
    };
    this.user = this.item = new Int32Array(0);
    this.rating = new Float32Array(0);
    this.time = new Float64Array(0);
    this.verified = null;
    this.length = 0;
    return table;
  }
}
