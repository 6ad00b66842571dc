/** The daily figures and the monthly report in each of their formats, for the admin CLI and the API alike. */
import { infographicSvg } from '../../src/domain/infographic';
import type { DailyFigures, DailyFormat, MonthlyFormat, MonthlyReport } from '../../src/domain/leader-reports';
import type { Lang } from '../../src/domain/messages';
import { monthlyCsv, monthlyPdf, monthlyXlsx } from './monthly-files';
import { svgToPng } from './render-png';

export const MEDIA_TYPES = {
  json: 'application/json; charset=utf-8', svg: 'image/svg+xml; charset=utf-8', png: 'image/png',
  csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf',
} as const;

export function dailyOutput(f: DailyFigures, format: DailyFormat, lang: Lang): string | Buffer {
  if (format === 'json') return `${JSON.stringify(f, null, 2)}\n`;
  const svg = infographicSvg(f, lang);
  return format === 'svg' ? svg : svgToPng(svg);
}

export async function monthlyOutput(r: MonthlyReport, format: MonthlyFormat, lang: Lang): Promise<string | Buffer> {
  switch (format) {
    case 'json': return `${JSON.stringify(r, null, 2)}\n`;
    case 'csv': return monthlyCsv(r);
    case 'xlsx': return monthlyXlsx(r, lang);
    case 'pdf': return monthlyPdf(r, lang);
  }
}
