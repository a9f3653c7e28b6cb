import { describe, expect, it } from 'vitest';
import { KeptTable } from './keptTable.ts';

describe('KeptTable', () => {
  const counting = (fail = new Set<string>()) => {
    const reads: string[] = [];
    const kept = new KeptTable(async (id: string) => {
      reads.push(id);
      if (fail.has(id)) throw new Error(`cannot read ${id}`);
      return { id, read: reads.length };
    });
    return { kept, reads };
  };

  it('reads a kept dataset once, ahead of the calls that name it', async () => {
    const { kept, reads } = counting();
    kept.keep('a');
    expect(reads).toEqual(['a']);
    kept.keep('a');
    const [x, y] = await Promise.all([kept.get('a'), kept.get('a')]);
    expect(x).toBe(y);
    expect(reads).toEqual(['a']);
  });

  it("reads another dataset fresh without keeping it, and lets the kept one go on null", async () => {
    const { kept, reads } = counting();
    kept.keep('a');
    const b1 = await kept.get('b');
    const b2 = await kept.get('b');
    expect(b1).not.toBe(b2);
    expect(reads).toEqual(['a', 'b', 'b']);
    kept.keep(null);
    await kept.get('a');
    expect(reads).toEqual(['a', 'b', 'b', 'a']);
    kept.keep('b');
    expect(reads.at(-1)).toBe('b');
  });

  it('does not keep a failed read: the next call reads again and reports its own failure', async () => {
    const fail = new Set(['a']);
    const { kept, reads } = counting(fail);
    kept.keep('a');
    await expect(kept.get('a')).rejects.toThrow('cannot read a');
    await Promise.resolve();
    fail.delete('a');
    await expect(kept.get('a')).resolves.toMatchObject({ id: 'a' });
    expect(reads).toEqual(['a', 'a']);
  });
});
