import type { RatingsTable } from '../ratings.ts';

/**
 * A table as CSV (`user_id,item_id,rating,timestamp[,verified]`), produced in chunks
 * as a byte stream so a multi-million-row export never becomes one string. The
 * header names are ones the importer recognises, so an export imports back as is.
 */
export function toCsv(t: RatingsTable, rowsPerChunk = 65_536): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const n = t.rating.length;
  let k = 0;
  return new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(encoder.encode(`user_id,item_id,rating,timestamp${t.verified ? ',verified' : ''}\n`));
    },
    pull(c) {
      if (k >= n) return c.close();
      const end = Math.min(n, k + rowsPerChunk);
      let text = '';
      for (; k < end; k++) {
        const time = t.time[k];
        text += `${csvField(t.userIds[t.user[k]])},${csvField(t.itemIds[t.item[k]])},${float32Text(t.rating[k])},${Number.isNaN(time) ? '' : time}`;
        text += t.verified ? `,${t.verified[k] ? 'true' : 'false'}\n` : '\n';
      }
      c.enqueue(encoder.encode(text));
    },
  });
}

/** Quoted only when needed, doubling inner quotes (RFC 4180). */
function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The shortest decimal that reads back as the same float32 (4.5, not 4.5000000000). */
function float32Text(r: number): string {
  for (let p = 1; p < 9; p++) {
    const s = r.toPrecision(p);
    if (Math.fround(Number(s)) === r) return String(Number(s));
  }
  return String(r);
}
