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

/** Per-user values read back from a CSV: raw user ids and one column per metric (NaN where a cell is empty). */
export interface PerUserColumns {
  users: string[];
  columns: Record<string, Float64Array>;
}

/** A decimal number as String(x) writes it (plus a sign, or exponent forms): no hex, no blanks, no "1e". */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?Infinity$|^NaN$/;

/**
 * Parse RFC 4180 text into records, each field with the 1-based line it starts on
 * (quoted fields may hold commas, doubled quotes, CR and LF). CRLF and LF both end a
 * record; the empty record after the last line end is not one. A stray quote inside
 * an unquoted field, text after a closing quote, or an unclosed quote is a RangeError
 * naming the line.
 */
function csvRecords(text: string): { fields: string[]; lines: number[] }[] {
  const records: { fields: string[]; lines: number[] }[] = [];
  let fields: string[] = [];
  let lines: number[] = [];
  let line = 1;
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM from a spreadsheet export
  const n = text.length;
  if (p >= n) return records;
  for (;;) {
    const start = line;
    let value = '';
    if (text[p] === '"') {
      p++;
      for (;;) {
        if (p >= n) throw new RangeError(`line ${start}: a quoted field is never closed`);
        const c = text[p];
        if (c === '"') {
          if (text[p + 1] === '"') {
            value += '"';
            p += 2;
            continue;
          }
          p++;
          break;
        }
        if (c === '\n') line++;
        value += c;
        p++;
      }
      if (p < n && text[p] !== ',' && text[p] !== '\n' && !(text[p] === '\r' && text[p + 1] === '\n')) {
        throw new RangeError(`line ${line}: text after a closing quote`);
      }
    } else {
      let q = p;
      while (q < n && text[q] !== ',' && text[q] !== '\n' && !(text[q] === '\r' && text[q + 1] === '\n')) {
        if (text[q] === '"') throw new RangeError(`line ${line}: a quote inside an unquoted field`);
        q++;
      }
      value = text.slice(p, q);
      p = q;
    }
    fields.push(value);
    lines.push(start);
    if (p < n && text[p] === ',') {
      p++;
      continue;
    }
    // End of the record: a line end, or the end of the text.
    records.push({ fields, lines });
    fields = [];
    lines = [];
    if (p >= n) break;
    p += text[p] === '\r' ? 2 : 1;
    line++;
    if (p >= n) break;
  }
  return records;
}

/**
 * What perUserCsv writes, read back: a header naming a `user` column (anywhere) and
 * metric columns, then one record per user. An empty cell is NaN. Errors name the
 * line: a missing `user` column, a repeated column or user, a record with the wrong
 * number of fields, a cell that is not a number.
 */
export function readPerUserCsv(text: string): PerUserColumns {
  const records = csvRecords(text);
  if (records.length === 0) throw new RangeError('line 1: no header (the file is empty)');
  const header = records[0].fields;
  const userCol = header.indexOf('user');
  if (userCol < 0) throw new RangeError(`line 1: no "user" column in the header (${header.join(', ')})`);
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new RangeError(`line 1: column "${name}" appears twice`);
    seen.add(name);
  }
  const names = header.filter((_, c) => c !== userCol);
  const n = records.length - 1;
  const columns: Record<string, Float64Array> = {};
  for (const name of names) columns[name] = new Float64Array(n);
  const cols = header.map((name, c) => (c === userCol ? null : columns[name]));
  const users = new Array<string>(n);
  const userLine = new Map<string, number>();
  for (let j = 0; j < n; j++) {
    const { fields, lines } = records[j + 1];
    if (fields.length !== header.length) {
      throw new RangeError(`line ${lines[0]}: ${fields.length} fields, the header has ${header.length}`);
    }
    const id = fields[userCol];
    const before = userLine.get(id);
    if (before !== undefined) throw new RangeError(`line ${lines[0]}: user "${id}" again (first on line ${before})`);
    userLine.set(id, lines[0]);
    users[j] = id;
    for (let c = 0; c < fields.length; c++) {
      const col = cols[c];
      if (!col) continue;
      const cell = fields[c];
      if (cell === '') col[j] = NaN;
      else if (NUMBER.test(cell)) col[j] = Number(cell);
      else throw new RangeError(`line ${lines[c]}: column "${header[c]}" holds "${cell}", not a number`);
    }
  }
  return { users, columns };
}
