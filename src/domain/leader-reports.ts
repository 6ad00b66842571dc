/**
 * Figures for leaders (issue 11): the daily figures behind the infographic and the monthly department ×
 * district report, as the API, the admin CLI and the Reports screen exchange them. Dates are India
 * Standard Time dates (a day runs from midnight to midnight IST); percentages are 0–100 with one decimal,
 * or null when there is nothing to divide by.
 */
import * as z from 'zod/mini';
import { DepartmentCode, DistrictCode } from './accounts';

const IST_OFFSET_MS = 5.5 * 3600_000;
/** The India Standard Time date of an instant, as YYYY-MM-DD. */
export const istDateOf = (d: Date): string => new Date(d.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
/** The instant an IST date begins (its midnight in India). */
export const istMidnight = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) - IST_OFFSET_MS);
/** The date `days` after a YYYY-MM-DD date. */
export const plusDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const realDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s && s >= '2000-01-01';
const realMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s) && s >= '2000-01';

export const ReportDate = z.string({ error: 'report.date' }).check(z.refine(realDate, 'report.date'));
export const ReportMonth = z.string({ error: 'report.month' }).check(z.refine(realMonth, 'report.month'));
export const ReportLang = z.enum(['hi', 'en'], { error: 'report.lang' });

export const DAILY_FORMATS = ['json', 'svg', 'png'] as const;
export const MONTHLY_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type DailyFormat = (typeof DAILY_FORMATS)[number];
export type MonthlyFormat = (typeof MONTHLY_FORMATS)[number];

/** GET /api/reports/daily(.svg|.png): the date (default today, India time), a department/district within the caller's scope. */
export const DailyQuery = z.strictObject({
  date: z.optional(ReportDate),
  lang: z.optional(ReportLang),
  department: z.optional(DepartmentCode),
  district: z.optional(DistrictCode),
});
export type DailyQuery = z.infer<typeof DailyQuery>;

/** GET /api/reports/monthly(.csv|.xlsx|.pdf): the month (India time), a department/district within the caller's scope. */
export const MonthlyQuery = z.strictObject({
  month: ReportMonth,
  department: z.optional(DepartmentCode),
  district: z.optional(DistrictCode),
  lang: z.optional(ReportLang),
});
export type MonthlyQuery = z.infer<typeof MonthlyQuery>;

const Count = z.number().check(z.int(), z.nonnegative());
const Percent = z.nullable(z.number().check(z.gte(0), z.lte(100)));
const Scope = z.strictObject({ departments: z.nullable(z.array(z.string())), district: z.nullable(z.string()) });

export const DailyFigures = z.strictObject({
  date: z.string(),
  /** What the figures cover: null departments is the whole state. */
  scope: Scope,
  /** Grievances that reached the server that day. */
  registered: Count,
  /** Grievances disposed that day (each once, however often). */
  disposed: Count,
  /** Not yet disposed at the end of the day (midnight IST), or now for today. */
  pending: Count,
  /** Of that day's disposals, those within the time limit at the level that disposed them. */
  disposedWithinLimit: Percent,
  /** Of the feedback recorded that day from citizens reached: satisfied. */
  satisfaction: Percent,
  reopened: Count,
  escalated: Count,
  topDepartments: z.array(z.strictObject({ departmentCode: z.string(), registered: Count })),
  topDistrictsOverdue: z.array(z.strictObject({ districtCode: z.string(), overdue: Count })),
  /** The 7 days ending on `date`, oldest first. */
  trend: z.array(z.strictObject({ date: z.string(), registered: Count, disposed: Count })),
  /** When the figures were computed, and where they come from. */
  generatedAt: z.string(),
  source: z.string(),
});
export type DailyFigures = z.infer<typeof DailyFigures>;

export const MonthlyRow = z.strictObject({
  departmentCode: z.string(),
  districtCode: z.string(),
  registered: Count,
  disposed: Count,
  disposedWithinLimit: Count,
  pendingAtMonthEnd: Count,
  medianDaysToDispose: z.nullable(z.number()),
  satisfied: Count,
  notSatisfied: Count,
  reopened: Count,
  escalated: Count,
});
export type MonthlyRow = z.infer<typeof MonthlyRow>;

export const MonthlyReport = z.strictObject({
  month: z.string(),
  scope: Scope,
  rows: z.array(MonthlyRow),
  /** Pending at month end per holder. */
  officers: z.array(z.strictObject({ holderId: z.string(), name: z.nullable(z.string()), departmentCode: z.string(), districtCode: z.string(), pending: Count, overdue: Count })),
  /** The 10 pending grievances longest past their time limit at month end. */
  worstOverdue: z.array(z.strictObject({
    number: z.string(), departmentCode: z.string(), districtCode: z.string(), status: z.string(), holderId: z.nullable(z.string()),
    receivedAt: z.string(), dueAt: z.string(), daysOverdue: Count,
  })),
  generatedAt: z.string(),
  source: z.string(),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;

/** The columns of the monthly CSV/XLSX/PDF, in order (the JSON row fields). */
export const MONTHLY_COLUMNS = [
  'departmentCode', 'districtCode', 'registered', 'disposed', 'disposedWithinLimit', 'pendingAtMonthEnd', 'medianDaysToDispose',
  'satisfied', 'notSatisfied', 'reopened', 'escalated',
] as const satisfies readonly (keyof MonthlyRow)[];
