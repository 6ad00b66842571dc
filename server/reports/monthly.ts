/**
 * The monthly department-wise report (issue 11) for one month, India time (midnight IST on the 1st to
 * midnight IST on the 1st of the next), per department × district (a grievance's present ones):
 *   registered            reached the server in the month;
 *   disposed              disposed in the month (each grievance once);
 *   disposedWithinLimit   of those, disposed at least once in the month within the time limit it ran against;
 *   pendingAtMonthEnd     not disposed at the end of the month (now, for the month in progress): ./state-at.ts;
 *   medianDaysToDispose   median of (first disposal in the month − registration) in days, one decimal;
 *   satisfied, notSatisfied  feedback recorded in the month; reopened, escalated: events in the month.
 * Plus officer-wise pendency at month end (by present holder) and the 10 grievances longest past their limit.
 * monthlyReport reads the daily rollups (./rollups.ts, folded up to date first); liveMonthlyReport the tables.
 */
import { istDateOf, istMidnight, type MonthlyReport, type MonthlyRow, plusDays } from '../../src/domain/leader-reports';
import { ApiProblem, fieldError } from '../errors';
import type { Db, Queryable } from '../store/db';
import { SOURCE } from './daily-figures';
import { datedAfter, monthMedians, pendingAtEnd, rollupDays, worstOverdue } from './rollup-read';
import { foldRollups } from './rollups';
import type { ReportScope } from './scope';
import { AT_END_CTE, inScope } from './state-at';

type HolderRow = { department_code: string; district_code: string; holder_id: string | null; name: string | null; pending: number; overdue: number };
type WorstRow = { number: string; department_code: string; district_code: string; status: string; holder_id: string | null; received_at: string; due: string };

const DAY_MS = 86_400_000;
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The report for `month` (YYYY-MM, not after this month in India) over `scope`, read from the grievances and events themselves. */
export async function liveMonthlyReport(q: Queryable, scope: ReportScope, month: string, now: Date): Promise<MonthlyReport> {
  if (month > istDateOf(now).slice(0, 7)) throw new ApiProblem(400, 'api.invalid', [fieldError('month', 'report.month')]);
  const start = istMidnight(`${month}-01`);
  const monthEnd = istMidnight(`${nextMonth(month)}-01`);
  const end = monthEnd.getTime() > now.getTime() ? new Date(now.getTime() + 1) : monthEnd; // this month: as of now, its own events included
  const p = [scope.departments, scope.district, start.toISOString(), monthEnd.toISOString()];

  const registered = await q.query<{ department_code: string; district_code: string; n: number }>(`
    SELECT g.department_code, g.district_code, count(*)::int AS n FROM grievances g
     WHERE g.received_at >= $3::timestamptz AND g.received_at < $4::timestamptz AND ${inScope('g')}
     GROUP BY 1, 2`, p);
  const events = await q.query<{
    department_code: string; district_code: string; disposed: number; within: number; median: number | null;
    satisfied: number; not_satisfied: number; reopened: number; escalated: number;
  }>(`
    WITH e AS (
      SELECT e.grievance_number, e.action, e.at, e.details, g.department_code, g.district_code, g.received_at
        FROM grievance_events e JOIN grievances g ON g.number = e.grievance_number
       WHERE e.at >= $3::timestamptz AND e.at < $4::timestamptz AND e.action IN ('dispose', 'feedback', 'reopen', 'escalate') AND ${inScope('g')}),
    d AS (
      SELECT department_code, district_code, grievance_number, min(at) AS first_at, min(received_at) AS received_at,
             bool_or(details->>'withinLimit' = 'true') AS within
        FROM e WHERE action = 'dispose' GROUP BY 1, 2, 3),
    dd AS (
      SELECT department_code, district_code, count(*)::int AS disposed, count(*) FILTER (WHERE within)::int AS within,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (first_at - received_at)) / 86400) AS median
        FROM d GROUP BY 1, 2),
    ee AS (
      SELECT department_code, district_code,
             count(*) FILTER (WHERE action = 'feedback' AND details->>'satisfaction' = 'satisfied')::int AS satisfied,
             count(*) FILTER (WHERE action = 'feedback' AND details->>'satisfaction' = 'not_satisfied')::int AS not_satisfied,
             count(*) FILTER (WHERE action = 'reopen')::int AS reopened,
             count(*) FILTER (WHERE action = 'escalate')::int AS escalated
        FROM e GROUP BY 1, 2)
    SELECT coalesce(dd.department_code, ee.department_code) AS department_code, coalesce(dd.district_code, ee.district_code) AS district_code,
           coalesce(dd.disposed, 0) AS disposed, coalesce(dd.within, 0) AS within, dd.median,
           coalesce(ee.satisfied, 0) AS satisfied, coalesce(ee.not_satisfied, 0) AS not_satisfied,
           coalesce(ee.reopened, 0) AS reopened, coalesce(ee.escalated, 0) AS escalated
      FROM dd FULL JOIN ee ON ee.department_code = dd.department_code AND ee.district_code = dd.district_code`, p);

  const rows = new Map<string, MonthlyRow>();
  const row = (department: string, district: string) => {
    const key = `${department}\u0000${district}`;
    let r = rows.get(key);
    if (!r) {
      r = { departmentCode: department, districtCode: district, registered: 0, disposed: 0, disposedWithinLimit: 0, pendingAtMonthEnd: 0, medianDaysToDispose: null, satisfied: 0, notSatisfied: 0, reopened: 0, escalated: 0 };
      rows.set(key, r);
    }
    return r;
  };
  for (const r of registered) row(r.department_code, r.district_code).registered = r.n;
  for (const e of events) {
    Object.assign(row(e.department_code, e.district_code), {
      disposed: e.disposed, disposedWithinLimit: e.within, medianDaysToDispose: e.median === null ? null : Math.round(Number(e.median) * 10) / 10,
      satisfied: e.satisfied, notSatisfied: e.not_satisfied, reopened: e.reopened, escalated: e.escalated,
    });
  }

  // One pass over what was pending at month end (at_end is materialised once): per holder, and the 10 most overdue.
  const [atEnd] = await q.query<{ holders: HolderRow[]; worst: WorstRow[] }>(`
    WITH ${AT_END_CTE},
    h AS (
      SELECT x.department_code, x.district_code, x.holder_id, a.name, count(*)::int AS pending, count(*) FILTER (WHERE x.due < $3::timestamptz)::int AS overdue
        FROM at_end x LEFT JOIN accounts a ON lower(a.id) = lower(x.holder_id)
       GROUP BY 1, 2, 3, 4),
    w AS (
      SELECT number, department_code, district_code, status, holder_id, received_at, due FROM at_end
       WHERE due < $3::timestamptz ORDER BY due, number LIMIT 10)
    SELECT (SELECT coalesce(json_agg(h), '[]'::json) FROM h) AS holders, (SELECT coalesce(json_agg(w ORDER BY w.due, w.number), '[]'::json) FROM w) AS worst`,
  [scope.departments, scope.district, end.toISOString()]);
  for (const hr of atEnd.holders) row(hr.department_code, hr.district_code).pendingAtMonthEnd += hr.pending;
  const officers = atEnd.holders.filter((o) => o.holder_id !== null)
    .sort((x, y) => y.pending - x.pending || y.overdue - x.overdue || x.holder_id!.localeCompare(y.holder_id!)).slice(0, 500);
  const worst = atEnd.worst;

  return {
    month,
    scope: { departments: scope.departments, district: scope.district },
    rows: [...rows.values()].sort((a, b) => a.departmentCode.localeCompare(b.departmentCode) || a.districtCode.localeCompare(b.districtCode)),
    officers: officers.map((o) => ({ holderId: o.holder_id!, name: o.name, departmentCode: o.department_code, districtCode: o.district_code, pending: o.pending, overdue: o.overdue })),
    worstOverdue: worst.map((w) => ({
      number: w.number, departmentCode: w.department_code, districtCode: w.district_code, status: w.status, holderId: w.holder_id,
      receivedAt: new Date(w.received_at).toISOString(), dueAt: new Date(w.due).toISOString(), daysOverdue: Math.floor((end.getTime() - new Date(w.due).getTime()) / DAY_MS),
    })),
    generatedAt: now.toISOString(),
    source: SOURCE,
  };
}

/** The report for `month` over `scope` from the daily rollups, folded up to date first: the same as liveMonthlyReport. */
export async function monthlyReport(db: Db, scope: ReportScope, month: string, now: Date): Promise<MonthlyReport> {
  if (month > istDateOf(now).slice(0, 7)) throw new ApiProblem(400, 'api.invalid', [fieldError('month', 'report.month')]);
  const first = `${month}-01`;
  const monthEnd = istMidnight(`${nextMonth(month)}-01`);
  const inProgress = monthEnd.getTime() > now.getTime();
  const end = inProgress ? new Date(now.getTime() + 1) : monthEnd;
  const lastDay = inProgress ? istDateOf(now) : plusDays(`${nextMonth(month)}-01`, -1);
  const dayEnd = istMidnight(plusDays(lastDay, 1));
  await foldRollups(db);
  if (inProgress && await datedAfter(db, end)) return liveMonthlyReport(db, scope, month, now);

  const rows = new Map<string, MonthlyRow & { any: boolean }>();
  const row = (department: string, district: string) => {
    const key = `${department}\u0000${district}`;
    let r = rows.get(key);
    if (!r) {
      r = { departmentCode: department, districtCode: district, registered: 0, disposed: 0, disposedWithinLimit: 0, pendingAtMonthEnd: 0, medianDaysToDispose: null, satisfied: 0, notSatisfied: 0, reopened: 0, escalated: 0, any: false };
      rows.set(key, r);
    }
    return r;
  };
  for (const d of await rollupDays(db, scope, first, plusDays(`${nextMonth(month)}-01`, -1))) {
    const r = row(d.department_code, d.district_code);
    r.registered += d.registered; r.disposed += d.m_disposed; r.disposedWithinLimit += d.m_within;
    r.satisfied += d.satisfied; r.notSatisfied += d.not_satisfied; r.reopened += d.reopened; r.escalated += d.escalated;
    r.any ||= d.registered + d.m_disposed + d.feedback + d.reopened + d.escalated > 0; // the live report has a row for any of these
  }
  for (const m of await monthMedians(db, scope, first, plusDays(`${nextMonth(month)}-01`, -1))) {
    if (m.median !== null) row(m.department_code, m.district_code).medianDaysToDispose = Math.round(Number(m.median) * 10) / 10;
  }
  const held = await pendingAtEnd(db, scope, lastDay, dayEnd, end);
  const names = new Map((await db.query<{ id: string; name: string }>('SELECT lower(id) AS id, name FROM accounts WHERE lower(id) = ANY($1::text[])',
    [[...new Set(held.flatMap((h) => (h.holder_id ? [h.holder_id.toLowerCase()] : [])))]])).map((a) => [a.id, a.name]));
  for (const h of held) Object.assign(row(h.department_code, h.district_code), { any: true }).pendingAtMonthEnd += h.pending;
  const officers = held.filter((o) => o.holder_id !== null)
    .sort((x, y) => y.pending - x.pending || y.overdue - x.overdue || x.holder_id!.localeCompare(y.holder_id!)
      || x.department_code.localeCompare(y.department_code) || x.district_code.localeCompare(y.district_code)).slice(0, 500);
  const worst = await worstOverdue(db, scope, lastDay, end);

  return {
    month,
    scope: { departments: scope.departments, district: scope.district },
    rows: [...rows.values()].filter((r) => r.any).map(({ any: _, ...r }) => r)
      .sort((a, b) => a.departmentCode.localeCompare(b.departmentCode) || a.districtCode.localeCompare(b.districtCode)),
    officers: officers.map((o) => ({ holderId: o.holder_id!, name: names.get(o.holder_id!.toLowerCase()) ?? null, departmentCode: o.department_code, districtCode: o.district_code, pending: o.pending, overdue: o.overdue })),
    worstOverdue: worst.map((w) => ({
      number: w.number, departmentCode: w.department_code, districtCode: w.district_code, status: w.status, holderId: w.holder_id,
      receivedAt: new Date(w.received_at).toISOString(), dueAt: new Date(w.due).toISOString(), daysOverdue: Math.floor((end.getTime() - new Date(w.due).getTime()) / DAY_MS),
    })),
    generatedAt: now.toISOString(),
    source: SOURCE,
  };
}
