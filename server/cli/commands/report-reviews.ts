/**
 * `report reviews --secretary ID|--minister ID --from YYYY-MM-DD [--to YYYY-MM-DD] [--lang hi|en] --format json|csv|pdf --out FILE`:
 * the secretary's report to ministers (issue 11, item 3) for one secretary or every secretary of a minister's
 * departments, as the admin sees it (server/reports/secretary-report.ts). Dates are India time; at most 31 days.
 */
import { parseArgs } from 'node:util';
import { SECRETARY_FORMATS, SecretaryReportQuery } from '../../../src/domain/leader-dashboards';
import { message } from '../../../src/domain/messages';
import { secretaryCsv, secretaryPdf } from '../../reports/leader-dashboard-files';
import { secretaryReport } from '../../reports/secretary-report';
import { type CliIo, UsageError } from '../command';
import { writeReport } from './report-file';

export const REVIEWS_USAGE = 'report reviews --secretary ID|--minister ID --from YYYY-MM-DD [--to YYYY-MM-DD] [--lang hi|en] --format json|csv|pdf --out FILE';

export async function reviewsReport(args: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args, strict: true, allowPositionals: false,
      options: { secretary: { type: 'string' }, minister: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, lang: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { out, format, ...query } = values;
  if (!out) throw new UsageError('--out FILE is required');
  if (!format || !(SECRETARY_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${SECRETARY_FORMATS.join(', ')}`);
  if (!query.secretary === !query.minister) throw new UsageError('give one of --secretary ID or --minister ID');
  if (!query.from) throw new UsageError('--from YYYY-MM-DD is required');
  const parsed = SecretaryReportQuery.safeParse(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue.path[0] ?? '')}: ${message(issue.message, 'en')}`, false);
  }
  const now = new Date(io.env.REPORT_NOW ?? Date.now());
  if (Number.isNaN(now.getTime())) throw new UsageError('REPORT_NOW is not a date', false);
  return writeReport(io, out, async (db) => {
    const r = await secretaryReport(db, { id: 'admin-cli', name: 'admin CLI', role: 'admin' }, parsed.data, now);
    if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
    return format === 'csv' ? secretaryCsv(r) : secretaryPdf(r, parsed.data.lang ?? 'hi');
  });
}
