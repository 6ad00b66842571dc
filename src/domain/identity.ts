/**
 * Validation and normalisation of the citizen identifiers typed at the kiosk: mobile number, Aadhaar,
 * Jan Aadhaar, PIN code. Each `normalize*` returns the canonical ASCII form or null when it is not valid.
 */
import { asciiDigits } from './digits';
import { verhoeffValid } from './verhoeff';

const strip = (s: string) => asciiDigits(s).replace(/[\s\-().]/g, '');

/** 10 digits starting 6-9; accepts +91, 91, 0 prefixes, spaces, hyphens and Devanagari digits. */
export function normalizeMobile(input: string): string | null {
  let s = strip(input);
  if (s.startsWith('+91')) s = s.slice(3);
  else if (s.length === 12 && s.startsWith('91')) s = s.slice(2);
  else if (s.length === 11 && s.startsWith('0')) s = s.slice(1);
  return /^[6-9]\d{9}$/.test(s) ? s : null;
}

/** A mobile number as shown or logged where the full number must not be: the last 4 digits only. */
export function maskMobile(mobile: string): string {
  return `XXXXXX${mobile.slice(-4)}`;
}

/**
 * Free text (a log line, a URL, what a citizen typed) with every mobile number (optionally +91/0 prefixed)
 * and 12-digit Aadhaar-like run cut to its last 4 digits, as maskMobile shows a mobile.
 */
export function maskNumbersIn(text: string): string {
  return text.replace(/(?<!\d)(?:\+?91[\s-]?|0)?([6-9]\d{5}|\d{8})(\d{4})(?!\d)/g, (_m, head: string, last4: string) => `${'X'.repeat(head.length)}${last4}`);
}

/** 12 digits, first 2-9, not all the same digit, last digit a Verhoeff check digit. */
export function normalizeAadhaar(input: string): string | null {
  const s = strip(input);
  if (!/^[2-9]\d{11}$/.test(s) || /^(\d)\1{11}$/.test(s)) return null;
  return verhoeffValid(s) ? s : null;
}

/** Masked for display and print: never more than the last 4 digits. */
export function maskAadhaar(last4: string): string {
  return `XXXX XXXX ${last4}`;
}

/** Jan Aadhaar: family ID 10 digits or member ID 11 digits. */
export function normalizeJanAadhaar(input: string): string | null {
  const s = strip(input);
  return /^\d{10,11}$/.test(s) ? s : null;
}

/** Rajasthan PIN codes are 30xxxx-34xxxx. */
export function normalizePin(input: string): string | null {
  const s = strip(input);
  return /^3[0-4]\d{4}$/.test(s) ? s : null;
}

/** e-Mitra kiosk code: K followed by digits (exact length not published). */
export function normalizeKioskCode(input: string): string | null {
  const s = asciiDigits(input).trim().toUpperCase();
  return /^K\d{1,12}$/.test(s) ? s : null;
}
