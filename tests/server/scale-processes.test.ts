/**
 * Several `npm run serve` processes on one PostgreSQL (issue 14): any process takes any request, and
 * background work runs once across them. Real processes (server/index.ts under tsx) on a database of their
 * own next to TEST_DATABASE_URL; skipped without it.
 *   - a token, a sealed Aadhaar and a resumable upload started on A all work on B; sign-in limits are shared;
 *   - each job runs once per period across two processes (pg-boss keeps each run with the pid that ran it);
 *   - a process killed in the middle of a job leaves that job to the other, which finishes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { ServerConfig, SyncResponse } from '../../src/domain/schemas';
import { sealDigits } from '../../src/domain/seal';
import { openDb } from '../../server/store/open-db';
import type { Db } from '../../server/store/db';
import { migrate } from '../../server/store/migrations';
import { freshDatabase, startServerProcess, type ServerProcess } from '../support/server-process';
import { pdf } from './attachment-files';
import { VALID_AADHAAR, submission } from './fixtures';
import { addAccount, bearer, MEENA, PASSWORD } from './harness';
import { OFFICERS, workflowHarness } from './workflow-fixtures';

const BASE = process.env.TEST_DATABASE_URL;

/** Polls `check` until it returns a value (a condition on the database, not a sleep); gives up after `tries` polls. */
async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, tries = 600): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not reached: ${what}`);
}

const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

type JobRow = { id: string; state: string; retry_count: number; singleton_on: Date | null; output: { pid?: number; escalated?: number } | null };
const jobsNamed = (db: Db, name: string) => db.query<JobRow>(
  `SELECT id, state, retry_count, singleton_on, output FROM pgboss.job WHERE name = $1
   UNION ALL SELECT id, state, retry_count, singleton_on, output FROM pgboss.archive WHERE name = $1`, [name]);

describe.skipIf(!BASE)('several server processes on one PostgreSQL', () => {
  describe('any process takes any request', () => {
    let fresh: Awaited<ReturnType<typeof freshDatabase>>;
    let db: Db;
    let a: ServerProcess;
    let b: ServerProcess;
    beforeAll(async () => {
      fresh = await freshDatabase(BASE!, 'procs');
      db = await openDb({ kind: 'postgres', url: fresh.url });
      await migrate(db);
      await addAccount(db, MEENA);
      // Both processes share the attachment store (a shared volume in production).
      const env = { DATABASE_URL: fresh.url, ATTACHMENTS_DIR: `/tmp/sampark-procs-attachments-${process.pid}`, LOGIN_MAX_FAILURES: '3' };
      [a, b] = [await startServerProcess(env), await startServerProcess(env)];
    }, 120_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await db?.close();
      await fresh?.drop();
    });

    it('a token from A works on B; an Aadhaar sealed with A\'s key opens on B; an upload begun on A is finished on B', async () => {
      const login = await post(a.url, '/api/auth/login', { operatorId: MEENA.id, password: PASSWORD, deviceId: 'ABCDE' });
      expect(login.status).toBe(200);
      const auth = bearer(await login.json() as { accessToken: string });

      const { aadhaarKey } = ServerConfig.parse(await (await fetch(`${a.url}/api/config`)).json());
      expect(ServerConfig.parse(await (await fetch(`${b.url}/api/config`)).json()).aadhaarKey).toEqual(aadhaarKey);

      const file = pdf(300 * 1024);
      const sha = createHash('sha256').update(file).digest('hex');
      const half = 256 * 1024;
      const put = (url: string, from: number, to: number) => fetch(`${url}/api/attachments/${sha}`, {
        method: 'PUT', body: file.subarray(from, to),
        headers: { ...auth, 'content-type': 'application/octet-stream', 'content-range': `bytes ${from}-${to - 1}/${file.length}` },
      });
      expect((await put(a.url, 0, half)).status).toBeLessThan(300);
      const status = await (await fetch(`${b.url}/api/attachments/${sha}/status`, { headers: auth })).json() as { received: number };
      expect(status.received).toBe(half);
      expect((await put(b.url, half, file.length)).status).toBeLessThan(300);

      const g = submission({ aadhaarLast4: '2346', aadhaarSealed: await sealDigits(aadhaarKey, VALID_AADHAAR), attachments: [{ sha256: sha, bytes: file.length, type: 'application/pdf' }] });
      const res = await post(b.url, '/api/sync/grievances', { grievances: [g] }, auth);
      expect(res.status).toBe(200);
      const [r] = SyncResponse.parse(await res.json()).results;
      expect(r.status).toBe('created');
      const again = SyncResponse.parse(await (await post(a.url, '/api/sync/grievances', { grievances: [g] }, auth)).json()).results[0];
      expect(again).toMatchObject({ status: 'duplicate', number: (r as { number: string }).number });
      const [row] = await db.query<{ aadhaar_hash: string | null }>('SELECT aadhaar_hash FROM grievances WHERE client_id = $1', [g.clientId]);
      expect(row.aadhaar_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('counts failed sign-ins across processes: the limit is not multiplied by the number of processes', async () => {
      const wrong = (url: string) => post(url, '/api/auth/login', { operatorId: MEENA.id, password: 'wrong password!', deviceId: 'ABCDE' });
      expect((await wrong(a.url)).status).toBe(401);
      expect((await wrong(b.url)).status).toBe(401);
      expect((await wrong(a.url)).status).toBe(401);
      const locked = await wrong(b.url); // the 4th failure, the 2nd on B: LOGIN_MAX_FAILURES=3 counts all of them
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('background work', () => {
    it('runs each job once per period across two processes, and sends each message once', async () => {
      const fresh = await freshDatabase(BASE!, 'jobs');
      const db = await openDb({ kind: 'postgres', url: fresh.url });
      const env = { DATABASE_URL: fresh.url, ESCALATION_INTERVAL_S: '1', NOTIFY_INTERVAL_S: '1', JOB_POLL_S: '1' };
      let procs: ServerProcess[] = [];
      let harness: { close(): Promise<void> } | undefined;
      try {
        await migrate(db);
        const h = await workflowHarness(db, { at: () => new Date() }, ['l1', 'l2']);
        const numbers = await h.register({}, {}, {}); // three grievances, each with an SMS in the outbox (the harness empties them when closed, so it stays open)
        harness = h;
        procs = [await startServerProcess(env), await startServerProcess(env)];
        const runs = await until('4 escalation rounds completed', async () => {
          const done = (await jobsNamed(db, 'escalation')).filter((j) => j.state === 'completed');
          return done.length >= 4 && done;
        });
        const slots = runs.map((j) => j.singleton_on!.toISOString());
        expect(new Set(slots).size).toBe(slots.length); // one run per one-second slot, never two
        expect(runs.every((j) => procs.some((p) => p.pid === j.output?.pid))).toBe(true);

        const sent = await until('every message sent', async () => {
          const rows = await db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM notifications WHERE grievance_number = ANY($1::text[])`, [numbers]);
          return rows.length > 0 && rows.every((r) => r.status === 'sent') && rows;
        });
        expect(sent.every((r) => r.attempts === 1)).toBe(true);
        const printed = procs.map((p) => p.output()).join('\n');
        for (const n of numbers) expect(printed.split('\n').filter((l) => l.includes(n) && l.includes('"kind":"registered"')).length).toBe(sent.length / numbers.length);
      } finally {
        await Promise.all(procs.map((p) => p.stop()));
        await harness?.close();
        await db.close();
        await fresh.drop();
      }
    }, 300_000);

    it('leaves the job of a process killed mid-job to another process, which finishes it', async () => {
      const fresh = await freshDatabase(BASE!, 'jobkill');
      const db = await openDb({ kind: 'postgres', url: fresh.url });
      const env = { DATABASE_URL: fresh.url, ESCALATION_INTERVAL_S: '3600', JOB_EXPIRE_S: '2', JOB_MAINTENANCE_S: '1', JOB_POLL_S: '1' };
      const holder = new pg.Client({ connectionString: fresh.url });
      let procs: ServerProcess[] = [];
      let harness: { close(): Promise<void> } | undefined;
      try {
        await migrate(db);
        const h = await workflowHarness(db, { at: () => new Date() }, ['l1', 'l2']);
        const [number] = await h.register();
        harness = h;
        await db.query(`UPDATE grievances SET due_at = now() - interval '1 hour' WHERE number = $1`, [number]); // overdue at L1
        // Hold the grievance's row: the sweep that tries to escalate it waits on the lock, mid-job.
        await holder.connect();
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM grievances WHERE number = $1 FOR UPDATE', [number]);

        const a = await startServerProcess(env);
        procs = [a];
        await until('the sweep waits on the held row', async () => (await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [`sampark-${a.pid}`])).length > 0);
        const [taken] = (await jobsNamed(db, 'escalation')).filter((j) => j.state === 'active');
        expect(taken).toBeDefined();
        await a.kill(); // SIGKILL, mid-job
        await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`sampark-${a.pid}`]); // its connections die with it
        const b = await startServerProcess(env);
        procs.push(b);
        await holder.query('ROLLBACK');

        const finished = await until('the killed job finished elsewhere', async () => (await jobsNamed(db, 'escalation')).find((j) => j.id === taken.id && j.state === 'completed'));
        expect(finished.retry_count).toBeGreaterThanOrEqual(1);
        expect(finished.output).toMatchObject({ pid: b.pid, escalated: 1 });
        const events = await db.query<{ action: string; level: string }>(`SELECT action, level FROM grievance_events WHERE grievance_number = $1 AND action = 'escalate'`, [number]);
        expect(events).toEqual([{ action: 'escalate', level: 'L2' }]); // once
        const [row] = await db.query<{ holder_id: string }>('SELECT holder_id FROM grievances WHERE number = $1', [number]);
        expect(row.holder_id).toBe(OFFICERS.l2.id);
      } finally {
        await holder.end().catch(() => undefined);
        await Promise.all(procs.map((p) => (p.child.exitCode === null && p.child.signalCode === null ? p.stop() : undefined)));
        await harness?.close();
        await db.close();
        await fresh.drop();
      }
    }, 300_000);
  });
});
