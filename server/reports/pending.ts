/**
 * The nodal officers' review: pending grievances by department and district in age buckets (days since
 * the grievance reached the server: 0–7, 8–15, 16–30, 31–60, 61–180, over 180), with escalations, the
 * reopen rate (reopened ÷ disposed at least once) and satisfaction (satisfied ÷ citizens reached after a
 * disposal, the last feedback of each disposal counting once; unreachable is not reached). Filters narrow
 * it; `bucket` drills down to the grievances in that bucket.
 */
import type { Account, Level } from '../../src/domain/accounts';
import { PENDING_STATUSES, type Status } from '../../src/domain/workflow';
import { AGE_BUCKET_FROM, AGE_BUCKETS, type AgeBucket, type PendingQuery, type PendingReport } from '../../src/domain/workflow-api';
import type { Queryable } from '../store/db';
import { reportScope } from './scope';

type Row = {
  department_code: string; district_code: string; pending: number; escalated_pending: number; escalations: number;
  disposed: number; reopened: number; reached: number; satisfied: number; reached_verified: number; satisfied_verified: number;
} & Record<`b${number}`, number>;

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
const bucketRange = (b: AgeBucket): [number, number] => {
  const i = AGE_BUCKETS.indexOf(b);
  return [AGE_BUCKET_FROM[i], i + 1 < AGE_BUCKET_FROM.length ? AGE_BUCKET_FROM[i + 1] - 1 : 1_000_000];
};

export async function pendingReport(q: Queryable, account: Account, query: PendingQuery, now: Date): Promise<PendingReport> {
  const scope = reportScope(account, query);
  const params = [now.toISOString(), scope.departments, scope.district, query.category ?? null, [...PENDING_STATUSES]];
  const filtered = `
    SELECT number, department_code, district_code, category_code, status, level, holder_id, received_at, due_at, escalation_count,
           reopen_count, disposed_at, status = ANY($5::text[]) AS pending,
           floor(extract(epoch FROM ($1::timestamptz - received_at)) / 86400)::int AS age
      FROM grievances
     WHERE ($2::text[] IS NULL OR department_code = ANY($2::text[])) AND ($3::text IS NULL OR district_code = $3)
       AND ($4::text IS NULL OR category_code = $4)`;
  const buckets = AGE_BUCKETS.map((b, i) => {
    const [from, to] = bucketRange(b);
    return `count(*) FILTER (WHERE pending AND age BETWEEN ${from} AND ${to})::int AS b${i}`;
  }).join(', ');
  const rows = await q.query<Row>(`
    WITH g AS (${filtered}),
    f AS (
      SELECT DISTINCT ON (e.grievance_number, e.details->>'cycle') e.grievance_number, e.details->>'satisfaction' AS satisfaction,
             coalesce((e.details->>'verified')::boolean, false) AS verified
        FROM grievance_events e JOIN g ON g.number = e.grievance_number
       WHERE e.action = 'feedback'
       ORDER BY e.grievance_number, e.details->>'cycle', e.id DESC),
    fs AS (
      SELECT grievance_number, count(*) FILTER (WHERE satisfaction IN ('satisfied', 'not_satisfied'))::int AS reached,
             count(*) FILTER (WHERE satisfaction = 'satisfied')::int AS satisfied,
             count(*) FILTER (WHERE verified AND satisfaction IN ('satisfied', 'not_satisfied'))::int AS reached_verified,
             count(*) FILTER (WHERE verified AND satisfaction = 'satisfied')::int AS satisfied_verified
        FROM f GROUP BY grievance_number)
    SELECT g.department_code, g.district_code,
           count(*) FILTER (WHERE pending)::int AS pending, ${buckets},
           count(*) FILTER (WHERE pending AND escalation_count > 0)::int AS escalated_pending,
           coalesce(sum(escalation_count), 0)::int AS escalations,
           count(*) FILTER (WHERE disposed_at IS NOT NULL)::int AS disposed,
           count(*) FILTER (WHERE reopen_count > 0)::int AS reopened,
           coalesce(sum(fs.reached), 0)::int AS reached, coalesce(sum(fs.satisfied), 0)::int AS satisfied,
           coalesce(sum(fs.reached_verified), 0)::int AS reached_verified, coalesce(sum(fs.satisfied_verified), 0)::int AS satisfied_verified
      FROM g LEFT JOIN fs ON fs.grievance_number = g.number
     GROUP BY g.department_code, g.district_code
     ORDER BY g.department_code, g.district_code`, params);

  const counts = (r: Row) => ({
    pending: r.pending,
    buckets: Object.fromEntries(AGE_BUCKETS.map((b, i) => [b, r[`b${i}`]])) as Record<AgeBucket, number>,
    escalatedPending: r.escalated_pending, escalations: r.escalations, disposed: r.disposed, reopened: r.reopened,
    reopenRate: rate(r.reopened, r.disposed), reached: r.reached, satisfied: r.satisfied, satisfaction: rate(r.satisfied, r.reached),
    reachedVerified: r.reached_verified, satisfiedVerified: r.satisfied_verified, satisfactionVerified: rate(r.satisfied_verified, r.reached_verified),
  });
  const sum = rows.reduce<Row>((acc, r) => {
    for (const k of Object.keys(r) as (keyof Row)[]) if (typeof r[k] === 'number') (acc as Record<string, number>)[k] = ((acc[k] as number) ?? 0) + (r[k] as number);
    return acc;
  }, { department_code: '', district_code: '', pending: 0, escalated_pending: 0, escalations: 0, disposed: 0, reopened: 0, reached: 0, satisfied: 0, reached_verified: 0, satisfied_verified: 0, ...Object.fromEntries(AGE_BUCKETS.map((_, i) => [`b${i}`, 0])) } as Row);

  const report: PendingReport = {
    asOf: now.toISOString(),
    filters: { department: query.department ?? null, district: query.district ?? null, category: query.category ?? null, bucket: query.bucket ?? null },
    rows: rows.map((r) => ({ departmentCode: r.department_code, districtCode: r.district_code, ...counts(r) })),
    totals: counts(sum),
  };
  if (query.bucket) {
    const [from, to] = bucketRange(query.bucket);
    const list = await q.query<{ number: string; department_code: string; category_code: string | null; district_code: string; status: Status; level: Level | null; holder_id: string | null; received_at: Date; due_at: Date | null; age: number; escalation_count: number }>(
      `SELECT * FROM (${filtered}) g WHERE pending AND age BETWEEN $6 AND $7 ORDER BY received_at, number LIMIT 500`, [...params, from, to]);
    report.grievances = list.map((g) => ({
      number: g.number, departmentCode: g.department_code, categoryCode: g.category_code, districtCode: g.district_code, status: g.status,
      level: g.level, holderId: g.holder_id, receivedAt: g.received_at.toISOString(), dueAt: g.due_at?.toISOString() ?? null, ageDays: g.age,
      escalationCount: g.escalation_count,
    }));
  }
  return report;
}
