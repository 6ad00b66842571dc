/**
 * The leaders' daily rollups (issue 11 item 5): on randomised histories (fast-check) the daily figures and the
 * monthly report read from the rollups equal those read live from the grievances and events, on every day of
 * the range and today (as of now), including disposals on a later day, reopens, escalations, transfers to
 * another department, limits changed by clock events, and events and grievances that reach the server days
 * after they happened (folded by a later fold); and a rebuild from scratch equals the incremental fold.
 * On PGlite and PostgreSQL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istDateOf, plusDays } from '../../src/domain/leader-reports';
import { dailyFigures, liveDailyFigures } from '../../server/reports/daily-figures';
import { liveMonthlyReport, monthlyReport } from '../../server/reports/monthly';
import { foldRollups, rebuildRollups } from '../../server/reports/rollups';
import type { Db } from '../../server/store/db';
import { migrate } from '../../server/store/migrations';
import { BACKENDS, resetGrievances } from './harness';

const NOW = new Date('2026-12-10T10:00:00+05:30');
const HOUR = 3600_000;
const STATUSES = ['registered', 'assigned', 'in_progress', 'disposed', 'closed', 'reopened'] as const;
const DEPTS = ['energy', 'phed', 'pwd'];
const DISTRICTS = ['jaipur', 'ajmer'];
const HOLDERS = ['ae.one', 'ae.two', null];

const event = fc.record({
  after: fc.integer({ min: -30, max: 24 * 20 }), // hours after registration (a device's clock may be behind)
  action: fc.constantFrom('dispose', 'feedback', 'reopen', 'escalate', 'assign', 'start', 'transfer', 'note'),
  from: fc.option(fc.constantFrom(...STATUSES)),
  to: fc.option(fc.constantFrom(...STATUSES)),
  within: fc.constantFrom('true', 'false', 'absent'),
  due: fc.oneof(fc.constant('absent' as const), fc.constant(null), fc.integer({ min: -24 * 5, max: 24 * 12 })), // a clock change's dueBefore
  satisfaction: fc.constantFrom('satisfied', 'not_satisfied', 'unreachable'),
  verified: fc.boolean(),
  late: fc.boolean(), // reaches the server after the first fold
});
const grievance = fc.record({
  hoursAgo: fc.integer({ min: 0, max: 24 * 45 }),
  dept: fc.constantFrom(...DEPTS), district: fc.constantFrom(...DISTRICTS), holder: fc.constantFrom(...HOLDERS),
  status: fc.constantFrom(...STATUSES), dueIn: fc.option(fc.integer({ min: -24 * 10, max: 24 * 10 })),
  events: fc.array(event, { maxLength: 6 }),
  late: fc.boolean(), // synced days after it was registered: first seen by the second fold
  movedTo: fc.option(fc.constantFrom(...DEPTS)), // transferred after the first fold
});
type G = typeof grievance extends fc.Arbitrary<infer T> ? T : never;

let seq = 0;
async function insertGrievances(db: Db, gs: (G & { number: string })[]): Promise<void> {
  for (const g of gs) {
    const received = new Date(NOW.getTime() - g.hoursAgo * HOUR);
    const settled = g.status === 'disposed' || g.status === 'closed';
    const held = ['assigned', 'in_progress', 'reopened'].includes(g.status);
    await db.query(`
      INSERT INTO grievances (client_id, seq, number, content_hash, receipt_number, kiosk_code, device_id, department_code, district_code,
                              area_type, citizen_name, mobile, description, lang, created_at, received_at, status, holder_id, level,
                              due_at, disposed_at, outcome, version)
      VALUES ($1, $2, $3, md5($3), $3, 'K1023456', 'dev', $4, $5, 'rural', 'Test Citizen', '9876543210', 'A grievance', 'hi', $6, $6, $7, $8, $9, $10, $11, $12, 1)`,
    [`RT${g.number}`, ++seq, g.number, g.dept, g.district, received.toISOString(), g.status, held ? g.holder ?? 'ae.one' : g.holder,
      held ? 'L1' : null, g.dueIn === null ? null : new Date(received.getTime() + g.dueIn * HOUR).toISOString(),
      settled ? received.toISOString() : null, settled ? 'relief' : null]);
    await db.query(`INSERT INTO grievance_events (grievance_number, at, actor_role, action, from_status, to_status) VALUES ($1, $2, 'operator', 'register', NULL, 'registered')`,
      [g.number, received.toISOString()]);
  }
}
async function insertEvents(db: Db, g: G & { number: string }, events: G['events']): Promise<void> {
  const received = NOW.getTime() - g.hoursAgo * HOUR;
  for (const e of events) {
    const details: Record<string, unknown> = {};
    if (e.action === 'dispose' && e.within !== 'absent') details.withinLimit = e.within === 'true';
    if (e.due !== 'absent') details.dueBefore = e.due === null ? null : new Date(received + e.due * HOUR).toISOString();
    if (e.action === 'feedback') Object.assign(details, { satisfaction: e.satisfaction, verified: e.verified });
    await db.query(`INSERT INTO grievance_events (grievance_number, at, actor_role, action, from_status, to_status, details) VALUES ($1, $2, 'officer', $3, $4, $5, $6::jsonb)`,
      [g.number, new Date(received + e.after * HOUR).toISOString(), e.action, e.from, e.to, JSON.stringify(details)]);
  }
}

const state = { departments: null, district: null };
const byKey = <T>(xs: T[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
async function expectSameFigures(db: Db): Promise<void> {
  const today = istDateOf(NOW);
  const scopes = [state, { departments: ['energy'], district: null }, { departments: null, district: 'ajmer' }];
  for (const scope of scopes) {
    for (let d = 0; d <= 46; d += scope !== state ? 6 : d < 21 ? 1 : 3) {
      const date = plusDays(today, -d);
      expect(await dailyFigures(db, scope, date, NOW), `${date} ${JSON.stringify(scope)}`).toEqual(await liveDailyFigures(db, scope, date, NOW));
    }
    for (const month of ['2026-10', '2026-11', '2026-12']) {
      const [viaRollups, live] = [await monthlyReport(db, scope, month, NOW), await liveMonthlyReport(db, scope, month, NOW)];
      expect({ ...viaRollups, officers: byKey(viaRollups.officers) }, month).toEqual({ ...live, officers: byKey(live.officers) });
    }
  }
}
const snapshot = async (db: Db) => ({
  rollups: await db.query(`SELECT * FROM report_rollups WHERE (registered, disposed, within, timed, feedback, satisfied, not_satisfied, verified, reopened,
    escalated, m_disposed, m_within, pending_delta, overdue_delta) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) ORDER BY day, department_code, district_code, holder_id`),
  facts: await db.query('SELECT * FROM report_facts ORDER BY grievance_number, day'),
  overdue: await db.query('SELECT * FROM report_overdue ORDER BY grievance_number, from_day'),
  totals: await db.query('SELECT * FROM report_totals WHERE (pending, overdue) <> (0, 0) ORDER BY department_code, district_code, holder_id'),
});

for (const backend of BACKENDS.filter((b) => b.enabled)) {
  describe(`daily rollups on ${backend.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await backend.open();
      await migrate(db);
    });
    afterAll(async () => {
      await resetGrievances(db);
      await db?.close();
    });

    it('the reports from the rollups equal the live ones on random histories, late arrivals and transfers included; a rebuild equals the incremental fold', async () => {
      await fc.assert(fc.asyncProperty(fc.array(grievance, { minLength: 1, maxLength: 12 }), async (drawn) => {
        await resetGrievances(db);
        const gs = drawn.map((g, i) => ({ ...g, number: `RJ${String(i).padStart(6, '0')}` }));
        await insertGrievances(db, gs.filter((g) => !g.late));
        for (const g of gs.filter((x) => !x.late)) await insertEvents(db, g, g.events.filter((e) => !e.late));
        await foldRollups(db);
        await expectSameFigures(db);
        // Then: grievances synced days late, events that happened days ago reaching the server, transfers.
        await insertGrievances(db, gs.filter((g) => g.late));
        for (const g of gs) await insertEvents(db, g, g.late ? g.events : g.events.filter((e) => e.late));
        for (const g of gs.filter((x) => x.movedTo !== null)) {
          await db.query('UPDATE grievances SET department_code = $2 WHERE number = $1', [g.number, g.movedTo]);
          await insertEvents(db, g, [{ after: g.hoursAgo > 3 ? g.hoursAgo - 2 : 0, action: 'transfer', from: 'assigned', to: 'assigned', within: 'absent', due: 'absent', satisfaction: 'satisfied', verified: false, late: true }]);
        }
        await expectSameFigures(db);
        const incremental = await snapshot(db);
        await rebuildRollups(db);
        expect(await snapshot(db)).toEqual(incremental);
        await expectSameFigures(db);
      }), { numRuns: Number(process.env.ROLLUP_RUNS ?? 12), endOnFailure: process.env.ROLLUP_SHRINK !== "1", seed: process.env.ROLLUP_SEED ? Number(process.env.ROLLUP_SEED) : undefined });
    });

    it('a fold with nothing new changes nothing, and emptying the grievances empties the rollups', async () => {
      await resetGrievances(db);
      const g = { hoursAgo: 30, dept: 'energy', district: 'jaipur', holder: 'ae.one', status: 'assigned' as const, dueIn: 2, events: [], late: false, movedTo: null, number: 'RJ900001' };
      await insertGrievances(db, [g]);
      expect((await foldRollups(db)).grievances).toBe(1);
      expect((await foldRollups(db)).grievances).toBe(0);
      const [{ pending }] = await db.query<{ pending: number }>('SELECT sum(pending_delta)::int AS pending FROM report_rollups');
      expect(pending).toBe(1);
      expect((await dailyFigures(db, state, istDateOf(NOW), NOW)).pending).toBe(1);
      await resetGrievances(db);
      expect(await db.query('SELECT 1 FROM report_rollups UNION ALL SELECT 1 FROM report_facts UNION ALL SELECT 1 FROM report_overdue UNION ALL SELECT 1 FROM report_totals')).toEqual([]);
      expect((await dailyFigures(db, state, istDateOf(NOW), NOW)).pending).toBe(0);
    });
  });
}
