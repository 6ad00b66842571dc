/**
 * The monthly report as files: CSV (RFC 4180, the JSON row fields as columns), XLSX (exceljs: the rows,
 * the officers and the worst overdue on three sheets) and PDF (pdfmake, A4 landscape, Noto Sans
 * Devanagari so Hindi names print). Headings are in the language asked for; codes and numbers as in the JSON.
 */
import { createRequire } from 'node:module';
import { MONTHLY_COLUMNS, type MonthlyReport } from '../../src/domain/leader-reports';
import type { Lang } from '../../src/domain/messages';
import { departmentByCode, districtByCode } from '../../src/domain/reference';
import { csvLine } from '../cli/csv';
import { devanagariFontFiles } from './render-png';

const HEAD: Record<(typeof MONTHLY_COLUMNS)[number], Record<Lang, string>> = {
  departmentCode: { hi: 'विभाग', en: 'Department' },
  districtCode: { hi: 'जिला', en: 'District' },
  registered: { hi: 'दर्ज', en: 'Registered' },
  disposed: { hi: 'निस्तारित', en: 'Disposed' },
  disposedWithinLimit: { hi: 'समय-सीमा में निस्तारित', en: 'Disposed within limit' },
  pendingAtMonthEnd: { hi: 'माह के अंत में लंबित', en: 'Pending at month end' },
  medianDaysToDispose: { hi: 'निस्तारण के माध्य दिन', en: 'Median days to dispose' },
  satisfied: { hi: 'संतुष्ट', en: 'Satisfied' },
  notSatisfied: { hi: 'असंतुष्ट', en: 'Not satisfied' },
  reopened: { hi: 'पुनः खोले गए', en: 'Reopened' },
  escalated: { hi: 'उच्च स्तर पर भेजे गए', en: 'Escalated' },
};
const WORDS = {
  title: { hi: 'मासिक विभागवार परिवाद रिपोर्ट', en: 'Monthly department-wise grievance report' },
  officers: { hi: 'अधिकारीवार लंबित (माह के अंत में)', en: 'Pending by officer (month end)' },
  worst: { hi: 'सबसे अधिक अवधिपार 10 परिवाद', en: 'The 10 most overdue grievances' },
  officer: { hi: 'अधिकारी', en: 'Officer' },
  pending: { hi: 'लंबित', en: 'Pending' },
  overdue: { hi: 'अवधिपार', en: 'Overdue' },
  number: { hi: 'परिवाद संख्या', en: 'Grievance number' },
  status: { hi: 'स्थिति', en: 'Status' },
  due: { hi: 'समय-सीमा', en: 'Due' },
  days: { hi: 'दिन अवधिपार', en: 'Days overdue' },
  none: { hi: 'कोई नहीं', en: 'None' },
  source: { hi: 'स्रोत', en: 'Source' },
  total: { hi: 'कुल', en: 'Total' },
} satisfies Record<string, Record<Lang, string>>;

const dept = (code: string, lang: Lang) => departmentByCode(code)?.[lang]?.replace(/\s*\(.*\)\s*$/, '') ?? code;
const dist = (code: string, lang: Lang) => districtByCode(code)?.[lang] ?? code;

/** The CSV: a header of the JSON field names, one line per row. */
export function monthlyCsv(r: MonthlyReport): string {
  return csvLine(MONTHLY_COLUMNS) + r.rows.map((row) => csvLine(MONTHLY_COLUMNS.map((c) => row[c]))).join('');
}

/** Sums of the count columns over all rows. */
export function monthlyTotals(r: MonthlyReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of MONTHLY_COLUMNS) if (c !== 'departmentCode' && c !== 'districtCode' && c !== 'medianDaysToDispose') out[c] = r.rows.reduce((n, row) => n + row[c], 0);
  return out;
}

export async function monthlyXlsx(r: MonthlyReport, lang: Lang): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded when a workbook is asked for: ~0.3 s off every start of the admin CLI
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rajasthan Sampark';
  wb.created = new Date(r.generatedAt);
  const rows = wb.addWorksheet(r.month);
  rows.columns = MONTHLY_COLUMNS.map((c) => ({ header: c, key: c, width: c.length > 12 ? 22 : 14 }));
  rows.getRow(1).font = { bold: true };
  for (const row of r.rows) rows.addRow(row);
  rows.addRow({ departmentCode: WORDS.total[lang], ...monthlyTotals(r) }).font = { bold: true };
  const officers = wb.addWorksheet('officers');
  officers.columns = [{ header: 'holderId', key: 'holderId', width: 24 }, { header: 'name', key: 'name', width: 24 }, { header: 'departmentCode', key: 'departmentCode', width: 16 },
    { header: 'districtCode', key: 'districtCode', width: 16 }, { header: 'pending', key: 'pending', width: 10 }, { header: 'overdue', key: 'overdue', width: 10 }];
  for (const o of r.officers) officers.addRow(o);
  const worst = wb.addWorksheet('worstOverdue');
  worst.columns = ['number', 'departmentCode', 'districtCode', 'status', 'holderId', 'receivedAt', 'dueAt', 'daysOverdue'].map((k) => ({ header: k, key: k, width: 18 }));
  for (const w of r.worstOverdue) worst.addRow(w);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface PdfMake {
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(f: (url: string) => boolean): void;
  setLocalAccessPolicy(f: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}
let pdfmake: PdfMake | undefined;
export function pdfMaker(): PdfMake {
  if (!pdfmake) {
    pdfmake = createRequire(import.meta.url)('pdfmake') as PdfMake;
    const f = devanagariFontFiles();
    pdfmake.addFonts({ NotoSansDevanagari: { normal: f.regular, bold: f.bold, italics: f.regular, bolditalics: f.bold } });
    pdfmake.setUrlAccessPolicy(() => false); // nothing is fetched
    pdfmake.setLocalAccessPolicy((path) => path === f.regular || path === f.bold);
  }
  return pdfmake;
}

export async function monthlyPdf(r: MonthlyReport, lang: Lang): Promise<Buffer> {
  const cell = (v: unknown, bold = false) => ({ text: v === null || v === undefined ? '–' : String(v), bold, fontSize: 8 });
  const table = (head: string[], body: unknown[][], widths?: (string | number)[]) => ({
    table: { headerRows: 1, widths: widths ?? head.map(() => 'auto'), body: [head.map((h) => cell(h, true)), ...body] },
    layout: 'lightHorizontalLines', margin: [0, 4, 0, 12],
  });
  const totals = monthlyTotals(r);
  const content: unknown[] = [
    { text: `${WORDS.title[lang]}: ${r.month}`, fontSize: 16, bold: true },
    { text: `${WORDS.source[lang]}: ${r.source} · ${r.generatedAt}`, fontSize: 8, color: '#444444', margin: [0, 2, 0, 8] },
    table(MONTHLY_COLUMNS.map((c) => HEAD[c][lang]), [
      ...r.rows.map((row) => MONTHLY_COLUMNS.map((c) => cell(c === 'departmentCode' ? dept(row[c], lang) : c === 'districtCode' ? dist(row[c], lang) : row[c]))),
      [cell(WORDS.total[lang], true), cell(''), ...MONTHLY_COLUMNS.slice(2).map((c) => cell(totals[c] ?? '', true))],
    ]),
    { text: WORDS.officers[lang], fontSize: 12, bold: true },
    r.officers.length === 0 ? { text: WORDS.none[lang], fontSize: 9 } : table([WORDS.officer[lang], HEAD.departmentCode[lang], HEAD.districtCode[lang], WORDS.pending[lang], WORDS.overdue[lang]],
      r.officers.map((o) => [cell(o.name ? `${o.name} (${o.holderId})` : o.holderId), cell(dept(o.departmentCode, lang)), cell(dist(o.districtCode, lang)), cell(o.pending), cell(o.overdue)])),
    { text: WORDS.worst[lang], fontSize: 12, bold: true },
    r.worstOverdue.length === 0 ? { text: WORDS.none[lang], fontSize: 9 } : table([WORDS.number[lang], HEAD.departmentCode[lang], HEAD.districtCode[lang], WORDS.status[lang], WORDS.officer[lang], WORDS.due[lang], WORDS.days[lang]],
      r.worstOverdue.map((w) => [cell(w.number), cell(dept(w.departmentCode, lang)), cell(dist(w.districtCode, lang)), cell(w.status), cell(w.holderId), cell(w.dueAt.slice(0, 10)), cell(w.daysOverdue)])),
  ];
  const doc = { pageSize: 'A4', pageOrientation: 'landscape', pageMargins: [28, 28, 28, 28], defaultStyle: { font: 'NotoSansDevanagari' }, info: { title: `${WORDS.title[lang]} ${r.month}` }, content };
  return pdfMaker().createPdf(doc).getBuffer();
}
