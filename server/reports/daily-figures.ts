/**
 * The daily figures behind the leaders' infographic (issue 11) for one India Standard Time date, over
 * the caller's scope (a department, a district, or the state):
 *   registered  grievances that reached the server that day (received_at, midnight to midnight IST);
 *   disposed    grievances with a disposal that day, each once;
 *   pending     not disposed at the end of the day: the status each grievance had at midnight, read back
 *               from the first status change after it (so only events after the day are scanned);
 *   disposedWithinLimit  that day's disposals made before the time limit they ran against (the dispose
 *               event keeps `withinLimit`), as a percentage of those that ran against one;
 *   satisfaction  that day's feedback from citizens reached: satisfied ÷ (satisfied + not satisfied);
 *   reopened, escalated  events that day;
 *   topDepartments  the 5 departments with most registrations that day;
 *   topDistrictsOverdue  the 5 districts with most grievances pending and past their time limit at the end of
 *               the day (the limit then: `dueBefore` of the first clock change after the day, else the present one);
 *   trend       registered and disposed on each of the 7 days ending that day.
 * The department and district of a grievance are its present ones (a transfer moves it with its history).
 * dailyFigures reads the daily rollups (./rollups.ts, folded up to date first); liveDailyFigures the tables.
 */
import type { Account } from '../../src/domain/accounts';
import { type DailyFigures, istDateOf, istMidnight, plusDays } from '../../src/domain/leader-reports';
import { ApiProblem, fieldError } from '../errors';
import type { Db, Queryable } from '../store/db';
import { datedAfter, pendingAtEnd, rollupDays } from './rollup-read';
import { foldRollups } from './rollups';
import { reportScope, type ReportScope } from './scope';
import { inScope, pendingCells } from './state-at';

export const SOURCE = 'Rajasthan Sampark (sampark kiosk server)';

/** Who may see which figures: as the pendency report; a minister like a secretary of their departments, or the whole state without any. */
export function leaderScope(account: Account, asked: { department?: string; district?: string }): ReportScope {
  if (account.role === 'minister') {
    if (!account.departments) return { departments: asked.department ? [asked.department] : null, district: asked.district ?? null };
    return reportScope({ id: account.id, name: account.name, role: 'secretary', departments: account.departments }, asked);
  }
  return reportScope(account, asked);
}

/** Refuses a date after today (India time). */
export function checkDate(date: string, now: Date): void {
  if (date > istDateOf(now)) throw new ApiProblem(400, 'api.invalid', [fieldError('date', 'report.date')]);
}

export const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);
/** The figures for `date` (YYYY-MM-DD, India time; not after today) over `scope`, read from the grievances and events themselves. */
export async function liveDailyFigures(q: Queryable, scope: ReportScope, date: string, now: Date): Promise<DailyFigures> {
  checkDate(date, now);
  const start = istMidnight(date);
  const end = istMidnight(plusDays(date, 1));
  const trendStart = istMidnight(plusDays(date, -6));
  const p = [scope.departments, scope.district];

  const registered = await q.query<{ day: string; department_code: string; n: number }>(`
    SELECT to_char((g.received_at AT TIME ZONE 'UTC') + interval '330 minutes', 'YYYY-MM-DD') AS day, g.department_code, count(*)::int AS n
      FROM grievances g
     WHERE g.received_at >= $3::timestamptz AND g.received_at < $4::timestamptz AND ${inScope('g')}
     GROUP BY 1, 2`, [...p, trendStart.toISOString(), end.toISOString()]);

  const events = await q.query<{ day: string; disposed: number; within: number; timed: number; satisfied: number; reached: number; reopened: number; escalated: number }>(`
    SELECT to_char((e.at AT TIME ZONE 'UTC') + interval '330 minutes', 'YYYY-MM-DD') AS day,
           count(DISTINCT e.grievance_number) FILTER (WHERE e.action = 'dispose')::int AS disposed,
           count(*) FILTER (WHERE e.action = 'dispose' AND e.details->>'withinLimit' = 'true')::int AS within,
           count(*) FILTER (WHERE e.action = 'dispose' AND e.details ? 'withinLimit')::int AS timed,
           count(*) FILTER (WHERE e.action = 'feedback' AND e.details->>'satisfaction' = 'satisfied')::int AS satisfied,
           count(*) FILTER (WHERE e.action = 'feedback' AND e.details->>'satisfaction' IN ('satisfied', 'not_satisfied'))::int AS reached,
           count(*) FILTER (WHERE e.action = 'reopen')::int AS reopened,
           count(*) FILTER (WHERE e.action = 'escalate')::int AS escalated
      FROM grievance_events e JOIN grievances g ON g.number = e.grievance_number
     WHERE e.at >= $3::timestamptz AND e.at < $4::timestamptz AND e.action IN ('dispose', 'feedback', 'reopen', 'escalate') AND ${inScope('g')}
     GROUP BY 1`, [...p, trendStart.toISOString(), end.toISOString()]);

  const today = events.find((e) => e.day === date);
  const ofDay = registered.filter((r) => r.day === date);
  const byDept = new Map<string, number>();
  for (const r of ofDay) byDept.set(r.department_code, (byDept.get(r.department_code) ?? 0) + r.n);
  const cells = await pendingCells(q, scope, end.getTime() > now.getTime() ? new Date(now.getTime() + 1) : end); // today: as of now, its own events included
  const overdueBy = new Map<string, number>();
  for (const c of cells) if (c.overdue > 0) overdueBy.set(c.districtCode, (overdueBy.get(c.districtCode) ?? 0) + c.overdue);

  return {
    date,
    scope: { departments: scope.departments, district: scope.district },
    registered: ofDay.reduce((n, r) => n + r.n, 0),
    disposed: today?.disposed ?? 0,
    pending: cells.reduce((n, c) => n + c.pending, 0),
    disposedWithinLimit: pct(today?.within ?? 0, today?.timed ?? 0),
    satisfaction: pct(today?.satisfied ?? 0, today?.reached ?? 0),
    reopened: today?.reopened ?? 0,
    escalated: today?.escalated ?? 0,
    topDepartments: [...byDept].map(([departmentCode, n]) => ({ departmentCode, registered: n }))
      .sort((a, b) => b.registered - a.registered || a.departmentCode.localeCompare(b.departmentCode)).slice(0, 5),
    topDistrictsOverdue: [...overdueBy].map(([districtCode, overdue]) => ({ districtCode, overdue }))
      .sort((a, b) => b.overdue - a.overdue || a.districtCode.localeCompare(b.districtCode)).slice(0, 5),
    trend: Array.from({ length: 7 }, (_, i) => {
      const day = plusDays(date, i - 6);
      return { date: day, registered: registered.filter((r) => r.day === day).reduce((n, r) => n + r.n, 0), disposed: events.find((e) => e.day === day)?.disposed ?? 0 };
    }),
    generatedAt: now.toISOString(),
    source: SOURCE,
  };
}

const top5 = <T>(xs: T[], by: (x: T) => number, name: (x: T) => string) =>
  xs.sort((a, b) => by(b) - by(a) || name(a).localeCompare(name(b))).slice(0, 5);

/** The figures for `date` over `scope` from the daily rollups, folded up to date first: the same as liveDailyFigures. */
export async function dailyFigures(db: Db, scope: ReportScope, date: string, now: Date): Promise<DailyFigures> {
  checkDate(date, now);
  const end = istMidnight(plusDays(date, 1));
  const asOf = end.getTime() > now.getTime() ? new Date(now.getTime() + 1) : end; // today: as of now
  await foldRollups(db);
  if (asOf < end && await datedAfter(db, asOf)) return liveDailyFigures(db, scope, date, now);
  const rows = await rollupDays(db, scope, plusDays(date, -6), date);
  const cells = await pendingAtEnd(db, scope, date, end, asOf);
  const sum = (day: string, f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => (r.day === day ? n + f(r) : n), 0);
  const byDept = new Map<string, number>();
  for (const r of rows) if (r.day === date && r.registered > 0) byDept.set(r.department_code, (byDept.get(r.department_code) ?? 0) + r.registered);
  const overdueBy = new Map<string, number>();
  for (const c of cells) if (c.overdue > 0) overdueBy.set(c.district_code, (overdueBy.get(c.district_code) ?? 0) + c.overdue);
  return {
    date,
    scope: { departments: scope.departments, district: scope.district },
    registered: sum(date, (r) => r.registered),
    disposed: sum(date, (r) => r.disposed),
    pending: cells.reduce((n, c) => n + c.pending, 0),
    disposedWithinLimit: pct(sum(date, (r) => r.within), sum(date, (r) => r.timed)),
    satisfaction: pct(sum(date, (r) => r.satisfied), sum(date, (r) => r.satisfied + r.not_satisfied)),
    reopened: sum(date, (r) => r.reopened),
    escalated: sum(date, (r) => r.escalated),
    topDepartments: top5([...byDept].map(([departmentCode, n]) => ({ departmentCode, registered: n })), (x) => x.registered, (x) => x.departmentCode),
    topDistrictsOverdue: top5([...overdueBy].map(([districtCode, overdue]) => ({ districtCode, overdue })), (x) => x.overdue, (x) => x.districtCode),
    trend: Array.from({ length: 7 }, (_, i) => {
      const day = plusDays(date, i - 6);
      return { date: day, registered: sum(day, (r) => r.registered), disposed: sum(day, (r) => r.disposed) };
    }),
    generatedAt: now.toISOString(),
    source: SOURCE,
  };
}
