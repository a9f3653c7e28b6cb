/**
 * Text from data files made ready to show: the one function every title, store and
 * category passes through before a person sees it (Data, Explore, Recommend, CLI).
 * Scraped HTML tags are dropped and HTML character references decoded, so
 * "F&amp;W Publications" reads "F&W Publications"; the result is still plain text,
 * which the UI renders as text, never as HTML ("&lt;b&gt;" becomes the characters
 * "<b>", not markup).
 */

/** The HTML 4 named references (HTML5 keeps them all): Latin-1 160–255 in order, then the rest by code point. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega';
const OTHERS: [string, number][] = Object.entries({
  quot: 34, amp: 38, apos: 39, lt: 60, gt: 62, OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  thetasym: 977, upsih: 978, piv: 982, ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207, ndash: 8211, mdash: 8212,
  lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240,
  prime: 8242, Prime: 8243, lsaquo: 8249, rsaquo: 8250, oline: 8254, frasl: 8260, euro: 8364, image: 8465, weierp: 8472, real: 8476, trade: 8482,
  alefsym: 8501, larr: 8592, uarr: 8593, rarr: 8594, darr: 8595, harr: 8596, crarr: 8629, lArr: 8656, uArr: 8657, rArr: 8658, dArr: 8659, hArr: 8660,
  forall: 8704, part: 8706, exist: 8707, empty: 8709, nabla: 8711, isin: 8712, notin: 8713, ni: 8715, prod: 8719, sum: 8721, minus: 8722, lowast: 8727,
  radic: 8730, prop: 8733, infin: 8734, ang: 8736, and: 8743, or: 8744, cap: 8745, cup: 8746, int: 8747, there4: 8756, sim: 8764, cong: 8773,
  asymp: 8776, ne: 8800, equiv: 8801, le: 8804, ge: 8805, sub: 8834, sup: 8835, nsub: 8836, sube: 8838, supe: 8839, oplus: 8853, otimes: 8855,
  perp: 8869, sdot: 8901, lceil: 8968, rceil: 8969, lfloor: 8970, rfloor: 8971, lang: 9001, rang: 9002, loz: 9674, spades: 9824, clubs: 9827,
  hearts: 9829, diams: 9830,
});

function namedEntities(): Map<string, string> {
  const out = new Map<string, string>();
  const run = (names: string, first: number) =>
    names.split(' ').forEach((name, k) => {
      if (name !== '_') out.set(name, String.fromCodePoint(first + k));
    });
  run(LATIN1, 160);
  run(GREEK_UPPER, 913);
  run(GREEK_LOWER, 945);
  for (const [name, cp] of OTHERS) out.set(name, String.fromCodePoint(cp));
  return out;
}

/** Name → character, case-sensitive as in HTML (&Eacute; is É, &eacute; is é). */
export const NAMED_ENTITIES: ReadonlyMap<string, string> = namedEntities();

/**
 * What HTML5 makes of numeric references 0x80–0x9F: the Windows-1252 characters
 * (scraped pages write &#146; for ’). 0 marks the five code points left as they are.
 */
const CP1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function numeric(ref: string): string | undefined {
  const hex = ref[1] === 'x' || ref[1] === 'X';
  let cp = hex ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  if (cp >= 0x80 && cp <= 0x9f) cp = CP1252[cp - 0x80] || cp;
  // NUL, surrogates and values past Unicode stay as written.
  if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/** HTML character references decoded once ("&amp;amp;" → "&amp;"); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (m, ref: string) => {
    if (ref[0] === '#') return numeric(ref) ?? m;
    // HTML5 also knows the upper-case forms of the markup characters (&AMP;, &LT;, …).
    return NAMED_ENTITIES.get(ref) ?? (/^(AMP|LT|GT|QUOT)$/.test(ref) ? NAMED_ENTITIES.get(ref.toLowerCase())! : m);
  });
}

/**
 * A title, store or category as a person reads it: tags (even an unterminated one
 * at the end) removed, references decoded, whitespace collapsed and trimmed; '' when
 * nothing readable is left. Tags go before references are decoded, so text the file
 * escaped ("&lt;3") stays text.
 */
export function displayText(raw: string): string {
  return decodeEntities(raw.replace(/<[^>]*(>|$)/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
