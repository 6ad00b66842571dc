/**
 * The state dashboard for the chief secretary's review meeting (issue 11, item 4): per department (or,
 * drilled down, per district of a department, or per officer of a department and district):
 *   pending, overdue (pending and past the time limit now), the oldest pending (registration, age in days);
 *   disposedWithinLimit: disposals in the window made within the time limit they ran against (the dispose
 *     event keeps `withinLimit`), of those that ran against one;
 *   satisfaction: feedback recorded in the window from citizens reached (the last of each disposal cycle
 *     counts once), and the same for feedback verified through the chat (`verified`, as in pending.ts);
 *   review compliance (departments only): days × secretaries of the department on which the secretary
 *     reviewed at least ten, of all days × secretaries in the window.
 * The window is the 30 days (India time) ending today. Admins see every department; a minister their
 * departments (or all without any); anyone else 403. A grievance counts under its present department,
 * district and holder.
 */
import type { Account } from '../../src/domain/accounts';
import { DASHBOARD_WINDOW_DAYS, type Dashboard, type DashboardQuery, type DashboardRow, REVIEW_TARGET } from '../../src/domain/leader-dashboards';
import { istDateOf, istMidnight, plusDays } from '../../src/domain/leader-reports';
import type { Lang } from '../../src/domain/messages';
import { departmentByCode, districtByCode } from '../../src/domain/reference';
import { PENDING_STATUSES } from '../../src/domain/workflow';
import { ApiProblem, fieldError } from '../errors';
import type { Queryable } from '../store/db';
import { leaderScope, pct } from './daily-figures';
import { reportScope, type ReportScope } from './scope';

const DAY_MS = 86_400_000;

/** What the dashboard may cover for `account`: admins and ministers only. */
export function dashboardScope(account: Account, asked: DashboardQuery): ReportScope {
  if (account.role === 'admin') return reportScope(account, asked);
  if (account.role === 'minister') return leaderScope(account, asked);
  throw new ApiProblem(403, 'auth.forbidden');
}

type Counts = Omit<DashboardRow, 'key' | 'name'>;
const empty = (): Counts => ({
  pending: 0, overdue: 0, oldestReceivedAt: null, oldestDays: null, disposedTimed: 0, disposedWithinLimit: 0, withinLimitPct: null,
  reached: 0, satisfied: 0, satisfactionPct: null, reachedVerified: 0, satisfiedVerified: 0, satisfactionVerifiedPct: null,
  reviewDays: null, reviewDaysMet: null, compliancePct: null,
});

export async function dashboard(q: Queryable, account: Account, asked: DashboardQuery, now: Date): Promise<Dashboard> {
  if (asked.district && !asked.department) throw new ApiProblem(400, 'api.invalid', [fieldError('district', 'report.drill')]);
  const scope = dashboardScope(account, asked);
  const lang: Lang = asked.lang ?? 'hi';
  const level = !asked.department ? 'department' : !asked.district ? 'district' : 'officer';
  const key = level === 'department' ? 'g.department_code' : level === 'district' ? 'g.district_code' : "coalesce(g.holder_id, '')";
  const to = istDateOf(now);
  const from = plusDays(to, -(DASHBOARD_WINDOW_DAYS - 1));
  const inScope = `($1::text[] IS NULL OR g.department_code = ANY($1::text[])) AND ($2::text IS NULL OR g.district_code = $2)`;
  const p = [scope.departments, scope.district];
  const window = [...p, istMidnight(from).toISOString(), now.toISOString()];

  const pending = await q.query<{ key: string; pending: number; overdue: number; oldest: Date | null }>(`
    SELECT ${key} AS key, count(*)::int AS pending, count(*) FILTER (WHERE g.due_at < $3::timestamptz)::int AS overdue, min(g.received_at) AS oldest
      FROM grievances g WHERE g.status = ANY($4::text[]) AND ${inScope} GROUP BY 1`, [...p, now.toISOString(), [...PENDING_STATUSES]]);
  const disposals = await q.query<{ key: string; timed: number; within: number }>(`
    SELECT ${key} AS key, count(*) FILTER (WHERE e.details ? 'withinLimit')::int AS timed,
           count(*) FILTER (WHERE e.details->>'withinLimit' = 'true')::int AS within
      FROM grievance_events e JOIN grievances g ON g.number = e.grievance_number
     WHERE e.action = 'dispose' AND e.at >= $3::timestamptz AND e.at <= $4::timestamptz AND ${inScope} GROUP BY 1`, window);
  const feedback = await q.query<{ key: string; reached: number; satisfied: number; reached_verified: number; satisfied_verified: number }>(`
    WITH f AS (
      SELECT DISTINCT ON (e.grievance_number, e.details->>'cycle') ${key} AS key, e.details->>'satisfaction' AS s,
             coalesce((e.details->>'verified')::boolean, false) AS v
        FROM grievance_events e JOIN grievances g ON g.number = e.grievance_number
       WHERE e.action = 'feedback' AND e.at >= $3::timestamptz AND e.at <= $4::timestamptz AND ${inScope}
       ORDER BY e.grievance_number, e.details->>'cycle', e.id DESC)
    SELECT key, count(*) FILTER (WHERE s IN ('satisfied', 'not_satisfied'))::int AS reached, count(*) FILTER (WHERE s = 'satisfied')::int AS satisfied,
           count(*) FILTER (WHERE v AND s IN ('satisfied', 'not_satisfied'))::int AS reached_verified, count(*) FILTER (WHERE v AND s = 'satisfied')::int AS satisfied_verified
      FROM f GROUP BY key`, window);
  // Each secretary of the departments in scope, with the days of the window on which they reviewed at least ten.
  const secretaries = await q.query<{ id: string; department_codes: string[]; met: number }>(`
    SELECT a.id, a.department_codes,
           (SELECT count(*) FROM (SELECT 1 FROM reviews r WHERE r.secretary_id = a.id AND r.review_date BETWEEN $2::date AND $3::date AND r.reviewed_at IS NOT NULL
                                   GROUP BY r.review_date HAVING count(*) >= $4) d)::int AS met
      FROM accounts a WHERE a.role = 'secretary' AND NOT a.disabled AND ($1::text[] IS NULL OR a.department_codes && $1::text[])`,
  [scope.departments, from, to, REVIEW_TARGET]);

  const rows = new Map<string, Counts>();
  const at = (k: string) => rows.get(k) ?? rows.set(k, empty()).get(k)!;
  for (const r of pending) Object.assign(at(r.key), {
    pending: r.pending, overdue: r.overdue, oldestReceivedAt: r.oldest?.toISOString() ?? null,
    oldestDays: r.oldest ? Math.max(0, Math.floor((now.getTime() - r.oldest.getTime()) / DAY_MS)) : null,
  });
  for (const r of disposals) Object.assign(at(r.key), { disposedTimed: r.timed, disposedWithinLimit: r.within });
  for (const r of feedback) Object.assign(at(r.key), { reached: r.reached, satisfied: r.satisfied, reachedVerified: r.reached_verified, satisfiedVerified: r.satisfied_verified });
  const compliance = (c: Counts, of: typeof secretaries) => {
    c.reviewDays = of.length * DASHBOARD_WINDOW_DAYS;
    c.reviewDaysMet = of.reduce((n, s) => n + s.met, 0);
  };
  if (level === 'department') {
    const visible = (d: string) => scope.departments === null || scope.departments.includes(d);
    for (const s of secretaries) for (const d of s.department_codes) if (visible(d)) at(d);
    for (const [d, c] of rows) compliance(c, secretaries.filter((s) => s.department_codes.includes(d)));
  }

  const totals = empty();
  for (const c of rows.values()) {
    for (const k of ['pending', 'overdue', 'disposedTimed', 'disposedWithinLimit', 'reached', 'satisfied', 'reachedVerified', 'satisfiedVerified'] as const) totals[k] += c[k];
    if (c.oldestReceivedAt && (!totals.oldestReceivedAt || c.oldestReceivedAt < totals.oldestReceivedAt)) Object.assign(totals, { oldestReceivedAt: c.oldestReceivedAt, oldestDays: c.oldestDays });
  }
  compliance(totals, secretaries);
  const rates = (c: Counts): Counts => ({
    ...c, withinLimitPct: pct(c.disposedWithinLimit, c.disposedTimed), satisfactionPct: pct(c.satisfied, c.reached),
    satisfactionVerifiedPct: pct(c.satisfiedVerified, c.reachedVerified), compliancePct: c.reviewDays === null ? null : pct(c.reviewDaysMet ?? 0, c.reviewDays),
  });

  const officerNames = level !== 'officer' ? new Map<string, string>() : new Map((await q.query<{ id: string; name: string }>(
    'SELECT id, name FROM accounts WHERE id = ANY($1::text[])', [[...rows.keys()].filter(Boolean)])).map((a) => [a.id, a.name]));
  const nameOf = (k: string) => level === 'department' ? departmentByCode(k)?.[lang] ?? null
    : level === 'district' ? districtByCode(k)?.[lang] ?? null : officerNames.get(k) ?? null;
  return {
    asOf: now.toISOString(), window: { from, to }, level, department: asked.department ?? null, district: asked.district ?? null,
    departments: scope.departments,
    rows: [...rows.entries()].map(([k, c]) => ({ key: k, name: nameOf(k), ...rates(c) }))
      .sort((a, b) => b.overdue - a.overdue || b.pending - a.pending || a.key.localeCompare(b.key)),
    totals: { key: '', name: null, ...rates(totals) },
  };
}
