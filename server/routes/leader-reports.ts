/**
 * The figures for leaders over HTTP (issue 11): the daily figures as JSON and as the infographic (SVG, PNG),
 * and the monthly department × district report as JSON, CSV, XLSX and PDF, for secretaries (their
 * departments), nodal officers (their department and district), ministers (the state: ministers have no
 * departments yet) and admins. Out of scope: 403 `wf.outOfScope`; a date or month in the future or malformed: 400.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { Role } from '../../src/domain/accounts';
import { DailyFigures, type DailyFormat, DailyQuery, istDateOf, MonthlyQuery, type MonthlyFormat, MonthlyReport } from '../../src/domain/leader-reports';
import { principalOf } from '../auth/guard';
import { parseBody } from '../errors';
import { dailyFigures, leaderScope } from '../reports/daily-figures';
import { dailyOutput, MEDIA_TYPES, monthlyOutput } from '../reports/leader-output';
import { monthlyReport } from '../reports/monthly';
import type { Db } from '../store/db';
import type { ApiRoute } from './registry';

export interface LeaderReportDeps { db: Db; clock: () => Date }

const ROLES: readonly Role[] = ['nodal', 'secretary', 'minister', 'admin'];
const ERRORS = {
  400: '`api.invalid`: `report.date` (not YYYY-MM-DD, before 2000, or after today in India), `report.month`, `report.lang`, `err.department`, `err.district`',
  403: '`auth.forbidden` (role), or `wf.outOfScope`: a department or district outside yours',
} as const;

/** A report file as a download (the SVG shown in place), never cached, never sniffed; also the dashboards' (./leader-dashboards.ts). */
export const download = (reply: FastifyReply, format: Exclude<keyof typeof MEDIA_TYPES, 'json'>, name: string, body: string | Buffer) => {
  reply.headers({
    'content-type': MEDIA_TYPES[format],
    'content-disposition': `${format === 'svg' ? 'inline' : 'attachment'}; filename="${name}.${format}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; sandbox; frame-ancestors 'self'",
  });
  return reply.send(body);
};

export function leaderReportRoutes(deps: LeaderReportDeps): ApiRoute[] {
  const { db, clock } = deps;
  const daily = async (request: FastifyRequest) => {
    const q = parseBody(DailyQuery, request.query);
    const now = clock();
    const figures = await dailyFigures(db, leaderScope(principalOf(request).account, q), q.date ?? istDateOf(now), now);
    return { figures, lang: q.lang ?? 'hi' };
  };
  const monthly = async (request: FastifyRequest) => {
    const q = parseBody(MonthlyQuery, request.query);
    return { report: await monthlyReport(db, leaderScope(principalOf(request).account, q), q.month, clock()), lang: q.lang ?? 'hi' };
  };
  const routes: ApiRoute[] = [
    {
      method: 'GET', url: '/api/reports/daily',
      summary: "The day's figures (India time; today by default): registered, disposed, pending at the end of the day, within limit, satisfaction, reopened, top departments and districts, 7-day trend",
      query: DailyQuery, response: DailyFigures, auth: { roles: ROLES }, errors: ERRORS,
      handler: async (request) => (await daily(request)).figures,
    },
    {
      method: 'GET', url: '/api/reports/monthly',
      summary: 'The monthly report per department × district (India time), with pendency by officer and the 10 most overdue grievances',
      query: MonthlyQuery, response: MonthlyReport, auth: { roles: ROLES }, errors: ERRORS,
      handler: async (request) => (await monthly(request)).report,
    },
  ];
  for (const format of ['svg', 'png'] as const) {
    routes.push({
      method: 'GET', url: `/api/reports/daily.${format}`,
      summary: `The daily infographic as ${format.toUpperCase()} (1080 × 1350; Hindi by default, lang=en for English)`,
      query: DailyQuery, response: z.unknown(), rawResponse: { types: [MEDIA_TYPES[format].split(';')[0]], description: `The infographic, ${format.toUpperCase()}` },
      auth: { roles: ROLES }, errors: ERRORS,
      async handler(request, reply) {
        const { figures, lang } = await daily(request);
        return download(reply, format, `sampark-${figures.date}-${lang}`, dailyOutput(figures, format, lang));
      },
    });
  }
  for (const format of ['csv', 'xlsx', 'pdf'] as const) {
    routes.push({
      method: 'GET', url: `/api/reports/monthly.${format}`,
      summary: `The monthly report as ${format.toUpperCase()}`,
      query: MonthlyQuery, response: z.unknown(), rawResponse: { types: [MEDIA_TYPES[format].split(';')[0]], description: `The monthly report, ${format.toUpperCase()}` },
      auth: { roles: ROLES }, errors: ERRORS,
      async handler(request, reply) {
        const { report, lang } = await monthly(request);
        return download(reply, format, `sampark-${report.month}`, await monthlyOutput(report, format, lang));
      },
    });
  }
  return routes;
}
