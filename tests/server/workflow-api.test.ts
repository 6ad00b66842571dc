/**
 * The workflow over HTTP, as officers and kiosks use it: a grievance from registration to a reopen with
 * every step in its history; the bad input of issue 7 (an officer of another department or place, a
 * disposal without an outcome, a reopen after the window, feedback before disposal) each refused with its
 * reason and nothing changed; stale actions; actions repeated by an offline queue; the kiosk's status
 * lookup; and `admin export` showing the lifecycle.
 */
import { ulid } from 'ulidx';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StatusLookup } from '../../src/domain/workflow-api';
import { exportAll } from '../../server/store/grievances';
import { upsertRules } from '../../server/workflow/routing';
import type { Db } from '../../server/store/db';
import { png, sha256, uploadFile } from './attachment-files';
import { BACKENDS, resetGrievances } from './harness';
import { DAY, snapshot, testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

for (const backend of BACKENDS) {
describe.skipIf(!backend.enabled)(`the workflow on ${backend.name}`, () => {
  const clock = testClock('2026-12-01T04:30:00.000Z');
  let db: Db;
  let h: WorkflowHarness;

  beforeAll(async () => {
    db = await backend.open();
    h = await workflowHarness(db, clock, ['l1', 'l1b', 'l2', 'energy', 'kota', 'nodal', 'secretary', 'admin', 'otherKiosk'], { reopenWindowDays: 15 });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await resetGrievances(db);
    clock.now = new Date('2026-12-01T04:30:00.000Z');
    // Two L1 officers work PHED in Jaipur; this rule sends new grievances to the first (routing.test.ts tests the fallbacks).
    await upsertRules(db, [{ id: 'phed-jaipur', department: 'phed', district: 'jaipur', levels: { L1: 'ae.phed.jaipur' } }], clock.now);
  });

  const DISPOSE = { type: 'dispose', outcome: 'relief', remarks: 'New handpump installed; water supply restored' } as const;

  describe('a grievance from registration to reopen', () => {
    it('is routed to the L1 officer, worked, disposed, found unsatisfactory at the kiosk, reopened back to the officer, and its history shows every step', async () => {
      const [number] = await h.register();

      const queue = await (await h.server.get('/api/officer/queue', h.headers.l1)).json() as { items: { number: string; status: string; dueAt: string; version: number }[] };
      expect(queue.items).toEqual([expect.objectContaining({ number, status: 'assigned', version: 1, dueAt: new Date(clock.now.getTime() + 3 * DAY).toISOString() })]);

      expect(await h.ok('l1', number, { type: 'start' })).toMatchObject({ status: 'in_progress', version: 2 });
      clock.advance(DAY);
      expect(await h.ok('l1', number, { type: 'request-info', question: 'Which ward is the handpump in?' })).toMatchObject({ status: 'in_progress', version: 3 });
      expect(await h.ok('l1', number, DISPOSE)).toMatchObject({ status: 'disposed', version: 4, dueAt: null });

      // At the kiosk: the citizen is not satisfied, and reopens with a reason.
      const fb = await h.server.post(`/api/grievances/${number}/feedback`, { actionId: ulid(), satisfaction: 'not_satisfied' }, h.headers.operator);
      expect(fb.status).toBe(200);
      expect(await fb.json()).toMatchObject({ status: 'disposed', version: 5 });
      const reopen = await h.server.post(`/api/grievances/${number}/reopen`, { actionId: ulid(), reason: 'The new handpump gives no water' }, h.headers.operator);
      expect(reopen.status).toBe(200);
      expect(await reopen.json()).toMatchObject({ status: 'reopened', holderId: 'ae.phed.jaipur', level: 'L1', version: 6 });

      const detail = await h.detail('l1', number);
      if (detail.view !== 'officer') throw new Error('expected the officer view');
      expect(detail).toMatchObject({ status: 'reopened', holderId: 'ae.phed.jaipur', reopenCount: 1, outcome: 'relief', satisfaction: 'not_satisfied', citizen: { mobile: '9876543210' } });
      expect(detail.events.map((e) => [e.action, e.actorRole, e.to])).toEqual([
        ['register', 'operator', 'registered'],
        ['assign', 'system', 'assigned'],
        ['start', 'officer', 'in_progress'],
        ['request-info', 'officer', 'in_progress'],
        ['dispose', 'officer', 'disposed'],
        ['feedback', 'operator', 'disposed'],
        ['reopen', 'operator', 'reopened'],
      ]);
      expect(detail.events[1]).toMatchObject({ holderId: 'ae.phed.jaipur', details: { route: { via: 'rule', ruleId: 'phed-jaipur', reason: 'route.rule' } } });
      expect(detail.events[6]).toMatchObject({ actorId: 'op.meena', note: 'The new handpump gives no water' });
      expect(detail.allowedActions).toEqual(['start', 'transfer', 'request-info', 'dispose']);

      // The kiosk that registered it sees the citizen's view: no name, mobile masked, no officer.
      const citizen = await h.detail('operator', number);
      expect(citizen).toMatchObject({ view: 'citizen', mobile: 'XXXXXX3210', remarks: DISPOSE.remarks, canReopen: false });
      expect(JSON.stringify(citizen)).not.toContain('ae.phed.jaipur');
      expect(JSON.stringify(citizen)).not.toContain('सुनीता');

      // Every step is in the audit log too, and the citizen got SMS for registration, disposal (+WhatsApp), the question and the reopen.
      const audited = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target = $1 AND action LIKE 'grievance.%' ORDER BY id`, [number]);
      expect(audited.map((a) => a.action)).toEqual(['grievance.register', 'grievance.assign', 'grievance.start', 'grievance.request-info', 'grievance.dispose', 'grievance.feedback', 'grievance.reopen']);
      const sms = await db.query<{ kind: string; channel: string; body: string }>('SELECT kind, channel, body FROM notifications WHERE grievance_number = $1 ORDER BY id', [number]);
      expect(sms.map((m) => `${m.kind}/${m.channel}`)).toEqual(['registered/sms', 'info-requested/sms', 'disposed/sms', 'disposed/whatsapp', 'reopened/sms']);
      expect(sms[0].body).toContain(number);
      expect(sms[0].body).toContain('परिवाद संख्या');
      expect(sms[2].body).toContain('15 दिन');
    });

    it('shows the officer the grievance\'s attachments', async () => {
      const photo = png(6, 6);
      await uploadFile(h.server.url, h.headers.operator, photo);
      const [number] = await h.register({ attachments: [{ sha256: sha256(photo), bytes: photo.length, type: 'image/png' }] });
      expect((await h.detail('l1', number) as { attachments: unknown }).attachments).toEqual([{ sha256: sha256(photo), bytes: photo.length, type: 'image/png' }]);
    });

    it('admin export shows the lifecycle from the real data: status, outcome, satisfaction, reopenCount', async () => {
      const [a, b, c] = await h.register({}, {}, { departmentCode: 'energy', categoryCode: 'power-cut' });
      await h.ok('l1', a, DISPOSE);
      await h.server.post(`/api/grievances/${a}/feedback`, { actionId: ulid(), satisfaction: 'satisfied' }, h.headers.operator);
      await h.ok('l1', b, DISPOSE);
      await h.server.post(`/api/grievances/${b}/reopen`, { actionId: ulid(), reason: 'Still no water at all' }, h.headers.operator);
      const rows = new Map<string, unknown>();
      for await (const g of exportAll(db)) rows.set(g.number, { status: g.status, outcome: g.outcome, satisfaction: g.satisfaction, reopenCount: g.reopenCount });
      expect(rows.get(a)).toEqual({ status: 'closed', outcome: 'relief', satisfaction: 'satisfied', reopenCount: 0 });
      expect(rows.get(b)).toEqual({ status: 'reopened', outcome: 'relief', satisfaction: null, reopenCount: 1 });
      expect(rows.get(c)).toEqual({ status: 'assigned', outcome: null, satisfaction: null, reopenCount: 0 });
    });
  });

  describe('bad input: refused with a clear reason, nothing changed', () => {
    const refused = async (p: Promise<{ status: number; body: Record<string, unknown> }>, status: number, error: string) => {
      const r = await p;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body).toMatchObject({ error, message: expect.any(String), messageHi: expect.stringMatching(/[\u0900-\u097F]/) });
      return r.body;
    };

    it('an officer of another department, or of another district, acting on the grievance', async () => {
      const [number] = await h.register();
      const before = await snapshot(db, number);
      await refused(h.act('energy', number, DISPOSE), 403, 'wf.outOfScope');
      await refused(h.act('kota', number, DISPOSE), 403, 'wf.outOfScope');
      await refused(h.act('l1b', number, DISPOSE), 403, 'wf.notHolder'); // right place, not the holder
      expect(await snapshot(db, number)).toEqual(before);
      expect((await h.server.get(`/api/grievances/${number}`, h.headers.energy)).status).toBe(403);
      const audited = await db.query<{ actor_id: string; details: { reason: string } }>(`SELECT actor_id, details FROM audit_log WHERE target = $1 AND action = 'grievance.refused' ORDER BY id`, [number]);
      expect(audited.map((a) => [a.actor_id, a.details.reason])).toEqual([['ae.energy.jaipur', 'wf.outOfScope'], ['ae.phed.kota', 'wf.outOfScope'], ['ae2.phed.jaipur', 'wf.notHolder']]);
    });

    it('a disposal without an outcome, or with one that is not a Sampark outcome', async () => {
      const [number] = await h.register();
      const before = await snapshot(db, number);
      const missing = await refused(h.act('l1', number, { type: 'dispose', remarks: DISPOSE.remarks } as never), 400, 'api.invalid');
      expect(missing.fields).toEqual([expect.objectContaining({ path: 'action.outcome', code: 'wf.outcome', message: 'Choose the outcome of the disposal.' })]);
      const wrong = await refused(h.act('l1', number, { ...DISPOSE, outcome: 'solved' } as never), 400, 'api.invalid');
      expect(wrong.fields).toEqual([expect.objectContaining({ path: 'action.outcome', code: 'wf.outcome', message: 'Choose the outcome of the disposal.' })]);
      expect(await snapshot(db, number)).toEqual(before);
    });

    it('a reopen after the window', async () => {
      const [number] = await h.register();
      await h.ok('l1', number, DISPOSE);
      clock.advance(15 * DAY + 1000);
      const before = await snapshot(db, number);
      const r = await h.server.post(`/api/grievances/${number}/reopen`, { actionId: ulid(), reason: 'Still no water' }, h.headers.operator);
      expect(r.status).toBe(409);
      expect(await r.json()).toMatchObject({ error: 'wf.reopenWindow', message: 'The time to reopen this grievance has passed.' });
      expect(await snapshot(db, number)).toEqual(before);
    });

    it('feedback on an undisposed grievance', async () => {
      const [number] = await h.register();
      const before = await snapshot(db, number);
      const r = await h.server.post(`/api/grievances/${number}/feedback`, { actionId: ulid(), satisfaction: 'satisfied' }, h.headers.operator);
      expect(r.status).toBe(409);
      expect(await r.json()).toMatchObject({ error: 'wf.notDisposed', message: 'Feedback can be recorded only after the grievance has been disposed.' });
      expect(await snapshot(db, number)).toEqual(before);
    });

    it('an unknown or mistyped grievance number', async () => {
      const r = await h.server.post('/api/grievances/2618000000012/actions', { actionId: ulid(), expectedVersion: 0, action: { type: 'start' } }, h.headers.l1);
      expect([400, 404]).toContain(r.status);
      const bad = await h.server.get('/api/grievances/123', h.headers.l1);
      expect(bad.status).toBe(400);
    });
  });

  describe('offline queues: stale actions and repeated actionIds', () => {
    it('refuses an action on a grievance that moved on since the officer saw it, and says so', async () => {
      const [number] = await h.register();
      await h.ok('nodal', number, { type: 'escalate', reason: 'Long pending in this village' }); // version 1 → 2, now with the L2
      const before = await snapshot(db, number);
      const r = await h.act('l1', number, DISPOSE, { expectedVersion: 1 });
      // The L1 no longer holds it: who you are comes first…
      expect(r).toMatchObject({ status: 403, body: { error: 'wf.notHolder' } });
      const stale = await h.act('l2', number, DISPOSE, { expectedVersion: 1 });
      // …and the L2 who now holds it, acting on what it saw before, is told it is stale.
      expect(stale).toMatchObject({ status: 409, body: { error: 'wf.stale', message: 'The grievance has changed since you last saw it; refresh and try again.' } });
      expect(await snapshot(db, number)).toEqual(before);
    });

    it('answers a repeated actionId with the first answer and changes nothing more; another body under it is refused', async () => {
      const [number] = await h.register();
      const actionId = ulid();
      const first = await h.act('l1', number, DISPOSE, { actionId, expectedVersion: 1 });
      expect(first.status).toBe(200);
      const after = await snapshot(db, number);
      clock.advance(3600_000);
      const again = await h.act('l1', number, DISPOSE, { actionId, expectedVersion: 1 });
      expect(again).toEqual(first);
      expect(await snapshot(db, number)).toEqual(after);
      const other = await h.act('l1', number, { ...DISPOSE, outcome: 'filed' }, { actionId, expectedVersion: 1 });
      expect(other).toMatchObject({ status: 409, body: { error: 'wf.actionConflict' } });
      // A refusal is remembered the same way: the same refused action again gets the same refusal.
      const refusedId = ulid();
      const no = await h.act('l1', number, { type: 'start' }, { actionId: refusedId, expectedVersion: 2 });
      expect(no).toMatchObject({ status: 409, body: { error: 'wf.state' } });
      expect(await h.act('l1', number, { type: 'start' }, { actionId: refusedId, expectedVersion: 2 })).toEqual(no);
    });

    it('applies an action sent 10 times at once exactly once', async () => {
      const [number] = await h.register();
      const actionId = ulid();
      const answers = await Promise.all(Array.from({ length: 10 }, () => h.act('l1', number, { type: 'start' }, { actionId, expectedVersion: 1 })));
      expect([...new Set(answers.map((a) => JSON.stringify(a)))]).toHaveLength(1);
      expect(answers[0].status).toBe(200);
      const events = await db.query(`SELECT 1 FROM grievance_events WHERE grievance_number = $1 AND action = 'start'`, [number]);
      expect(events).toHaveLength(1);
    });
  });

  describe('transfers and escalation by people', () => {
    it('transfers to another officer of the same place and level, keeping the time limit; not to one of another level', async () => {
      const [number] = await h.register();
      const due = (await h.detail('l1', number) as { dueAt: string }).dueAt;
      clock.advance(DAY);
      expect(await h.ok('l1', number, { type: 'transfer', toOfficerId: 'ae2.phed.jaipur', reason: 'The village is in my colleague\'s area' }))
        .toMatchObject({ status: 'assigned', holderId: 'ae2.phed.jaipur', level: 'L1', dueAt: due });
      expect(await h.act('l1b', number, { type: 'transfer', toOfficerId: 'xen.phed.jaipur', reason: 'Up to my senior please' })).toMatchObject({ status: 409, body: { error: 'wf.target' } });
      expect(await h.act('l1b', number, { type: 'transfer', toOfficerId: 'ae.phed.kota', reason: 'Wrong district' })).toMatchObject({ status: 409, body: { error: 'wf.target' } });
    });

    it('transfers to another department, routed there afresh with a new time limit', async () => {
      const [number] = await h.register();
      clock.advance(DAY);
      const r = await h.ok('l1', number, { type: 'transfer', toDepartment: 'energy', toCategory: 'power-cut', reason: 'The pump has no electricity: a power cut' });
      expect(r).toMatchObject({ status: 'assigned', holderId: 'ae.energy.jaipur', level: 'L1', dueAt: new Date(clock.now.getTime() + 2 * DAY).toISOString() });
      const [row] = await db.query('SELECT department_code, category_code FROM grievances WHERE number = $1', [number]);
      expect(row).toEqual({ department_code: 'energy', category_code: 'power-cut' });
      expect((await h.server.get(`/api/grievances/${number}`, h.headers.l1)).status).toBe(403); // no longer PHED's
      const bad = await h.act('l1', (await h.register())[0], { type: 'transfer', toDepartment: 'energy', toCategory: 'no-supply', reason: 'Category of another department' });
      expect(bad.status).toBe(400);
    });

    it('lets a nodal officer or secretary escalate, and refuses at L4', async () => {
      const [number] = await h.register();
      expect(await h.ok('secretary', number, { type: 'escalate', reason: 'Pending too long for drinking water' })).toMatchObject({ level: 'L2', holderId: 'xen.phed.jaipur' });
      // No L3 account exists: the nodal officer holds it at L3, and the event says why.
      const l3 = await h.ok('nodal', number, { type: 'escalate', reason: 'Still pending' });
      expect(l3).toMatchObject({ level: 'L3', holderId: 'nodal.phed', event: { details: { route: { via: 'nodal', reason: 'route.nodal' } } } });
      await h.ok('admin', number, { type: 'escalate', reason: 'To the chief engineer' });
      expect(await h.act('admin', number, { type: 'escalate', reason: 'Higher still' })).toMatchObject({ status: 409, body: { error: 'wf.topLevel' } });
    });
  });

  describe('status lookup at the kiosk', () => {
    it('finds a grievance by official number, receipt number or mobile number, citizen-safe, at the kiosk that registered it', async () => {
      const [number] = await h.register({ mobile: '9829012345' });
      const [{ receipt_number: receipt }] = await db.query<{ receipt_number: string }>('SELECT receipt_number FROM grievances WHERE number = $1', [number]);
      for (const q of [number, `${number.slice(0, 4)} ${number.slice(4, 8)}-${number.slice(8)}`, receipt.toLowerCase(), '+91 98290 12345', '०९८२९०१२३४५']) {
        const res = await h.server.get(`/api/status?q=${encodeURIComponent(q)}`, h.headers.operator);
        expect(res.status, q).toBe(200);
        const body = StatusLookup.parse(await res.json());
        expect(body.results.map((r) => r.number), q).toEqual([number]);
        expect(body.results[0]).toMatchObject({ view: 'citizen', status: 'assigned', departmentCode: 'phed', level: 'L1', mobile: 'XXXXXX2345', canGiveFeedback: false, canReopen: false });
        expect(JSON.stringify(body)).not.toMatch(/9829012345|सुनीता|ae\.phed/);
      }
    });

    it('refuses a number with a wrong check digit and a query that is none of the three', async () => {
      const [number] = await h.register();
      const wrong = number.slice(0, 12) + String((Number(number[12]) + 1) % 10);
      const res = await h.server.get(`/api/status?q=${wrong}`, h.headers.operator);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ fields: [{ path: 'q', code: 'status.checkDigit' }] });
      const junk = await h.server.get('/api/status?q=hello', h.headers.operator);
      expect(await junk.json()).toMatchObject({ fields: [{ path: 'q', code: 'status.query' }] });
      expect((await h.server.get('/api/status', h.headers.operator)).status).toBe(400);
    });
  });
});
}
