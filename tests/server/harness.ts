/** Starts the real app on 127.0.0.1:0 and talks to it over HTTP, as a device would. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { SyncResponse, type SyncResult } from '../../src/domain/schemas';
import { Writable } from 'node:stream';
import { UsageError } from '../../server/cli/command';
import { COMMANDS } from '../../server/cli/commands/index';
import type { FastifyInstance } from 'fastify';
import { type Account, Session } from '../../src/domain/accounts';
import { buildApp, type AppOptions } from '../../server/app';
import { upsertAccount } from '../../server/store/accounts';
import type { Db } from '../../server/store/db';
import type { LoadSheddingEvent } from '../../server/auth/guard';
import { openDb } from '../../server/store/open-db';
import { DEVICE } from './fixtures';
import { checkResponses } from './response-check';
import { openMemoryDb } from '../support/pglite-template';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  /** POST JSON (or a raw string body) to `path`. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startServer(options: AppOptions): Promise<TestServer> {
  // Attachment files go to a fresh temporary directory unless the test names one (never ./data).
  const ownDir = options.attachmentsDir ? undefined : mkdtempSync(join(tmpdir(), 'sampark-test-attachments-'));
  const app = await buildApp({ ...options, attachmentsDir: options.attachmentsDir ?? ownDir });
  // Sign-in counters live in the database (shared by processes); a test server starts with none, as a fresh process's own would.
  await options.db.query('DELETE FROM rate_limits');
  const check = checkResponses(app); // every answer against /api/openapi.json
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    post: (path, body, headers = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, headers = {}) => fetch(url + path, { headers }),
    close: async () => {
      await app.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      expect(check.violations, 'answers that do not match /api/openapi.json').toEqual([]);
    },
  };
}

/** The databases the ingest tests run on: always in-memory PGlite, PostgreSQL too when TEST_DATABASE_URL is set. */
export const BACKENDS = [
  { name: 'PGlite (in memory)', enabled: true, open: () => openMemoryDb() },
  { name: 'PostgreSQL (TEST_DATABASE_URL)', enabled: !!process.env.TEST_DATABASE_URL, open: () => openDb({ kind: 'postgres', url: process.env.TEST_DATABASE_URL! }) },
] as const;

/** Empties the grievances between tests (the database and its keys are shared by a test file). */
export async function resetGrievances(db: Db): Promise<void> {
  // And what refers to them (attachment links, events, notifications, review lists), action answers and routing rules.
  await db.exec('TRUNCATE grievances, workflow_actions, routing_rules CASCADE');
}

export async function countGrievances(db: Db): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grievances');
  return n;
}

/** The password every test account gets. */
export const PASSWORD = 'correct horse battery';

/** The operator who registers the fixtures' submissions (fixtures.ts: op.meena at kiosk K1023456). */
export const MEENA: Account = { id: 'op.meena', name: 'Meena Sharma', role: 'operator', kioskCode: 'K1023456' };

/** Creates (or updates) an account directly in the database, as `admin create-operator` does. */
export async function addAccount(db: Db, account: Account, password = PASSWORD): Promise<Account> {
  return (await upsertAccount(db, account, password, new Date())).account;
}

/**
 * Removes accounts a test file added, their sessions first. On PostgreSQL the next file on this worker meets
 * the same database (tests/support/vitest-worker-db.ts fails a file that leaves an officer or leader behind).
 */
export async function removeAccounts(db: Db, accounts: readonly Pick<Account, 'id'>[]): Promise<void> {
  const ids = accounts.map((a) => a.id);
  await db.query('DELETE FROM auth_sessions WHERE account_id = ANY($1::text[])', [ids]);
  await db.query('DELETE FROM accounts WHERE id = ANY($1::text[])', [ids]);
}

/** Signs in over HTTP; fails the test unless it works. */
export async function signIn(server: TestServer, operatorId: string, password = PASSWORD, deviceId = DEVICE): Promise<Session> {
  const res = await server.post('/api/auth/login', { operatorId, password, deviceId });
  if (res.status !== 200) throw new Error(`sign-in of ${operatorId} answered ${res.status}: ${await res.text()}`);
  return Session.parse(await res.json());
}

/** The Authorization header of a session. */
export const bearer = (session: Pick<Session, 'accessToken'>) => ({ authorization: `Bearer ${session.accessToken}` });

/** Creates the fixtures' operator (op.meena, K1023456) and signs in: the headers a kiosk's sync sends. */
export async function operatorHeaders(server: TestServer, db: Db, account: Account = MEENA): Promise<Record<string, string>> {
  await addAccount(db, account);
  return bearer(await signIn(server, account.id));
}

export type AdminRun = { code: number; stdout: string; stderr: string };

/** Runs one admin command in this process, as server/cli/admin.ts would, with `env` as its environment. */
export async function runAdmin(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<AdminRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { append(String(chunk)); cb(); } });
  const io = { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), env };
  const command = COMMANDS.find((c) => c.name === argv[0]);
  if (!command) throw new Error(`no command ${argv[0]}`);
  try {
    return { code: await command.run(argv.slice(1), io), stdout, stderr };
  } catch (err) {
    if (err instanceof UsageError) return { code: 2, stdout, stderr: stderr + err.message };
    throw err;
  }
}

/** POSTs one batch to the sync route as `headers`, expects 200 and returns the parsed per-record results. */
export async function syncBatch(server: TestServer, grievances: unknown[], headers: Record<string, string>): Promise<SyncResult[]> {
  const res = await server.post('/api/sync/grievances', { grievances }, headers);
  expect(res.status).toBe(200);
  return SyncResponse.parse(await res.json()).results;
}

/**
 * Counts the load-shedding events of one route (pass `on` as the app's onLoadShedding) and lets a test
 * wait until a condition on the counts holds: an event, not a number of milliseconds.
 */
export function loadShedding(path: string) {
  const counts = { admitted: 0, queued: 0, refused: 0, released: 0 };
  const seen = { mostInFlight: 0 };
  let waiters: { ok: () => boolean; resolve: () => void }[] = [];
  const on = (e: LoadSheddingEvent) => {
    if (e.route.split(' ')[1] !== path) return;
    counts[e.event]++;
    seen.mostInFlight = Math.max(seen.mostInFlight, e.inFlight);
    waiters = waiters.filter((w) => (w.ok() ? (w.resolve(), false) : true));
  };
  const until = (ok: () => boolean) => new Promise<void>((resolve) => (ok() ? resolve() : waiters.push({ ok, resolve })));
  return { counts, seen, on, until };
}
