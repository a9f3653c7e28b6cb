import { grow, IdDictionary } from './idDictionary.ts';
import { dedupeKeepLatest, type RatingsTable } from '../ratings.ts';
import { ReviewColumn, type ReviewLimits } from '../reviews.ts';
import type { UserSample } from './userSample.ts';

/**
 * The growing table an import writes into: typed columns that double when full, and
 * byte-keyed id dictionaries. Parsers validate a row first and only then intern its
 * ids, so a bad row leaves no orphan id behind.
 */
export class RatingsBuilder {
  readonly users = new IdDictionary();
  readonly items = new IdDictionary();
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array;
  time: Float64Array;
  /** Present only for formats that carry a verified-purchase flag. */
  verified: Uint8Array | null;
  /** Present only for formats that carry review text. */
  readonly reviews: ReviewColumn | null;
  length = 0;
  /** Valid rows left out because their user was not in the sample. */
  sampledOut = 0;
  /** Whether any row carried the flag: a file of such a format without it in any row (Amazon 2014) has no verified column. */
  private flagged = false;

  /**
   * `expectedRows` sizes the columns up front when the file size tells roughly how
   * many rows to expect: no doubling copies, and no peak of old + new columns.
   */
  constructor(
    hasVerified: boolean,
    expectedRows = 0,
    reviews: ReviewLimits | null = null,
    private readonly sample: UserSample | null = null,
  ) {
    const cap = Math.max(1 << 14, Math.ceil(expectedRows));
    this.user = new Int32Array(cap);
    this.item = new Int32Array(cap);
    this.rating = new Float32Array(cap);
    this.time = new Float64Array(cap);
    this.verified = hasVerified ? new Uint8Array(cap) : null;
    this.reviews = reviews && new ReviewColumn(cap, reviews);
  }

  /**
   * The row predicate of import-time user sampling: whether a valid row whose user id is
   * the bytes [s, e) is kept. Parsers ask before interning, so a user left out never
   * enters the dictionary; a row left out is counted, not appended.
   */
  keepsUser(b: Uint8Array, s: number, e: number): boolean {
    if (this.sample === null || this.sample.keeps(b, s, e)) return true;
    this.sampledOut++;
    return false;
  }

  /**
   * Append one row; `verified` is 1, 0, or −1 when the row carries no flag (kept as 0),
   * ignored when the format has no such flag; `review` is the row's review text ('' for
   * none), kept when the format carries review text.
   */
  add(user: number, item: number, rating: number, time: number, verified: number, review = ''): void {
    const k = this.length;
    if (k === this.user.length) this.growColumns();
    this.user[k] = user;
    this.item[k] = item;
    this.rating[k] = rating;
    this.time[k] = time;
    if (this.verified) {
      this.verified[k] = verified > 0 ? 1 : 0;
      if (verified >= 0) this.flagged = true;
    }
    this.reviews?.set(k, review);
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

  /**
   * The finished table with repeated user–item pairs resolved (keep the latest), its
   * columns trimmed to their length so transfers send only the rows. The id strings
   * are made last, once the growable columns and hash tables are released: millions
   * of strings make every later garbage collection slower, so the big allocations of
   * deduplication happen before they exist. The builder is spent afterwards.
   */
  build(): { table: RatingsTable; duplicates: number } {
    const { columns, duplicates } = this.finishColumns();
    const table: RatingsTable = { ...columns, userIds: this.users.takeStrings(), itemIds: this.items.takeStrings() };
    return { table, duplicates };
  }

  private finishColumns(): { columns: Omit<RatingsTable, 'userIds' | 'itemIds'>; duplicates: number } {
    const n = this.length;
    const reviews = this.reviews?.finish(n);
    const views: RatingsTable = {
      user: this.user.subarray(0, n),
      item: this.item.subarray(0, n),
      rating: this.rating.subarray(0, n),
      time: this.time.subarray(0, n),
      verified: this.verified && this.flagged ? this.verified.subarray(0, n) : null,
      ...(reviews ? { reviews } : {}),
      // Sized placeholders: deduplication reads only the counts, and keeps indices as they are.
      userIds: new Array<string>(this.users.size),
      itemIds: new Array<string>(this.items.size),
    };
    const { table: t, duplicates } = dedupeKeepLatest(views);
    // Without duplicates the columns are still views of the growable buffers: copy to trim.
    const own = t !== views;
    const columns = {
      user: own ? t.user : t.user.slice(),
      item: own ? t.item : t.item.slice(),
      rating: own ? t.rating : t.rating.slice(),
      time: own ? t.time : t.time.slice(),
      verified: own || !t.verified ? t.verified : t.verified.slice(),
      // finish() made the texts in buffers of their own size.
      ...(t.reviews ? { reviews: t.reviews } : {}),
    };
    this.user = this.item = new Int32Array(0);
    this.rating = new Float32Array(0);
    this.time = new Float64Array(0);
    this.verified = null;
    this.length = 0;
    return { columns, duplicates };
  }
}
