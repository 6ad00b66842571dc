/**
 * The camp report's figures (issue 12 item 5; GET /api/events/:id/report, shape CampReport in
 * src/domain/events.ts): grievances registered at the event, disposed (disposed or closed), pending and
 * disposed on the spot (a `dispose` event carrying the event's id: an officer present disposed of it at the
 * camp), in all and by department; and from the desk devices' token logs, tokens issued, served (called to
 * a counter) and the waiting time from token to call, median and 90th percentile, in all and per counter.
 */
import type { CampReport } from '../../src/domain/events';
import type { Queryable } from '../store/db';

/** The nearest-rank percentile (p in 0..1) of sorted values, rounded to whole minutes; null for none. */
export function percentileMin(sortedMs: readonly number[], p: number): number | null {
  if (sortedMs.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sortedMs.length));
  return Math.round(sortedMs[rank - 1] / 60_000);
}

const waits = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { served: sorted.length, medianWaitMin: percentileMin(sorted, 0.5), p90WaitMin: percentileMin(sorted, 0.9) };
};

export async function campFigures(q: Queryable, eventId: string): Promise<Omit<CampReport, 'event'>> {
  const rows = await q.query<{ department_code: string; registered: number; disposed: number; on_the_spot: number }>(
    `SELECT g.department_code, count(*)::int AS registered,
            count(*) FILTER (WHERE g.status IN ('disposed', 'closed'))::int AS disposed,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM grievance_events e WHERE e.grievance_number = g.number
                                             AND e.action = 'dispose' AND e.details->>'campEventId' = $1))::int AS on_the_spot
       FROM grievances g WHERE g.event_id = $1 GROUP BY g.department_code ORDER BY g.department_code`, [eventId]);
  const byDepartment = rows.map((r) => ({
    departmentCode: r.department_code, registered: r.registered, disposed: r.disposed, pending: r.registered - r.disposed, onTheSpot: r.on_the_spot,
  }));
  const sum = (k: 'registered' | 'disposed' | 'pending' | 'onTheSpot') => byDepartment.reduce((n, d) => n + d[k], 0);

  const tokens = await q.query<{ counter: number | null; wait_ms: string | number | null; device_id: string }>(
    `SELECT counter, device_id, (extract(epoch FROM (called_at - issued_at)) * 1000)::bigint AS wait_ms
       FROM camp_tokens WHERE event_id = $1`, [eventId]);
  const called = tokens.filter((t) => t.wait_ms !== null);
  const ms = (t: { wait_ms: string | number | null }) => Math.max(0, Number(t.wait_ms));
  const counters = [...new Set(called.map((t) => t.counter ?? 0))].sort((a, b) => a - b);
  return {
    registered: sum('registered'), disposed: sum('disposed'), pending: sum('pending'), onTheSpot: sum('onTheSpot'), byDepartment,
    tokens: {
      issued: tokens.length, ...waits(called.map(ms)), devices: new Set(tokens.map((t) => t.device_id)).size,
      byCounter: counters.map((c) => ({ counter: c, ...waits(called.filter((t) => (t.counter ?? 0) === c).map(ms)) })),
    },
  };
}
