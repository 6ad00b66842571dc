/**
 * Attachments: a file is served to exactly those who may open a grievance that refers to it; each kiosk
 * may send a bounded number of attachment bytes per day (ATTACHMENT_QUOTA_MB_PER_DAY), counted as they
 * arrive, partial uploads included; a partial upload left alone for a day expires and is not resumed.
 */
import { utimes } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentRange, UploadStatus } from '../../src/domain/attachments';
import { ApiError } from '../../src/domain/schemas';
import { secondsToIstMidnight } from '../../server/attachments/quota';
import type { Db } from '../../server/store/db';
import { filesUnder, pdf, png, sha256, uploadFile } from './attachment-files';
import { BACKENDS, addAccount, bearer, operatorHeaders, resetGrievances, signIn, startServer, type TestServer } from './harness';
import { OFFICERS, testClock, workflowHarness, type Who } from './workflow-fixtures';

const put = (server: TestServer, headers: Record<string, string>, file: Buffer, start: number, end: number) =>
  fetch(`${server.url}/api/attachments/${sha256(file)}`, {
    method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream', 'content-range': contentRange(start, end, file.length) },
    body: new Uint8Array(file.subarray(start, end)),
  });

describe('who may download an attachment', () => {
  const clock = testClock('2026-12-01T04:30:00.000Z');
  let db: Db;
  beforeAll(async () => { db = await BACKENDS[0].open(); }, 120_000);
  afterAll(async () => { await db?.close(); });

  it('exactly those who may open a grievance that refers to it, also after a transfer', async () => {
    const h = await workflowHarness(db, clock, ['l1', 'l1b', 'l2', 'energy', 'kota', 'nodal', 'secretary', 'admin', 'otherKiosk']);
    try {
      const photo = png(30, 20);
      await uploadFile(h.server.url, h.headers.operator, photo);
      const [number] = await h.register({ attachments: [{ sha256: sha256(photo), bytes: photo.length, type: 'image/png' }] });
      const everyone: Who[] = ['operator', 'l1', 'l1b', 'l2', 'energy', 'kota', 'nodal', 'secretary', 'admin', 'otherKiosk'];
      const access = async () => Object.fromEntries(await Promise.all(everyone.map(async (who) => {
        const view = (await h.server.get(`/api/grievances/${number}`, h.headers[who])).status;
        const file = await h.server.get(`/api/attachments/${sha256(photo)}`, h.headers[who]);
        if (file.status === 200) expect(Buffer.from(await file.arrayBuffer()).equals(photo)).toBe(true);
        else expect(ApiError.parse(await file.json()).error).toBe('err.attachmentNotFound');
        return [who, [view, file.status]];
      })));
      // An L1 colleague of the same place, another district's or department's officer, another kiosk: no view, no file.
      expect(await access()).toEqual({
        operator: [200, 200], l1: [200, 200], l1b: [403, 404], l2: [200, 200], energy: [403, 404], kota: [403, 404],
        nodal: [200, 200], secretary: [200, 200], admin: [200, 200], otherKiosk: [403, 404],
      });
      await h.ok('l1', number, { type: 'transfer', toOfficerId: OFFICERS.l1b.id, reason: 'The village is in my colleague\'s area' });
      expect(await access()).toMatchObject({ l1: [200, 200], l1b: [200, 200] }); // the former holder keeps the view
    } finally {
      await h.close();
    }
  }, 180_000);
});

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`attachment quota and partial uploads on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let now = new Date('2026-12-01T12:00:00.000Z'); // 17:30 in India
    const dir = mkdtempSync(join(tmpdir(), 'sampark-quota-'));
    beforeAll(async () => {
      db = await backend.open();
      await db.exec('TRUNCATE attachment_quota').catch(() => undefined); // PostgreSQL keeps it between runs
      server = await startServer({ db, clock: () => now, attachmentsDir: dir, security: { attachmentQuotaMbPerDay: 1, accessTokenTtlS: 3650 * 86_400, refreshTokenTtlS: 3650 * 86_400 } });
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await resetGrievances(db);
      await db?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses the chunk that would pass the kiosk\'s bytes for the day with 429 until India midnight; other kiosks and the next day are not affected', async () => {
      const meena = await operatorHeaders(server, db);
      const first = pdf(600_000);
      expect((await uploadFile(server.url, meena, first)).status.state).toBe('complete');
      const second = pdf(700_000);
      expect((await put(server, meena, second, 0, 262_144)).status).toBe(200); // 600 KB + 256 KiB: within 1 MiB
      const refused = await put(server, meena, second, 262_144, 524_288);
      expect(refused.status).toBe(429);
      expect(ApiError.parse(await refused.json()).error).toBe('err.attachmentQuota');
      expect(Number(refused.headers.get('retry-after'))).toBe(secondsToIstMidnight(now));
      expect(UploadStatus.parse(await (await server.get(`/api/attachments/${sha256(second)}/status`, meena)).json()).received).toBe(262_144);
      // A repeat of a file already complete costs nothing.
      expect((await uploadFile(server.url, meena, first)).status.state).toBe('complete');

      await addAccount(db, { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' });
      const asha = bearer(await signIn(server, 'op.asha'));
      expect((await uploadFile(server.url, asha, png(200, 200))).status.state).toBe('complete');

      now = new Date(now.getTime() + secondsToIstMidnight(now) * 1000); // midnight in India
      expect((await uploadFile(server.url, meena, second)).status.state).toBe('complete');
    }, 120_000);

    it('lets a partial upload left alone for a day expire: it is dropped and the device starts again from 0', async () => {
      const meena = await operatorHeaders(server, db);
      now = new Date(); // the partial file's time is the real one
      await db.exec('TRUNCATE attachment_quota');
      const doc = pdf(500_000);
      expect((await put(server, meena, doc, 0, 262_144)).status).toBe(200);
      const [partial] = filesUnder(dir).filter((f) => f.startsWith('tmp'));
      const status = async () => UploadStatus.parse(await (await server.get(`/api/attachments/${sha256(doc)}/status`, meena)).json());
      expect(await status()).toMatchObject({ state: 'partial', received: 262_144 });

      const dayAgo = new Date(now.getTime() - 25 * 3600_000);
      await utimes(join(dir, partial), dayAgo, dayAgo);
      expect(await status()).toMatchObject({ state: 'absent', received: 0 });
      expect(filesUnder(dir).filter((f) => f.startsWith('tmp'))).toEqual([]);
      const resumed = await put(server, meena, doc, 262_144, 500_000);
      expect(resumed.status).toBe(409);
      expect(ApiError.parse(await resumed.json()).error).toBe('err.attachmentOffset');
      expect((await uploadFile(server.url, meena, doc)).status.state).toBe('complete');
    }, 120_000);
  });
}
