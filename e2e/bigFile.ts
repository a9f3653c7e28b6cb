/**
 * A ratings file too large for a tab, without a large file: one 4.2 MB block of
 * Reviews'23-shaped lines, repeated in the page into a File of about 3 GB (a Blob made
 * of Blobs holds references, not copies). Only the first block is ever read when the
 * lab refuses it.
 */
import type { Page } from '@playwright/test';
import { HEAD_BYTES } from '../src/core/ingest/estimate.ts';

export const COPIES = 700;

/** Reviews'23 rating_only lines: items in order, users nearly all distinct (as in the generated 43.9M-row file's head). */
export function reviewsBlock(): Uint8Array<ArrayBuffer> {
  const lines = ['user_id,parent_asin,rating,timestamp'];
  const id = (x: number, width: number) => (Math.imul(x, 2654435761) >>> 0).toString(36).toUpperCase().padStart(width, '0').slice(-width);
  for (let k = 0, length = 0; length < HEAD_BYTES + 200_000; k++) {
    lines.push(`A${id(k * 3 + 1, 7)}${id(k * 5 + 2, 7)}${id(k * 7 + 3, 7)}${id(k, 6)},B0${id(Math.floor(k / 40), 8)},${1 + (k % 5)}.0,${1_600_000_000_000 + k * 997}`);
    length += lines[lines.length - 1].length + 1;
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/**
 * Drop `copies` of `bytes` as one file and wait for the refusal: the milliseconds from
 * the drop to the message, and whether reading progress ever showed.
 */
export function dropRepeated(page: Page, bytes: Uint8Array, copies: number, name: string): Promise<{ ms: number; read: boolean }> {
  return page.evaluate(
    async ({ b64, copies, name }) => {
      const raw = atob(b64);
      const arr = new Uint8Array(raw.length);
      for (let k = 0; k < raw.length; k++) arr[k] = raw.charCodeAt(k);
      const one = new Blob([arr]);
      const file = new File(Array.from({ length: copies }, () => one), name);
      const dt = new DataTransfer();
      dt.items.add(file);
      let read = false;
      const seen = new MutationObserver(() => {
        if (document.querySelector('[data-testid="import-progress"]')?.textContent?.includes('Reading')) read = true;
      });
      seen.observe(document.body, { childList: true, subtree: true, characterData: true });
      const t0 = performance.now();
      document.querySelector('[data-testid="dropzone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      while (!document.querySelector('[data-testid="import-refused"]')) await new Promise((r) => setTimeout(r, 5));
      seen.disconnect();
      return { ms: performance.now() - t0, read };
    },
    { b64: Buffer.from(bytes).toString('base64'), copies, name },
  );
}
