/**
 * The secretary's report to ministers and the state dashboard over HTTP (issue 11, items 3 and 4): JSON,
 * and the report as CSV and PDF, the dashboard as CSV and XLSX. Secretaries see their own report; ministers
 * their departments' secretaries and dashboard; admins everything. Others: 403.
 */
import type { FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { Role } from '../../src/domain/accounts';
import { Dashboard, DashboardQuery, SecretaryReport, SecretaryReportQuery } from '../../src/domain/leader-dashboards';
import { principalOf } from '../auth/guard';
import { parseBody } from '../errors';
import { dashboard } from '../reports/dashboard';
import { dashboardCsv, dashboardXlsx, secretaryCsv, secretaryPdf } from '../reports/leader-dashboard-files';
import { MEDIA_TYPES } from '../reports/leader-output';
import { download as send } from './leader-reports';
import { secretaryReport } from '../reports/secretary-report';
import type { Db } from '../store/db';
import type { ApiRoute } from './registry';

export interface LeaderDashboardDeps { db: Db; clock: () => Date }

const REPORT_ROLES: readonly Role[] = ['secretary', 'minister', 'admin'];
const DASHBOARD_ROLES: readonly Role[] = ['minister', 'admin'];
const REPORT_ERRORS = {
  400: '`api.invalid`: `report.date` (malformed, or after today in India), `report.order` (to before from), `report.span` (over 31 days), `report.who`, `report.notSecretary`, `report.notMinister`',
  403: '`auth.forbidden` (role), or `wf.outOfScope`: another secretary than yourself, or one outside your departments',
} as const;
const DASHBOARD_ERRORS = {
  400: '`api.invalid`: `err.department`, `err.district`, `report.drill` (a district without a department), `report.lang`',
  403: '`auth.forbidden` (role), or `wf.outOfScope`: a department outside yours',
} as const;


export function leaderDashboardRoutes({ db, clock }: LeaderDashboardDeps): ApiRoute[] {
  const report = (query: unknown, request: FastifyRequest) => {
    const q = parseBody(SecretaryReportQuery, query);
    return secretaryReport(db, principalOf(request).account, q, clock()).then((r) => ({ r, lang: q.lang ?? 'hi' }));
  };
  const board = (query: unknown, request: FastifyRequest) => {
    const q = parseBody(DashboardQuery, query);
    return dashboard(db, principalOf(request).account, q, clock()).then((d) => ({ d, lang: q.lang ?? 'hi' }));
  };
  const raw = (format: 'csv' | 'pdf' | 'xlsx', what: string) => ({ types: [MEDIA_TYPES[format].split(';')[0]], description: `${what}, ${format.toUpperCase()}` });
  const dashName = (d: Dashboard) => `sampark-dashboard-${[d.asOf.slice(0, 10), d.department, d.district].filter(Boolean).join('-')}`;
  return [
    {
      method: 'GET', url: '/api/reports/secretaries',
      summary: "The secretary's report to ministers: grievances reviewed, notes and instructions, the officers' action after each, and reviews per day against the target of ten",
      query: SecretaryReportQuery, response: SecretaryReport, auth: { roles: REPORT_ROLES }, errors: REPORT_ERRORS,
      handler: async (request) => (await report(request.query, request)).r,
    },
    {
      method: 'GET', url: '/api/reports/secretaries.csv', summary: "The secretary's report to ministers as CSV (a line per day and per grievance reviewed)",
      query: SecretaryReportQuery, response: z.unknown(), rawResponse: raw('csv', "The secretary's report"), auth: { roles: REPORT_ROLES }, errors: REPORT_ERRORS,
      async handler(request, reply) {
        const { r } = await report(request.query, request);
        return send(reply, 'csv', `sampark-reviews-${r.from}-${r.to}`, secretaryCsv(r));
      },
    },
    {
      method: 'GET', url: '/api/reports/secretaries.pdf', summary: "The secretary's report to ministers as PDF (A4, Hindi by default, lang=en for English)",
      query: SecretaryReportQuery, response: z.unknown(), rawResponse: raw('pdf', "The secretary's report"), auth: { roles: REPORT_ROLES }, errors: REPORT_ERRORS,
      async handler(request, reply) {
        const { r, lang } = await report(request.query, request);
        return send(reply, 'pdf', `sampark-reviews-${r.from}-${r.to}`, await secretaryPdf(r, lang));
      },
    },
    {
      method: 'GET', url: '/api/reports/dashboard',
      summary: 'The state dashboard per department (department: per district; and district: per officer): pending, overdue, oldest, disposal within limit, satisfaction (and verified), secretaries\' review compliance over the last 30 days',
      query: DashboardQuery, response: Dashboard, auth: { roles: DASHBOARD_ROLES }, errors: DASHBOARD_ERRORS,
      handler: async (request) => (await board(request.query, request)).d,
    },
    {
      method: 'GET', url: '/api/reports/dashboard.csv', summary: 'The state dashboard (at the level asked) as CSV',
      query: DashboardQuery, response: z.unknown(), rawResponse: raw('csv', 'The dashboard'), auth: { roles: DASHBOARD_ROLES }, errors: DASHBOARD_ERRORS,
      async handler(request, reply) {
        const { d } = await board(request.query, request);
        return send(reply, 'csv', dashName(d), dashboardCsv(d));
      },
    },
    {
      method: 'GET', url: '/api/reports/dashboard.xlsx', summary: 'The state dashboard (at the level asked) as XLSX',
      query: DashboardQuery, response: z.unknown(), rawResponse: raw('xlsx', 'The dashboard'), auth: { roles: DASHBOARD_ROLES }, errors: DASHBOARD_ERRORS,
      async handler(request, reply) {
        const { d, lang } = await board(request.query, request);
        return send(reply, 'xlsx', dashName(d), await dashboardXlsx(d, lang));
      },
    },
  ];
}
