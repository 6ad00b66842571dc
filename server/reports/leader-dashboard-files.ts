/**
 * The secretary's report to ministers as CSV (one line per day and per grievance reviewed, `kind` telling
 * which) and PDF (pdfmake, A4 landscape, Noto Sans Devanagari: monthly-files.ts's maker); the state
 * dashboard as CSV and XLSX (exceljs), its columns the JSON row fields. Headings in the language asked for.
 */
import { DASHBOARD_COLUMNS, type Dashboard, type SecretaryReport } from '../../src/domain/leader-dashboards';
import { format, type Lang } from '../../src/domain/catalogue';
import { departmentByCode, districtByCode } from '../../src/domain/reference';
import { csvLine } from '../cli/csv';
import { pdfMaker } from './monthly-files';

const W = {
  title: { hi: 'सचिव की समीक्षा रिपोर्ट (मंत्री हेतु)', en: "Secretary's review report (for the minister)" },
  days: { hi: 'दैनिक लक्ष्य: प्रतिदिन 10 समीक्षाएँ', en: 'Daily target: 10 reviews a day' },
  date: { hi: 'तारीख', en: 'Date' },
  reviewed: { hi: 'समीक्षित', en: 'Reviewed' },
  target: { hi: 'लक्ष्य', en: 'Target' },
  met: { hi: 'लक्ष्य पूरा', en: 'Target met' },
  yes: { hi: 'हाँ', en: 'Yes' },
  no: { hi: 'नहीं', en: 'No' },
  items: { hi: 'समीक्षित परिवाद, टिप्पणी, निर्देश और उन पर कार्यवाही', en: 'Grievances reviewed, notes, instructions and action taken' },
  number: { hi: 'परिवाद संख्या', en: 'Grievance number' },
  department: { hi: 'विभाग', en: 'Department' },
  district: { hi: 'जिला', en: 'District' },
  age: { hi: 'आयु (दिन)', en: 'Age (days)' },
  status: { hi: 'स्थिति', en: 'Status' },
  note: { hi: 'टिप्पणी', en: 'Note' },
  instruction: { hi: 'निर्देश', en: 'Instruction' },
  acted: { hi: 'अधिकारी की कार्यवाही', en: "Officer's action" },
  notYet: { hi: 'अभी नहीं', en: 'Not yet' },
  none: { hi: 'इस अवधि में कोई समीक्षा नहीं।', en: 'No reviews in this period.' },
  summary: { hi: '{met}/{days} दिन लक्ष्य पूरा · {n} समीक्षाएँ · {i} निर्देश, {a} पर कार्यवाही', en: 'Target met on {met}/{days} days · {n} reviews · {i} instructions, {a} acted on' },
  generated: { hi: 'तैयार', en: 'Generated' },
} satisfies Record<string, Record<Lang, string>>;

const dept = (code: string, lang: Lang) => departmentByCode(code)?.[lang]?.replace(/\s*\(.*\)\s*$/, '') ?? code;
const dist = (code: string, lang: Lang) => districtByCode(code)?.[lang] ?? code;
/** Words typed by people: a leading = + - @ would be a formula in a spreadsheet, so it is quoted with '. */
const text = (s: string | null) => (s && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export const SECRETARY_CSV_COLUMNS = [
  'kind', 'secretaryId', 'secretaryName', 'date', 'reviewed', 'target', 'met', 'reviewedAt', 'number', 'departmentCode', 'districtCode',
  'ageDays', 'status', 'note', 'instruction', 'actedOn', 'actedAction', 'actedAt', 'actedBy',
] as const;

export function secretaryCsv(r: SecretaryReport): string {
  let out = csvLine(SECRETARY_CSV_COLUMNS);
  for (const s of r.secretaries) {
    for (const d of s.days) out += csvLine(['day', s.id, s.name, d.date, d.reviewed, d.target, d.met, '', '', '', '', '', '', '', '', '', '', '', '']);
    for (const i of s.items) {
      out += csvLine(['review', s.id, s.name, i.reviewDate, '', '', '', i.reviewedAt, i.number, i.departmentCode, i.districtCode, i.ageDays, i.status,
        text(i.note), text(i.instruction), i.actedOn ? 'yes' : 'no', i.actedOn?.action ?? '', i.actedOn?.at ?? '', i.actedOn?.actorId ?? '']);
    }
  }
  return out;
}

export async function secretaryPdf(r: SecretaryReport, lang: Lang): Promise<Buffer> {
  const cell = (v: unknown, bold = false) => ({ text: v === null || v === undefined || v === '' ? '–' : String(v), bold, fontSize: 8 });
  const table = (head: string[], body: unknown[][], widths?: (string | number)[]) => ({
    table: { headerRows: 1, dontBreakRows: true, widths: widths ?? head.map(() => 'auto'), body: [head.map((h) => cell(h, true)), ...body] },
    layout: 'lightHorizontalLines', margin: [0, 4, 0, 10],
  });
  const period = r.from === r.to ? r.from : `${r.from} – ${r.to}`;
  const content: unknown[] = [
    { text: `${W.title[lang]}: ${period}`, fontSize: 15, bold: true },
    { text: `${W.generated[lang]}: ${r.generatedAt}`, fontSize: 8, color: '#444444', margin: [0, 2, 0, 8] },
  ];
  if (r.secretaries.length === 0) content.push({ text: W.none[lang], fontSize: 10 });
  for (const [n, s] of r.secretaries.entries()) {
    content.push(
      { text: `${s.name} (${s.id}) · ${s.departments.map((d) => dept(d, lang)).join(', ')}`, fontSize: 12, bold: true, margin: [0, n === 0 ? 0 : 8, 0, 2] },
      { text: format(W.summary[lang], lang, { met: s.daysMet, days: s.days.length, n: s.reviewed, i: s.instructions, a: s.instructionsActedOn }), fontSize: 9 },
      { text: W.days[lang], fontSize: 10, bold: true, margin: [0, 6, 0, 0] },
      table([W.date[lang], W.reviewed[lang], W.target[lang], W.met[lang]], s.days.map((d) => [cell(d.date), cell(d.reviewed), cell(d.target), cell(d.met ? W.yes[lang] : W.no[lang], !d.met)])),
      { text: W.items[lang], fontSize: 10, bold: true },
      s.items.length === 0 ? { text: W.none[lang], fontSize: 9 } : table(
        [W.date[lang], W.number[lang], W.department[lang], W.district[lang], W.age[lang], W.status[lang], W.note[lang], W.instruction[lang], W.acted[lang]],
        s.items.map((i) => [cell(i.reviewDate), cell(i.number), cell(dept(i.departmentCode, lang)), cell(dist(i.districtCode, lang)), cell(i.ageDays), cell(i.status),
          cell(i.note), cell(i.instruction), cell(i.actedOn ? `${i.actedOn.action} · ${i.actedOn.at.slice(0, 10)}` : W.notYet[lang], !i.actedOn)]),
        ['auto', 'auto', 'auto', 'auto', 'auto', 'auto', '*', '*', 'auto']),
    );
  }
  const doc = { pageSize: 'A4', pageOrientation: 'landscape', pageMargins: [28, 28, 28, 28], defaultStyle: { font: 'NotoSansDevanagari' }, info: { title: `${W.title[lang]} ${period}` }, content };
  return pdfMaker().createPdf(doc).getBuffer();
}

export function dashboardCsv(d: Dashboard): string {
  return csvLine(['level', ...DASHBOARD_COLUMNS]) + [...d.rows, { ...d.totals, key: 'total' }].map((row) => csvLine([d.level, ...DASHBOARD_COLUMNS.map((c) => row[c])])).join('');
}

export async function dashboardXlsx(d: Dashboard, lang: Lang): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded when a workbook is asked for: ~0.3 s off every start of the admin CLI
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rajasthan Sampark';
  wb.created = new Date(d.asOf);
  const sheet = wb.addWorksheet(d.level);
  sheet.columns = DASHBOARD_COLUMNS.map((c) => ({ header: c, key: c, width: c.length > 10 ? 20 : 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of d.rows) sheet.addRow(row);
  sheet.addRow({ ...d.totals, key: lang === 'hi' ? 'कुल' : 'Total' }).font = { bold: true };
  const about = wb.addWorksheet('about');
  about.addRows([['asOf', d.asOf], ['windowFrom', d.window.from], ['windowTo', d.window.to], ['department', d.department ?? ''], ['district', d.district ?? '']]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
