/**
 * The two numbers a citizen is given:
 * - the provisional receipt number, made on the device with no network: kiosk code, date, device id and a
 *   per-device sequence kept in IndexedDB (unique because the device id is random and the sequence never
 *   repeats on a device), e.g. `K1023456-261128-7QX2M-0042`;
 * - the official grievance number, assigned once by the server: 13 digits like Sampark's own
 *   (year, district, sequence, Verhoeff check digit) so that a typo is caught when it is read back.
 */
import { asciiDigits } from './digits';
import { verhoeffDigit, verhoeffValid } from './verhoeff';
import { DISTRICT_CODES } from './reference-codes';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Builds a provisional receipt number; `date` is the device's local date. */
export function receiptNumber(kioskCode: string, date: Date, deviceId: string, seq: number): string {
  const ymd = `${pad(date.getFullYear() % 100, 2)}${pad(date.getMonth() + 1, 2)}${pad(date.getDate(), 2)}`;
  return `${kioskCode}-${ymd}-${deviceId}-${pad(seq, 4)}`;
}

export const RECEIPT_PATTERN = /^K\d{1,12}-\d{6}-[0-9A-HJKMNP-TV-Z]{5}-\d{4,9}$/;

/** The kiosk code a receipt number was made at (its first part). */
export const receiptKiosk = (receipt: string): string => receipt.slice(0, receipt.indexOf('-'));

const IST_OFFSET_MS = 5.5 * 60 * 60 * 1000;

/**
 * Official number: YY (year received, in India Standard Time) + DD (district index 01-41) + 8-digit
 * sequence + check digit. The sequence is the server's single counter, so numbers stay unique until it
 * passes 10^8: decades at Sampark's volume (a few million a year state-wide).
 */
export function grievanceNumber(receivedAt: Date, districtCode: string, seq: number): string {
  const d = DISTRICT_CODES.indexOf(districtCode) + 1;
  const year = new Date(receivedAt.getTime() + IST_OFFSET_MS).getUTCFullYear();
  const body = `${pad(year % 100, 2)}${pad(d, 2)}${pad(seq % 1e8, 8)}`;
  return body + verhoeffDigit(body);
}

/** Reads a typed grievance number (spaces, hyphens, Devanagari digits) and checks its check digit. */
export function parseGrievanceNumber(input: string): string | null {
  const s = asciiDigits(input).replace(/[\s-]/g, '');
  return /^\d{13}$/.test(s) && verhoeffValid(s) ? s : null;
}

/** For reading out over the phone: 2612-0000-0042-7. */
export function formatGrievanceNumber(n: string): string {
  return `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8, 12)}-${n.slice(12)}`;
}
