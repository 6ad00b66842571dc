/**
 * In-process fixed-window counters for rate limits: `limit` events per key per window. Enough for one
 * server process; several processes behind a balancer each count on their own (the limits are then per
 * process, which still bounds guessing). Memory stays bounded: expired windows are swept as keys are
 * added, and past `maxKeys` the oldest windows are dropped first.
 */

export interface Verdict {
  ok: boolean;
  /** Events counted in the current window, this one included. */
  count: number;
  /** Whole seconds until the window ends (at least 1). */
  retryAfterS: number;
}

export interface RateLimiter {
  /** Counts one event for `key` and says whether it is within the limit. */
  hit(key: string): Verdict;
  /** Whether one more event for `key` would be within the limit, without counting it. */
  peek(key: string): Verdict;
  /** Forgets `key` (e.g. the failures of an account that then signed in). */
  reset(key: string): void;
}

export function rateLimiter(opts: { limit: number; windowMs: number; clock?: () => Date; maxKeys?: number }): RateLimiter {
  const now = () => (opts.clock ? opts.clock().getTime() : Date.now());
  const maxKeys = opts.maxKeys ?? 100_000;
  const windows = new Map<string, { start: number; count: number }>(); // insertion order = oldest first
  let sweepAt = 0;

  const current = (key: string, t: number) => {
    const w = windows.get(key);
    return w && t - w.start < opts.windowMs ? w : undefined;
  };
  const verdict = (w: { start: number; count: number } | undefined, t: number, ok: boolean): Verdict => ({
    ok, count: w?.count ?? 0, retryAfterS: Math.max(1, Math.ceil(((w?.start ?? t) + opts.windowMs - t) / 1000)),
  });
  const sweep = (t: number) => {
    if (t >= sweepAt) {
      for (const [k, w] of windows) if (t - w.start >= opts.windowMs) windows.delete(k);
      sweepAt = t + opts.windowMs;
    }
    for (const k of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(k);
    }
  };

  return {
    hit(key) {
      const t = now();
      let w = current(key, t);
      if (!w) {
        windows.delete(key);
        sweep(t);
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return verdict(w, t, w.count <= opts.limit);
    },
    peek(key) {
      const t = now();
      const w = current(key, t);
      return verdict(w, t, (w?.count ?? 0) < opts.limit);
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
