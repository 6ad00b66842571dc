/**
 * Background work (the escalation sweep, the notification sender, the attachment sweep, scheduled
 * reports): each job runs once per period across ALL server processes, not once per process.
 *
 * Two implementations of one interface:
 *   - on PostgreSQL, pg-boss (./pg-boss-jobs.ts): every process offers each job once per period with a
 *     throttled send (one job per period slot, enforced by a unique index), and every process works the
 *     queue, so exactly one of them runs it (SELECT … FOR UPDATE SKIP LOCKED). A process killed mid-job
 *     leaves its job `active` until it expires (JOB_EXPIRE_S); pg-boss's maintenance then retries it and
 *     another process runs it.
 *   - on the embedded PGlite, one process holds the database by construction (server/data-dir-lock.ts),
 *     so in-process timers (../periodic.ts) already run each job once.
 */
import { every, type Periodic } from '../periodic';

export interface JobContext { name: string }

export interface Jobs {
  /** Runs `run` every `seconds` (never two rounds of one job at once); its result is kept with the job where the queue keeps results. */
  every(name: string, seconds: number, run: (ctx: JobContext) => Promise<unknown>): void;
  /** Runs job `name` as soon as possible, besides its period (a citizen waits at a kiosk for a code by SMS). */
  soon(name: string): void;
  /** Starts the jobs declared so far. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for rounds in progress (before the database closes). */
  stop(): Promise<void>;
}

/** One process, its own timers: the embedded database, and tests that build the app in-process. */
export function inProcessJobs(onError: (name: string, err: unknown) => void): Jobs {
  const declared: { name: string; seconds: number; run: (ctx: JobContext) => Promise<unknown> }[] = [];
  const running = new Map<string, Periodic>();
  return {
    every(name, seconds, run) { declared.push({ name, seconds, run }); },
    soon(name) { running.get(name)?.kick(); },
    async start() {
      for (const j of declared) running.set(j.name, every(j.seconds * 1000, () => j.run({ name: j.name }), (err) => onError(j.name, err)));
    },
    async stop() { await Promise.all([...running.values()].map((p) => p.stop())); },
  };
}
