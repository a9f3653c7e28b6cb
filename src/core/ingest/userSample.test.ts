import { describe, expect, it } from 'vitest';
import { importRatings } from './import.ts';
import { streamOf } from './testStreams.ts';
import { UserSample } from './userSample.ts';

const utf8 = new TextEncoder();
const keeps = (s: UserSample, id: string) => {
  const b = utf8.encode(id);
  return s.keeps(b, 0, b.length);
};

describe('UserSample', () => {
  it('keys a user as fmix32(FNV-1a-32("<seed>:<id>")) / 2^32, as Python computes it', () => {
    // Python: key("1:A2CX7LUOHB2NDG") = 1003952723 / 2^32 = 0.23375…; key("42:AGGH…") = 0.33648…
    expect(keeps(new UserSample({ fraction: 0.2338, seed: 1 }), 'A2CX7LUOHB2NDG')).toBe(true);
    expect(keeps(new UserSample({ fraction: 0.2337, seed: 1 }), 'A2CX7LUOHB2NDG')).toBe(false);
    expect(keeps(new UserSample({ fraction: 0.3365, seed: 42 }), 'AGGH6J2KBJ5BWZ4GBCCMLF6UVFVQ')).toBe(true);
    expect(keeps(new UserSample({ fraction: 0.3364, seed: 42 }), 'AGGH6J2KBJ5BWZ4GBCCMLF6UVFVQ')).toBe(false);
  });

  it('keeps about the fraction, the same users for the same seed, others for another', () => {
    const ids = Array.from({ length: 100_000 }, (_, k) => `A${k.toString(36).toUpperCase().padStart(13, '0')}`);
    const kept = (seed: number) => ids.filter((id) => keeps(new UserSample({ fraction: 0.125, seed }), id));
    const a = kept(7);
    // 12,500 expected, standard deviation √(100000 · 0.125 · 0.875) = 105: within 4 of them.
    expect(Math.abs(a.length - 12_500)).toBeLessThan(420);
    expect(kept(7)).toEqual(a);
    const b = new Set(kept(8));
    const both = a.filter((id) => b.has(id)).length;
    // Independent draws share about 1/8 of the kept users.
    expect(Math.abs(both - a.length / 8)).toBeLessThan(200);
    expect(ids.every((id) => keeps(new UserSample({ fraction: 1, seed: 7 }), id))).toBe(true);
  });

  it('refuses a fraction outside (0, 1]', () => {
    expect(() => new UserSample({ fraction: 0, seed: 1 })).toThrow(RangeError);
    expect(() => new UserSample({ fraction: 1.5, seed: 1 })).toThrow(RangeError);
  });
});

describe('import with a user sample', () => {
  // 400 users with 1 to 6 ratings each, interleaved so a user's rows are far apart.
  const rows: string[] = [];
  for (let r = 0; r < 6; r++) for (let u = 0; u < 400; u++) if (r < 1 + (u % 6)) rows.push(`user${u},item${(u * 7 + r) % 97},${1 + ((u + r) % 5)},${1e9 + r}`);
  const csv = `${rows.join('\n')}\n`;
  const perUser = (t: { user: Int32Array; userIds: string[] }) => {
    const m = new Map<string, number>();
    for (const u of t.user) m.set(t.userIds[u], (m.get(t.userIds[u]) ?? 0) + 1);
    return m;
  };

  it('keeps each user with all their rows or none, and counts the rows left out', async () => {
    const full = await importRatings(streamOf(csv, 97), { fileName: 'r.csv' });
    const rule = { fraction: 0.25, seed: 3 };
    const sampled = await importRatings(streamOf(csv, 97), { fileName: 'r.csv', sampleUsers: rule });
    expect(sampled.sampleUsers).toEqual(rule);
    expect(sampled.rowsRead + sampled.sampledOut).toBe(full.rowsRead);
    const all = perUser(full.table);
    const some = perUser(sampled.table);
    expect(some.size).toBeGreaterThan(60);
    expect(some.size).toBeLessThan(140);
    for (const [id, n] of some) expect(n).toBe(all.get(id));
    const sample = new UserSample(rule);
    expect([...all.keys()].filter((id) => keeps(sample, id)).sort()).toEqual([...some.keys()].sort());
    // Items only the left-out users rated are not in the dictionary.
    expect(sampled.table.itemIds.length).toBe(new Set(sampled.table.item).size);
  });

  it('keeps the same users from a JSON file as from a CSV file', async () => {
    const json = rows.map((l) => {
      const [u, i, r, t] = l.split(',');
      return JSON.stringify({ reviewerID: u, asin: i, overall: Number(r), unixReviewTime: Number(t) });
    });
    const rule = { fraction: 0.5, seed: 11 };
    const a = await importRatings(streamOf(csv, 64), { fileName: 'r.csv', sampleUsers: rule });
    const b = await importRatings(streamOf(`${json.join('\n')}\n`, 64), { fileName: 'r.json', sampleUsers: rule });
    expect([...b.table.userIds].sort()).toEqual([...a.table.userIds].sort());
    expect(b.rowsRead).toBe(a.rowsRead);
  });

  it('says so when the sample keeps nobody', async () => {
    await expect(importRatings(streamOf('a,x,5,1\n', 8), { fileName: 'one.csv', sampleUsers: { fraction: 1e-9, seed: 1 } })).rejects.toThrow(
      'one.csv: the sample of users kept none of its 1 rows; keep a larger share of users.',
    );
  });
});
