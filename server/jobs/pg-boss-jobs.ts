/**
 * Jobs on PostgreSQL with pg-boss (see ./jobs.ts for the contract). pg-boss keeps its tables in the schema
 * `pgboss` of the same database, with its own small connection pool.
 *
 * Once per period: each process, on its own timer, sends the job throttled to one per `seconds` slot
 * (pg-boss's singletonSeconds: a second send in the same slot is a no-op, across processes). Every
 * process works each queue; a fetched job is locked, so it runs in one process. (A round outlasting its
 * period may overlap the next one in another process; every job here is safe under that: actions are
 * version-checked, messages are claimed with a lease.)
 *
 * A process killed mid-job: its job stays `active` until `expireS` passes; the maintenance round (every
 * `maintenanceS`, in whichever process gets there first) marks it expired, and with retries left it is
 * fetched again by a live process. Its result (what the round returned, with the pid that ran it) is
 * kept in pgboss.job / pgboss.archive, which the two-process tests read.
 */
import PgBoss from 'pg-boss';
import type { JobContext, Jobs } from './jobs';

export interface PgBossJobsOptions {
  url: string;
  /** A job running longer than this is taken to be dead and retried elsewhere (JOB_EXPIRE_S, 900). */
  expireS?: number;
  /** How often expired jobs are looked for (JOB_MAINTENANCE_S, 60). */
  maintenanceS?: number;
  /** How often each process looks for work (JOB_POLL_S, 2). */
  pollS?: number;
  onError(name: string, err: unknown): void;
}

export function pgBossJobs(o: PgBossJobsOptions): Jobs {
  const boss = new PgBoss({
    connectionString: o.url, max: 3, application_name: `sampark-jobs-${process.pid}`,
    supervise: true, schedule: false, maintenanceIntervalSeconds: o.maintenanceS ?? 60,
  });
  boss.on('error', (err) => o.onError('pg-boss', err));
  const declared: { name: string; seconds: number; run: (ctx: JobContext) => Promise<unknown> }[] = [];
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  let started = false;

  const offer = (name: string, seconds: number) => {
    if (stopped) return;
    boss.send(name, {}, { singletonKey: name, singletonSeconds: seconds }).catch((err: unknown) => o.onError(name, err));
  };

  return {
    every(name, seconds, run) { declared.push({ name, seconds, run }); },
    // One more job outside the period's slot, taken by whichever process polls first (rounds are safe to overlap).
    soon(name) {
      if (!stopped && started && declared.some((j) => j.name === name)) boss.send(name, {}).catch((err: unknown) => o.onError(name, err));
    },
    async start() {
      await boss.start();
      for (const j of declared) {
        await boss.createQueue(j.name, { name: j.name, policy: 'standard', expireInSeconds: o.expireS ?? 900, retryLimit: 3, retryDelay: 0 });
        await boss.work(j.name, { pollingIntervalSeconds: Math.min(o.pollS ?? 2, j.seconds) }, async () => {
          const out = await j.run({ name: j.name });
          return { pid: process.pid, ...(typeof out === 'object' && out !== null ? out : { result: out ?? null }) };
        });
        offer(j.name, j.seconds);
        const t = setInterval(() => offer(j.name, j.seconds), j.seconds * 1000);
        t.unref();
        timers.push(t);
      }
      started = true; // every queue exists from here on
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/** JOB_EXPIRE_S, JOB_MAINTENANCE_S, JOB_POLL_S (whole seconds ≥ 1), when set. */
export function jobOptionsFromEnv(env: NodeJS.ProcessEnv): Pick<PgBossJobsOptions, 'expireS' | 'maintenanceS' | 'pollS'> {
  const read = (name: string) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
    return n;
  };
  return { expireS: read('JOB_EXPIRE_S'), maintenanceS: read('JOB_MAINTENANCE_S'), pollS: read('JOB_POLL_S') };
}
