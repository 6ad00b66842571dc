/**
 * Issue 12 items 3 and 5 on the server: an officer present at a camp disposes on the spot of a grievance
 * registered there (the camp device sends the action once the grievance itself has been synced, as the same
 * exactly-once action), and the desk devices' token logs, stored once per token, in the camp report.
 */
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/accounts';
import { CampEvent, CampReport, CampTokenResult, type CampTokenRecord } from '../../src/domain/events';
import { ActionResult } from '../../src/domain/workflow-api';
import type { Db } from '../../server/store/db';
import { DEVICE, submission } from './fixtures';
import { addAccount, BACKENDS, bearer, MEENA, resetGrievances, signIn, startServer, syncBatch, type TestServer } from './harness';

const NOW = new Date('2026-12-03T04:00:00.000Z');
const ADMIN: Account = { id: 'admin.camp2', name: 'Camp Admin', role: 'admin' };
const AE1: Account = { id: 'ae1.camp2', name: 'Ramesh Meena', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };
const AE2: Account = { id: 'ae2.camp2', name: 'Kavita Jain', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };
const ABSENT: Account = { id: 'ae3.camp2', name: 'Not There', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };
const PEOPLE = [ADMIN, AE1, AE2, ABSENT];
const DISPOSE = { type: 'dispose', outcome: 'relief', remarks: 'हैंडपंप शिविर में ही ठीक कराया गया; पानी चालू।' } as const;
const MIN = 60_000;
const T0 = Date.parse('2026-12-03T04:30:00.000Z');

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`on-the-spot disposal and token logs at a camp on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let ev: CampEvent;
    const h: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      db = await backend.open();
      server = await startServer({ db, clock: () => NOW });
      await resetGrievances(db);
      await db.exec('TRUNCATE camp_events CASCADE');
      for (const a of [...PEOPLE, MEENA]) {
        await addAccount(db, a);
        h[a.id] = bearer(await signIn(server, a.id));
      }
      const res = await server.post('/api/events', {
        kind: 'camp', name: 'प्रशासन गाँवों के संग शिविर, खेड़ा', date: '2026-12-03', districtCode: 'jaipur', venue: 'राजकीय विद्यालय, खेड़ा',
        departments: ['phed'], officers: [AE1.id, AE2.id], operators: [MEENA.id],
      }, h[ADMIN.id]);
      expect(res.status).toBe(200);
      ev = CampEvent.parse(await res.json());
    });
    afterAll(async () => {
      await resetGrievances(db);
      await db.exec('TRUNCATE camp_events CASCADE');
      const ids = PEOPLE.map((a) => a.id);
      await db.query('DELETE FROM auth_sessions WHERE account_id = ANY($1::text[])', [ids]);
      await db.query('DELETE FROM accounts WHERE id = ANY($1::text[])', [ids]);
      await server?.close();
      await db?.close();
    });

    // The camp device learns the version as the grievance arrived (GET /api/grievances/:number) before it sends the action.
    const version = async (number: string) => (await db.query<{ version: number }>('SELECT version FROM grievances WHERE number = $1', [number]))[0].version;
    const act = async (who: string, number: string, actionId: string, expectedVersion?: number) =>
      server.post(`/api/grievances/${number}/actions`, { actionId, expectedVersion: expectedVersion ?? (await version(number)), action: DISPOSE }, h[who]);
    const report = async () => CampReport.parse(await (await server.get(`/api/events/${ev.id}/report`, h[ADMIN.id])).json());

    it('lets an officer present dispose of a camp grievance they do not hold, once; not an officer absent, nor outside the camp', async () => {
      const atCamp = submission({ eventId: ev.id });
      const elsewhere = submission();
      // The camp device syncs the grievance first (the action waits for it), then the disposal without expectedVersion.
      const [created, plain] = await syncBatch(server, [atCamp, elsewhere], h[MEENA.id]);
      expect([created.status, plain.status]).toEqual(['created', 'created']);
      const number = (created as { number: string }).number;
      const [{ holder_id: holder }] = await db.query<{ holder_id: string | null }>('SELECT holder_id FROM grievances WHERE number = $1', [number]);
      const present = holder?.toLowerCase() === AE1.id ? AE2 : AE1; // whoever routing did not choose

      const absent = await act(ABSENT.id, number, ulid());
      expect(absent.status).toBe(403);
      expect(((await absent.json()) as { error: string }).error).toBe('wf.notHolder');
      const plainNumber = (plain as { number: string }).number;
      const [{ holder_id: plainHolder }] = await db.query<{ holder_id: string | null }>('SELECT holder_id FROM grievances WHERE number = $1', [plainNumber]);
      const notCamp = await act(plainHolder?.toLowerCase() === AE1.id ? AE2.id : AE1.id, plainNumber, ulid()); // present at the camp, not its holder
      expect(notCamp.status).toBe(403);

      const actionId = ulid();
      const seen = await version(number);
      const first = await act(present.id, number, actionId, seen);
      expect(first.status).toBe(200);
      const result = ActionResult.parse(await first.json());
      expect(result).toMatchObject({ status: 'disposed' });
      // Sent again (a lost answer, a second replay): the first answer, nothing applied twice.
      const again = await act(present.id, number, actionId, seen);
      expect(again.status).toBe(200);
      expect(ActionResult.parse(await again.json())).toEqual(result);
      const events = await db.query<{ actor_id: string; details: { campEventId?: string } }>(
        "SELECT actor_id, details FROM grievance_events WHERE grievance_number = $1 AND action = 'dispose'", [number]);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor_id: present.id, details: { campEventId: ev.id } });
      // A second disposal by the other officer present is refused by the state: it is disposed already.
      expect((await act(present.id === AE1.id ? AE2.id : AE1.id, number, ulid())).status).toBe(409);

      expect(await report()).toMatchObject({ registered: 1, disposed: 1, pending: 0, onTheSpot: 1, byDepartment: [{ departmentCode: 'phed', onTheSpot: 1 }] });
    });

    it('stores a token log once per token id, takes the times a resend adds, and reports issued, served and waits per counter', async () => {
      const tok = (n: number, waitMin: number | undefined, counter?: number): CampTokenRecord => ({
        id: ulid(T0 + n), label: `${DEVICE}-${String(n).padStart(3, '0')}`, n, issuedAt: T0 + n * MIN,
        ...(waitMin !== undefined && { calledAt: T0 + n * MIN + waitMin * MIN, counter }),
      });
      const log = [tok(1, 4, 1), tok(2, 10, 1), tok(3, 20, 2), tok(4, 40, 2), tok(5, undefined)];
      const send = async (tokens: CampTokenRecord[]) => {
        const res = await server.post(`/api/events/${ev.id}/tokens`, { deviceId: DEVICE, tokens }, h[MEENA.id]);
        expect(res.status).toBe(200);
        return CampTokenResult.parse(await res.json());
      };
      expect(await send(log)).toEqual({ received: 5, stored: 5 });
      expect(await send(log)).toEqual({ received: 5, stored: 0 }); // twice = once
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM camp_tokens WHERE event_id = $1', [ev.id]);
      expect(n).toBe(5);

      let r = await report();
      expect(r.tokens).toEqual({
        issued: 5, served: 4, medianWaitMin: 10, p90WaitMin: 40, devices: 1,
        byCounter: [{ counter: 1, served: 2, medianWaitMin: 4, p90WaitMin: 10 }, { counter: 2, served: 2, medianWaitMin: 20, p90WaitMin: 40 }],
      });
      // Token 5 is called later: the log is sent again whole; only that token changes.
      const called = { ...log[4], calledAt: log[4].issuedAt + 6 * MIN, counter: 1, servedAt: log[4].issuedAt + 9 * MIN };
      expect(await send([...log.slice(0, 4), called, called])).toEqual({ received: 6, stored: 1 });
      r = await report();
      expect(r.tokens).toMatchObject({ issued: 5, served: 5, medianWaitMin: 10, byCounter: [{ counter: 1, served: 3, medianWaitMin: 6 }, { counter: 2, served: 2 }] });
    });

    it("refuses a log of someone not taking part, another device's labels, and bad times with field messages", async () => {
      const good = { id: ulid(), label: `${DEVICE}-001`, n: 1, issuedAt: T0 };
      const outsider = await server.post(`/api/events/${ev.id}/tokens`, { deviceId: DEVICE, tokens: [good] }, h[ABSENT.id]);
      expect(outsider.status).toBe(403);
      const other = DEVICE === 'ZZZZZ' ? 'YYYYY' : 'ZZZZZ';
      const foreign = await server.post(`/api/events/${ev.id}/tokens`, { deviceId: other, tokens: [good] }, h[MEENA.id]);
      expect(foreign.status).toBe(400);
      expect(((await foreign.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['tokens.0.label']);
      const bad = await server.post(`/api/events/${ev.id}/tokens`, { deviceId: DEVICE, tokens: [{ ...good, issuedAt: 'soon' }] }, h[MEENA.id]);
      expect(bad.status).toBe(400);
      expect((await server.post(`/api/events/${ulid()}/tokens`, { deviceId: DEVICE, tokens: [good] }, h[MEENA.id])).status).toBe(404);
    });
  });
}
