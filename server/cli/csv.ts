/** RFC 4180 CSV: a field is quoted when it holds a comma, quote or line break; quotes are doubled. */

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV line, CRLF-terminated as the RFC says (spreadsheets accept it everywhere). */
export const csvLine = (values: readonly unknown[]): string => `${values.map(cell).join(',')}\r\n`;
