/**
 * A seeded, Kaggle-shaped `ratings_Electronics.csv`: no header,
 * `userId,productId,rating,timestamp`, sorted by product like the original, with the
 * original's size and id shapes (users like A2CX7LUOHB2NDG, ASINs like 0132793040 and
 * B00004ZCJE), most users rating once and a few items rated thousands of times.
 * Shared by the Node benchmark and the browser-worker benchmark.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createRng, type Rng } from '../src/core/rng.ts';

export interface KaggleShape {
  rows: number;
  users: number;
  items: number;
  seed: number;
}

/** The full Electronics file as commonly reported. */
export const ELECTRONICS_SHAPE: KaggleShape = { rows: 7_824_482, users: 4_200_000, items: 476_000, seed: 2014 };

/** Amazon Reviews'23 Electronics as its paper reports it: 43.9M ratings, 18.3M users, 1.6M items. */
export const ELECTRONICS_2023_SHAPE: KaggleShape = { rows: 43_900_000, users: 18_300_000, items: 1_600_000, seed: 2023 };

/**
 * How the lines look: the Kaggle/SNAP 2014 file (no header, 14-character user ids, unix
 * seconds), or a Reviews'23 rating_only CSV (header user_id,parent_asin,rating,timestamp,
 * 28-character user ids, parent ASINs, milliseconds).
 */
export type FileStyle = 'kaggle' | 'reviews23';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An odd-multiplier bijection on 32-bit integers, so ids built from it never collide. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

function base36(x: number, width: number): string {
  let s = '';
  for (let k = 0; k < width; k++) {
    s = ALNUM[x % 36] + s;
    x = Math.floor(x / 36);
  }
  return s;
}

/** 'A' + 13 characters; the last 7 encode a bijection of the index, so ids are unique. */
function userId(u: number): string {
  return `A${base36(mix(u ^ 0x5bd1e995) % 36 ** 6, 6)}${base36(mix(u), 7)}`;
}

/** A Reviews'23 user id: 'A' + 27 characters, the last 7 a bijection of the index. */
function userId23(u: number): string {
  return `A${base36(mix(u ^ 0x27d4eb2d) % 36 ** 6, 6)}${base36(mix(u ^ 0x165667b1) % 36 ** 7, 7)}${base36(mix(u ^ 0x5bd1e995) % 36 ** 7, 7)}${base36(mix(u), 7)}`;
}

/** A Reviews'23 parent ASIN: 'B0' + 8 characters of a bijection of the index (mix < 2^32 < 36^8, so no two alike). */
function parentAsin(i: number): string {
  return `B0${base36(mix(i + 0x3c6ef372), 8)}`;
}

/** The first tenth look like ISBN-style ASINs (digits, leading zeros), the rest like B00…. */
function itemIds(items: number, rng: Rng): string[] {
  const ids = new Array<string>(items);
  const isbn = Math.floor(items / 10);
  for (let i = 0; i < items; i++) {
    ids[i] = i < isbn ? String(mix(i + 1) % 1e9).padStart(9, '0') + rng.int(10) : `B00${base36(mix(i + 0x9e3779b9) % 36 ** 7, 7)}`;
  }
  // Sorted like the original file (which is sorted by productId).
  return Array.from(new Set(ids)).sort();
}

/**
 * Heavy-tailed counts ≥ 1 summing exactly to `total`: 1 + ⌊Lomax(tail, scale)⌋ capped
 * at `cap`, then nudged at random entries to hit the total.
 */
function counts(n: number, total: number, d: DegreeShape, rng: Rng): Int32Array {
  const c = new Int32Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    c[k] = Math.min(d.cap, 1 + Math.floor(d.scale * ((1 - rng.next()) ** (-1 / d.tail) - 1)));
    sum += c[k];
  }
  while (sum < total) {
    const k = rng.int(n);
    if (c[k] < d.cap) {
      c[k]++;
      sum++;
    }
  }
  while (sum > total) {
    const k = rng.int(n);
    if (c[k] > 1) {
      c[k]--;
      sum--;
    }
  }
  return c;
}

/** A degree distribution: 1 + ⌊Lomax⌋ (Pareto type II) with this tail index and scale, capped. */
interface DegreeShape {
  tail: number;
  scale: number;
  cap: number;
}

/**
 * Ratings per item, fitted to the real file's first 50,698 rows (3,529 items: 33% rated
 * once, 47% at most twice, 67% at most 5, 80% at most 10, 95% at most 50 times) with its
 * mean of 16.4 and its most-rated item's 18,244 ratings. This draws 29%, 46%, 68%, 82% and
 * 96% there, mean 16.8 before the nudge to the total.
 */
const ITEM_DEGREES: DegreeShape = { tail: 1.1, scale: Math.E, cap: 18_244 };
/**
 * Ratings per user: mean 1.86, at most 520, and about 1,500 users with 50 or more (as
 * reported for the real file); this draws 64% of users with one rating.
 */
const USER_DEGREES: DegreeShape = { tail: 2.4, scale: 1.75, cap: 520 };

const RATINGS = ['1.0', '2.0', '3.0', '4.0', '5.0'];
const RATING_CDF = [0.11, 0.17, 0.25, 0.45, 1];
const DAY = 86400;
const FIRST_DAY = 912729600 / DAY; // 1998-12-04, the earliest date in the real file
const DAYS = (1405987200 - 912729600) / DAY;

/**
 * Make every (user, item) pair distinct, as in the real file: item i owns the next
 * perItem[i] slots; a user met twice in one item's slots trades places with a random
 * slot of a later item whose user this item does not have yet (later items are checked
 * when their turn comes). The last item, with no later slots, trades with an earlier
 * item's slot when neither item then holds the other's user twice.
 */
function distinctPairs(slots: Int32Array, perItem: Int32Array, rng: Rng): void {
  const n = slots.length;
  const start = new Int32Array(perItem.length + 1);
  for (let i = 0; i < perItem.length; i++) start[i + 1] = start[i] + perItem[i];
  const owner = (p: number) => {
    let lo = 0;
    let hi = perItem.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (start[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const has = (i: number, u: number) => {
    for (let p = start[i]; p < start[i + 1]; p++) if (slots[p] === u) return true;
    return false;
  };
  for (let i = 0; i < perItem.length; i++) {
    const seen = new Set<number>();
    for (let p = start[i]; p < start[i + 1]; p++) {
      while (seen.has(slots[p])) {
        const later = start[i + 1] < n;
        const q = later ? start[i + 1] + rng.int(n - start[i + 1]) : rng.int(start[i]);
        const u = slots[q];
        if (seen.has(u) || (!later && (has(owner(q), slots[p]) || u === slots[p]))) continue;
        slots[q] = slots[p];
        slots[p] = u;
      }
      seen.add(slots[p]);
    }
  }
}

/** Write the file to `path` (directories created); resolves with its size in bytes. */
export async function writeKaggleCsv(path: string, shape: KaggleShape = ELECTRONICS_SHAPE, style: FileStyle = 'kaggle'): Promise<number> {
  const rng = createRng(shape.seed);
  const items = itemIds(shape.items, rng);
  const perItem = counts(items.length, shape.rows, ITEM_DEGREES, rng);
  const perUser = counts(shape.users, shape.rows, USER_DEGREES, rng);
  // One slot per rating, holding its user; shuffled so users spread over items.
  const slots = new Int32Array(shape.rows);
  for (let u = 0, k = 0; u < shape.users; u++) for (let c = 0; c < perUser[u]; c++) slots[k++] = u;
  rng.shuffle(slots);
  distinctPairs(slots, perItem, rng);

  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const reviews23 = style === 'reviews23';
  const user = reviews23 ? userId23 : userId;
  let buf = reviews23 ? 'user_id,parent_asin,rating,timestamp\n' : '';
  let row = 0;
  for (let i = 0; i < items.length; i++) {
    for (let c = 0; c < perItem[i]; c++) {
      const x = rng.next();
      let r = 0;
      while (x > RATING_CDF[r]) r++;
      // Recent years are busier, as in the real data.
      const day = FIRST_DAY + Math.floor(DAYS * Math.sqrt(rng.next()));
      const time = reviews23 ? (day * DAY + rng.int(DAY)) * 1000 + rng.int(1000) : day * DAY;
      buf += `${user(slots[row++])},${reviews23 ? parentAsin(i) : items[i]},${RATINGS[r]},${time}\n`;
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
        buf = '';
      }
    }
  }
  out.end(buf);
  await new Promise<void>((res, rej) => out.on('finish', () => res()).on('error', rej));
  return (await stat(path)).size;
}

/**
 * The ingest benchmarks' setup, shared so that `bench:ingest`, `bench:ingest:browser`
 * and `bench:lab` read the same file: `--rows N` (or `--scale s`) shrinks
 * ELECTRONICS_SHAPE, `--no-hash` turns sha256 off. The CSV is
 * bench/out/ratings_Electronics_synthetic_v2_<rows>.csv (v2: distinct pairs and the
 * fitted degree shapes), written on first use and reused after.
 */
/** The Reviews'23-shaped Electronics file for bench:dask, bench/out/Electronics_2023_synthetic_<rows>.csv, written on first use. */
export async function electronics2023BenchFile(rows = ELECTRONICS_2023_SHAPE.rows): Promise<string> {
  const scale = rows / ELECTRONICS_2023_SHAPE.rows;
  const shape: KaggleShape = { ...ELECTRONICS_2023_SHAPE, rows, users: Math.round(ELECTRONICS_2023_SHAPE.users * scale), items: Math.round(ELECTRONICS_2023_SHAPE.items * scale) };
  const path = new URL(`./out/Electronics_2023_synthetic_${rows}.csv`, import.meta.url).pathname;
  if (!existsSync(path)) {
    const t = performance.now();
    const bytes = await writeKaggleCsv(path, shape, 'reviews23');
    console.log(`generated ${path}: ${(bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return path;
}

export async function electronicsBenchFile(argv: string[] = process.argv.slice(2)): Promise<{ path: string; hash: boolean; shape: KaggleShape }> {
  const flag = (name: string): number | null => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : null);
  const scale = flag('--rows') !== null ? flag('--rows')! / ELECTRONICS_SHAPE.rows : (flag('--scale') ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--rows must be 1 to ${ELECTRONICS_SHAPE.rows} (--scale 0 to 1)`);
  const shape: KaggleShape = {
    rows: Math.round(ELECTRONICS_SHAPE.rows * scale),
    users: Math.round(ELECTRONICS_SHAPE.users * scale),
    items: Math.round(ELECTRONICS_SHAPE.items * scale),
    seed: ELECTRONICS_SHAPE.seed,
  };
  const path = new URL(`./out/ratings_Electronics_synthetic_v2_${shape.rows}.csv`, import.meta.url).pathname;
  if (!existsSync(path)) {
    const t = performance.now();
    const bytes = await writeKaggleCsv(path, shape);
    console.log(`generated ${path}: ${(bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return { path, hash: !argv.includes('--no-hash'), shape };
}
