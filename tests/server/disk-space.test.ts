/**
 * A nearly full disk: below MIN_FREE_MB where the database or the attachments live, every route that
 * stores data answers 503 `api.diskFull` with Retry-After before reading its body, /api/health says
 * `degraded` and why, reads and sign-in go on, nothing is written; when space comes back it all works
 * again by itself. The free space comes from an injected probe (the real one is statfs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, Health } from '../../src/domain/schemas';
import { contentRange } from '../../src/domain/attachments';
import { createDiskWatch, minFreeMbFromEnv, statfsProbe } from '../../server/disk-space';
import type { Db } from '../../server/store/db';
import { pdf, sha256 } from './attachment-files';
import { submission } from './fixtures';
import { BACKENDS, countGrievances, PASSWORD, signIn } from './harness';
import { testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const MB = 1024 * 1024;

describe('low free disk space', () => {
  const clock = testClock('2026-12-01T04:30:00.000Z');
  const free: Record<string, number> = { '/data': 10_000 * MB, '/data/attachments': 10_000 * MB };
  let db: Db;
  let h: WorkflowHarness;

  beforeAll(async () => {
    db = await BACKENDS[0].open();
    const disk = createDiskWatch({
      minFreeMb: 512, cacheMs: 0, probe: async (dir) => free[dir],
      dirs: [{ name: 'database', dir: '/data' }, { name: 'attachments', dir: '/data/attachments' }],
    });
    h = await workflowHarness(db, clock, ['l1'], { disk });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  const health = async () => {
    const res = await h.server.get('/api/health');
    return { status: res.status, body: Health.parse(await res.json()) };
  };

  it('refuses writes with 503 and Retry-After, says degraded, keeps reads and sign-in, and recovers by itself', async () => {
    const [number] = await h.register();
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });

    free['/data'] = 300 * MB; // less than MIN_FREE_MB where the database is
    expect(await health()).toEqual({
      status: 503, body: { status: 'degraded', reasons: [{ code: 'disk.low', where: 'database', freeMb: 300, minFreeMb: 512 }] },
    });
    const before = await countGrievances(db);
    const doc = pdf(1000);
    const writes = [
      await h.server.post('/api/sync/grievances', { grievances: [submission()] }, h.headers.operator),
      await fetch(`${h.server.url}/api/attachments/${sha256(doc)}`, {
        method: 'PUT', headers: { ...h.headers.operator, 'content-type': 'application/octet-stream', 'content-range': contentRange(0, doc.length, doc.length) }, body: new Uint8Array(doc),
      }),
      await h.server.post(`/api/grievances/${number}/actions`, { actionId: '01JDQ5ZK6Q4Q3Q4Q3Q4Q3Q4Q3Q', expectedVersion: 1, action: { type: 'start' } }, h.headers.l1),
    ];
    for (const res of writes) {
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ApiError.parse(await res.json()).error).toBe('api.diskFull');
    }
    expect(await countGrievances(db)).toBe(before);
    expect(await h.version(number)).toBe(1);
    // Reads and signing in go on.
    expect((await h.server.get(`/api/grievances/${number}`, h.headers.l1)).status).toBe(200);
    expect((await h.server.get('/api/officer/queue', h.headers.l1)).status).toBe(200);
    expect((await h.server.get(`/api/status?q=${number}`, h.headers.operator)).status).toBe(200);
    expect((await signIn(h.server, 'ae.phed.jaipur', PASSWORD, 'ZZZZZ')).accessToken).toBeTruthy(); // another device: the officer's session stays

    free['/data/attachments'] = 100 * MB; // both low: both reasons
    expect((await health()).body).toMatchObject({ status: 'degraded', reasons: [{ where: 'database' }, { where: 'attachments', freeMb: 100 }] });

    free['/data'] = free['/data/attachments'] = 2_000 * MB; // space is back
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await h.server.post('/api/sync/grievances', { grievances: [submission()] }, h.headers.operator)).status).toBe(200);
    expect((await h.act('l1', number, { type: 'start' })).status).toBe(200);
  }, 120_000);

  it('reads MIN_FREE_MB (0 turns it off) and measures real free space with statfs', async () => {
    expect(minFreeMbFromEnv({})).toBe(512);
    expect(minFreeMbFromEnv({ MIN_FREE_MB: '0' })).toBe(0);
    expect(() => minFreeMbFromEnv({ MIN_FREE_MB: 'lots' })).toThrow(/MIN_FREE_MB/);
    expect(await statfsProbe(import.meta.dirname)).toBeGreaterThan(0);
    expect(await statfsProbe(`${import.meta.dirname}/not/yet/created`)).toBeGreaterThan(0); // its parent's filesystem
    const off = createDiskWatch({ minFreeMb: 0, dirs: [{ name: 'database', dir: '/data' }], probe: async () => 0 });
    expect(await off.check()).toEqual({ ok: true });
  });
});
