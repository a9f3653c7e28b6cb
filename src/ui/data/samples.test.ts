import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importRatings } from '../../core/ingest/import.ts';
import { importItemMetadata } from '../../core/ingest/metadata.ts';
import { alignMetadata } from '../../storage/items.ts';
import { SAMPLES } from './samples.ts';

const open = (name: string) => Readable.toWeb(createReadStream(new URL(`../../../public/samples/${name}`, import.meta.url))) as ReadableStream<Uint8Array>;

/** Per sample: ratings after keeping the latest of repeated pairs, users, items, repeated pairs dropped. */
const COUNTS: Record<string, [number, number, number, number]> = {
  'digital-music': [6908, 2490, 382, 0],
  'gift-cards': [2965, 458, 148, 7],
};
/** A title the file writes with references: "Honky Ch&acirc;teau", " Papa John&#39;s …" (leading space). */
const DECODED: Record<string, string> = {
  'digital-music': 'Honky Château',
  'gift-cards': "Papa John's Pizza Gift Cards - E-mail Delivery",
};

describe('the bundled samples', () => {
  it.each(SAMPLES.map((s) => [s.id, s] as const))('%s loads from public/ with a readable title for every rated item', async (id, sample) => {
    expect(sample.url.endsWith(`samples/${sample.fileName}`)).toBe(true);
    const ratings = await importRatings(open(sample.fileName), { fileName: sample.fileName });
    const t = ratings.table;
    expect([t.rating.length, t.userIds.length, t.itemIds.length, ratings.duplicates]).toEqual(COUNTS[id]);
    const meta = await importItemMetadata(open(sample.metadata.fileName), { fileName: sample.metadata.fileName });
    // Only the rated items' records are bundled.
    expect(meta.items.size).toBe(t.itemIds.length);
    const aligned = alignMetadata('x', sample.metadata.fileName, t.itemIds, (itemId) => {
      const info = meta.items.get(itemId);
      return info && { title: info.displayTitle, store: info.store, category: info.category };
    });
    expect(aligned.titled).toBe(t.itemIds.length);
    // Entities decoded for display ("Heaven &amp; Hell" in the file).
    expect(aligned.titles.some((title) => /&(amp|#\d+|[a-z]+);/.test(title))).toBe(false);
    expect(aligned.titles.some((title) => title.includes('&'))).toBe(true);
    expect(aligned.titles).toContain(DECODED[id]);
    expect(statSync(new URL(`../../../public/samples/${sample.metadata.fileName}`, import.meta.url)).size).toBeLessThan(300_000);
  });
});
