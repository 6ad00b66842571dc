/** Devanagari digits (०-९) and other Unicode decimal digits typed by operators, mapped to ASCII 0-9. */
const DEVANAGARI_ZERO = 0x0966;

/** Replaces every Devanagari digit in `s` with its ASCII digit; other characters are kept. */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0966-\u096F]/g, (c) => String(c.charCodeAt(0) - DEVANAGARI_ZERO));
}

/** Renders ASCII digits as Devanagari digits (for Hindi display only; stored values stay ASCII). */
export function devanagariDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(DEVANAGARI_ZERO + Number(c)));
}
