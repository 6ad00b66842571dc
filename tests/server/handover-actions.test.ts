/** Workflow actions queued on a camp device travel in its hand-over file and are applied once, as the officer who took them. */
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToBase64, ECDSA, HANDOVER_FORMAT, HANDOVER_MEDIA_TYPE, type HandoverAction, HandoverResponse, keyIdOf, signHandover, type SigningKey } from '../../src/domain/handover';
import type { Db } from '../../server/store/db';
import { DEVICE } from './fixtures';
import { BACKENDS } from './harness';
import { OFFICERS, testClock, type WorkflowHarness, workflowHarness } from './workflow-fixtures';

const DISPOSE = { type: 'dispose', outcome: 'relief', remarks: 'Handpump repaired at the camp; water supply restored' } as const;

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`hand-over file with workflow actions on ${backend.name}`, () => {
    let db: Db;
    let h: WorkflowHarness;
    let key: { privateKey: SigningKey; keyId: string };

    beforeAll(async () => {
      db = await backend.open();
      h = await workflowHarness(db, testClock('2026-11-28T06:00:00.000Z'), ['l1', 'admin']);
      await db.exec('TRUNCATE device_keys');
      const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
      key = { privateKey: pair.privateKey, keyId: await keyIdOf(spki) };
      const res = await h.server.post('/api/devices/key', { publicKey: bytesToBase64(spki) }, h.headers.operator);
      expect(res.status).toBe(200);
    });
    afterAll(async () => {
      await h?.close();
      await db?.close();
    });

    const importFile = async (actions: HandoverAction[]) => {
      const text = await signHandover({
        format: HANDOVER_FORMAT, kioskCode: 'K1023456', deviceId: DEVICE, keyId: key.keyId, exportedAt: '2026-11-28T18:00:00.000+05:30',
        exportedBy: 'op.meena', grievances: [], attachments: [], actions,
      }, key.privateKey);
      const res = await fetch(`${h.server.url}/api/handover`, { method: 'POST', headers: { 'content-type': HANDOVER_MEDIA_TYPE, ...h.headers.admin }, body: text });
      expect(res.status).toBe(200);
      return HandoverResponse.parse(await res.json());
    };

    it('applies Start then Dispose (chained by `after`) once; a second import and the device\'s own resend change nothing', async () => {
      const [number] = await h.register({});
      const version = await h.version(number);
      const start: HandoverAction = { actionId: ulid(), operatorId: OFFICERS.l1.id, number, route: 'actions', expectedVersion: version, action: { type: 'start' } };
      const dispose: HandoverAction = { actionId: ulid(), operatorId: OFFICERS.l1.id, number, route: 'actions', after: start.actionId, action: DISPOSE };
      const first = await importFile([start, dispose]);
      expect(first.actions).toEqual([{ actionId: start.actionId, status: 'applied' }, { actionId: dispose.actionId, status: 'applied' }]);
      const [row] = await db.query<{ status: string; version: number }>('SELECT status, version FROM grievances WHERE number = $1', [number]);
      expect(row.status).toBe('disposed');

      const again = await importFile([start, dispose]);
      expect(again.actions.map((a) => a.status)).toEqual(['applied', 'applied']);
      const resend = await h.act('l1', number, DISPOSE, { actionId: dispose.actionId, expectedVersion: version + 1 });
      expect(resend.status).toBe(200);
      const [after] = await db.query<{ version: number }>('SELECT version FROM grievances WHERE number = $1', [number]);
      expect(after.version).toBe(row.version);
      const events = await db.query<{ action: string }>("SELECT action FROM grievance_events WHERE grievance_number = $1 AND action = 'dispose'", [number]);
      expect(events).toHaveLength(1);
    });

    it('refuses an action of an account that does not exist, and one the state does not allow, without failing the file', async () => {
      const [number] = await h.register({});
      const ghost: HandoverAction = { actionId: ulid(), operatorId: 'nobody.here', number, route: 'actions', expectedVersion: 1, action: { type: 'start' } };
      const stale: HandoverAction = { actionId: ulid(), operatorId: OFFICERS.l1.id, number, route: 'actions', expectedVersion: 99, action: { type: 'start' } };
      const r = await importFile([ghost, stale]);
      expect(r.actions).toEqual([{ actionId: ghost.actionId, status: 'refused', error: 'wf.role' }, { actionId: stale.actionId, status: 'refused', error: 'wf.stale' }]);
    });
  });
}
