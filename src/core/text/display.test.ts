import { describe, expect, it } from 'vitest';
import { decodeEntities, displayText, NAMED_ENTITIES } from './display.ts';

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references once, case-sensitively', () => {
    expect(decodeEntities('F&amp;W Publications')).toBe('F&W Publications');
    expect(decodeEntities('Heaven &amp; Hell &#39;81 &#x2014; live')).toBe("Heaven & Hell '81 — live");
    expect(decodeEntities('Beyonc&eacute; / &Eacute;tude / &acirc;')).toBe('Beyoncé / Étude / â');
    expect(decodeEntities('&AMP; &LT;3')).toBe('& <3');
    // Once: a double-escaped ampersand keeps one level of escaping.
    expect(decodeEntities('Tom &amp;amp; Jerry')).toBe('Tom &amp; Jerry');
  });

  it('reads &#128;–&#159; as Windows-1252, as browsers do, and leaves unknown or invalid references alone', () => {
    expect(decodeEntities('Rock &#146;n&#146; Roll &#150; &#128;5')).toBe('Rock ’n’ Roll – €5');
    expect(decodeEntities('&bogus; &#0; &#xD800; &#1114112; & alone &amp')).toBe('&bogus; &#0; &#xD800; &#1114112; & alone &amp');
  });

  it('knows the HTML 4 set: the 96 Latin-1 names, Greek, and the typographic symbols', () => {
    expect(NAMED_ENTITIES.get('nbsp')).toBe('\u00a0');
    expect(NAMED_ENTITIES.get('yuml')).toBe('ÿ');
    expect(NAMED_ENTITIES.get('Omega')).toBe('Ω');
    expect(NAMED_ENTITIES.get('sigmaf')).toBe('ς');
    expect(NAMED_ENTITIES.get('hellip')).toBe('…');
    expect(NAMED_ENTITIES.get('diams')).toBe('♦');
    expect(NAMED_ENTITIES.size).toBe(253);
  });
});

describe('displayText', () => {
  it('strips tags, even an unterminated one, before decoding, so escaped markup stays text', () => {
    expect(displayText('<span class="a-size-medium a-color-secondary"')).toBe('');
    expect(displayText('<b>Rose</b> &amp; Co\n  Serum')).toBe('Rose & Co Serum');
    expect(displayText('I &lt;3 &lt;b&gt;bold&lt;/b&gt;')).toBe('I <3 <b>bold</b>');
    expect(displayText('Newsweek &#8211; Regular ed')).toBe('Newsweek – Regular ed');
    expect(displayText('  Noodles &amp; Company Gift Card ')).toBe('Noodles & Company Gift Card');
  });
});
