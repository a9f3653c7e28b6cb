#!/usr/bin/env python3
"""RecLab's dataset recipe and deterministic baselines on Dask.

    python3 job.py --input PATH_OR_GLOB --output OUT [--scheduler ADDRESS | --workers N]

reads recipe.json (beside this file, or --recipe), reads every ratings file that
PATH_OR_GLOB names (as one dataset, files in name order) the way RecLab imports them,
applies the recipe, and writes OUT/sample.csv (user_id,item_id,rating,timestamp, in
the order of the input rows) and OUT/summary.json (the counts of `reclab inspect
--json`, and the evaluations the recipe asks for). RecLab imports both files back.

The order of operations, the same in RecLab (src/core/ingest): keep the latest of
repeated (user, item) pairs -> verified only -> rating range -> date range -> the N
users with the smallest key("<seed>:<user id>") -> k-core to a fixed point, where
key(text) is the first 8 bytes, unsigned big-endian, of SHA-256 of the UTF-8 text.

Everything runs as Dask work: dataframe partitions read in parallel, per-partition
counts and sums added up (reductions), filters as map_partitions, and Dask's shuffle
by user and by item for ALS and the ranking; nothing here schedules, partitions or
shuffles by itself. Standard library + Dask + pandas + NumPy only.
"""
import argparse
import gzip
import hashlib
import io
import json
import math
import os
import re
import sys
import time
import zlib

import numpy as np
import pandas as pd

import dask
import dask.dataframe as dd
from dask.bytes import read_bytes
from dask.distributed import Client, LocalCluster, wait

# ---------------------------------------------------------------------------------
# JavaScript's rules where the lab's TypeScript relies on them (numbers, trimming)

# The characters String.prototype.trim() and the regex \s remove in JavaScript.
JS_SPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'
DECIMAL = re.compile(r'[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?')
DECIMAL_BYTES = re.compile(rb'[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?')
NAN = float('nan')
# src/core/ingest/filter.ts RECIPE_VERSION: the rules below.
RECIPE_VERSION = 2


def js_trim(s):
    return s.strip(JS_SPACE)


def js_number(s):
    """Number(string) in JavaScript."""
    t = js_trim(s)
    if t == '':
        return 0.0
    if DECIMAL.fullmatch(t):
        return float(t)
    if t in ('Infinity', '+Infinity'):
        return math.inf
    if t == '-Infinity':
        return -math.inf
    if re.fullmatch(r'0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+', t):
        return float(int(t, 0))
    return NAN


def js_str(x):
    """String(number) in JavaScript: the shortest round-trip digits, laid out as JS does."""
    if x != x:
        return 'NaN'
    if x in (math.inf, -math.inf):
        return 'Infinity' if x > 0 else '-Infinity'
    if x == 0:
        return '0'
    mant, _, exp = repr(abs(float(x))).partition('e')
    whole, _, frac = mant.partition('.')
    digits = whole + frac
    # The value is 0.<digits> x 10^n.
    n = len(whole) + (int(exp) if exp else 0)
    stripped = digits.lstrip('0')
    n -= len(digits) - len(stripped)
    digits = stripped.rstrip('0')
    k = len(digits)
    if k <= n <= 21:
        out = digits + '0' * (n - k)
    elif 0 < n <= 21:
        out = digits[:n] + '.' + digits[n:]
    elif -6 < n <= 0:
        out = '0.' + '0' * (-n) + digits
    else:
        e = n - 1
        out = digits[0] + ('.' + digits[1:] if k > 1 else '') + 'e' + ('+' if e >= 0 else '-') + str(abs(e))
    return ('-' if x < 0 else '') + out


def js_string_of(v):
    """String(value) in JavaScript, for the values a Python-literal dict key can be."""
    if isinstance(v, str):
        return v
    if v is True:
        return 'true'
    if v is False:
        return 'false'
    if v is None:
        return 'null'
    if isinstance(v, (int, float)):
        return js_str(float(v))
    if isinstance(v, list):
        return ','.join('' if x is None else js_string_of(x) for x in v)
    return '[object Object]'


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# ---------------------------------------------------------------------------------
# Records: a JSON object per line, or a Python dict literal (old Amazon dumps), as
# src/core/ingest/records.ts and pythonLiteral.ts read them.

class LiteralError(Exception):
    pass


PY_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f', 'v': '\v', 'a': '\x07', '0': '\0',
              '\\': '\\', "'": "'", '"': '"', '\n': ''}
PY_NUMBER = re.compile(r'[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?')
PY_OPEN = re.compile('^[' + JS_SPACE + r']*\{[' + JS_SPACE + r"]*(['}]|u')")


def parse_python_literal(text):
    """The lab's safe reader of Python literals: builds values, never evaluates code."""
    p = 0
    n = len(text)

    def at(k):
        return text[k] if k < n else ''

    def ws():
        nonlocal p
        while p < n and text[p] in JS_SPACE:
            p += 1

    def string():
        nonlocal p
        raw = False
        while at(p) and at(p) in 'uUbBrR':
            raw = raw or at(p) in 'rR'
            p += 1
        q = at(p)
        triple = text.startswith(q * 3, p)
        p += 3 if triple else 1
        out = []
        while True:
            if p >= n:
                raise LiteralError('unterminated string')
            c = text[p]
            if (text.startswith(q * 3, p) if triple else c == q):
                p += 3 if triple else 1
                return ''.join(out)
            if c == '\\' and not raw:
                e = at(p + 1)
                if e in ('x', 'u', 'U'):
                    size = {'x': 2, 'u': 4, 'U': 8}[e]
                    hexa = text[p + 2:p + 2 + size]
                    if len(hexa) != size or not re.fullmatch(r'[0-9a-fA-F]+', hexa):
                        raise LiteralError('bad escape')
                    code = int(hexa, 16)
                    if code > 0x10FFFF:
                        raise LiteralError('bad escape')
                    out.append(chr(code))
                    p += 2 + size
                else:
                    out.append(PY_ESCAPES.get(e, '\\' + e))
                    p += 2
                continue
            out.append(c)
            p += 1

    def seq(close):
        nonlocal p
        items = []
        p += 1
        while True:
            ws()
            if at(p) == close:
                p += 1
                return items
            items.append(value())
            ws()
            if at(p) == ',':
                p += 1
            elif at(p) != close:
                raise LiteralError('expected , or ' + close)

    def dictionary():
        nonlocal p
        out = {}
        p += 1
        while True:
            ws()
            if at(p) == '}':
                p += 1
                return out
            key = value()
            ws()
            if at(p) != ':':
                raise LiteralError('expected :')
            p += 1
            out[js_string_of(key)] = value()
            ws()
            if at(p) == ',':
                p += 1
            elif at(p) != '}':
                raise LiteralError('expected , or }')

    def value():
        nonlocal p
        ws()
        c = at(p)
        if c == '{':
            return dictionary()
        if c == '[':
            return seq(']')
        if c == '(':
            return seq(')')
        if c in ("'", '"') or (c and c in 'uUbBrR' and at(p + 1) in ("'", '"')):
            return string()
        for word, v in (('True', True), ('False', False), ('None', None)):
            if text.startswith(word, p):
                p += len(word)
                return v
        m = PY_NUMBER.match(text[p:p + 64])
        if not m or c == '':
            raise LiteralError('unexpected character')
        p += len(m.group(0))
        return float(m.group(0))

    v = value()
    ws()
    if p != n:
        raise LiteralError('unexpected text after the value')
    return v


def _reject_constant(name):
    raise ValueError(name)


def parse_record(text):
    """The record on a line, or why there is none (a str)."""
    try:
        o = json.loads(text, parse_constant=_reject_constant)
    except Exception:
        if not PY_OPEN.match(text):
            return 'not valid JSON'
        try:
            o = parse_python_literal(text)
        except Exception:
            return 'neither JSON nor a Python dict'
    return o if isinstance(o, dict) else 'not an object'


# ---------------------------------------------------------------------------------
# Values, as src/core/ingest/values.ts and bytes.ts check them

RATING_MIN = 0.0
RATING_MAX = 10.0


def valid_rating(r):
    return RATING_MIN <= r <= RATING_MAX


def rating_problem(r, text):
    return 'rating "%s" is not a number' % text if r != r else 'rating %s is outside 0–10' % text


def to_seconds(t):
    """Values above 1e11 are milliseconds (Amazon 2023)."""
    return t / 1000 if t > 1e11 else t


ISO_DATE = re.compile(r'(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2})?)?)?', re.ASCII)


def days_from_civil(y, m, d):
    y -= 1 if m <= 2 else 0
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def date_text_to_seconds(text):
    """Unix seconds of an ISO 8601 date (UTC unless an offset is given), or NaN."""
    m = ISO_DATE.fullmatch(text)
    if not m:
        return NAN
    num = [int(m.group(k)) if m.group(k) is not None else 0 for k in (1, 2, 3, 4, 5, 6, 10, 11)]
    y, mo, d, h, mi, s, oh, om = num
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not 1 <= mo <= 12:
        return NAN
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]
    if d < 1 or d > days or h > 23 or mi > 59 or s > 59 or oh > 23 or om > 59:
        return NAN
    offset = (-1 if m.group(9) == '-' else 1) * (oh * 3600 + om * 60)
    whole = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset
    return float(whole) if m.group(7) is None else whole + float('0' + m.group(7))


def parse_number(b):
    """A decimal number written in bytes (spaces and tabs around allowed), or NaN."""
    b = b.strip(b' \t')
    return float(b) if b and DECIMAL_BYTES.fullmatch(b) else NAN


def truthy(text):
    return 1 if re.fullmatch(r'(true|yes|y|1)', js_trim(text), re.IGNORECASE) else 0


def clean_id(s):
    """An id as the lab keeps it: lone surrogates (from JSON escapes) become U+FFFD, as UTF-8 encoding does."""
    try:
        s.encode('utf-8')
        return s
    except UnicodeEncodeError:
        return s.encode('utf-16', 'surrogatepass').decode('utf-16', 'replace')


# ---------------------------------------------------------------------------------
# Formats, as src/core/ingest/formats.ts detects and reads them

class ImportError_(Exception):
    """A fatal problem with an input file: one message naming the file."""

    def __init__(self, file, message):
        super().__init__('%s: %s' % (file, message))


MAX_LINE_BYTES = 16 << 20
MAX_FIELDS = 1024
SAMPLE_BYTES = 64 << 10
SAMPLE_LINES = 20
HEADER_NAMES = {
    'user': ['userid', 'reviewerid', 'user'],
    'item': ['parentasin', 'itemid', 'productid', 'asin', 'movieid', 'item'],
    'rating': ['rating', 'overall', 'score', 'stars'],
    'time': ['timestamp', 'unixreviewtime', 'time', 'date'],
    'verified': ['verified', 'verifiedpurchase'],
}
KEYS_2023 = {'user': ['user_id'], 'item': ['parent_asin', 'asin'], 'rating': ['rating'], 'time': ['timestamp'], 'verified': ['verified_purchase']}
KEYS_2018 = {'user': ['reviewerID'], 'item': ['asin'], 'rating': ['overall'], 'time': ['unixReviewTime'], 'verified': ['verified']}
NUMBER = re.compile(r'[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?', re.ASCII)


def split_fields(line, delim, double, limit):
    """src/core/ingest/delimited.ts splitFields: up to `limit` fields as (content bytes, escaped)."""
    out = []
    e = len(line)
    p = 0
    d = delim[0]

    def at_delim(k):
        return line[k] == d and (not double or (k + 1 < e and line[k + 1] == d))

    while len(out) < limit:
        q = p
        while q < e and line[q] in (32, 9):
            q += 1
        if q < e and line[q] == 34:
            k = q + 1
            esc = False
            while k < e:
                if line[k] == 34:
                    if k + 1 < e and line[k + 1] == 34:
                        esc = True
                        k += 2
                        continue
                    break
                k += 1
            out.append((line[q + 1:k], esc))
            while k < e and not at_delim(k):
                k += 1
            if k >= e:
                return out
            p = k + (2 if double else 1)
            continue
        k = p
        while k < e and not at_delim(k):
            k += 1
        out.append((line[p:k], False))
        if k >= e:
            return out
        p = k + (2 if double else 1)
    return out


def fields_of(line, delim, double):
    """Every field of a line as trimmed text (headers, detection)."""
    return [js_trim(f.decode('utf-8', 'replace')).replace('""', '"') if esc else js_trim(f.decode('utf-8', 'replace'))
            for f, esc in split_fields(line, delim, double, MAX_FIELDS)]


def normalise(name):
    return re.sub(r'[^a-z0-9]', '', name.lower())


def describe_header(header):
    shown = ['%d:%s' % (k, json.dumps(h if len(h) <= 40 else h[:40] + '…', ensure_ascii=False)) for k, h in enumerate(header[:16])]
    return ', '.join(shown) + (', … (%d columns)' % len(header) if len(header) > 16 else '')


def looks_headerless(fields):
    if len(fields) < 3 or not fields[0] or not fields[1] or not NUMBER.fullmatch(fields[2]):
        return False
    return len(fields) < 4 or fields[3] == '' or bool(NUMBER.fullmatch(fields[3]))


def record_of(text):
    if not text.lstrip(JS_SPACE).startswith('{'):
        return None
    r = parse_record(text)
    return None if isinstance(r, str) else r


def first_record(texts):
    for t in texts:
        o = record_of(t)
        if o is not None:
            return o
    return None


def columns_from_map(file, header, column_map):
    def resolve(ref, role):
        if ref is None:
            return -1
        if isinstance(ref, (int, float)) and not isinstance(ref, bool):
            if ref == int(ref) and 0 <= ref < MAX_FIELDS:
                return int(ref)
            raise ImportError_(file, 'column %s for %s is not a column index (0, 1, 2, … below %d)' % (js_str(ref), role, MAX_FIELDS))
        k = next((j for j, h in enumerate(header or []) if h == ref or normalise(h) == normalise(ref)), -1)
        if k < 0:
            has = 'its header is ' + describe_header(header) if header else 'it has no header, so give column numbers'
            raise ImportError_(file, 'no column named "%s" for %s: %s' % (ref, role, has))
        return k
    return {'user': resolve(column_map.get('user'), 'the user id'), 'item': resolve(column_map.get('item'), 'the item id'),
            'rating': resolve(column_map.get('rating'), 'the rating'), 'time': resolve(column_map.get('timestamp'), 'the timestamp'),
            'verified': resolve(column_map.get('verified'), 'the verified flag')}


def columns_from_header(file, header):
    norm = [normalise(h) for h in header]

    def find(names):
        return next((norm.index(n) for n in names if n in norm), -1)
    placed = {role: find(names) for role, names in HEADER_NAMES.items()}
    missing = [k for k in ('user', 'item', 'rating') if placed[k] < 0]
    if missing:
        raise ImportError_(file, 'the first line, read as a header, does not say which columns hold the %s (its columns are %s). '
                                 'Map the columns by hand (user, item, rating, optional timestamp).' % (', '.join(missing), describe_header(header)))
    return placed


def header_delimiter(line):
    best, best_count = b',', 0
    for d in (b',', b'\t', b';', b'|'):
        c = line.count(d)
        if c > best_count:
            best, best_count = d, c
    return best


def delimited(delim, double, header_lines, cols):
    return {'kind': 'delimited', 'delim': delim, 'double': double, 'header_lines': header_lines, **cols}


def headerless_parser(delim, double):
    def make(file, lines, column_map):
        if column_map:
            cols = columns_from_map(file, None, column_map)
        else:
            first = fields_of(lines[0], delim, double) if lines else []
            cols = {'user': 0, 'item': 1, 'rating': 2, 'time': 3 if len(first) >= 4 else -1, 'verified': -1}
        return delimited(delim, double, 0, cols)
    return make


def csv_parser(file, lines, column_map):
    delim = header_delimiter(lines[0])
    header = fields_of(lines[0], delim, False)
    cols = columns_from_map(file, header, column_map) if column_map else columns_from_header(file, header)
    return delimited(delim, False, 1, cols)


def json_detect(keys):
    def detect(lines, texts):
        o = first_record(texts)
        return o is not None and all(k in o for k in keys)
    return detect


def headerless_detect(delim, double):
    return lambda lines, texts: bool(lines) and looks_headerless(fields_of(lines[0], delim, double))


FORMATS = [
    ('amazon2023-jsonl', json_detect(['user_id', 'rating']), lambda f, l, m: {'kind': 'json', 'keys': KEYS_2023, 'header_lines': 0}),
    ('amazon2018-json', json_detect(['reviewerID', 'overall']), lambda f, l, m: {'kind': 'json', 'keys': KEYS_2018, 'header_lines': 0}),
    ('movielens-dat', headerless_detect(b':', True), headerless_parser(b':', True)),
    ('kaggle-csv', headerless_detect(b',', False), headerless_parser(b',', False)),
    ('movielens-udata', headerless_detect(b'\t', False), headerless_parser(b'\t', False)),
    ('csv', lambda lines, texts: bool(texts) and not re.match(r'^\s*[{[]', texts[0]) and bool(re.search(r'[,\t;|]', texts[0])), csv_parser),
]


def detect_format(file, lines, texts):
    for name, detect, _ in FORMATS:
        if detect(lines, texts):
            return name
    o = first_record(texts)
    if o is not None and ('parent_asin' in o or 'asin' in o):
        raise ImportError_(file, 'this is an item metadata file (titles, categories), not ratings. Import a ratings file first, then attach this file to it for titles.')
    if o is not None:
        raise ImportError_(file, 'JSON lines without rating fields (found keys %s). Expected Amazon reviews (reviewerID/asin/overall or user_id/parent_asin/rating).'
                           % ', '.join(list(o)[:12]))
    raise ImportError_(file, 'not a recognised ratings file (first line: %s). Expected CSV/TSV ratings (user, item, rating, timestamp), MovieLens or Amazon '
                             'review JSON; pick the format by hand if it is one of these.' % json.dumps((texts[0] if texts else '')[:120], ensure_ascii=False))


def is_gzip(path):
    with open(path, 'rb') as f:
        return f.read(2) == b'\x1f\x8b'


def read_head(path):
    """The first 64 KiB and the rest of their last line (decompressed), BOM removed; and whether that is the whole file."""
    opener = gzip.open if is_gzip(path) else open
    try:
        with opener(path, 'rb') as f:
            head = last = f.read(SAMPLE_BYTES)
            eof = len(last) < SAMPLE_BYTES
            while not eof and b'\n' not in last and len(head) <= MAX_LINE_BYTES:
                last = f.read(SAMPLE_BYTES)
                eof = len(last) < SAMPLE_BYTES
                head += last
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        raise ImportError_(path, 'the gzip data is truncated or corrupt (%s). Download or copy the file again.' % err)
    if head.startswith(b'\xef\xbb\xbf'):
        head = head[3:]
    return head, eof


def file_parser(path, format_name, column_map):
    """The parser spec of one file: its format detected (or given) from its first lines, as the lab does."""
    head, eof = read_head(path)
    if head[:2] in (b'\xff\xfe', b'\xfe\xff'):
        raise ImportError_(path, 'the file is UTF-16 text; save it as UTF-8 (or plain CSV) and import it again.')
    probe = head[:4096]
    control = sum(len(probe) if c == 0 else 1 for c in probe if c == 0 or (c < 32 and c not in (9, 10, 13)))
    if control * 20 > len(probe):
        raise ImportError_(path, 'this is binary data, not a ratings file (CSV, TSV or JSON lines, plain or .gz).')
    lines = []
    pos = 0
    while len(lines) < SAMPLE_LINES and pos < len(head):
        nl = head.find(b'\n', pos)
        if nl < 0:
            if not eof:
                break
            nl = len(head)
        end = nl - 1 if nl > pos and head[nl - 1] == 13 else nl
        if head[pos:end].lstrip(b' \t'):
            lines.append(head[pos:end])
        pos = nl + 1
    if not lines:
        if eof:
            raise ImportError_(path, 'the file is empty.')
        raise ImportError_(path, 'a single line is longer than 16 MB, so this is not a file with one record per line (or it is damaged).')
    texts = [l.decode('utf-8', 'replace') for l in lines]
    name = format_name or detect_format(path, lines, texts)
    make = next((m for n, _, m in FORMATS if n == name), None)
    if make is None:
        raise ValueError('unknown format "%s"; known: %s' % (name, ', '.join(n for n, _, _ in FORMATS)))
    return name, make(path, lines, column_map)


# ---------------------------------------------------------------------------------
# Parsing lines into rows: src/core/ingest/delimited.ts and jsonReviews.ts

MAX_BAD_EXAMPLES = 10
COLUMNS = ['user', 'item', 'rating', 'time', 'verified', 'pos']


def caseless_is(b, word):
    """bytes.ts equalsIgnoreCase: each byte OR 0x20 equals the word's."""
    return len(b) == len(word) and all((x | 0x20) == (y | 0x20) for x, y in zip(b, word))


class Rows:
    """Columns of the rows parsed so far, with the bad rows counted and the first few kept."""

    def __init__(self):
        self.user, self.item, self.rating, self.time, self.verified, self.pos = [], [], [], [], [], []
        self.bad = 0
        self.examples = []
        self.ids = {}
        self.ratings = {}

    def reject(self, line_no, reason, line):
        self.bad += 1
        if len(self.examples) < MAX_BAD_EXAMPLES:
            self.examples.append([line_no, reason, line[:200].decode('utf-8', 'replace')])

    def id_of(self, b):
        s = self.ids.get(b)
        if s is None:
            s = self.ids[b] = b.decode('utf-8', 'replace')
        return s

    def frame(self):
        return pd.DataFrame({
            'user': pd.Series(self.user, dtype=object), 'item': pd.Series(self.item, dtype=object),
            'rating': np.array(self.rating, dtype=np.float32), 'time': np.array(self.time, dtype=np.float64),
            'verified': np.array(self.verified, dtype=np.uint8), 'pos': np.array(self.pos, dtype=np.int64)})


def parse_delimited(rows, spec, line, line_no, pos):
    delim, double = spec['delim'], spec['double']
    U, I, R, T, V = spec['user'], spec['item'], spec['rating'], spec['time'], spec['verified']
    need = max(U, I, R, T, V) + 1
    if 34 in line:
        fields = split_fields(line, delim, double, need)
        escaped = [esc for _, esc in fields]
        fields = [f for f, _ in fields]
    else:
        fields = line.split(delim * 2 if double else delim, need)
        escaped = None
    if len(fields) < need:
        return 'expected at least %d fields, found %d' % (need, len(fields))
    rt = fields[R]
    r = rows.ratings.get(rt)
    if r is None:
        r = rows.ratings[rt] = parse_number(rt)
    if not valid_rating(r):
        return rating_problem(r, js_trim(rt.decode('latin-1')))
    t = NAN
    if T >= 0:
        tt = fields[T].strip(b' \t')
        if tt:
            if tt.isdigit():
                t = to_seconds(float(int(tt)))
            else:
                t = parse_number(tt)
                t = date_text_to_seconds(tt.decode('utf-8', 'replace')) if t != t else to_seconds(t)
                if t != t:
                    return 'timestamp "%s" is not a number or a date' % tt.decode('latin-1')
    v = 0
    if V >= 0:
        vb = fields[V].strip(b' \t')
        v = 1 if caseless_is(vb, b'true') or caseless_is(vb, b'1') or caseless_is(vb, b'y') else 0
    u = fields[U].strip(b' \t')
    if not u:
        return 'missing user id'
    i = fields[I].strip(b' \t')
    if not i:
        return 'missing item id'
    if escaped is not None:
        if escaped[U]:
            u = u.replace(b'""', b'"')
        if escaped[I]:
            i = i.replace(b'""', b'"')
    rows.user.append(rows.id_of(u))
    rows.item.append(rows.id_of(i))
    rows.rating.append(r)
    rows.time.append(t)
    rows.verified.append(v)
    rows.pos.append(pos)
    return None


def pick(rec, keys):
    for k in keys:
        v = rec.get(k)
        if v is not None:
            return v
    return None


def json_id(v):
    if isinstance(v, str):
        t = js_trim(v)
        return clean_id(t) if t else None
    if is_number(v) and math.isfinite(v):
        return js_str(float(v))
    return None


def parse_json(rows, spec, line, line_no, pos):
    keys = spec['keys']
    rec = parse_record(line.decode('utf-8', 'replace'))
    if isinstance(rec, str):
        return rec
    user = json_id(pick(rec, keys['user']))
    if user is None:
        return 'missing ' + keys['user'][0]
    item = json_id(pick(rec, keys['item']))
    if item is None:
        return 'missing ' + keys['item'][0]
    rv = pick(rec, keys['rating'])
    r = float(rv) if is_number(rv) else js_number(rv) if isinstance(rv, str) and js_trim(rv) != '' else NAN
    if not valid_rating(r):
        return rating_problem(r, 'undefined' if rv is None else js_string_of(rv))
    tv = pick(rec, keys['time'])
    t = to_seconds(float(tv)) if is_number(tv) else to_seconds(js_number(tv)) if isinstance(tv, str) else NAN
    if tv is not None and t != t:
        return 'timestamp %s is not a number' % json.dumps(tv, ensure_ascii=False)
    vv = pick(rec, keys['verified'])
    v = 1 if vv is True else truthy(vv) if isinstance(vv, str) else 0
    rows.user.append(user)
    rows.item.append(item)
    rows.rating.append(r)
    rows.time.append(t)
    rows.verified.append(v)
    rows.pos.append(pos)
    return None


def parse_lines(rows, spec, data, first_line, skip_header, base_pos, file):
    """Parse the lines of `data` (line numbers from first_line); returns how many lines it held."""
    parse = parse_delimited if spec['kind'] == 'delimited' else parse_json
    lines = data.split(b'\n')
    if lines and lines[-1] == b'':
        lines.pop()
    for k, line in enumerate(lines):
        if len(line) > MAX_LINE_BYTES:
            raise ImportError_(file, 'a single line is longer than 16 MB, so this is not a file with one record per line (or it is damaged).')
        if line.endswith(b'\r'):
            line = line[:-1]
        if (skip_header and k == 0) or not line.strip(b' \t'):
            continue
        why = parse(rows, spec, line, first_line + k, base_pos + k)
        if why is not None:
            rows.reject(first_line + k, why, line)
    return len(lines)


def time_value(text):
    """A delimited file's timestamp field (trimmed bytes), as parse_delimited reads it."""
    if not text:
        return NAN
    if text.isdigit():
        return to_seconds(float(int(text)))
    t = parse_number(text)
    return date_text_to_seconds(text.decode('utf-8', 'replace')) if t != t else to_seconds(t)


def fast_block(data, spec, skip_header, base_pos):
    """
    parse_lines for the plain case, column by column with pandas' C reader: one-byte
    delimiter, no quotes, no field edged with a space or tab, no NUL, every CR before a
    LF, no line of nothing but tabs, and every line valid. Anything else returns None
    and the block is read line by line.
    """
    delim = spec['delim']
    if spec['double'] or b'"' in data or b'\0' in data or data.count(b'\r') != data.count(b'\r\n'):
        return None
    arr = np.frombuffer(data, dtype=np.uint8)
    dl = delim[0]
    # A space (or a tab inside a comma-separated line) at a field's edge: the lab trims it.
    blank = np.flatnonzero((arr == 32) | ((arr == 9) & (dl != 9)))
    if len(blank):
        before = np.where(blank > 0, arr[np.maximum(blank - 1, 0)], 10)
        after = np.where(blank + 1 < len(arr), arr[np.minimum(blank + 1, len(arr) - 1)], 10)
        if np.any((before == dl) | (before == 10) | (after == dl) | (after == 10) | (after == 13)):
            return None
    ends = np.flatnonzero(arr == 10)
    if len(data) and data[-1:] != b'\n':
        ends = np.r_[ends, len(data)]
    starts = np.r_[0, ends[:-1] + 1]
    length = ends - starts - (arr[np.maximum(ends - 1, 0)] == 13) * (ends > starts)
    at = np.flatnonzero(arr == dl)
    fields = np.searchsorted(at, ends) - np.searchsorted(at, starts) + 1
    line = np.arange(len(ends))
    data_line = (length > 0) & ~(skip_header & (line == 0))
    need = max(spec['user'], spec['item'], spec['rating'], spec['time'], spec['verified']) + 1
    if np.any(fields[data_line] < need) or (delim == b'\t' and np.any(data_line & (fields - 1 == length))):
        return None
    if not data_line.any():
        return pd.DataFrame(META), {'lines': len(ends), 'bad': 0, 'examples': []}
    try:
        table = pd.read_csv(io.BytesIO(data), sep=delim.decode(), header=None, names=range(int(fields.max())), dtype=str, na_filter=False,
                            quoting=3, engine='c', skiprows=1 if skip_header else 0, skip_blank_lines=True, encoding_errors='replace')
    except Exception:
        return None
    if len(table) != int(data_line.sum()):
        return None
    out = {}
    for role in ('user', 'item'):
        codes, uniq = pd.factorize(table[spec[role]].values)
        if len(uniq) and (uniq == '').any():
            return None
        out[role] = uniq.astype(object)[codes]
    codes, uniq = pd.factorize(table[spec['rating']].values)
    ratings = np.array([parse_number(v.encode('utf-8')) for v in uniq])
    if not np.all((ratings >= RATING_MIN) & (ratings <= RATING_MAX)):
        return None
    out['rating'] = ratings.astype(np.float32)[codes]
    if spec['time'] >= 0:
        codes, uniq = pd.factorize(table[spec['time']].values)
        times = np.array([time_value(v.encode('utf-8')) for v in uniq])
        if np.any(np.isnan(times) & (uniq != '')):
            return None
        out['time'] = times[codes]
    else:
        out['time'] = np.full(len(table), NAN)
    if spec['verified'] >= 0:
        codes, uniq = pd.factorize(table[spec['verified']].values)
        flags = np.array([1 if any(caseless_is(v.encode('utf-8'), w) for w in (b'true', b'1', b'y')) else 0 for v in uniq], dtype=np.uint8)
        out['verified'] = flags[codes]
    else:
        out['verified'] = np.zeros(len(table), dtype=np.uint8)
    out['pos'] = base_pos + line[data_line]
    return pd.DataFrame(out, columns=COLUMNS), {'lines': len(ends), 'bad': 0, 'examples': []}


def parse_block(data, spec, block, first_in_file, file):
    """One block of a plain file (it starts at a line): its rows with their ids' hashes, the line report, the ids."""
    if first_in_file and data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    skip_header = first_in_file and spec['header_lines'] > 0
    fast = None
    if spec['kind'] == 'delimited' and max(len(data) - data.rfind(b'\n'), 0) <= MAX_LINE_BYTES:
        fast = fast_block(data, spec, skip_header, block << 32)
    if fast is None:
        rows = Rows()
        n_lines = parse_lines(rows, spec, data, 1, skip_header, block << 32, file)
        fast = rows.frame(), {'lines': n_lines, 'bad': rows.bad, 'examples': rows.examples}
    frame, ids = with_id_hashes(fast[0])
    return frame, fast[1], ids


def parse_gzip(path, spec, block):
    """A whole gzip file in one task (gzip cannot be split), read in chunks so only its rows are ever held."""
    rows = Rows()
    n_lines = 0
    carry = b''
    first = True
    try:
        with gzip.open(path, 'rb') as f:
            while True:
                chunk = f.read(16 << 20)
                data = carry + chunk
                if chunk:
                    cut = data.rfind(b'\n') + 1
                    data, carry = data[:cut], data[cut:]
                    if len(carry) > MAX_LINE_BYTES:
                        raise ImportError_(path, 'a single line is longer than 16 MB, so this is not a file with one record per line (or it is damaged).')
                if first and data.startswith(b'\xef\xbb\xbf'):
                    data = data[3:]
                n_lines += parse_lines(rows, spec, data, n_lines + 1, first and spec['header_lines'] > 0, (block << 32) + n_lines, path)
                first = False
                if not chunk:
                    break
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        raise ImportError_(path, 'the gzip data is truncated or corrupt (%s). Download or copy the file again.' % err)
    frame, ids = with_id_hashes(rows.frame())
    return frame, {'lines': n_lines, 'bad': rows.bad, 'examples': rows.examples}, ids


# ---------------------------------------------------------------------------------
# Keys: src/core/keys.ts

def key_of(text):
    """First 8 bytes of SHA-256 of the UTF-8 text, as an unsigned big-endian integer."""
    return int.from_bytes(hashlib.sha256(text.encode('utf-8')).digest()[:8], 'big')


def keys_of(prefix, ids, suffixes=None):
    out = np.empty(len(ids), dtype=np.uint64)
    if suffixes is None:
        for k, u in enumerate(ids):
            out[k] = key_of(prefix + u)
    else:
        for k, (u, i) in enumerate(zip(ids, suffixes)):
            out[k] = key_of(prefix + u + ':' + i)
    return out


def _histogram(s):
    return np.bincount((s.values >> np.uint64(48)).astype(np.intp), minlength=1 << 16)


def smallest(frame, count, ties):
    """
    The threshold (key, tie values) of the `count` rows of `frame` with the smallest
    (key, *ties) - ties compare as Python strings, by code point like the lab - or
    None when every row is in. A histogram of the keys' top 16 bits finds the bin of
    the count-th key; only that bin's rows are sorted.
    """
    parts = frame['key'].to_delayed()
    hist = dask.compute(*[dask.delayed(_histogram)(p) for p in parts])
    total = int(np.sum(hist, axis=0).sum())
    if count >= total:
        return None
    cum = np.cumsum(np.sum(hist, axis=0))
    b = int(np.searchsorted(cum, count))
    below = int(cum[b - 1]) if b > 0 else 0
    in_bin = frame[(frame['key'] >> np.uint64(48)) == np.uint64(b)][['key'] + ties].compute()
    order = sorted(zip(in_bin['key'].tolist(), *[in_bin[t].tolist() for t in ties]))
    return order[count - below - 1]


def in_smallest(df, threshold, ties):
    """Rows of df among those `smallest` chose."""
    key = df['key'].values
    if threshold is None:
        return np.ones(len(df), dtype=bool)
    kstar = np.uint64(threshold[0])
    m = key < kstar
    eq = np.flatnonzero(key == kstar)
    for k in eq:
        m[k] = tuple(df[t].iat[k] for t in ties) <= threshold[1:]
    return m


# ---------------------------------------------------------------------------------
# The recipe

def js_round(x):
    """Math.round for x >= 0."""
    f = math.floor(x)
    return f + 1 if x - f >= 0.5 else f


def member(values, sorted_set):
    """values in sorted_set (both int64 arrays)."""
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_set, values)
    at[at == len(sorted_set)] = 0
    return sorted_set[at] == values


# Two 64-bit SipHash keys: ids are told apart by the first; the second catches any two
# different ids that the first mixes up (see combine_ids).
HASH_KEYS = ('reclab-id-hash-1', 'reclab-id-hash-2')


def with_id_hashes(df):
    """
    The rows with each id's 64-bit hash (uh, ih), and per distinct id of the block its
    two hashes and row count. Two different ids of one block with one hash are found here.
    """
    out, ids = {}, {}
    for col, name in (('user', 'uh'), ('item', 'ih')):
        codes, uniq = pd.factorize(df[col].values)
        uniq = np.asarray(uniq, dtype=object)
        first = pd.util.hash_array(uniq, hash_key=HASH_KEYS[0]).view(np.int64)
        second = pd.util.hash_array(uniq, hash_key=HASH_KEYS[1]).view(np.int64)
        if len(np.unique(first)) != len(uniq):
            raise RuntimeError('two different %s ids share a 64-bit hash' % col)
        out[name] = first[codes]
        ids[col] = (first, second, np.bincount(codes, minlength=len(uniq)))
    return df.assign(**out), ids


def combine_ids(parts, col):
    """
    Every distinct id of the dataset as its sorted first hash, with its row count. An id
    seen in several blocks has one first hash there; were two different ids to share it,
    their second hashes would differ, and the job stops rather than merge them.
    """
    first = np.concatenate([p[col][0] for p in parts])
    second = np.concatenate([p[col][1] for p in parts])
    ids, at, inverse = np.unique(first, return_index=True, return_inverse=True)
    if np.any(second != second[at][inverse]):
        raise RuntimeError('two different %s ids share a 64-bit hash' % col)
    return ids, np.bincount(inverse, weights=np.concatenate([p[col][2] for p in parts]), minlength=len(ids)).astype(np.int64)


def code_ids(df, users, items):
    """Each row's user and item as dense codes: their hashes' ranks among every id's."""
    return df.assign(u=np.searchsorted(users, df['uh'].values).astype(np.int32),
                     i=np.searchsorted(items, df['ih'].values).astype(np.int32)).drop(columns=['uh', 'ih'])


def _code_counts(values):
    return np.unique(values, return_counts=True)


def pair_key(df, n_items):
    return df['u'].values.astype(np.int64) * n_items + df['i'].values


def pair_counts(df, n_items):
    return np.unique(pair_key(df, n_items), return_counts=True)


def repeated_rows(df, n_items, repeated):
    """The rows of pairs met more than once, with their pair, position and time."""
    pair = pair_key(df, n_items)
    keep = member(pair, repeated)
    return pd.DataFrame({'pair': pair[keep], 'pos': df['pos'].values[keep], 'time': df['time'].values[keep]})


def combine_counts(parts):
    """Per-partition (values, counts) as one sorted (values, counts)."""
    values = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    if len(values) == 0:
        return values, counts
    order = np.argsort(values, kind='stable')
    values, counts = values[order], counts[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    return values[starts], np.add.reduceat(counts, starts)


def dense(parts, n, dtype):
    out = np.zeros(n, dtype=dtype)
    for codes, values in parts:
        out[codes] += values
    return out


def code_counts(frame, col, n):
    """Rows of each code 0..n-1 of frame[col], as a dense array: per-partition counts, added up."""
    return dask.delayed(dense)([dask.delayed(_code_counts)(p) for p in frame[col].to_delayed()], n, np.int64)


def keep_rows(df, keep_user, keep_item):
    return df[keep_user[df['u'].values] & keep_item[df['i'].values]]


def drop_pos(df, losers):
    return df[~member(df['pos'].values, losers)]


def row_filter(df, f):
    keep = np.ones(len(df), dtype=bool)
    if f.get('verifiedOnly'):
        keep &= df['verified'].values == 1
    rating = df['rating'].values.astype(np.float64)
    if f.get('ratingMin') is not None:
        keep &= ~(rating < f['ratingMin'])
    if f.get('ratingMax') is not None:
        keep &= ~(rating > f['ratingMax'])
    if f.get('timeFrom') is not None or f.get('timeTo') is not None:
        t = df['time'].values
        keep &= (t >= (-math.inf if f.get('timeFrom') is None else f['timeFrom'])) & (t <= (math.inf if f.get('timeTo') is None else f['timeTo']))
    return df[keep]


def user_key_frame(df, prefix):
    first = df.drop_duplicates('u')
    return pd.DataFrame({'u': first['u'].values, 'user': first['user'].values, 'key': keys_of(prefix, first['user'].tolist())})


def keep_latest(dupes):
    """
    Positions of the rows that keep-latest drops, from every row of the repeated pairs.
    Per pair, in file order, the kept row is replaced by each next row unless its time
    is strictly later: src/core/ratings.ts dedupeKeepLatest, whose comparison a row
    without a time never wins.
    """
    dupes = dupes.sort_values(['pair', 'pos'])
    pair, pos, t = dupes['pair'].values, dupes['pos'].values, dupes['time'].values
    drop = []
    k = 0
    n = len(pair)
    while k < n:
        w = k
        j = k + 1
        while j < n and pair[j] == pair[k]:
            if t[w] > t[j]:
                drop.append(pos[j])
            else:
                drop.append(pos[w])
                w = j
            j += 1
        k = j
    return np.sort(np.array(drop, dtype=np.int64))


META = pd.DataFrame({'user': pd.Series([], dtype=object), 'item': pd.Series([], dtype=object), 'rating': np.array([], np.float32),
                     'time': np.array([], np.float64), 'verified': np.array([], np.uint8), 'pos': np.array([], np.int64)})


def read_dataset(pattern, fmt, column_map, blocksize):
    """
    Every file the pattern names as one Dask dataframe in file and line order, with the
    formats, whether all carry a verified flag, the per-block reports (then each file's
    size and SHA-256), the per-block ids, and each block's file.
    """
    files = sorted(p for p in glob_paths(pattern))
    if not files:
        raise ImportError_(pattern, 'no such file')
    parsed = []
    owners = []
    formats = set()
    verified = True
    for path in files:
        name, spec = file_parser(path, fmt, column_map)
        formats.add(name)
        verified &= spec['kind'] == 'json' or spec.get('verified', -1) >= 0
        if is_gzip(path):
            parsed.append(dask.delayed(parse_gzip)(path, spec, len(parsed)))
            owners.append(path)
            continue
        _, blocks = read_bytes(path, delimiter=b'\n', blocksize=blocksize, sample=False)
        for j, b in enumerate(blocks[0]):
            parsed.append(dask.delayed(parse_block)(b, spec, len(parsed), j == 0, path))
            owners.append(path)
    frames = [p[0] for p in parsed]
    reports = [p[1] for p in parsed] + [dask.delayed(file_facts)(path) for path in files]
    ids = [p[2] for p in parsed]
    meta = META.assign(uh=np.array([], np.int64), ih=np.array([], np.int64))
    return sorted(formats), verified, dd.from_delayed(frames, meta=meta, verify_meta=False), reports, ids, owners


def file_facts(path):
    """Size and SHA-256 of the raw file (compressed, for gzip), as the lab records its source."""
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 22), b''):
            h.update(chunk)
    return {'path': path, 'bytes': os.path.getsize(path), 'sha256': h.hexdigest()}


def glob_paths(pattern):
    import glob
    return glob.glob(pattern) if any(c in pattern for c in '*?[') else ([pattern] if os.path.exists(pattern) else [])


def persist(x):
    x = x.persist()
    wait(x)
    return x


def run_recipe(client, args, recipe):
    started = time.time()
    formats, has_verified, raw, reports, ids, owners = read_dataset(args.input, recipe['source'].get('format'), recipe['source'].get('columnMap'), args.blocksize)
    users = dask.delayed(combine_ids)(ids, 'user')
    items = dask.delayed(combine_ids)(ids, 'item')
    raw, users, items, *reports = dask.persist(raw, users, items, *reports)
    wait(raw)
    reports = dask.compute(*reports)
    reports, facts = reports[:len(owners)], list(reports[len(owners):])
    log('job.py: read %d partitions in %.1f s' % (raw.npartitions, time.time() - started))
    bad_rows, examples = 0, []
    lines_before = {}
    for path, rep in zip(owners, reports):
        base = lines_before.get(path, 0)
        bad_rows += rep['bad']
        for line, reason, text in rep['examples']:
            if len(examples) < MAX_BAD_EXAMPLES:
                examples.append({'file': path, 'line': base + line, 'reason': reason, 'text': text})
        lines_before[path] = base + rep['lines']
    rows_read = len(raw)
    if rows_read == 0:
        first = examples[0] if examples else None
        why = ' (%s line %d: %s)' % (first['file'], first['line'], first['reason']) if first else ''
        raise ImportError_(args.input, 'no valid rating row in %d data line%s%s. Check that it is a ratings file, or choose its format or columns by hand.'
                           % (bad_rows, '' if bad_rows == 1 else 's', why))

    # Ids as dense codes: an id's rank among the distinct ids' hashes.
    n_users, n_items = dask.compute(users[0].size, items[0].size)
    df = persist(raw.map_partitions(code_ids, users[0], items[0], meta=code_ids(raw._meta, np.zeros(0, np.int64), np.zeros(0, np.int64))))
    del raw
    log('job.py: %d users and %d items coded in %.1f s' % (n_users, n_items, time.time() - started))

    # Keep the latest of repeated pairs. Only a user and an item with two rows or more can repeat.
    may = df.map_partitions(keep_rows, dask.delayed(np.greater_equal)(users[1], 2), dask.delayed(np.greater_equal)(items[1], 2), meta=df._meta)
    pair_parts = [dask.delayed(pair_counts)(p, n_items) for p in may.to_delayed()]
    pairs, counts = dask.delayed(combine_counts)(pair_parts).compute()
    repeated = pairs[counts > 1]
    duplicates = 0
    if len(repeated):
        dupes = may.map_partitions(repeated_rows, n_items, repeated, meta={'pair': np.int64, 'pos': np.int64, 'time': np.float64}).compute()
        losers = keep_latest(dupes)
        duplicates = len(losers)
        df = persist(df.map_partitions(drop_pos, losers))
    before = {'rows': rows_read - duplicates, 'users': n_users, 'items': n_items}
    parsed_s = time.time() - started
    log('job.py: %d repeated pairs resolved, %.1f s' % (duplicates, parsed_s))

    f = recipe['filters']
    if f.get('verifiedOnly') and not has_verified:
        raise FilterError('"verified purchases only" needs a verified flag, and this dataset has none (only Amazon review files carry it)')
    if f.get('verifiedOnly') or any(f.get(k) is not None for k in ('ratingMin', 'ratingMax', 'timeFrom', 'timeTo')):
        df = persist(df.map_partitions(row_filter, f))

    if f.get('sampleUsers') is not None:
        prefix = js_str(recipe['seed']) + ':'
        keyed = df.map_partitions(user_key_frame, prefix, meta={'u': np.int32, 'user': object, 'key': np.uint64})
        present = persist(keyed.drop_duplicates(subset='u'))
        chosen = smallest(present, f['sampleUsers'], ['user'])
        if chosen is not None:
            picked = present.map_partitions(lambda d: d['u'][in_smallest(d, chosen, ['user'])]).compute().values
            keep_user = np.zeros(n_users, dtype=bool)
            keep_user[picked] = True
            df = persist(df.map_partitions(keep_rows, dask.delayed(keep_user, pure=True), dask.delayed(np.ones(n_items, bool), pure=True), meta=df._meta))

    rounds = []
    min_user, min_item = f['minUserRatings'], f['minItemRatings']
    while True:
        cu, ci = dask.compute(code_counts(df, 'u', n_users), code_counts(df, 'i', n_items))
        if rounds:
            rounds[-1].update(rows=int(cu.sum()), users=int(np.count_nonzero(cu)), items=int(np.count_nonzero(ci)))
        keep_user = (cu >= min_user) | (cu == 0)
        keep_item = (ci >= min_item) | (ci == 0)
        if keep_user.all() and keep_item.all():
            break
        df = persist(df.map_partitions(keep_rows, dask.delayed(keep_user, pure=True), dask.delayed(keep_item, pure=True), meta=df._meta))
        rounds.append({'round': len(rounds) + 1})
    after = {'rows': int(cu.sum()), 'users': int(np.count_nonzero(cu)), 'items': int(np.count_nonzero(ci)), 'rounds': len(rounds)}
    return {
        'df': df, 'files': facts, 'formats': formats, 'before': before, 'after': after, 'rounds': rounds,
        'bad_rows': bad_rows, 'bad_examples': examples, 'duplicates': duplicates,
        'seconds': {'parse': parsed_s, 'filter': time.time() - started - parsed_s},
    }


class FilterError(Exception):
    pass


# ---------------------------------------------------------------------------------
# Output: src/core/ingest/csvExport.ts

CSV_SPECIAL = re.compile('[",\r\n]|^[' + JS_SPACE + ']|[' + JS_SPACE + ']$')


def csv_field(s):
    return '"' + s.replace('"', '""') + '"' if CSV_SPECIAL.search(s) else s


def float32_text(v):
    """The shortest decimal that reads back as the same float32, written as JavaScript writes it."""
    return js_str(float(np.format_float_positional(np.float32(v), unique=True, trim='-')))


def csv_text(df):
    """The rows as lines of sample.csv."""
    fields = {}
    for col in ('user', 'item'):
        uniq = pd.unique(df[col].values)
        fields[col] = pd.Series(uniq, index=uniq).map(csv_field)
    users = fields['user'].reindex(df['user'].values).values
    items = fields['item'].reindex(df['item'].values).values
    rating_values = df['rating'].values
    texts = {v: float32_text(v) for v in pd.unique(rating_values)}
    ratings = [texts[v] for v in rating_values.tolist()]
    t = df['time'].values
    whole = np.isfinite(t) & (np.floor(t) == t) & (np.abs(t) < 1e18)
    times = np.full(len(t), '', dtype=object)
    times[whole] = t[whole].astype(np.int64).astype(str)
    for k in np.flatnonzero(~whole & ~np.isnan(t)):
        times[k] = js_str(float(t[k]))
    return ''.join('%s,%s,%s,%s\n' % row for row in zip(users, items, ratings, times)).encode('utf-8')


def write_sample(client, df, path, window):
    texts = [dask.delayed(csv_text)(p) for p in df.to_delayed()]
    tmp = path + '.part'
    with open(tmp, 'wb') as out:
        out.write(b'user_id,item_id,rating,timestamp\n')
        running = client.compute(texts[:window])
        for k in range(len(texts)):
            if k + window < len(texts):
                running.append(client.compute(texts[k + window]))
            out.write(running[k].result())
            running[k].release()
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------
# Splits: src/core/split.ts and src/core/selection/splits.ts

def split_label(split):
    pct = lambda x: '%s%%' % js_str(float('%.2f' % (x * 100)))
    if split['kind'] == 'random':
        return 'random %s test, seed %s' % (pct(split['testFraction']), js_str(split['seed']))
    if split['kind'] == 'last':
        return 'leave last out (by time)'
    return 'held-out users %s, %s revealed, seed %s' % (pct(split['userFraction']), pct(split['revealFraction']), js_str(split['seed']))


def latest_rows(df, latest_time):
    timed = df[df['time'].values == latest_time[df['u'].values]]
    return timed.groupby('u', as_index=False)['pos'].max()


def with_row_keys(df, prefix):
    return df.assign(key=keys_of(prefix, df['user'].tolist(), df['item'].tolist()))


def reveal(group, reveal_fraction, prefix):
    """Positions of a held-out user's checked rows: all but the first revealed ones, earliest first when all are timed, else by row key."""
    n = len(group)
    if not group['time'].isna().any():
        order = group.sort_values(['time', 'pos'], kind='mergesort')
    else:
        keyed = group.assign(key=keys_of(prefix, group['user'].tolist(), group['item'].tolist()))
        order = keyed.iloc[sorted(range(n), key=lambda k: (int(keyed['key'].iat[k]), keyed['item'].iat[k]))]
    n_input = min(n - 1, max(1, js_round(reveal_fraction * n)))
    return order['pos'].iloc[n_input:]


def split_rows(df, split, n_users, n_items):
    """The sample with a `test` column: the lab's split of the same rows, by the same keys."""
    kind = split['kind']
    if kind == 'last':
        latest_time = df.groupby('u')['time'].max().compute().reindex(range(n_users)).values
        if np.isnan(latest_time).all():
            raise FilterError('a temporal split needs timestamps, and this table has none')
        count = code_counts(df, 'u', n_users).compute()
        latest = df.map_partitions(latest_rows, latest_time, meta={'u': np.int32, 'pos': np.int64}).groupby('u')['pos'].max().compute()
        pos = np.full(n_users, -1, dtype=np.int64)
        pos[latest.index.values] = latest.values
        pos[count < 2] = -1
        candidate = df.map_partitions(lambda d: d.assign(test=d['pos'].values == pos[d['u'].values]))
        trained = code_counts(candidate[~candidate['test']], 'i', n_items).compute()
        return candidate.map_partitions(lambda d: d.assign(test=d['test'].values & (trained[d['i'].values] > 0)))
    prefix = js_str(split['seed']) + ':'
    if kind == 'random':
        keyed = persist(df.map_partitions(with_row_keys, prefix))
        threshold = smallest(keyed, math.ceil(len(keyed) * split['testFraction']), ['user', 'item'])
        return keyed.map_partitions(lambda d: d.assign(test=in_smallest(d, threshold, ['user', 'item'])).drop(columns='key'))
    count = code_counts(df, 'u', n_users).compute()
    eligible = df[df['u'].map_partitions(lambda s: pd.Series(count[s.values] >= 2, index=s.index))]
    users = persist(eligible.map_partitions(user_key_frame, prefix, meta={'u': np.int32, 'user': object, 'key': np.uint64}).drop_duplicates(subset='u'))
    n_eligible = len(users)
    if n_eligible == 0:
        raise FilterError('no user has 2 or more ratings to hold out')
    threshold = smallest(users, max(1, js_round(split['userFraction'] * n_eligible)), ['user'])
    held = np.zeros(n_users, dtype=bool)
    held[users.map_partitions(lambda d: d['u'][in_smallest(d, threshold, ['user'])]).compute().values] = True
    rows = df[df['u'].map_partitions(lambda s: pd.Series(held[s.values], index=s.index))]
    checked = rows.groupby('u').apply(reveal, split['revealFraction'], prefix, meta=('pos', np.int64)).compute()
    checked = np.sort(checked.values.astype(np.int64))
    return df.map_partitions(lambda d: d.assign(test=member(d['pos'].values, checked)))


# ---------------------------------------------------------------------------------
# BaselineOnly (Surprise's ALS baselines, src/core/surprise/baseline.ts) as Dask aggregations

def deviations(df, mu, bias, by):
    """Sums of r - mu - b_other over each `by` code of the partition: (codes, sums)."""
    other = 'i' if by == 'u' else 'u'
    dev = pd.Series(df['rating'].values.astype(np.float64) - mu - bias[df[other].values])
    sums = dev.groupby(df[by].values).sum()
    return sums.index.values, sums.values


def fit_baseline(train, params, n_users, n_items, mu):
    o = params.get('bsl_options', {})
    if o.get('method', 'als') != 'als':
        raise FilterError('the Dask job fits BaselineOnly by ALS only (bsl_options.method "als"); SGD is sequential by nature')
    epochs = o.get('n_epochs') or 10
    reg_i, reg_u = o.get('reg_i', 10), o.get('reg_u', 15)
    n_u, n_i = dask.compute(code_counts(train, 'u', n_users), code_counts(train, 'i', n_items))
    parts = train.to_delayed()
    bu, bi = np.zeros(n_users), np.zeros(n_items)
    for _ in range(epochs):
        bias = dask.delayed(bu, pure=True)
        bi = dask.delayed(dense)([dask.delayed(deviations)(p, mu, bias, 'i') for p in parts], n_items, np.float64).compute() / (reg_i + n_i)
        bias = dask.delayed(bi, pure=True)
        bu = dask.delayed(dense)([dask.delayed(deviations)(p, mu, bias, 'u') for p in parts], n_users, np.float64).compute() / (reg_u + n_u)
    return {'algo': 'BaselineOnly', 'mu': mu}, bu, bi


# ---------------------------------------------------------------------------------
# ALS matrix factorisation: alternating regularised least squares, one solve per user
# (then per item) of its own rows, in map_partitions over data shuffled by user and by
# item, with the other side's factor block broadcast by Dask.

def solve_explicit(V, y, lam):
    """Ridge solutions x = (V^T V + lam I)^-1 V^T y for a batch: V (m, n, K), y (m, n), lam (m,)."""
    m, n, K = V.shape
    if n < K:
        G = V @ V.transpose(0, 2, 1)
        G[:, np.arange(n), np.arange(n)] += lam[:, None]
        a = np.linalg.solve(G, y[..., None])[..., 0]
        return np.einsum('mn,mnk->mk', a, V)
    A = V.transpose(0, 2, 1) @ V
    A[:, np.arange(K), np.arange(K)] += lam[:, None]
    return np.linalg.solve(A, np.einsum('mnk,mn->mk', V, y)[..., None])[..., 0]


def solve_implicit(V, c, B, B_inv):
    """x = (B + V^T diag(c - 1) V)^-1 V^T c (Hu, Koren & Volinsky), through Woodbury when the user has fewer rows than factors."""
    m, n, K = V.shape
    b = np.einsum('mnk,mn->mk', V, c)
    if n < K:
        Vs = V * np.sqrt(c - 1)[..., None]
        w = b @ B_inv
        Z = Vs @ B_inv
        M = Z @ Vs.transpose(0, 2, 1)
        M[:, np.arange(n), np.arange(n)] += 1
        s = np.linalg.solve(M, np.einsum('mnk,mk->mn', Vs, w)[..., None])[..., 0]
        return w - np.einsum('mnk,mn->mk', Z, s)
    A = B[None] + np.einsum('mnk,mn,mnl->mkl', V, c - 1, V)
    return np.linalg.solve(A, b[..., None])[..., 0]


def als_block(df, by, other_factors, als, mu):
    """New factors (and biases, explicit) of every `by` code in this partition, given the other side's."""
    other = 'i' if by == 'u' else 'u'
    df = df.sort_values(by, kind='mergesort')
    codes = df[by].values
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    counts = np.diff(np.r_[starts, len(codes)])
    rank = als['rank']
    F = other_factors[df[other].values]
    r = df['rating'].values.astype(np.float64)
    out = np.zeros((len(starts), rank + (0 if als['implicit'] else 1)))
    if als['implicit']:
        V = F
        target = 1 + als['alpha'] * r
        B = other_factors.T @ other_factors + als['reg'] * np.eye(rank)
        B_inv = np.linalg.inv(B)
    else:
        V = np.hstack([F[:, :rank], np.ones((len(F), 1))])
        target = r - mu - F[:, rank]
    K = V.shape[1]
    for n in np.unique(counts):
        which = np.flatnonzero(counts == n)
        step = max(1, (1 << 22) // (n * K))
        for c0 in range(0, len(which), step):
            sel = which[c0:c0 + step]
            idx = starts[sel][:, None] + np.arange(n)
            if als['implicit']:
                out[sel] = solve_implicit(V[idx], target[idx], B, B_inv)
            else:
                out[sel] = solve_explicit(V[idx], target[idx], als['reg'] * n * np.ones(len(sel)))
    return codes[starts], out


def assemble(parts, n, width):
    out = np.zeros((n, width))
    for codes, block in parts:
        out[codes] = block
    return out


def fit_als(client, train, params, n_users, n_items, mu):
    als = {'rank': int(params.get('rank', 32)), 'reg': float(params.get('reg', 0.1)), 'iterations': int(params.get('iterations', 10)),
           'implicit': bool(params.get('implicit', False)), 'alpha': float(params.get('alpha', 40)), 'seed': int(params.get('seed', 0))}
    width = als['rank'] + (0 if als['implicit'] else 1)
    rng = np.random.default_rng(als['seed'])
    Q = np.zeros((n_items, width))
    Q[:, :als['rank']] = rng.normal(0, 0.1, (n_items, als['rank']))
    by_user = persist(train.shuffle('u'))
    by_item = persist(train.shuffle('i'))
    items = client.scatter(Q, broadcast=True)
    users = None
    for _ in range(als['iterations']):
        blocks = [dask.delayed(als_block)(p, 'u', items, als, mu) for p in by_user.to_delayed()]
        users = client.compute(dask.delayed(assemble)(blocks, n_users, width))
        blocks = [dask.delayed(als_block)(p, 'i', users, als, mu) for p in by_item.to_delayed()]
        items = client.compute(dask.delayed(assemble)(blocks, n_items, width))
    return {'algo': 'ALS', 'mu': mu, 'rank': als['rank'], 'implicit': als['implicit']}, users, items


def estimates(model, A, B, u, i, known_user, known_item):
    """Raw estimates of (u, i) pairs; A, B are the user and item arrays (biases, or factors with biases last)."""
    if model['algo'] == 'BaselineOnly':
        return (model['mu'] + A[u]) + B[i]
    k = model['rank']
    if model['implicit']:
        return np.where(known_user[u] & known_item[i], np.einsum('nk,nk->n', A[u], B[i]), 0.0)
    ku, ki = known_user[u], known_item[i]
    est = (model['mu'] + np.where(ku, A[u, k], 0.0)) + np.where(ki, B[i, k], 0.0)
    return est + np.where(ku & ki, np.einsum('nk,nk->n', A[u, :k], B[i, :k]), 0.0)


def errors(df, model, A, B, known_user, known_item, scale):
    est = estimates(model, A, B, df['u'].values, df['i'].values, known_user, known_item)
    err = np.clip(est, scale[0], scale[1]) - df['rating'].values.astype(np.float64)
    return float(np.sum(err * err)), float(np.sum(np.abs(err)))


# ---------------------------------------------------------------------------------
# Ranking: the full protocol of src/core/ranking/index.ts, user partition by user partition

def top_k(scores, k, id_rank):
    """Columns of the k best scores of each row: larger first, ties by item id (id_rank ascending)."""
    m, c = scores.shape
    take = min(k, c)
    if take == 0:
        return np.zeros((m, 0), dtype=np.int64)
    part = np.argpartition(-scores, take - 1, axis=1)[:, :take]
    kth = np.min(np.take_along_axis(scores, part, axis=1), axis=1)
    out = np.empty((m, take), dtype=np.int64)
    for row in range(m):
        cand = np.flatnonzero(scores[row] >= kth[row])
        order = np.lexsort((id_rank[cand], -scores[row, cand]))
        out[row] = cand[order[:take]]
    return out


def rank_users(df, model, A, B, known_user, known_item, catalog, id_rank, k, popularity, n_train_users, head):
    """Per-partition sums of the ranking metrics over its users (each user's rows are all here)."""
    df = df.sort_values('u', kind='mergesort')
    in_catalog = np.zeros(len(popularity), dtype=bool)
    in_catalog[catalog] = True
    col_of = np.full(len(popularity), -1)
    col_of[catalog] = np.arange(len(catalog))
    sums = np.zeros(6)
    users = 0
    exposure = np.zeros(len(catalog))
    novelty = arp = long_tail = slots = 0.0
    cat_rank = id_rank[catalog]
    ideal = np.cumsum(1 / np.log2(np.arange(2, k + 2)))
    for u, rows in df.groupby('u', sort=False):
        train_items = rows['i'].values[~rows['test'].values]
        test_items = np.unique(rows['i'].values[rows['test'].values])
        relevant = test_items[in_catalog[test_items] & ~np.isin(test_items, train_items)]
        if len(relevant) == 0:
            continue
        s = estimates(model, A, B, np.full(len(catalog), u), catalog, known_user, known_item)
        trained = col_of[train_items]
        candidates = np.ones(len(catalog), dtype=bool)
        candidates[trained[trained >= 0]] = False
        cols = np.flatnonzero(candidates)
        top = cols[top_k(s[cols][None, :], k, cat_rank[cols])[0]]
        items = catalog[top]
        rel = np.isin(items, relevant)
        hits = np.cumsum(rel)
        ranks = np.arange(1, len(items) + 1)
        R = len(relevant)
        h = int(hits[-1]) if len(hits) else 0
        sums += [1.0 if h > 0 else 0.0, h / k, h / R,
                 float(np.sum(hits[rel] / ranks[rel])) / min(R, k),
                 float(np.sum(1 / np.log2(ranks[rel] + 1))) / ideal[min(R, k) - 1],
                 1 / ranks[rel][0] if h > 0 else 0.0]
        users += 1
        exposure[top] += 1
        pop = popularity[items]
        novelty += float(np.sum(-np.log2(pop / n_train_users)))
        arp += float(np.mean(pop)) if len(pop) else 0.0
        long_tail += float(np.sum(~head[items]))
        slots += len(items)
    return sums, users, exposure, novelty, arp, long_tail, slots


def ranking_metrics(df, model, arrays, n_items, id_rank, k):
    train = df[~df['test']]
    popularity, per_user = dask.compute(code_counts(train, 'i', n_items), code_counts(train, 'u', int(df['u'].max().compute()) + 1))
    catalog = np.flatnonzero(popularity > 0)
    n_train_users = int(np.count_nonzero(per_user))
    # The head: the most-rated catalog items (ties by item id) holding >= 20% of the training ratings.
    order = catalog[np.lexsort((id_rank[catalog], -popularity[catalog]))]
    need = 0.2 * popularity.sum()
    size = int(np.searchsorted(np.cumsum(popularity[order]), need)) + 1
    head = np.zeros(n_items, dtype=bool)
    head[order[:size]] = True
    parts = dask.compute(*[dask.delayed(rank_users)(p, model, *arrays, catalog, id_rank, k, popularity, n_train_users, head)
                           for p in df.shuffle('u').to_delayed()])
    sums = sum(p[0] for p in parts)
    users = sum(p[1] for p in parts)
    exposure = sum(p[2] for p in parts)
    novelty, arp, long_tail, slots = (sum(p[j] for p in parts) for j in (3, 4, 5, 6))
    x = np.sort(exposure)
    n = len(x)
    gini = float(np.sum((2 * np.arange(1, n + 1) - n - 1) * x) / (n * x.sum())) if x.sum() > 0 else 0.0
    mean = (lambda v: v / users) if users else (lambda v: None)
    hr, precision, recall, ap, ndcg, mrr = (mean(v) for v in sums)
    return {'k': k, 'users': users, 'hr': hr, 'precision': precision, 'recall': recall, 'map': ap, 'ndcg': ndcg, 'mrr': mrr,
            'coverage': float(np.count_nonzero(exposure)) / len(catalog) if len(catalog) else 0.0,
            'novelty': novelty / slots if slots else None, 'arp': arp / users if users else None,
            'long_tail': long_tail / slots if slots else None, 'gini': gini}


def evaluate(client, df, evaluation):
    """Every asked algorithm on the split of the sample: RMSE and MAE, and the ranking when asked."""
    n_users = int(df['u'].max().compute()) + 1
    n_items = int(df['i'].max().compute()) + 1
    split = evaluation['split']
    started = time.time()
    df = persist(split_rows(df, split, n_users, n_items))
    train = persist(df[~df['test']])
    test = persist(df[df['test']])
    n_train, n_test = len(train), len(test)
    if n_train == 0 or n_test == 0:
        raise FilterError('the split leaves no training or no test rows')
    split_s = time.time() - started
    log('job.py: split %s: %d train, %d test rows' % (split_label(split), n_train, n_test))
    ratings = df['rating'].astype(np.float64)
    scale = dask.compute(ratings.min(), ratings.max())
    mu = float(train['rating'].astype(np.float64).sum().compute()) / n_train
    per_user, per_item = dask.compute(code_counts(train, 'u', n_users), code_counts(train, 'i', n_items))
    known_user, known_item = per_user > 0, per_item > 0
    id_rank = None
    if evaluation.get('ranking'):
        ids = df[['i', 'item']].drop_duplicates(subset='i').compute()
        utf16 = sorted(zip((s.encode('utf-16-be') for s in ids['item']), ids['i']))
        id_rank = np.zeros(n_items, dtype=np.int64)
        id_rank[[code for _, code in utf16]] = np.arange(len(utf16))
    results = []
    known = client.scatter([known_user, known_item], broadcast=True)
    for spec in evaluation['algos']:
        algo, params = spec['algo'], spec.get('params', {})
        fit_started = time.time()
        if algo == 'BaselineOnly':
            model, A, B = fit_baseline(train, params, n_users, n_items, mu)
            A, B = client.scatter([A, B], broadcast=True)
        elif algo == 'ALS':
            model, A, B = fit_als(client, train, params, n_users, n_items, mu)
        else:
            raise FilterError('the Dask job runs BaselineOnly and ALS, not %s' % algo)
        wait([A, B])
        fit_s = time.time() - fit_started
        test_started = time.time()
        out = {'algo': algo, 'params': params, 'split': {**split, 'label': split_label(split), 'train': n_train, 'test': n_test}}
        if model.get('implicit'):
            out.update(rmse=None, mae=None, mse=None, impossible=0)
        else:
            sums = dask.compute(*[dask.delayed(errors)(p, model, A, B, *known, scale) for p in test.to_delayed()])
            sq, ab = sum(x[0] for x in sums), sum(x[1] for x in sums)
            out.update(rmse=math.sqrt(sq / n_test), mae=ab / n_test, mse=sq / n_test, impossible=0)
        if evaluation.get('ranking'):
            out['ranking'] = ranking_metrics(df, model, [A, B, *known], n_items, id_rank, int(evaluation['ranking']['k']))
        out.update(fit_s=round(fit_s, 3), test_s=round(time.time() - test_started, 3), split_s=round(split_s, 3))
        log('job.py: %s: RMSE %s, %.1f s' % (algo, out['rmse'], time.time() - fit_started))
        results.append(out)
    return results


# ---------------------------------------------------------------------------------
# Running

def peak_rss_mb():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def parse_args(argv):
    p = argparse.ArgumentParser(description='RecLab recipe and baselines on Dask.')
    p.add_argument('--input', required=True, help='a ratings file, or a glob of files read as one dataset')
    p.add_argument('--output', required=True, help='a folder for sample.csv and summary.json')
    p.add_argument('--recipe', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'recipe.json'))
    where = p.add_mutually_exclusive_group()
    where.add_argument('--scheduler', help='address of a running Dask scheduler (tcp://host:8786)')
    where.add_argument('--workers', type=int, help='local worker processes (default: CPU count)')
    p.add_argument('--memory-limit', default='auto', help='per local worker, e.g. 4GB (default: RAM / workers)')
    p.add_argument('--blocksize', default='32MiB', help='bytes of a plain file per partition')
    return p.parse_args(argv)


def log(text):
    print(text, file=sys.stderr, flush=True)


def main(argv):
    args = parse_args(argv)
    with open(args.recipe, encoding='utf-8') as f:
        recipe = json.load(f)
    if recipe.get('engine') != 'dask' or recipe.get('version') != RECIPE_VERSION:
        raise FilterError('%s is not a version %d Dask recipe (engine %s, version %s)' % (args.recipe, RECIPE_VERSION, recipe.get('engine'), recipe.get('version')))
    os.makedirs(args.output, exist_ok=True)
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers or os.cpu_count() or 1, threads_per_worker=1, memory_limit=args.memory_limit,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        summary = run_job(client, args, recipe, peak=cluster is not None)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    with open(os.path.join(args.output, 'summary.json'), 'w', encoding='utf-8') as f:
        json.dump(summary, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write('\n')
    log('job.py: wrote %s and %s' % (os.path.join(args.output, 'sample.csv'), os.path.join(args.output, 'summary.json')))
    return 0


def run_job(client, args, recipe, peak):
    """The recipe, sample.csv and the evaluations; the summary to write."""
    workers = len(client.scheduler_info()['workers'])
    log('job.py: %d Dask workers (%s)' % (workers, client.scheduler.address))
    started = time.time()
    out = run_recipe(client, args, recipe)
    log('job.py: %d rows read, %d kept after the recipe (%d k-core rounds)' % (out['before']['rows'], out['after']['rows'], out['after']['rounds']))
    summary = {
        'engine': 'dask', 'dask': dask.__version__, 'recipe_version': RECIPE_VERSION, 'workers': workers,
        'input': args.input, 'files': out['files'], 'format': out['formats'][0] if len(out['formats']) == 1 else out['formats'],
        'rows': out['before']['rows'], 'users': out['before']['users'], 'items': out['before']['items'],
        'bad_rows': out['bad_rows'], 'duplicates': out['duplicates'], 'bad_examples': out['bad_examples'],
        'after': out['after'], 'rounds': out['rounds'],
    }
    write_sample(client, out['df'], os.path.join(args.output, 'sample.csv'), 2 * workers)
    seconds = dict(out['seconds'])
    if recipe.get('evaluation'):
        evaluated = time.time()
        summary['evaluations'] = evaluate(client, out['df'], recipe['evaluation'])
        summary['evaluation'] = summary['evaluations'][0]
        seconds['evaluate'] = time.time() - evaluated
    seconds['total'] = time.time() - started
    summary['seconds'] = {k: round(v, 3) for k, v in seconds.items()}
    # Peak memory of each worker process since it started: this job's, on workers of its own.
    summary['peak_rss_mb'] = sorted(client.run(peak_rss_mb).values()) if peak else None
    return summary


def run(argv):
    """main, with the expected failures (a bad file, a recipe the data cannot take) as one line and exit status 2."""
    try:
        return main(argv)
    except (ImportError_, FilterError) as err:
        print('job.py: %s' % err, file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(run(sys.argv[1:]))
