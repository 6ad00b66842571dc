/**
 * The bench's server (bench/run.ts): on a fresh embedded database or, with `postgres`, a fresh PostgreSQL
 * database, behind the fault proxy; in this process (its time per sync POST measured) or, with
 * BENCH_SERVER_PROCESS=1, as a process of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app';
import { upsertAccount } from '../server/store/accounts';
import type { Db } from '../server/store/db';
import { migrate } from '../server/store/migrations';
import { openDb } from '../server/store/open-db';
import { startFaultProxy } from '../tests/support/fault-proxy';
import { freshDatabase, startServerProcess } from '../tests/support/server-process';

const DIST = join(import.meta.dirname, '..', 'dist');
export const OPERATOR = { id: 'bench-op', password: 'bench-password-1', kiosk: 'K1023456' };

/** The operator the bench signs in as. */
const addOperator = (db: Db) => upsertAccount(db, { id: OPERATOR.id, name: 'Bench Operator', role: 'operator', kioskCode: OPERATOR.kiosk }, OPERATOR.password, new Date());

/** Milliseconds the server spent on each sync POST (body read to answer sent), for the replay's breakdown. */
export const syncServerMs: number[] = [];

/**
 * The server on a fresh embedded database in a temporary DATA_DIR (`durable: false` is EMBEDDED_FSYNC=off),
 * or with `postgres` on a fresh PostgreSQL database.
 */
export async function startServer(opts: { durable?: boolean; postgres?: boolean } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'sampark-bench-'));
  const base = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (opts.postgres && !base) throw new Error('BENCH_SERVER_DB=postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const fresh = opts.postgres && base ? await freshDatabase(base, 'bench') : undefined;
  if (process.env.BENCH_SERVER_PROCESS === '1') return startServerAlone(tmp, fresh, opts.durable ?? true);
  const db = await openDb(fresh ? { kind: 'postgres', url: fresh.url } : { kind: 'embedded', dataDir: join(tmp, 'data'), durable: opts.durable ?? true });
  // Limits far above what one bench client sends: the bench measures throughput, not the rate limiter.
  const app = await buildApp({ db, distDir: DIST, logger: false, security: { apiPerSessionPerMin: 1_000_000, apiPerAddressPerMin: 1_000_000, loginPerAddressPerMin: 1_000 } });
  await addOperator(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  app.server.on('request', (req, res) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/api/sync/grievances')) return;
    const t = performance.now();
    res.on('finish', () => syncServerMs.push(performance.now() - t));
  });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const proxy = await startFaultProxy(origin);
  return { db, app, origin, proxy, close: async () => { await proxy.close(); await app.close(); await db.close(); await fresh?.drop(); rmSync(tmp, { recursive: true, force: true }); } };
}

/**
 * BENCH_SERVER_PROCESS=1: the server as its own process (`npm run serve`, as deployed), not in this one, where
 * it shares the event loop with the browser's driver and the fault proxy. The server's own time per sync
 * POST is then not measured.
 */
async function startServerAlone(tmp: string, fresh: { url: string; drop(): Promise<void> } | undefined, durable: boolean) {
  const dataDir = join(tmp, 'data');
  const db = await openDb(fresh ? { kind: 'postgres', url: fresh.url } : { kind: 'embedded', dataDir, durable });
  await migrate(db);
  await addOperator(db);
  await db.close(); // the embedded database is the server's alone once it starts
  const child = await startServerProcess({
    ...(fresh ? { DATABASE_URL: fresh.url } : { DATA_DIR: dataDir, EMBEDDED_FSYNC: durable ? 'on' : 'off' }),
    LOGIN_PER_ADDRESS_PER_MIN: '1000', API_PER_SESSION_PER_MIN: '1000000', API_PER_ADDRESS_PER_MIN: '1000000', LOG_LEVEL: 'error',
  });
  const proxy = await startFaultProxy(child.url);
  return { origin: child.url, proxy, close: async () => { await proxy.close(); await child.stop(); await fresh?.drop(); rmSync(tmp, { recursive: true, force: true }); } };
}

