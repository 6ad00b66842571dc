/** Camps and Sampark Diwas (POST/GET /api/events) and grievances registered at one carrying its eventId. */
import { ulid } from 'ulidx';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/accounts';
import { CampEvent, CampEventList, CampReport, type CampEventInput } from '../../src/domain/events';
import { exportAll } from '../../server/store/grievances';
import type { Db } from '../../server/store/db';
import { submission } from './fixtures';
import { addAccount, BACKENDS, bearer, MEENA, resetGrievances, signIn, startServer, syncBatch, type TestServer } from './harness';

const NOW = new Date('2026-12-03T04:00:00.000Z');
const ADMIN: Account = { id: 'admin.camp', name: 'Camp Admin', role: 'admin' };
const NODAL: Account = { id: 'nodal.camp', name: 'Nodal Revenue', role: 'nodal', departments: ['revenue'], district: 'jaipur' };
const AE: Account = { id: 'ae.camp', name: 'AE PHED', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };
const ASHA: Account = { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' };

const input = (over: Partial<CampEventInput> = {}): CampEventInput => ({
  kind: 'camp', name: 'प्रशासन गाँवों के संग शिविर, खेड़ा', date: '2026-12-05', districtCode: 'jaipur', tehsilCode: '548',
  venue: 'राजकीय विद्यालय, खेड़ा', departments: ['phed', 'revenue'], officers: [AE.id], operators: ['OP.MEENA'], ...over,
});

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`camps and Sampark Diwas on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    const h: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      db = await backend.open();
      server = await startServer({ db, clock: () => NOW });
      await db.exec('TRUNCATE camp_events CASCADE');
      for (const a of [ADMIN, NODAL, AE, ASHA, MEENA]) {
        await addAccount(db, a);
        h[a.id] = bearer(await signIn(server, a.id));
      }
    });
    afterAll(async () => {
      await resetGrievances(db);
      await db.exec('TRUNCATE camp_events CASCADE');
      // Officers of PHED Jaipur left behind would take the routing of other files' grievances on a shared database.
      const ids = [ADMIN.id, NODAL.id, AE.id];
      await db.query('DELETE FROM auth_sessions WHERE account_id = ANY($1::text[])', [ids]);
      await db.query('DELETE FROM accounts WHERE id = ANY($1::text[])', [ids]);
      await server?.close();
      await db?.close();
    });
    beforeEach(() => resetGrievances(db));

    const create = async (body: unknown, who: string = ADMIN.id) => server.post('/api/events', body, h[who]);

    it('lets an admin or nodal officer create one; the devices taking part download it, others do not see it', async () => {
      const res = await create(input());
      expect(res.status).toBe(200);
      const ev = CampEvent.parse(await res.json());
      expect(ev).toMatchObject({ kind: 'camp', date: '2026-12-05', districtCode: 'jaipur', tehsilCode: '548', operators: ['op.meena'], officers: [AE.id], createdBy: ADMIN.id });
      const diwas = await create(input({ kind: 'sampark-diwas', name: 'Rajasthan Sampark Diwas, Jaipur', operators: [ASHA.id], officers: [] }), NODAL.id);
      expect(diwas.status).toBe(200);

      const list = async (who: string) => CampEventList.parse(await (await server.get('/api/events', h[who])).json()).events.map((e) => e.name);
      expect(await list(MEENA.id)).toEqual([ev.name]);
      expect(await list(AE.id)).toEqual([ev.name]);
      expect(await list(ASHA.id)).toEqual(['Rajasthan Sampark Diwas, Jaipur']);
      expect(await list(ADMIN.id)).toHaveLength(2);
    });

    it('refuses a bad event with field messages, and an operator creating one', async () => {
      const bad = await create(input({ date: '2026-02-30', departments: [], name: 'x' }));
      expect(bad.status).toBe(400);
      const fields = ((await bad.json()) as { fields: { path: string; code: string }[] }).fields;
      expect(fields.map((f) => f.code).sort()).toEqual(['err.date', 'event.departments', 'event.name']);
      const nobody = await create(input({ operators: ['op.meena', 'op.nobody'], officers: [ASHA.id] }));
      expect(nobody.status).toBe(400);
      expect(((await nobody.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['officers.0', 'operators.1']);
      expect((await create(input(), MEENA.id)).status).toBe(403);
    });

    it('stores the eventId of a grievance registered at the event and puts it in the export; an unknown event is invalid', async () => {
      const ev = CampEvent.parse(await (await create(input())).json());
      const at = submission({ eventId: ev.id });
      const plain = submission();
      const unknown = submission({ eventId: ulid() });
      const results = await syncBatch(server, [at, plain, unknown], h[MEENA.id]);
      expect(results.map((r) => r.status)).toEqual(['created', 'created', 'invalid']);
      expect(results[2]).toMatchObject({ errors: [{ path: 'eventId', code: 'event.unknown' }] });
      const lines = [];
      for await (const g of exportAll(db)) lines.push(g);
      expect(lines.map((g) => [g.clientId, g.eventId])).toEqual([[at.clientId, ev.id], [plain.clientId, undefined]]);

      // The camp report counts the event's grievances only, by department.
      await syncBatch(server, [submission({ eventId: ev.id, departmentCode: 'revenue', categoryCode: 'mutation' }), submission({ eventId: ev.id })], h[MEENA.id]);
      await db.query("UPDATE grievances SET status = 'disposed', outcome = 'relief', disposed_at = now() WHERE client_id = $1", [at.clientId]);
      const res = await server.get(`/api/events/${ev.id}/report`, h[NODAL.id]);
      expect(res.status).toBe(200);
      expect(CampReport.parse(await res.json())).toMatchObject({
        registered: 3, disposed: 1, pending: 2,
        byDepartment: [{ departmentCode: 'phed', registered: 2, disposed: 1, pending: 1 }, { departmentCode: 'revenue', registered: 1, disposed: 0, pending: 1 }],
      });
      expect((await server.get(`/api/events/${ulid()}/report`, h[NODAL.id])).status).toBe(404);
      expect((await server.get(`/api/events/${ev.id}/report`, h[MEENA.id])).status).toBe(403);
    });
  });
}
