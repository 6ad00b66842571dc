/**
 * Rate-limit counters kept in the database, for the limits that must hold across every server process
 * (issue 14): failed sign-ins per account and sign-in attempts per address. A limit counted per process
 * would let a guesser multiply it by the number of processes behind the balancer. Same fixed-window
 * rule as ../rate-limit.ts; one upsert per event. Other limits (per session, per address for the API)
 * stay in process: they protect each process's capacity, and N processes have N times it.
 */
import type { Verdict } from '../rate-limit';
import type { Queryable } from './db';

export interface SharedRateLimiter {
  hit(key: string): Promise<Verdict>;
  peek(key: string): Promise<Verdict>;
  reset(key: string): Promise<void>;
}

type Row = { count: number; window_start: Date };

export function sharedRateLimiter(db: Queryable, opts: { scope: string; limit: number; windowMs: number; clock?: () => Date }): SharedRateLimiter {
  const now = () => (opts.clock ? opts.clock() : new Date());
  const k = (key: string) => `${opts.scope}:${key}`;
  const verdict = (r: Row | undefined, t: Date, ok: (count: number) => boolean): Verdict => {
    const start = r && t.getTime() - r.window_start.getTime() < opts.windowMs ? r.window_start.getTime() : t.getTime();
    const count = r && start === r.window_start.getTime() ? r.count : 0;
    return { ok: ok(count), count, retryAfterS: Math.max(1, Math.ceil((start + opts.windowMs - t.getTime()) / 1000)) };
  };
  return {
    async hit(key) {
      const t = now();
      // A window that has ended starts again at 1; otherwise the count goes up by one, atomically.
      const [r] = await db.query<Row>(
        `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2::timestamptz, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limits.window_start > $2::timestamptz - make_interval(secs => $3::float8 / 1000) THEN rate_limits.count + 1 ELSE 1 END,
           window_start = CASE WHEN rate_limits.window_start > $2::timestamptz - make_interval(secs => $3::float8 / 1000) THEN rate_limits.window_start ELSE $2::timestamptz END
         RETURNING count, window_start`,
        [k(key), t.toISOString(), opts.windowMs]);
      return verdict(r, t, (c) => c <= opts.limit);
    },
    async peek(key) {
      const t = now();
      const [r] = await db.query<Row>('SELECT count, window_start FROM rate_limits WHERE key = $1', [k(key)]);
      return verdict(r, t, (c) => c < opts.limit);
    },
    async reset(key) {
      await db.query('DELETE FROM rate_limits WHERE key = $1', [k(key)]);
    },
  };
}

/** Drops counters whose window ended long ago (a job runs it every hour). */
export async function sweepRateLimits(db: Queryable, now: Date): Promise<{ removed: number }> {
  const rows = await db.query('DELETE FROM rate_limits WHERE window_start < $1::timestamptz - interval \'1 day\' RETURNING 1', [now.toISOString()]);
  return { removed: rows.length };
}
