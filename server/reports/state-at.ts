/**
 * Each grievance's status, holder and time limit at an instant in the past (the end of a day or a month),
 * read back from the first change after it, so that only events after the instant are scanned:
 *   status  the `from_status` of the first status change after it, else the present status;
 *   due     the `dueBefore` of the first clock change after it (kept on events since issue 11), else the present due_at;
 *   holder  the present holder (a reassignment after the instant is not undone).
 * Scope: $1 departments (null: all), $2 district (null: all), $3 the instant. Only grievances received before it.
 */
import { PENDING_STATUSES } from '../../src/domain/workflow';
import type { Queryable } from '../store/db';
import type { ReportScope } from './scope';

/** `${g}` in scope: departments $1, district $2. */
export const inScope = (g: string) => `($1::text[] IS NULL OR ${g}.department_code = ANY($1::text[])) AND ($2::text IS NULL OR ${g}.district_code = $2)`;

const PENDING_SQL = PENDING_STATUSES.map((x) => `'${x}'`).join(', ');

/** CTE `at_end`: the grievances pending at instant $3 (number, department_code, district_code, holder_id, received_at, status, due, pending = true). */
export const AT_END_CTE = `
    changed AS (
      SELECT DISTINCT ON (e.grievance_number) e.grievance_number, e.from_status
        FROM grievance_events e JOIN grievances g ON g.number = e.grievance_number
       WHERE e.at >= $3::timestamptz AND e.to_status IS NOT NULL AND g.received_at < $3::timestamptz AND ${inScope('g')}
       ORDER BY e.grievance_number, e.id),
    clock AS (
      SELECT DISTINCT ON (e.grievance_number) e.grievance_number, (e.details->>'dueBefore')::timestamptz AS due
        FROM grievance_events e JOIN grievances g ON g.number = e.grievance_number
       WHERE e.at >= $3::timestamptz AND e.details ? 'dueBefore' AND g.received_at < $3::timestamptz AND ${inScope('g')}
       ORDER BY e.grievance_number, e.id),
    -- Pending at the instant: pending now and unchanged since (the partial index grievances_pending), or changed
    -- since with a pending from_status. Anything else had its present, settled status then too.
    at_end AS (
      SELECT g.number, g.department_code, g.district_code, g.holder_id, g.received_at, g.status, g.due_at AS due, true AS pending
        FROM grievances g
       WHERE g.status IN (${PENDING_SQL}) AND g.received_at < $3::timestamptz AND ${inScope('g')}
         AND NOT EXISTS (SELECT 1 FROM changed c WHERE c.grievance_number = g.number)
      UNION ALL
      SELECT g.number, g.department_code, g.district_code, g.holder_id, g.received_at, c.from_status,
             CASE WHEN k.grievance_number IS NOT NULL THEN k.due ELSE g.due_at END, true
        FROM changed c JOIN grievances g ON g.number = c.grievance_number LEFT JOIN clock k ON k.grievance_number = g.number
       WHERE c.from_status IN (${PENDING_SQL}))`;

export interface PendingCell { departmentCode: string; districtCode: string; pending: number; overdue: number }

/** Pending (and past its time limit) at `end`, per department and district. */
export async function pendingCells(q: Queryable, scope: ReportScope, end: Date): Promise<PendingCell[]> {
  const rows = await q.query<{ department_code: string; district_code: string; pending: number; overdue: number }>(`
    WITH ${AT_END_CTE}
    SELECT department_code, district_code, count(*)::int AS pending, count(*) FILTER (WHERE due < $3::timestamptz)::int AS overdue
      FROM at_end WHERE pending GROUP BY department_code, district_code`,
  [scope.departments, scope.district, end.toISOString()]);
  return rows.map((r) => ({ departmentCode: r.department_code, districtCode: r.district_code, pending: r.pending, overdue: r.overdue }));
}
