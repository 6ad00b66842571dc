/**
 * Free text as people type it, and what a database can store of it. PostgreSQL refuses NUL and lone
 * UTF-16 surrogates in text and jsonb; before this rule such a character in one record failed its whole
 * sync batch on the server, for ever. Every free-text field of the wire contract uses `freeText`.
 */
import * as z from 'zod/mini';

/** NUL, and half of a UTF-16 surrogate pair (a cut emoji): PostgreSQL stores neither, in text or in jsonb. */
const UNSTORABLE = /\u0000|\p{Cs}/u;
/** C0 control characters other than tab, newline and carriage return, and DEL: invisible noise from copy and paste. */
const STRAY_CONTROLS = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Whether `s` can be stored as it is: no NUL, no lone surrogate. */
export const storable = (s: string): boolean => !UNSTORABLE.test(s);

/**
 * The one rule for text a person types (names, addresses, descriptions, remarks, reasons, questions,
 * notes): text holding a character no database can store is refused with `err.unstorable`, so the form
 * shows it next to the field before saving and the server answers that record (only) `invalid`; stray
 * control characters are dropped; the rest is trimmed and its length checked with the field's own `key`.
 */
export const freeText = (min: number, max: number, key: string) =>
  z.string({ error: key }).check(
    z.refine(storable, { message: 'err.unstorable', abort: true }),
    z.overwrite((s) => s.replace(STRAY_CONTROLS, '')),
    z.trim(), z.minLength(min, key), z.maxLength(max, key),
  );
