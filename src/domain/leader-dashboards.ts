/**
 * Figures for leaders (issue 11, items 3 and 4) as the API, the admin CLI and the Reports screen exchange
 * them: the secretary's report to ministers (reviews done, the notes and instructions given, whether the
 * officer acted after each, and the days the target of ten reviews was met) and the state dashboard for
 * the chief secretary's review meeting (per department, drilled down to district and officer). Dates are
 * India Standard Time dates; percentages 0–100 with one decimal, or null when there is nothing to divide by.
 */
import * as z from 'zod/mini';
import { DepartmentCode, DistrictCode } from './accounts';
import { ReportDate, ReportLang } from './leader-reports';

/** The reviews a secretary is asked to do each day (the order behind the product). */
export const REVIEW_TARGET = 10;
/** The longest range of one secretary's report, in days. */
export const REVIEW_REPORT_MAX_DAYS = 31;
/** The dashboard's window for disposals, satisfaction and review compliance: the 30 days ending today. */
export const DASHBOARD_WINDOW_DAYS = 30;

export const SECRETARY_FORMATS = ['json', 'csv', 'pdf'] as const;
export type SecretaryFormat = (typeof SECRETARY_FORMATS)[number];
export const DASHBOARD_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type DashboardFormat = (typeof DASHBOARD_FORMATS)[number];

const AccountRef = z.string({ error: 'report.who' }).check(z.regex(/^[A-Za-z0-9._@-]{1,64}$/, 'report.who'));

/**
 * GET /api/reports/secretaries(.csv|.pdf): `from` (a day) to `to` (default `from`; at most 31 days), for
 * one secretary, or every secretary of a minister's departments; by default everyone the caller may see.
 */
export const SecretaryReportQuery = z.strictObject({
  from: ReportDate,
  to: z.optional(ReportDate),
  secretary: z.optional(AccountRef),
  minister: z.optional(AccountRef),
  lang: z.optional(ReportLang),
});
export type SecretaryReportQuery = z.infer<typeof SecretaryReportQuery>;

const Count = z.number().check(z.int(), z.nonnegative());
const Percent = z.nullable(z.number().check(z.gte(0), z.lte(100)));

export const ReviewDay = z.strictObject({ date: z.string(), reviewed: Count, target: Count, met: z.boolean() });
export type ReviewDay = z.infer<typeof ReviewDay>;

/** A grievance reviewed, what was said, and what its officer did after. */
export const ReviewedGrievance = z.strictObject({
  reviewDate: z.string(),
  reviewedAt: z.string(),
  number: z.string(),
  departmentCode: z.string(),
  districtCode: z.string(),
  /** Whole days from registration to the review. */
  ageDays: Count,
  /** Its status now. */
  status: z.string(),
  note: z.nullable(z.string()),
  instruction: z.nullable(z.string()),
  /** The first workflow action of an officer (or nodal officer) on it after the review; null: not yet. */
  actedOn: z.nullable(z.strictObject({ action: z.string(), at: z.string(), actorId: z.nullable(z.string()) })),
});
export type ReviewedGrievance = z.infer<typeof ReviewedGrievance>;

export const SecretaryReport = z.strictObject({
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  target: Count,
  secretaries: z.array(z.strictObject({
    id: z.string(),
    name: z.string(),
    departments: z.array(z.string()),
    days: z.array(ReviewDay),
    daysMet: Count,
    reviewed: Count,
    instructions: Count,
    /** Of the instructions given, those an officer acted on after. */
    instructionsActedOn: Count,
    items: z.array(ReviewedGrievance),
  })),
});
export type SecretaryReport = z.infer<typeof SecretaryReport>;

/** GET /api/reports/dashboard(.csv|.xlsx): no filter per department; `department` per district; both per officer. */
export const DashboardQuery = z.strictObject({
  department: z.optional(DepartmentCode),
  district: z.optional(DistrictCode),
  lang: z.optional(ReportLang),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const DASHBOARD_LEVELS = ['department', 'district', 'officer'] as const;

export const DashboardRow = z.strictObject({
  /** A department code, a district code, or an officer's account ID ('' for grievances not yet with an officer). */
  key: z.string(),
  name: z.nullable(z.string()),
  pending: Count,
  /** Pending and past their time limit now. */
  overdue: Count,
  /** The registration of the oldest pending grievance, and its age in whole days. */
  oldestReceivedAt: z.nullable(z.string()),
  oldestDays: z.nullable(Count),
  /** Disposals in the window that ran against a time limit, and those made within it. */
  disposedTimed: Count,
  disposedWithinLimit: Count,
  withinLimitPct: Percent,
  /** Feedback in the window from citizens reached (the last of each disposal), and of it by the chat's verified channel. */
  reached: Count,
  satisfied: Count,
  satisfactionPct: Percent,
  reachedVerified: Count,
  satisfiedVerified: Count,
  satisfactionVerifiedPct: Percent,
  /** Days × secretaries of the department in the window, and those on which the target of ten was met; null below department. */
  reviewDays: z.nullable(Count),
  reviewDaysMet: z.nullable(Count),
  compliancePct: Percent,
});
export type DashboardRow = z.infer<typeof DashboardRow>;

export const Dashboard = z.strictObject({
  asOf: z.string(),
  window: z.strictObject({ from: z.string(), to: z.string() }),
  level: z.enum(DASHBOARD_LEVELS),
  department: z.nullable(z.string()),
  district: z.nullable(z.string()),
  /** What the caller may see: null is the whole state. */
  departments: z.nullable(z.array(z.string())),
  rows: z.array(DashboardRow),
  totals: DashboardRow,
});
export type Dashboard = z.infer<typeof Dashboard>;

/** The columns of the dashboard's CSV and XLSX, in order. */
export const DASHBOARD_COLUMNS = [
  'key', 'name', 'pending', 'overdue', 'oldestReceivedAt', 'oldestDays', 'disposedTimed', 'disposedWithinLimit', 'withinLimitPct',
  'reached', 'satisfied', 'satisfactionPct', 'reachedVerified', 'satisfiedVerified', 'satisfactionVerifiedPct', 'reviewDays', 'reviewDaysMet', 'compliancePct',
] as const satisfies readonly (keyof DashboardRow)[];
