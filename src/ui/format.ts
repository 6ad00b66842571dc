/** Display helpers: dates in the UI language, masked mobile numbers, short excerpts. */
import { t, type Key, type Lang } from './i18n';
import { departmentByCode, districtByCode } from '../domain/reference';

/** Hindi with Devanagari digits (०-९) on screen and on paper; stored and typed values stay ASCII (src/domain/digits.ts). */
const locale = (lang: Lang) => (lang === 'hi' ? 'hi-IN-u-nu-deva' : 'en-IN');

/** A date in India time, e.g. "4 दिस॰ 2026, शुक्रवार" / "Fri, 4 Dec 2026". */
export function formatDate(d: Date, lang: Lang): string {
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(locale(lang), { dateStyle: 'full', timeZone: 'Asia/Kolkata' });
}

/** A count in the UI language's digits (१,२३४ in Hindi). */
export function formatNumber(n: number, lang: Lang): string {
  return n.toLocaleString(locale(lang));
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
