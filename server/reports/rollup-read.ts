/**
 * Reading the daily rollups (./rollups.ts) for the daily figures and the monthly report: sums over a few days
 * for the day's and the month's figures, the pending/overdue totals less the deltas after a day for its end, and
 * the overdue stretches for the longest overdue. For a day still in progress the figures are "as of now" like
 * the live reports: the end of today less the grievances whose limit falls between now and midnight, which is
 * exact unless an event or a registration is dated after now (then the caller reads the live tables instead).
 */
import type { Queryable } from '../store/db';
import type { ReportScope } from './scope';
import { inScope } from './state-at';

/** Whether anything is dated at or after `instant` (a device clock ahead): then "as of now" is read live. */
export async function datedAfter(q: Queryable, instant: Date): Promise<boolean> {
  const [r] = await q.query<{ any: boolean }>(`
    SELECT EXISTS (SELECT 1 FROM grievance_events WHERE at >= $1::timestamptz) OR EXISTS (SELECT 1 FROM grievances WHERE received_at >= $1::timestamptz) AS any`,
  [instant.toISOString()]);
  return r.any;
}

export interface DayRow {
  day: string; department_code: string; district_code: string; registered: number; disposed: number; within: number; timed: number;
  feedback: number; satisfied: number; not_satisfied: number; reopened: number; escalated: number; m_disposed: number; m_within: number;
}

/** The rollups of days `from`..`to` (inclusive), per day × department × district. */
export async function rollupDays(q: Queryable, scope: ReportScope, from: string, to: string): Promise<DayRow[]> {
  return q.query<DayRow>(`
    SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.department_code, r.district_code,
           sum(r.registered)::int AS registered, sum(r.disposed)::int AS disposed, sum(r.within)::int AS within, sum(r.timed)::int AS timed,
           sum(r.feedback)::int AS feedback, sum(r.satisfied)::int AS satisfied, sum(r.not_satisfied)::int AS not_satisfied,
           sum(r.reopened)::int AS reopened, sum(r.escalated)::int AS escalated, sum(r.m_disposed)::int AS m_disposed, sum(r.m_within)::int AS m_within
      FROM report_rollups r
     WHERE r.day >= $3::date AND r.day <= $4::date AND ${inScope('r')}
     GROUP BY r.day, r.department_code, r.district_code`, [scope.departments, scope.district, from, to]);
}

export interface PendingRow { department_code: string; district_code: string; holder_id: string | null; pending: number; overdue: number }

/**
 * Pending and overdue at the end of `day` per department × district × holder (only groups with any), or, when
 * `asOf` is before that end (today), as of `asOf`: the grievances whose limit is at or after it are not overdue yet.
 */
export async function pendingAtEnd(q: Queryable, scope: ReportScope, day: string, end: Date, asOf: Date): Promise<PendingRow[]> {
  // The deltas up to the day, or (cheaper for a recent day) the totals less the deltas after it: whichever reads fewer days.
  const [{ first, last }] = await q.query<{ first: string | null; last: string | null }>(`
    SELECT to_char((SELECT min(day) FROM report_rollups), 'YYYY-MM-DD') AS first, to_char((SELECT max(day) FROM report_rollups), 'YYYY-MM-DD') AS last`);
  const fromStart = first !== null && last !== null && Date.parse(day) - Date.parse(first) < Date.parse(last) - Date.parse(day);
  const parts = fromStart
    ? `SELECT r.department_code, r.district_code, r.holder_id, r.pending_delta AS pending, r.overdue_delta AS overdue FROM report_rollups r WHERE r.day <= $3::date AND ${inScope('r')}`
    : `SELECT t.department_code, t.district_code, t.holder_id, t.pending, t.overdue FROM report_totals t WHERE ${inScope('t')}
       UNION ALL
       SELECT r.department_code, r.district_code, r.holder_id, -r.pending_delta, -r.overdue_delta FROM report_rollups r WHERE r.day > $3::date AND ${inScope('r')}`;
  const rows = await q.query<PendingRow>(`
    SELECT x.department_code, x.district_code, nullif(x.holder_id, '') AS holder_id, sum(x.pending)::int AS pending, sum(x.overdue)::int AS overdue
      FROM (${parts}) x
     GROUP BY x.department_code, x.district_code, x.holder_id
    HAVING sum(x.pending) <> 0`, [scope.departments, scope.district, day]);
  if (asOf.getTime() >= end.getTime()) return rows;
  const notYet = await q.query<PendingRow>(`
    SELECT o.department_code, o.district_code, nullif(o.holder_id, '') AS holder_id, 0 AS pending, count(*)::int AS overdue
      FROM report_overdue o
     WHERE o.due >= $4::timestamptz AND o.due < $5::timestamptz AND o.from_day <= $3::date AND (o.to_day IS NULL OR o.to_day > $3::date) AND ${inScope('o')}
     GROUP BY o.department_code, o.district_code, o.holder_id`, [scope.departments, scope.district, day, asOf.toISOString(), end.toISOString()]);
  const key = (r: PendingRow) => `${r.department_code}\u0000${r.district_code}\u0000${r.holder_id ?? ''}`;
  const less = new Map(notYet.map((r) => [key(r), r.overdue]));
  return rows.map((r) => ({ ...r, overdue: r.overdue - (less.get(key(r)) ?? 0) }));
}

export interface WorstRow { number: string; department_code: string; district_code: string; status: string; holder_id: string | null; received_at: string; due: string }

/** The 10 grievances longest past their limit at the end of `day` (as of `asOf`, when earlier). */
export async function worstOverdue(q: Queryable, scope: ReportScope, day: string, asOf: Date): Promise<WorstRow[]> {
  return q.query<WorstRow>(`
    SELECT o.grievance_number AS number, o.department_code, o.district_code, o.status, nullif(o.holder_id, '') AS holder_id, o.received_at, o.due
      FROM report_overdue o
     WHERE o.due < $4::timestamptz AND o.from_day <= $3::date AND (o.to_day IS NULL OR o.to_day > $3::date) AND ${inScope('o')}
     ORDER BY o.due, o.grievance_number LIMIT 10`, [scope.departments, scope.district, day, asOf.toISOString()]);
}

/** Median days from registration to the first disposal in the month, per department × district. */
export async function monthMedians(q: Queryable, scope: ReportScope, from: string, to: string): Promise<{ department_code: string; district_code: string; median: number | null }[]> {
  return q.query(`
    SELECT f.department_code, f.district_code,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (f.m_first_at - f.received_at)) / 86400) AS median
      FROM report_facts f
     WHERE f.m_disposed = 1 AND f.day >= $3::date AND f.day <= $4::date AND ${inScope('f')}
     GROUP BY f.department_code, f.district_code`, [scope.departments, scope.district, from, to]);
}
