/**
 * `report daily|monthly`: the figures for leaders (issue 11) for the whole state, or a department or district,
 * written to a file: the daily infographic as JSON, SVG or PNG; the monthly department × district report as
 * JSON, CSV, XLSX or PDF. Dates and months are India time; today and this month by default.
 */
import { parseArgs } from 'node:util';
import { DAILY_FORMATS, type DailyFormat, DailyQuery, istDateOf, MONTHLY_FORMATS, type MonthlyFormat, MonthlyQuery } from '../../../src/domain/leader-reports';
import { message } from '../../../src/domain/messages';
import { dailyFigures } from '../../reports/daily-figures';
import { dailyOutput, monthlyOutput } from '../../reports/leader-output';
import { monthlyReport } from '../../reports/monthly';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { withDatabase } from '../open-database';
import { reviewsReport, REVIEWS_USAGE } from './report-reviews';
import { writeReport } from './report-file';

const USAGE = 'report daily [--date YYYY-MM-DD] [--lang hi|en] [--department CODE] [--district CODE] --format json|svg|png --out FILE\n' +
  '       report monthly --month YYYY-MM [--department CODE] [--district CODE] [--lang hi|en] --format json|csv|xlsx|pdf --out FILE\n' +
  `       ${REVIEWS_USAGE}\n` +
  '       report subscribe --account ID --mobile NUMBER [--kind daily|monthly] [--lang hi|en] | report unsubscribe --account ID [--kind daily|monthly]';

/** The first problem of a zod parse, in words. */
function explain<T>(parsed: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): T {
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UsageError(`--${String(issue.path[0] ?? '')}: ${message(issue.message, 'en')}`, false);
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage: USAGE,
  summary: "write the daily figures (the infographic), the monthly department × district report or a secretary's review report to a file",
  async run(args, io) {
    const [kind, ...rest] = args;
    if (kind === 'subscribe' || kind === 'unsubscribe') return subscription(kind, rest, io);
    if (kind === 'reviews') return reviewsReport(rest, io);
    if (kind !== 'daily' && kind !== 'monthly') throw new UsageError('report needs daily, monthly, reviews, subscribe or unsubscribe first');
    let values: Record<string, string | undefined>;
    try {
      ({ values } = parseArgs({
        args: rest, strict: true, allowPositionals: false,
        options: { date: { type: 'string' }, month: { type: 'string' }, lang: { type: 'string' }, department: { type: 'string' }, district: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
      }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const { out, format, ...query } = values;
    if (!out) throw new UsageError('--out FILE is required');
    const formats: readonly string[] = kind === 'daily' ? DAILY_FORMATS : MONTHLY_FORMATS;
    if (!format || !formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
    const now = new Date(io.env.REPORT_NOW ?? Date.now());
    if (Number.isNaN(now.getTime())) throw new UsageError('REPORT_NOW is not a date', false);
    return writeReport(io, out, async (db) => {
      if (kind === 'daily') {
        if (query.month) throw new UsageError('--month is for report monthly');
        const q = explain(DailyQuery.safeParse(query));
        const scope = { departments: q.department ? [q.department] : null, district: q.district ?? null };
        return dailyOutput(await dailyFigures(db, scope, q.date ?? istDateOf(now), now), format as DailyFormat, q.lang ?? 'hi');
      }
      if (query.date) throw new UsageError('--date is for report daily');
      const q = explain(MonthlyQuery.safeParse({ ...query, month: query.month ?? istDateOf(now).slice(0, 7) }));
      const scope = { departments: q.department ? [q.department] : null, district: q.district ?? null };
      return monthlyOutput(await monthlyReport(db, scope, q.month, now), format as MonthlyFormat, q.lang ?? 'hi');
    });
  },
};

/** `report subscribe|unsubscribe`: an account told by SMS when the evening infographic is ready (server/reports/daily-job.ts). */
async function subscription(kind: 'subscribe' | 'unsubscribe', args: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: { account: { type: 'string' }, mobile: { type: 'string' }, lang: { type: 'string' }, kind: { type: 'string' } } }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!values.account) throw new UsageError('--account ID is required');
  const what = values.kind ?? 'daily';
  if (what !== 'daily' && what !== 'monthly') throw new UsageError('--kind must be daily or monthly', false);
  if (kind === 'subscribe' && !/^[6-9]\d{9}$/.test(values.mobile ?? '')) throw new UsageError('--mobile must be a 10-digit mobile number starting 6-9', false);
  if (values.lang && values.lang !== 'hi' && values.lang !== 'en') throw new UsageError('--lang must be hi or en', false);
  const done = await withDatabase(io.env, async (db) => {
    const [account] = await db.query<{ id: string }>('SELECT id FROM accounts WHERE lower(id) = lower($1)', [values.account]);
    if (!account) throw new UsageError(`no account "${values.account}"`, false);
    if (kind === 'unsubscribe') return (await db.query('DELETE FROM report_subscriptions WHERE account_id = $1 AND kind = $2 RETURNING 1', [account.id, what])).length > 0;
    await db.query(
      `INSERT INTO report_subscriptions (account_id, kind, mobile, lang, created_at) VALUES ($1, $5, $2, $3, $4)
       ON CONFLICT (account_id, kind) DO UPDATE SET mobile = EXCLUDED.mobile, lang = EXCLUDED.lang`, [account.id, values.mobile, values.lang ?? 'hi', new Date().toISOString(), what]);
    return true;
  });
  io.stdout.write(`${JSON.stringify({ account: values.account, kind: what, [kind === 'subscribe' ? 'subscribed' : 'unsubscribed']: done })}\n`);
  return 0;
}
