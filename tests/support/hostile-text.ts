/**
 * Strings a database cannot store, for property tests of the free-text rule (src/domain/text.ts), and an
 * oracle written independently of that rule.
 */
import fc from 'fast-check';

/** Well-formed UTF-16 without NUL: what PostgreSQL can store in text and jsonb. */
export const wellFormed = (s: string): boolean => !s.includes('\u0000') && (s as string & { isWellFormed(): boolean }).isWellFormed();

/** What a free-text field should keep of an accepted `s`: stray control characters dropped, then trimmed. */
export const asStored = (s: string): string => s.replace(/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();

/** Any string (every code point, lone surrogates included), often with NUL or half a surrogate pair spliced in. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.tuple(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0007', '\u001B', '\u007F', '\t', '\n'),
    fc.string({ unit: 'binary', maxLength: 40 }),
  ).map(([a, b, c]) => a + b + c),
);

/**
 * `s` percent-encoded as WTF-8 for a URL: encodeURIComponent throws on a lone surrogate, so each one is
 * written as the 3 bytes a careless client would send.
 */
export function wtf8Query(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    if (pair) { out += encodeURIComponent(s.slice(i, i + 2)); i++; continue; }
    if (c >= 0xd800 && c <= 0xdfff) { out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join(''); continue; }
    out += encodeURIComponent(s[i]);
  }
  return out;
}
