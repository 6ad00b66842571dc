/** For ministers: per secretary and day, how many grievances were on the review list and how many were reviewed. */
import type { Account } from '../../src/domain/accounts';
import type { ReviewReport } from '../../src/domain/workflow-api';
import { ApiProblem, fieldError } from '../errors';
import type { Queryable } from '../store/db';
import { addDays, istDate } from './scope';

export interface ReviewCount { date: string; secretaryId: string; secretaryName: string; listed: number; reviewed: number }

/**
 * Per day of `from`..`to` (YYYY-MM-DD) and secretary: the items listed and reviewed that day (by the list's
 * date); every secretary, or those of `ids` (matched whatever the case). Days without a list count 0.
 */
export async function reviewCounts(q: Queryable, from: string, to: string, ids: readonly string[] | null): Promise<ReviewCount[]> {
  const rows = await q.query<{ date: string; secretary_id: string; name: string; listed: number; reviewed: number }>(
    `SELECT d::date::text AS date, a.id AS secretary_id, a.name, count(r.id)::int AS listed, count(r.reviewed_at)::int AS reviewed
       FROM accounts a CROSS JOIN generate_series($1::date, $2::date, interval '1 day') AS d
       LEFT JOIN reviews r ON r.secretary_id = a.id AND r.review_date = d::date
      WHERE a.role = 'secretary' AND ($3::text[] IS NULL OR lower(a.id) = ANY($3::text[]))
      GROUP BY d, a.id, a.name ORDER BY d, lower(a.id)`, [from, to, ids && ids.map((i) => i.toLowerCase())]);
  return rows.map((r) => ({ date: r.date, secretaryId: r.secretary_id, secretaryName: r.name, listed: r.listed, reviewed: r.reviewed }));
}

/** `from`..`to` (India Standard Time dates, default the last 7 days); a secretary sees their own rows, an admin everyone's. */
export async function reviewReport(q: Queryable, account: Account, asked: { from?: string; to?: string }, now: Date): Promise<ReviewReport> {
  const to = asked.to ?? istDate(now);
  const from = asked.from ?? addDays(to, -6);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!Number.isFinite(days) || days < 0 || days > 365) throw new ApiProblem(400, 'api.invalid', [fieldError('from', 'report.range')]);
  const only = account.role === 'secretary' ? [account.id] : null;
  return { from, to, rows: await reviewCounts(q, from, to, only) };
}
