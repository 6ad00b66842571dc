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
  describe('upgrade from version 1 to 2', () => {
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
      expect(db.verno).toBe(2);
      expect(db.tables.map((t) => t.name).sort()).toEqual(['grievances', 'meta', 'outbox', 'session', 'verifiers']);
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
});
