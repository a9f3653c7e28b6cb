/**
 * Raw id → dense index, keyed by the id's bytes. Import interns millions of ids; doing
 * it on bytes (open addressing over an arena) avoids building a string per row — a
 * string is made once per distinct id, at the end.
 */
export class IdDictionary {
  private arena = new Uint8Array(1 << 16);
  private arenaLength = 0;
  /** Byte offset of id k is offsets[k]; its end is offsets[k + 1]. */
  private offsets = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  /** Open-addressed slots holding id + 1 (0 = empty); the size is a power of two. */
  private slots = new Int32Array(1 << 13);
  private ascii = true;
  size = 0;

  /** The index of the id written in bytes [s, e), adding it when new. */
  intern(b: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 0x01000193);
    const mask = this.slots.length - 1;
    const len = e - s;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return this.add(b, s, e, h, slot);
      const id = entry - 1;
      if (this.hashes[id] !== h) continue;
      const at = this.offsets[id];
      if (this.offsets[id + 1] - at !== len) continue;
      let k = 0;
      while (k < len && this.arena[at + k] === b[s + k]) k++;
      if (k === len) return id;
    }
  }

  private add(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const id = this.size;
    const len = e - s;
    if (this.arenaLength + len > this.arena.length) {
      this.arena = grow(this.arena, this.arenaLength + len);
    }
    for (let k = 0; k < len; k++) {
      const c = b[s + k];
      if (c > 127) this.ascii = false;
      this.arena[this.arenaLength + k] = c;
    }
    this.arenaLength += len;
    if (id + 2 > this.offsets.length) {
      this.offsets = grow(this.offsets, id + 2);
      this.hashes = grow(this.hashes, id + 2);
    }
    this.hashes[id] = h;
    this.offsets[id + 1] = this.arenaLength;
    this.slots[slot] = id + 1;
    this.size = id + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }

  /** The ids as strings, in index order (UTF-8 decoded). */
  toStrings(): string[] {
    const out = new Array<string>(this.size);
    const bytes = this.arena.subarray(0, this.arenaLength);
    if (this.ascii) {
      // One decode for all ids; each id is then a cheap substring of it.
      const all = new TextDecoder().decode(bytes);
      for (let id = 0; id < this.size; id++) out[id] = all.substring(this.offsets[id], this.offsets[id + 1]);
    } else {
      const dec = new TextDecoder();
      for (let id = 0; id < this.size; id++) out[id] = dec.decode(bytes.subarray(this.offsets[id], this.offsets[id + 1]));
    }
    return out;
  }

  /** Bytes held, for memory reports. */
  byteSize(): number {
    return this.arena.byteLength + this.offsets.byteLength + this.hashes.byteLength + this.slots.byteLength;
  }
}

type Growable = Uint8Array | Int32Array | Float32Array | Float64Array;

/** A copy of `a` with capacity at least `need`, doubling so appends stay amortised O(1). */
export function grow<T extends Growable>(a: T, need: number): T {
  let cap = Math.max(a.length * 2, 16);
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}
