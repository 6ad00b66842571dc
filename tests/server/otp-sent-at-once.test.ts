/**
 * A citizen waits at the kiosk for the one-time code: it goes out at once, not at the sender's next round.
 * The sender here runs once an hour (NOTIFY_INTERVAL_S=3600), so only the "send soon" kick the status
 * route gives after queuing a code can put it in the notifications log within the test's patience.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFileProvider } from '../../server/notifications/providers';
import type { Db } from '../../server/store/db';
import { upsertRules } from '../../server/workflow/routing';
import { BACKENDS, resetGrievances } from './harness';
import { workflowHarness, type WorkflowHarness } from './workflow-fixtures';

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`a one-time code on ${backend.name}`, () => {
    let db: Db;
    let h: WorkflowHarness;
    const dir = mkdtempSync(join(tmpdir(), 'sampark-otp-soon-'));
    const log = join(dir, 'notifications.log');
    const clock = { at: () => new Date() };

    beforeAll(async () => {
      db = await backend.open();
      h = await workflowHarness(db, clock, ['l1', 'otherKiosk'], { notifyIntervalS: 3600, notifier: logFileProvider(log) });
      await resetGrievances(db);
      await upsertRules(db, [{ id: 'phed-jaipur', department: 'phed', district: 'jaipur', levels: { L1: 'ae.phed.jaipur' } }], new Date());
    });
    afterAll(async () => {
      await h?.close();
      await db?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is sent within seconds of being asked for, though the sender runs once an hour', async () => {
      const [number] = await h.register({ mobile: '9829012345' });
      await h.ok('l1', number, { type: 'dispose', outcome: 'relief', remarks: 'Handpump repaired' });
      const sent = await h.server.post('/api/status/code', { q: number }, h.headers.otherKiosk);
      expect(sent.status).toBe(200);
      const otpLines = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; number?: string }) : [])
        .filter((l) => l.kind === 'otp');
      await expect.poll(otpLines, { timeout: 20_000, interval: 100 }).toEqual([expect.objectContaining({ kind: 'otp', number })]);
    });
  });
}
