/**
 * The daily infographic as one SVG string (1080 × 1350, a phone's portrait share size), built from a
 * DailyFigures by a small template: the same string is rendered to PNG on the server (resvg, Noto Sans
 * Devanagari) and shown on the Reports screen. Hindi by default, with Devanagari digits and the date in
 * words; English with Latin digits. Accessible: role="img", a <title>, and a <desc> stating the figures.
 */
import { devanagariDigits } from './digits';
import type { DailyFigures } from './leader-reports';
import type { Lang } from './messages';
import { departmentByCode, districtByCode } from './reference';

export const INFOGRAPHIC_WIDTH = 1080;
export const INFOGRAPHIC_HEIGHT = 1350;
export const INFOGRAPHIC_FONT = 'Noto Sans Devanagari';

const MONTHS = {
  hi: ['जनवरी', 'फ़रवरी', 'मार्च', 'अप्रैल', 'मई', 'जून', 'जुलाई', 'अगस्त', 'सितंबर', 'अक्टूबर', 'नवंबर', 'दिसंबर'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const WEEKDAYS = {
  hi: ['रविवार', 'सोमवार', 'मंगलवार', 'बुधवार', 'गुरुवार', 'शुक्रवार', 'शनिवार'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const T = {
  title: { hi: 'राजस्थान संपर्क: आज के आँकड़े', en: 'Rajasthan Sampark: figures of the day' },
  state: { hi: 'पूरा राज्य', en: 'Whole state' },
  registered: { hi: 'दर्ज परिवाद', en: 'Registered' },
  disposed: { hi: 'निस्तारित', en: 'Disposed' },
  pending: { hi: 'लंबित (दिन के अंत में)', en: 'Pending (end of day)' },
  withinLimit: { hi: 'समय-सीमा में निस्तारण', en: 'Disposed within limit' },
  satisfaction: { hi: 'संतुष्ट नागरिक', en: 'Citizens satisfied' },
  reopened: { hi: 'पुनः खोले गए', en: 'Reopened' },
  trend: { hi: 'पिछले 7 दिन: दर्ज और निस्तारित', en: 'Last 7 days: registered and disposed' },
  topDepartments: { hi: 'सर्वाधिक परिवाद वाले विभाग', en: 'Departments: most registered' },
  topDistricts: { hi: 'सर्वाधिक अवधिपार लंबित वाले जिले', en: 'Districts: most overdue' },
  none: { hi: 'कोई नहीं', en: 'None' },
  noData: { hi: 'आँकड़ा नहीं', en: 'no data' },
  source: { hi: 'स्रोत', en: 'Source' },
  asOf: { hi: 'आँकड़े इस समय तक', en: 'Figures as of' },
} satisfies Record<string, Record<Lang, string>>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const digits = (s: string, lang: Lang) => (lang === 'hi' ? devanagariDigits(s) : s);

/** 1234567 → "12,34,567" (Indian grouping), in the language's digits. */
export function formatCount(n: number, lang: Lang): string {
  const s = String(Math.trunc(n));
  const grouped = s.length <= 3 ? s : `${s.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ',')},${s.slice(-3)}`;
  return digits(grouped, lang);
}
export const formatPercent = (p: number | null, lang: Lang): string => (p === null ? T.noData[lang] : `${digits(String(p), lang)}%`);

/** "गुरुवार, ३ दिसंबर २०२६" / "Thursday, 3 December 2026". */
export function dateInWords(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = WEEKDAYS[lang][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return digits(`${weekday}, ${d} ${MONTHS[lang][m - 1]} ${y}`, lang);
}

/** The instant in India time, e.g. "३ दिसंबर २०२६, २०:०० IST". */
export function timeInWords(iso: string, lang: Lang): string {
  const ist = new Date(Date.parse(iso) + 5.5 * 3600_000).toISOString();
  const [date, time] = [ist.slice(0, 10), ist.slice(11, 16)];
  const [y, m, d] = date.split('-').map(Number);
  return digits(`${d} ${MONTHS[lang][m - 1]} ${y}, ${time} IST`, lang);
}

/** A department's or district's name without its parenthesis, cut to `max` characters. */
const shortName = (name: string, max = 30) => {
  const s = name.replace(/\s*\(.*\)\s*$/, '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};
const deptName = (code: string, lang: Lang) => shortName(departmentByCode(code)?.[lang] ?? code);
const distName = (code: string, lang: Lang) => shortName(districtByCode(code)?.[lang] ?? code);

/** What the figures cover, in words. */
export function scopeInWords(f: DailyFigures, lang: Lang): string {
  const parts = [f.scope.departments === null ? T.state[lang] : f.scope.departments.map((c) => deptName(c, lang)).join(', ')];
  if (f.scope.district) parts.push(distName(f.scope.district, lang));
  return parts.join(' · ');
}

/** The <desc>: every headline figure in a sentence. */
export function describeFigures(f: DailyFigures, lang: Lang): string {
  const n = (x: number) => formatCount(x, lang);
  return lang === 'hi'
    ? `${dateInWords(f.date, lang)}, ${scopeInWords(f, lang)}: ${n(f.registered)} परिवाद दर्ज, ${n(f.disposed)} निस्तारित, दिन के अंत में ${n(f.pending)} लंबित। ` +
      `समय-सीमा में निस्तारण ${formatPercent(f.disposedWithinLimit, lang)}, संतुष्ट नागरिक ${formatPercent(f.satisfaction, lang)}, ${n(f.reopened)} पुनः खोले गए।`
    : `${dateInWords(f.date, lang)}, ${scopeInWords(f, lang)}: ${n(f.registered)} grievances registered, ${n(f.disposed)} disposed, ${n(f.pending)} pending at the end of the day. ` +
      `Disposed within the time limit ${formatPercent(f.disposedWithinLimit, lang)}, citizens satisfied ${formatPercent(f.satisfaction, lang)}, ${n(f.reopened)} reopened.`;
}

const text = (x: number, y: number, s: string, size: number, opts: { weight?: number; fill?: string; anchor?: 'start' | 'middle' | 'end'; cls?: string } = {}) =>
  `<text x="${x}" y="${y}" font-size="${size}"${opts.weight ? ` font-weight="${opts.weight}"` : ''} fill="${opts.fill ?? '#1b1b1b'}"` +
  `${opts.anchor && opts.anchor !== 'start' ? ` text-anchor="${opts.anchor}"` : ''}${opts.cls ? ` class="${opts.cls}"` : ''}>${esc(s)}</text>`;

/** A font size at which `s` (digits and commas, about 0.62 em each) fits in `width`, at most `max`. */
const fitSize = (s: string, width: number, max: number) => Math.min(max, Math.floor(width / (s.length * 0.62)));

const COLORS = { ink: '#1b1b1b', muted: '#4a4a4a', band: '#0b3d91', registered: '#0b5cad', disposed: '#1a7f37', pending: '#b35900', panel: '#f3f6fb' };

/** The infographic for `f` in `lang`. */
export function infographicSvg(f: DailyFigures, lang: Lang): string {
  const W = INFOGRAPHIC_WIDTH;
  const out: string[] = [];
  const title = `${T.title[lang]}, ${dateInWords(f.date, lang)}`;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${INFOGRAPHIC_HEIGHT}" viewBox="0 0 ${W} ${INFOGRAPHIC_HEIGHT}" role="img" aria-labelledby="ig-title" aria-describedby="ig-desc" lang="${lang}" font-family="${INFOGRAPHIC_FONT}, sans-serif">`);
  out.push(`<title id="ig-title">${esc(title)}</title><desc id="ig-desc">${esc(describeFigures(f, lang))}</desc>`);
  out.push(`<rect width="${W}" height="${INFOGRAPHIC_HEIGHT}" fill="#ffffff"/>`);
  // Header band: what, when, where.
  out.push(`<rect width="${W}" height="210" fill="${COLORS.band}"/>`);
  out.push(text(60, 88, T.title[lang], 46, { weight: 700, fill: '#ffffff' }));
  out.push(text(60, 146, dateInWords(f.date, lang), 36, { fill: '#ffffff', cls: 'ig-date' }));
  out.push(text(60, 188, scopeInWords(f, lang), 28, { fill: '#d6e4ff' }));
  // The three headline figures.
  const big = [
    { key: 'registered', label: T.registered[lang], value: f.registered, color: COLORS.registered },
    { key: 'disposed', label: T.disposed[lang], value: f.disposed, color: COLORS.disposed },
    { key: 'pending', label: T.pending[lang], value: f.pending, color: COLORS.pending },
  ] as const;
  big.forEach((b, i) => {
    const x = 40 + i * 340;
    out.push(`<rect x="${x}" y="240" width="320" height="240" rx="20" fill="${COLORS.panel}"/><rect x="${x}" y="240" width="12" height="240" rx="6" fill="${b.color}"/>`);
    out.push(text(x + 170, 390, formatCount(b.value, lang), fitSize(formatCount(b.value, lang), 290, 104), { weight: 700, fill: b.color, anchor: 'middle', cls: `ig-${b.key}` }));
    out.push(text(x + 170, 446, b.label, 28, { fill: COLORS.ink, anchor: 'middle' }));
  });
  // Three smaller figures.
  const small = [
    { key: 'within', label: T.withinLimit[lang], value: formatPercent(f.disposedWithinLimit, lang) },
    { key: 'satisfaction', label: T.satisfaction[lang], value: formatPercent(f.satisfaction, lang) },
    { key: 'reopened', label: T.reopened[lang], value: formatCount(f.reopened, lang) },
  ];
  small.forEach((s, i) => {
    const x = 40 + i * 340;
    out.push(`<rect x="${x}" y="505" width="320" height="140" rx="16" fill="#ffffff" stroke="#c9d3e3" stroke-width="2"/>`);
    out.push(text(x + 160, 575, s.value, 52, { weight: 700, fill: COLORS.ink, anchor: 'middle', cls: `ig-${s.key}` }));
    out.push(text(x + 160, 620, s.label, 24, { fill: COLORS.muted, anchor: 'middle' }));
  });
  // The 7-day trend: registered and disposed side by side per day.
  out.push(text(60, 710, digits(T.trend[lang], lang), 32, { weight: 700 }));
  out.push(`<rect x="60" y="728" width="22" height="22" fill="${COLORS.registered}"/>` + text(92, 747, T.registered[lang], 22, { fill: COLORS.muted }));
  out.push(`<rect x="330" y="728" width="22" height="22" fill="${COLORS.disposed}"/>` + text(362, 747, T.disposed[lang], 22, { fill: COLORS.muted }));
  const max = Math.max(1, ...f.trend.flatMap((d) => [d.registered, d.disposed]));
  const chartTop = 790;
  const chartH = 200;
  const base = chartTop + chartH;
  out.push(`<line x1="60" y1="${base}" x2="${W - 60}" y2="${base}" stroke="#8a94a6" stroke-width="2"/>`);
  const slot = (W - 120) / f.trend.length;
  f.trend.forEach((d, i) => {
    const x = 60 + i * slot + slot / 2;
    const bar = (v: number, dx: number, color: string) => {
      const h = Math.round((v / max) * chartH);
      return `<rect x="${x + dx}" y="${base - h}" width="44" height="${h}" fill="${color}"/>` + text(x + dx + 22, base - h - 8, formatCount(v, lang), 20, { anchor: 'middle', fill: COLORS.ink });
    };
    out.push(bar(d.registered, -48, COLORS.registered), bar(d.disposed, 4, COLORS.disposed));
    const [, m, day] = d.date.split('-').map(Number);
    out.push(text(x, base + 34, digits(`${day}/${m}`, lang), 22, { anchor: 'middle', fill: d.date === f.date ? COLORS.ink : COLORS.muted, weight: d.date === f.date ? 700 : undefined }));
  });
  // Top departments and districts.
  const list = (x: number, heading: string, items: { name: string; value: number }[]) => {
    out.push(text(x, 1090, heading, 28, { weight: 700 }));
    if (items.length === 0) out.push(text(x, 1134, T.none[lang], 24, { fill: COLORS.muted }));
    items.forEach((it, i) => {
      const y = 1134 + i * 38;
      out.push(text(x, y, `${digits(String(i + 1), lang)}. ${it.name}`, 24, { fill: COLORS.ink }));
      out.push(text(x + 460, y, formatCount(it.value, lang), 24, { weight: 700, anchor: 'end' }));
    });
  };
  list(60, T.topDepartments[lang], f.topDepartments.map((d) => ({ name: deptName(d.departmentCode, lang), value: d.registered })));
  list(560, T.topDistricts[lang], f.topDistrictsOverdue.map((d) => ({ name: distName(d.districtCode, lang), value: d.overdue })));
  // Footer: the source and the time of the figures.
  out.push(`<line x1="60" y1="1300" x2="${W - 60}" y2="1300" stroke="#c9d3e3" stroke-width="2"/>`);
  out.push(text(60, 1334, `${T.source[lang]}: ${lang === 'hi' ? 'राजस्थान संपर्क (कियोस्क सर्वर)' : f.source} · ${T.asOf[lang]} ${timeInWords(f.generatedAt, lang)}`, 20, { fill: COLORS.muted, cls: 'ig-source' }));
  out.push('</svg>');
  return out.join('\n');
}
