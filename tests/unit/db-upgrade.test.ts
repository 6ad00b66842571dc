import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { ulid } from 'ulidx';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, DB_NAME } from '../../src/db/db';
import { localIso, outboxRowOf } from '../../src/db/grievances';
import { parseIntake } from '../../src/domain/intake';
import { receiptNumber } from '../../src/domain/numbers';
import type { GrievanceSubmission } from '../../src/domain/schemas';
import { replay } from '../../src/sync/replay';
import { fakeServer, OPERATOR, seedSession } from './fake-server';

/** Version 1 as it shipped (commit adf58cb): three tables, no operators. */
const V1 = { grievances: 'clientId', outbox: 'clientId, state, createdAt, receiptNumber, mobile', meta: 'key' };
/** Version 2 as it shipped (commit 0e5ca41): operators' sessions and offline verifiers. */
const V2 = { ...V1, outbox: 'clientId, state, createdAt, receiptNumber, mobile, operatorId', session: 'operatorKey', verifiers: 'operatorKey' };
/** Tables every version from 3 on has (later versions may add more, never drop these). */
const TABLES_SINCE_V3 = ['attachments', 'grievances', 'meta', 'outbox', 'session', 'verifiers'];

const submission = (i: number, operatorId?: string): GrievanceSubmission => {
  const r = parseIntake({ name: 'गोपाल मीणा', mobile: `91234${String(i).padStart(5, '0')}`, areaType: 'urban',
    districtCode: 'jaipur', departmentCode: 'phed', description: `नल में पानी नहीं आ रहा है, क्रमांक ${i}`, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const at = new Date(Date.UTC(2026, 10, 27, 9, i));
  return { ...r.value, clientId: ulid(at.getTime()), receiptNumber: receiptNumber(OPERATOR.kioskCode, at, '7QX2M', i + 1),
    kioskCode: OPERATOR.kioskCode, deviceId: '7QX2M', ...(operatorId && { operatorId }), createdAt: localIso(at), lang: 'hi' };
};

beforeEach(async () => {
  db.close();
  await Dexie.delete(DB_NAME);
});

describe('device database', () => {
  describe('upgrade from version 1 (to 2, and on to the current version)', () => {
    it('keeps every unsent grievance, and a replay then sends each of them once', async () => {
      // A v1 device with work on it: two saved records from before operators, one saved with an
      // operator, one left "sending" by a replay that died, and one already synced.
      const subs = [submission(0), submission(1), submission(2, OPERATOR.id), submission(3), submission(4, OPERATOR.id)];
      const rows = subs.map(outboxRowOf);
      rows[3] = { ...rows[3], state: 'sending', attempts: 1 };
      rows[4] = { ...rows[4], state: 'synced', number: '2611000000017', syncedAt: '2026-11-27T10:00:00.000Z' };
      const v1 = new Dexie(DB_NAME);
      v1.version(1).stores(V1);
      await v1.open();
      await v1.table('grievances').bulkAdd(subs.map((s) => ({ clientId: s.clientId, submission: s })));
      await v1.table('outbox').bulkAdd(rows);
      await v1.table('meta').bulkPut([{ key: 'deviceId', value: '7QX2M' }, { key: 'receiptSeq', value: 5 }]);
      v1.close();

      await db.open();
      expect(db.verno).toBeGreaterThanOrEqual(3);
      expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(TABLES_SINCE_V3));
      expect(await db.grievances.toArray()).toEqual(subs.map((s) => ({ clientId: s.clientId, submission: s })));
      expect(await db.outbox.orderBy('clientId').toArray()).toEqual([...rows].sort((a, b) => (a.clientId < b.clientId ? -1 : 1)));
      expect(await db.meta.get('receiptSeq')).toEqual({ key: 'receiptSeq', value: 5 });
      // The new index answers for the rows that carry an operator.
      expect((await db.outbox.where('operatorId').equals(OPERATOR.id).toArray()).map((r) => r.clientId).sort())
        .toEqual([subs[2].clientId, subs[4].clientId].sort());

      // An operator of the kiosk signs in; the replay sends the four unsent ones (the synced one stays put).
      await seedSession();
      const server = fakeServer();
      const report = await replay('manual', { fetch: server.fetch });
      expect(report).toMatchObject({ synced: 4, attention: 0, waiting: 0 });
      const sent = server.log.flatMap((l) => l.ids);
      expect(sent.sort()).toEqual(subs.slice(0, 4).map((s) => s.clientId).sort());
      // Records from before operators are adopted by the operator who sends them; the others keep theirs.
      expect(subs.slice(0, 4).map((s) => server.stored.get(s.clientId)!.operatorId)).toEqual([OPERATOR.id, OPERATOR.id, OPERATOR.id, OPERATOR.id]);
      expect((await db.grievances.get(subs[0].clientId))?.submission.operatorId).toBe(OPERATOR.id);
      expect((await db.outbox.toArray()).every((r) => r.state === 'synced')).toBe(true);
    });
  });

  describe('upgrade from version 2 to 3 (attachments)', () => {
    it('keeps unsent grievances, sessions and verifiers, adds the attachments table, and a replay sends them once', async () => {
      // A v2 device: an operator signed in, one grievance saved, one left "sending", one synced.
      const subs = [submission(10, OPERATOR.id), submission(11, OPERATOR.id), submission(12, OPERATOR.id)];
      const rows = subs.map(outboxRowOf);
      rows[1] = { ...rows[1], state: 'sending', attempts: 2 };
      rows[2] = { ...rows[2], state: 'synced', number: '2611000000017', syncedAt: '2026-11-27T10:00:00.000Z' };
      const v2 = new Dexie(DB_NAME);
      v2.version(1).stores(V1);
      v2.version(2).stores(V2);
      await v2.open();
      await v2.table('grievances').bulkAdd(subs.map((s) => ({ clientId: s.clientId, submission: s })));
      await v2.table('outbox').bulkAdd(rows);
      await v2.table('meta').bulkPut([{ key: 'deviceId', value: '7QX2M' }, { key: 'receiptSeq', value: 13 }]);
      await v2.table('verifiers').put({ operatorKey: 'op.meena', operatorId: OPERATOR.id, salt: 's', hash: 'h', iterations: 1, profile: {}, updatedAt: 'x' });
      v2.close();

      await db.open(); // the upgrade runs here
      await seedSession();
      expect(db.verno).toBeGreaterThanOrEqual(3);
      expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(TABLES_SINCE_V3));
      expect(await db.grievances.toArray()).toEqual(subs.map((s) => ({ clientId: s.clientId, submission: s })));
      expect(await db.outbox.orderBy('clientId').toArray()).toEqual([...rows].sort((a, b) => (a.clientId < b.clientId ? -1 : 1)));
      expect(await db.verifiers.get('op.meena')).toMatchObject({ operatorId: OPERATOR.id });
      expect(await db.meta.get('receiptSeq')).toEqual({ key: 'receiptSeq', value: 13 });
      expect(await db.attachments.count()).toBe(0);
      // The new indexes answer (no rows yet), and old rows without attachments are sent as they were.
      expect(await db.attachments.where('clientIds').equals(subs[0].clientId).count()).toBe(0);
      expect(await db.attachments.where('confirmedAt').below(Date.now()).count()).toBe(0);
      const server = fakeServer();
      const report = await replay('manual', { fetch: server.fetch });
      expect(report).toMatchObject({ synced: 2, attention: 0, waiting: 0 });
      expect(server.log.flatMap((l) => l.ids).sort()).toEqual(subs.slice(0, 2).map((s) => s.clientId).sort());
      expect(server.stored.get(subs[0].clientId)!.body).toBe(JSON.stringify(subs[0])); // unchanged on the wire
    });
  });
});
