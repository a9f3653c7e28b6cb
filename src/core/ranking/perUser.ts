/**
 * Per-user values for download: each test user's rating errors, and a CSV writer for
 * any per-user metric columns (ranking or rating) keyed by the raw user ids.
 */
import type { RatingsTable } from '../ratings.ts';
import type { Split } from '../split.ts';

export interface PerUserErrors {
  /** Table user indices of the users with ≥ 1 test row, ascending. */
  user: Int32Array;
  /** Test rows of each. */
  count: Int32Array;
  rmse: Float64Array;
  mae: Float64Array;
}

/**
 * RMSE and MAE per test user. `est[k]` is the prediction scored for test row
 * `split.test[k]` — what the lab's RMSE and MAE use, i.e. after the fallback and
 * clipping (predictRows' `est`). A NaN estimate is an error: predictions are never NaN.
 */
export function perUserRatingErrors(table: RatingsTable, split: Split, est: ArrayLike<number>): PerUserErrors {
  const rows = split.test;
  if (est.length !== rows.length) throw new RangeError(`estimates (${est.length}) and test rows (${rows.length}) differ in length`);
  const nUsers = table.userIds.length;
  const count = new Int32Array(nUsers);
  const sq = new Float64Array(nUsers);
  const abs = new Float64Array(nUsers);
  for (let k = 0; k < rows.length; k++) {
    const e = est[k];
    if (Number.isNaN(e)) throw new RangeError(`estimate ${k} (test row ${rows[k]}) is NaN`);
    const u = table.user[rows[k]];
    const d = e - table.rating[rows[k]];
    count[u]++;
    sq[u] += d * d;
    abs[u] += Math.abs(d);
  }
  let n = 0;
  for (let u = 0; u < nUsers; u++) if (count[u] > 0) n++;
  const out: PerUserErrors = { user: new Int32Array(n), count: new Int32Array(n), rmse: new Float64Array(n), mae: new Float64Array(n) };
  for (let u = 0, j = 0; u < nUsers; u++) {
    if (count[u] === 0) continue;
    out.user[j] = u;
    out.count[j] = count[u];
    out.rmse[j] = Math.sqrt(sq[u] / count[u]);
    out.mae[j] = abs[u] / count[u];
    j++;
  }
  return out;
}

/** RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, inner quotes doubled. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * CSV text `user,<column names…>`, one line per user (LF line ends, header first):
 * the raw user id `userIds[user[j]]`, then each column's value j as the shortest
 * decimal that reads back the same double (String(x)); NaN as an empty field.
 * Column order is the object's key order.
 */
export function perUserCsv(userIds: readonly string[], user: Int32Array, columns: Readonly<Record<string, ArrayLike<number>>>): string {
  const names = Object.keys(columns);
  const cols = names.map((name) => {
    const c = columns[name];
    if (c.length !== user.length) throw new RangeError(`column "${name}" has ${c.length} values for ${user.length} users`);
    return c;
  });
  const lines = new Array<string>(user.length + 1);
  lines[0] = ['user', ...names].map(csvField).join(',');
  for (let j = 0; j < user.length; j++) {
    let line = csvField(userIds[user[j]]);
    for (let m = 0; m < cols.length; m++) {
      const x = cols[m][j];
      line += Number.isNaN(x) ? ',' : `,${String(x)}`;
    }
    lines[j + 1] = line;
  }
  return lines.join('\n') + '\n';
}
