/**
 * The reconnect storm at CI size (issue 14; `npm run bench -- scale` runs 50 kiosks × 200): 10 kiosks ×
 * 100 queued grievances, signed in before the outage, all sending at once to two server processes on one
 * PostgreSQL; one process is killed (SIGKILL) mid-storm. Exactly 1,000 grievances end stored, each once,
 * each kiosk holding the number the server stored; every shed answer carried a Retry-After and was honoured.
 * The servers take one request at a time with one waiting, so shedding really happens here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/open-db';
import type { Db } from '../../server/store/db';
import { migrate } from '../../server/store/migrations';
import { freshDatabase, startServerProcess, type ServerProcess } from '../support/server-process';
import { makeKiosks, runStorm, signInAll, type Kiosk } from '../support/storm';

const BASE = process.env.TEST_DATABASE_URL;

describe.skipIf(!BASE)('reconnect storm: 10 kiosks × 100 against two processes, one killed', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Db;
  let servers: ServerProcess[] = [];
  let kiosks: Kiosk[];

  beforeAll(async () => {
    fresh = await freshDatabase(BASE!, 'storm');
    db = await openDb({ kind: 'postgres', url: fresh.url });
    await migrate(db);
    kiosks = await makeKiosks(db, 10, 100);
    const env = { DATABASE_URL: fresh.url, SYNC_MAX_INFLIGHT: '1', SYNC_MAX_QUEUED: '1', LOGIN_PER_ADDRESS_PER_MIN: '1000' };
    servers = [await startServerProcess(env), await startServerProcess(env)];
    await signInAll(kiosks, servers.map((s) => s.url));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => (s.child.exitCode === null && s.child.signalCode === null ? s.stop() : undefined)));
    await db?.close();
    await fresh?.drop();
  });

  it('stores exactly 1,000, each once, with every Retry-After honoured', async () => {
    const [a, b] = servers;
    let killed: Promise<void> | undefined;
    const report = await runStorm({
      kiosks, urls: [a.url, b.url],
      onProgress: (ok) => { if (ok === 3) killed = b.kill(); }, // mid-storm: 3 of 10 batches in
    });
    await killed;
    expect(b.child.signalCode).toBe('SIGKILL');

    const [{ rows, distinct }] = await db.query<{ rows: number; distinct: number }>('SELECT count(*)::int AS rows, count(DISTINCT client_id)::int AS "distinct" FROM grievances');
    expect(rows).toBe(1000);
    expect(distinct).toBe(1000);
    const stored = new Map((await db.query<{ client_id: string; number: string }>('SELECT client_id, number FROM grievances')).map((r) => [r.client_id, r.number]));
    for (const k of kiosks) for (const g of k.queued) {
      const r = report.results.get(g.clientId);
      expect(r && (r.status === 'created' || r.status === 'duplicate') && r.number).toBe(stored.get(g.clientId));
    }
    expect(report.unexpected).toEqual([]);
    expect(report.shed).toBeGreaterThan(0); // the gate really shed some
    expect(report.shedWithoutRetryAfter).toBe(0);
    for (const w of report.waits) expect(w.waitedMs).toBeGreaterThanOrEqual(w.askedS * 1000 - 5);
  }, 240_000);
});
