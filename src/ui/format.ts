/**
 * Display helpers, the one place numbers and dates are written for people: dates and counts in the UI
 * language (Devanagari digits in Hindi), grievance numbers in their groups of four, masked mobile numbers,
 * short excerpts. Every screen uses these, so the same value looks the same everywhere.
 */
import { t, type Key, type Lang } from './i18n';
import { departmentByCode, districtByCode } from '../domain/reference';
import { formatGrievanceNumber } from '../domain/numbers';

/** Hindi with Devanagari digits (०-९) on screen and on paper; stored and typed values stay ASCII (src/domain/digits.ts). */
const locale = (lang: Lang) => (lang === 'hi' ? 'hi-IN-u-nu-deva' : 'en-IN');

/** A date in India time, e.g. "4 दिस॰ 2026, शुक्रवार" / "Fri, 4 Dec 2026". */
export function formatDate(d: Date, lang: Lang): string {
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(locale(lang), { dateStyle: 'full', timeZone: 'Asia/Kolkata' });
}

/** A calendar day given as "YYYY-MM-DD" (as the server sends days), e.g. "4 दिस॰ 2026" / "4 Dec 2026"; the text itself if it is not one. */
export function formatDay(day: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const d = new Date(`${day}T12:00:00+05:30`);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(locale(lang), { dateStyle: 'medium', timeZone: 'Asia/Kolkata' });
}

/** A count in the UI language's digits (१,२३४ in Hindi). */
export function formatNumber(n: number, lang: Lang): string {
  return n.toLocaleString(locale(lang));
}

/** A share from 0 to 1 as a whole percentage in the UI language's digits: "८७%" / "87%". */
export function formatPercent(x: number, lang: Lang): string {
  return `${formatNumber(Math.round(x * 100), lang)}%`;
}

/** The official 13-digit grievance number as it is read out and printed: "2612-0000-0042-7" (ASCII digits: it is typed back). */
export function formatGrievanceNo(n: string): string {
  return /^\d{13}$/.test(n) ? formatGrievanceNumber(n) : n;
}

/** e.g. "28 नव॰ 2026, 9:10 pm" / "28 Nov 2026, 9:10 pm". */
export function formatDateTime(iso: string | number, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(locale(lang), { dateStyle: 'medium', timeStyle: 'short' });
}

/** e.g. "9:10 pm". */
export function formatTime(iso: string | number, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(locale(lang), { timeStyle: 'short' });
}

/**
 * A receipt or grievance number cut into the groups a line may break between, each keeping its hyphen:
 * "K1023456-261128-7QX2M-0042" → ["K1023456-", "261128-", "7QX2M-", "0042"] (components/grouped-number.tsx).
 */
export function numberGroups(n: string): string[] {
  return n.match(/[^-]+-?|-/g) ?? [];
}

/** Only the last 4 digits of a mobile number leave the screen: "XXXXXX3210" (one rule, in the domain). */
export { maskMobile } from '../domain/identity';

/** The first `max` characters of `text`, cut at a word boundary, with an ellipsis. */
export function excerpt(text: string, max = 120): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The name of a department, category or district in the UI language (the code when unknown). */
export function departmentName(code: string, lang: Lang): string {
  return departmentByCode(code)?.[lang] ?? code;
}
export function categoryName(departmentCode: string, code: string | undefined, lang: Lang): string | undefined {
  if (!code) return undefined;
  return departmentByCode(departmentCode)?.categories.find((c) => c.code === code)?.[lang] ?? code;
}
export function districtName(code: string, lang: Lang): string {
  return districtByCode(code)?.[lang] ?? code;
}

/** The form label of a wire field (as named in the server's field errors). */
const FIELD_LABELS: Record<string, Key> = {
  name: 'f.name', mobile: 'f.mobile', janAadhaarId: 'f.janAadhaar', aadhaarLast4: 'f.aadhaar', aadhaarSealed: 'f.aadhaar',
  address: 'f.address', pin: 'f.pin', areaType: 'f.area', districtCode: 'f.district', tehsilCode: 'f.tehsil', blockCode: 'f.tehsil',
  departmentCode: 'f.department', categoryCode: 'f.category', description: 'f.description', consent: 'f.consentShort',
};
export function fieldLabel(path: string, lang: Lang): string {
  const key = FIELD_LABELS[path.split('.')[0]];
  return key ? t(lang, key) : path;
}
