/**
 * Time limits and escalation with a clock the test moves: the limit comes from the department and
 * category (PHED / no-supply: 3 working days at each level; T0 is a Tuesday, so weekends fall in the later
 * levels' clocks), the clock starts at assignment (a grievance assigned
 * late does not escalate at once), the holder is warned at 80%, a grievance not disposed in time moves
 * up L1 → L2 → L3 → L4 one level per limit, stops at L4, and a disposed grievance is closed once the
 * reopen window has passed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuditLog } from '../../server/store/audit';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { eventsOf } from '../../server/store/workflow';
import { runEscalation } from '../../server/workflow/escalation';
import { createWorkflow } from '../../server/workflow/service';
import { loadTimeLimits, upsertTimeLimits } from '../../server/workflow/time-limits';
import { addWorkingDays } from '../../src/domain/working-days';
import { addAccount, resetGrievances, startServer } from './harness';
import { DAY, testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const T0 = '2026-12-01T04:30:00.000Z';
const clock = testClock(T0);
let db: Db;
let h: WorkflowHarness;
let sweep: () => ReturnType<typeof runEscalation>;

const at = (days: number) => (clock.now = new Date(Date.parse(T0) + days * DAY));
/** `n` working days (no holidays in this file) after the test clock's now. */
const workingDaysLater = (n: number) => addWorkingDays(clock.now, n, new Set());
const row = async (number: string) =>
  (await db.query<{ status: string; level: string; holder_id: string; due_at: Date | null; warned_at: Date | null; escalation_count: number }>(
    'SELECT status, level, holder_id, due_at, warned_at, escalation_count FROM grievances WHERE number = $1', [number]))[0];

beforeAll(async () => {
  db = await openMemoryDb();
  h = await workflowHarness(db, clock, ['l1', 'l2', 'l3', 'l4', 'nodal'], { reopenWindowDays: 30 });
  const audit = createAuditLog(db, clock.at);
  const workflow = createWorkflow({ db, audit, clock: clock.at, config: { reopenWindowDays: 30 } });
  sweep = () => runEscalation({ db, audit, clock: clock.at, workflow });
});
afterAll(async () => {
  await h?.close();
  await db?.close();
});
beforeEach(async () => {
  await resetGrievances(db);
  at(0);
});

describe('time limits', () => {
  it('come from the department and category, else the department, else the default (seeded from reference/time-limits.json)', async () => {
    const limits = await loadTimeLimits(db);
    expect(limits.days('phed', 'no-supply')).toBe(3);
    expect(limits.days('phed', 'leak')).toBe(5);
    expect(limits.days('phed', null)).toBe(7);
    expect(limits.days('revenue', 'mutation')).toBe(21);
    expect(limits.days('udh', 'lease')).toBe(30);
    expect(limits.days('no-such', null)).toBe(15);
  });
});

describe('escalation', () => {
  it('warns at 80% of the limit once, then escalates L1 → L2 → L3 → L4, one level per limit, and stops at L4', async () => {
    const [number] = await h.register(); // PHED, no-supply: 3 days
    expect(await row(number)).toMatchObject({ level: 'L1', holder_id: 'ae.phed.jaipur', due_at: new Date(Date.parse(T0) + 3 * DAY) });

    at(2);
    expect(await sweep()).toMatchObject({ warned: 0, escalated: 0 });
    at(2.4);
    expect(await sweep()).toMatchObject({ warned: 1, escalated: 0 });
    at(2.9);
    expect(await sweep()).toMatchObject({ warned: 0, escalated: 0 }); // warned once
    const queue = await (await h.server.get('/api/officer/queue', h.headers.l1)).json() as { items: { warned: boolean; overdue: boolean; msLeft: number }[] };
    expect(queue.items[0]).toMatchObject({ warned: true, overdue: false, msLeft: 0.1 * DAY });

    at(3 + 1 / 1440);
    expect(await sweep()).toMatchObject({ escalated: 1 });
    expect(await row(number)).toMatchObject({ status: 'assigned', level: 'L2', holder_id: 'xen.phed.jaipur', warned_at: null, escalation_count: 1, due_at: workingDaysLater(3) });
    expect(await sweep()).toMatchObject({ escalated: 0 }); // the L2's clock has just started

    at(7.9); // Friday + 3 working days is Wednesday (T0 + 8): not yet, but past 80% of it, so a warning
    expect(await sweep()).toMatchObject({ escalated: 0, warned: 1 });
    at(8.01);
    expect(await sweep()).toMatchObject({ escalated: 1 });
    at(13.02); // Wednesday + 3 working days: the next Monday
    expect(await sweep()).toMatchObject({ escalated: 1 });
    expect(await row(number)).toMatchObject({ level: 'L4', holder_id: 'ce.phed', escalation_count: 3 });
    at(40);
    expect(await sweep()).toMatchObject({ escalated: 0, stuck: 0 });
    expect(await row(number)).toMatchObject({ level: 'L4', escalation_count: 3 });

    const events = await eventsOf(db, number);
    expect(events.map((e) => [e.action, e.actorRole, e.level])).toEqual([
      ['register', 'operator', null], ['assign', 'system', 'L1'], ['warn', 'system', 'L1'],
      ['escalate', 'system', 'L2'], ['warn', 'system', 'L2'], ['escalate', 'system', 'L3'], ['escalate', 'system', 'L4'],
    ]);
    expect(events[3]).toMatchObject({ note: 'Not disposed within the time limit at L1', details: { fromLevel: 'L1', toLevel: 'L2', fromHolderId: 'ae.phed.jaipur' } });
  });

  it('starts the clock at assignment: a grievance assigned late does not escalate at once', async () => {
    const [number] = await h.register({ departmentCode: 'water-resources', categoryCode: 'canal-supply' }); // no one works water resources yet
    expect(await row(number)).toMatchObject({ status: 'registered', due_at: null });
    at(40); // forty days later an officer is appointed
    await addAccount(db, { id: 'aen.wrd.jaipur', name: 'AEN WRD', role: 'officer', level: 'L1', departments: ['water-resources'], district: 'jaipur' });
    expect(await sweep()).toMatchObject({ routed: 1, escalated: 0 });
    expect(await row(number)).toMatchObject({ status: 'assigned', level: 'L1', due_at: workingDaysLater(15) });
    at(41);
    expect(await sweep()).toMatchObject({ escalated: 0 });
    at(58.9); // a Sunday + 15 working days: three weeks later, on Friday (T0 + 59)
    expect(await sweep()).toMatchObject({ escalated: 0 });
    at(59.01);
    // Due at L2, but no L2 in water resources and no nodal officer: it stays, and the sweep says so.
    expect(await sweep()).toMatchObject({ escalated: 0, stuck: 1 });
    await addAccount(db, { id: 'nodal.wrd', name: 'Nodal WRD', role: 'nodal', departments: ['water-resources'] });
    expect(await sweep()).toMatchObject({ escalated: 1 });
    expect(await row(number)).toMatchObject({ level: 'L2', holder_id: 'nodal.wrd' });
  });

  it('does not escalate what was disposed, and closes it when the reopen window has passed', async () => {
    const [number] = await h.register();
    at(1);
    await h.ok('l1', number, { type: 'dispose', outcome: 'interim-relief', remarks: 'Tanker twice a week until the pipeline is fixed' });
    at(10);
    expect(await sweep()).toMatchObject({ escalated: 0, closed: 0 });
    at(31); // the last moment a reopen is still accepted
    expect(await sweep()).toMatchObject({ closed: 0 });
    at(31.01);
    expect(await sweep()).toMatchObject({ escalated: 0, closed: 1 });
    expect(await row(number)).toMatchObject({ status: 'closed', due_at: null });
    const last = (await eventsOf(db, number)).at(-1);
    expect(last).toMatchObject({ action: 'close', actorRole: 'system', note: 'The time to give feedback or reopen has passed' });
  });

  it('restarts the clock on reopen, so a reopened grievance is escalated again if left', async () => {
    const [number] = await h.register();
    await h.ok('l1', number, { type: 'dispose', outcome: 'relief', remarks: 'Pipeline repaired' });
    at(5);
    const res = await h.server.post(`/api/grievances/${number}/reopen`, { actionId: '01JDQ4ZV6W3B8Q0G6N2K7F5X9A', reason: 'Leaking again' }, h.headers.operator);
    expect(res.status).toBe(200);
    expect(await row(number)).toMatchObject({ status: 'reopened', level: 'L1', due_at: workingDaysLater(3) });
    at(8.01);
    expect(await sweep()).toMatchObject({ escalated: 1 });
    expect(await row(number)).toMatchObject({ status: 'assigned', level: 'L2' });
  });

  it('uses a changed time limit for the next assignment', async () => {
    await upsertTimeLimits(db, [{ department: 'phed', category: 'no-supply', days: 1 }], clock.now);
    try {
      const [number] = await h.register();
      expect((await row(number)).due_at).toEqual(new Date(Date.parse(T0) + DAY));
    } finally {
      await upsertTimeLimits(db, [{ department: 'phed', category: 'no-supply', days: 3 }], clock.now);
    }
  });

  it('runs on its own in the server every ESCALATION_INTERVAL_S, and the sender every NOTIFY_INTERVAL_S', async () => {
    const sent: string[] = [];
    const own = await startServer({ db, clock: clock.at, workflow: { escalationIntervalS: 1, notifyIntervalS: 1, notifier: { name: 'test', send: async (m) => void sent.push(m.kind) } } });
    try {
      const [number] = await h.register();
      at(3.5);
      await vi.waitFor(async () => expect((await row(number)).level).toBe('L2'), { timeout: 5000, interval: 100 });
      await vi.waitFor(() => expect(sent).toContain('registered'), { timeout: 5000, interval: 100 });
    } finally {
      await own.close();
    }
  });

  it('every escalation is in the audit log as the system', async () => {
    const [number] = await h.register();
    at(3.5);
    await sweep();
    const audited = await db.query<{ action: string; actor_role: string }>(`SELECT action, actor_role FROM audit_log WHERE target = $1 AND action = 'grievance.escalate'`, [number]);
    expect(audited).toEqual([{ action: 'grievance.escalate', actor_role: 'system' }]);
  });
});
