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
 * Heavy-tailed counts ≥ 1 summing exactly to `total` (Pareto with tail index `alpha`,
 * then nudged at random entries to hit the total).
 */
function counts(n: number, total: number, alpha: number, cap: number, rng: Rng): Int32Array {
  const c = new Int32Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    c[k] = Math.min(cap, Math.floor((1 - rng.next()) ** (-1 / alpha)));
    sum += c[k];
  }
  while (sum < total) {
    const k = rng.int(n);
    if (c[k] < cap) {
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

const RATINGS = ['1.0', '2.0', '3.0', '4.0', '5.0'];
const RATING_CDF = [0.11, 0.17, 0.25, 0.45, 1];
const DAY = 86400;
const FIRST_DAY = 912729600 / DAY; // 1998-12-04, the earliest date in the real file
const DAYS = (1405987200 - 912729600) / DAY;

/** Write the file to `path` (directories created); resolves with its size in bytes. */
export async function writeKaggleCsv(path: string, shape: KaggleShape = ELECTRONICS_SHAPE): Promise<number> {
  const rng = createRng(shape.seed);
  const items = itemIds(shape.items, rng);
  const perItem = counts(items.length, shape.rows, 1.1, 20_000, rng);
  const perUser = counts(shape.users, shape.rows, 1.7, 500, rng);
  // One slot per rating, holding its user; shuffled so users spread over items.
  const slots = new Int32Array(shape.rows);
  for (let u = 0, k = 0; u < shape.users; u++) for (let c = 0; c < perUser[u]; c++) slots[k++] = u;
  rng.shuffle(slots);

  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let buf = '';
  let row = 0;
  for (let i = 0; i < items.length; i++) {
    for (let c = 0; c < perItem[i]; c++) {
      const x = rng.next();
      let r = 0;
      while (x > RATING_CDF[r]) r++;
      // Recent years are busier, as in the real data.
      const day = FIRST_DAY + Math.floor(DAYS * Math.sqrt(rng.next()));
      buf += `${userId(slots[row++])},${items[i]},${RATINGS[r]},${day * DAY}\n`;
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
 * The ingest benchmarks' setup, shared so that `bench:ingest` and `bench:ingest:browser`
 * read the same file: `--scale s` shrinks ELECTRONICS_SHAPE, `--no-hash` turns sha256
 * off. The CSV is bench/out/ratings_Electronics_synthetic_<rows>.csv, written on first
 * use and reused after.
 */
export async function electronicsBenchFile(argv: string[] = process.argv.slice(2)): Promise<{ path: string; hash: boolean }> {
  const scale = Number(argv[argv.indexOf('--scale') + 1] ?? 1) || 1;
  const shape: KaggleShape = {
    rows: Math.round(ELECTRONICS_SHAPE.rows * scale),
    users: Math.round(ELECTRONICS_SHAPE.users * scale),
    items: Math.round(ELECTRONICS_SHAPE.items * scale),
    seed: ELECTRONICS_SHAPE.seed,
  };
  const path = new URL(`./out/ratings_Electronics_synthetic_${shape.rows}.csv`, import.meta.url).pathname;
  if (!existsSync(path)) {
    const t = performance.now();
    const bytes = await writeKaggleCsv(path, shape);
    console.log(`generated ${path}: ${(bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return { path, hash: !argv.includes('--no-hash') };
}
