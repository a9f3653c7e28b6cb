/**
 * Raw id → dense index, keyed by the id's bytes. Import interns millions of ids; doing
 * it on bytes avoids building a string per row — a string is made once per distinct
 * id, at the end. With millions of ids the table is far larger than the CPU caches,
 * so the layout is chosen for cache misses: a lookup touches one slot and, on a hash
 * match, one arena record, and batches can warm both ahead (warmSlot, warmRecord).
 */
export class IdDictionary {
  /** Records in id order: the id's length as a varint, then its bytes. */
  private arena = new Uint8Array(1 << 16);
  private arenaLength = 0;
  /** Open addressing over 3-int slots: id + 1 (0 = empty), hash, arena offset of the record. */
  private slots = new Int32Array(3 << 12);
  private mask = (1 << 12) - 1;
  /** All id bytes and lengths below 128, so one decode of the arena maps bytes to chars 1:1. */
  private ascii = true;
  size = 0;

  /** The index of the id written in bytes [s, e), adding it when new. */
  intern(b: Uint8Array, s: number, e: number): number {
    return this.internHashed(b, s, e, hashBytes(b, s, e));
  }

  /** `intern` with the hash already computed (hashBytes of the same bytes). */
  internHashed(b: Uint8Array, s: number, e: number, h: number): number {
    const len = e - s;
    const slots = this.slots;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const j = slot * 3;
      const entry = slots[j];
      if (entry === 0) return this.add(b, s, e, h, j);
      if (slots[j + 1] === h && this.equalsAt(slots[j + 2], b, s, len)) return entry - 1;
    }
  }

  /**
   * Touch the slot a hash lands on, and return something derived from it. Callers
   * interning a batch run this over the whole batch first: the loads are independent,
   * so the CPU overlaps their cache misses instead of waiting for each in turn.
   */
  warmSlot(h: number): number {
    return this.slots[(h & this.mask) * 3 + 1];
  }

  /** Like warmSlot, for the arena record of the id in that slot (after warmSlot). */
  warmRecord(h: number): number {
    const j = (h & this.mask) * 3;
    return this.slots[j + 1] === h ? this.arena[this.slots[j + 2]] : 0;
  }

  private equalsAt(at: number, b: Uint8Array, s: number, len: number): boolean {
    const arena = this.arena;
    const header = readLength(arena, at);
    if (header >>> 3 !== len) return false;
    at += header & 7;
    for (let k = 0; k < len; k++) if (arena[at + k] !== b[s + k]) return false;
    return true;
  }

  private add(b: Uint8Array, s: number, e: number, h: number, j: number): number {
    const id = this.size;
    const len = e - s;
    if (this.arenaLength + len + 5 > this.arena.length) this.arena = grow(this.arena, this.arenaLength + len + 5);
    const at = this.arenaLength;
    let p = at;
    let n = len;
    if (n > 127) this.ascii = false;
    while (n > 127) {
      this.arena[p++] = (n & 127) | 128;
      n >>>= 7;
    }
    this.arena[p++] = n;
    for (let k = s; k < e; k++) {
      const c = b[k];
      if (c > 127) this.ascii = false;
      this.arena[p++] = c;
    }
    this.arenaLength = p;
    this.slots[j] = id + 1;
    this.slots[j + 1] = h;
    this.slots[j + 2] = at;
    this.size = id + 1;
    // Load factor at most 3/4: linear probing stays short and the table small.
    if (this.size * 4 > (this.mask + 1) * 3) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.slots;
    const mask = this.mask * 2 + 1;
    const slots = new Int32Array((mask + 1) * 3);
    for (let j = 0; j < old.length; j += 3) {
      if (old[j] === 0) continue;
      let slot = old[j + 1] & mask;
      while (slots[slot * 3] !== 0) slot = (slot + 1) & mask;
      slots[slot * 3] = old[j];
      slots[slot * 3 + 1] = old[j + 1];
      slots[slot * 3 + 2] = old[j + 2];
    }
    this.slots = slots;
    this.mask = mask;
  }

  /**
   * The ids as strings, in index order (UTF-8 decoded). The dictionary is spent: its
   * hash table is released before the strings are made and its arena after.
   */
  takeStrings(): string[] {
    this.slots = new Int32Array(0);
    const out = new Array<string>(this.size);
    const arena = this.arena;
    this.arena = new Uint8Array(0);
    // One decode for all ids when they are ASCII; each id is then a cheap substring.
    const all = this.ascii ? new TextDecoder().decode(arena.subarray(0, this.arenaLength)) : null;
    const dec = new TextDecoder();
    let at = 0;
    for (let id = 0; id < this.size; id++) {
      const header = readLength(arena, at);
      const n = header >>> 3;
      at += header & 7;
      out[id] = all !== null ? all.substring(at, at + n) : dec.decode(arena.subarray(at, at + n));
      at += n;
    }
    return out;
  }
}

/**
 * The varint length that starts an arena record at `at`, packed with its own size:
 * length << 3 | bytes read (1–5). One number, so the hot lookup path allocates nothing;
 * a record is at most the arena's length, far below 2^29.
 */
function readLength(arena: Uint8Array, at: number): number {
  let n = 0;
  let shift = 0;
  let k = at;
  let c: number;
  do {
    c = arena[k++];
    n |= (c & 127) << shift;
    shift += 7;
  } while (c & 128);
  return (n << 3) | (k - at);
}

/** FNV-1a over bytes [s, e), from its offset basis or from the state `h` a hash of earlier bytes left. */
export function hashBytes(b: Uint8Array, s: number, e: number, h = 0x811c9dc5 | 0): number {
  for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 0x01000193);
  return h;
}

type Growable = Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A copy of `a` with capacity at least `need`, doubling so appends stay amortised O(1). */
export function grow<T extends Growable>(a: T, need: number): T {
  let cap = Math.max(a.length * 2, 16);
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}
