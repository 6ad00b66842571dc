/**
 * The secretary's daily review (10 pending grievances a day, taken in turn from the oldest, the nearest
 * escalation, the reopened and the low-satisfaction categories, never yesterday's, the same all day),
 * marking items reviewed, the per-day report for ministers, and the nodal officers' pendency report (age
 * buckets, escalations, reopen rate, satisfaction, drill-down, scope).
 */
import { ulid } from 'ulidx';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { interleave } from '../../server/reports/daily-review';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { eventsOf } from '../../server/store/workflow';
import { type PendingReport, ReviewList, ReviewReport } from '../../src/domain/workflow-api';
import { addAccount, bearer, resetGrievances, signIn } from './harness';
import { DAY, testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const D0 = '2026-12-10T04:30:00.000Z'; // 10:00 in Jaipur
const clock = testClock(D0);
let db: Db;
let h: WorkflowHarness;
let power: Record<string, string>;
let kotaNodal: Record<string, string>;
const day = (n: number) => (clock.now = new Date(Date.parse(D0) + n * DAY));
const DISPOSE = { type: 'dispose', outcome: 'relief', remarks: 'Water supply restored to the ward' } as const;

beforeAll(async () => {
  db = await openMemoryDb();
  h = await workflowHarness(db, clock, ['l1', 'l2', 'nodal', 'secretary', 'admin']);
  await addAccount(db, { id: 'secy.power', name: 'Secretary Energy', role: 'secretary', departments: ['energy'] });
  power = bearer(await signIn(h.server, 'secy.power'));
  await addAccount(db, { id: 'nodal.phed.kota', name: 'Nodal PHED Kota', role: 'nodal', departments: ['phed'], district: 'kota' });
  kotaNodal = bearer(await signIn(h.server, 'nodal.phed.kota'));
});
afterAll(async () => {
  await h?.close();
  await db?.close();
});
beforeEach(async () => {
  await resetGrievances(db);
  await db.exec('TRUNCATE reviews');
  day(0);
});

describe('interleave (pure)', () => {
  it('takes from each list in turn, each grievance once, up to 10', () => {
    expect(interleave({ oldest: ['a', 'b', 'c'], nearestEscalation: ['a', 'd'], reopened: ['e'], lowSatisfaction: [] }))
      .toEqual([{ number: 'a', reason: 'oldest' }, { number: 'd', reason: 'nearestEscalation' }, { number: 'e', reason: 'reopened' }, { number: 'b', reason: 'oldest' }, { number: 'c', reason: 'oldest' }]);
    const many = Array.from({ length: 30 }, (_, i) => `g${i}`);
    expect(interleave({ oldest: many, nearestEscalation: many, reopened: [], lowSatisfaction: [] })).toHaveLength(10);
  });
});

describe("a secretary's daily review", () => {
  /** 18 old ones, 3 due within hours, 2 reopened, 2 in a category citizens are unhappy with; 3 disposed unhappily. */
  async function scenario() {
    const plain = await h.register(...Array.from({ length: 18 }, () => ({ categoryCode: 'tap-connection' })));
    const soon = await h.register({}, {}, {});
    const reopened = await h.register({}, {});
    const quality = await h.register({ categoryCode: 'quality' }, { categoryCode: 'quality' });
    const unhappy = await h.register({ categoryCode: 'quality' }, { categoryCode: 'quality' }, { categoryCode: 'quality' });
    for (const n of unhappy) {
      await h.ok('l1', n, DISPOSE);
      expect((await h.server.post(`/api/grievances/${n}/feedback`, { actionId: ulid(), satisfaction: 'not_satisfied' }, h.headers.operator)).status).toBe(200);
    }
    const set = (n: string, ageDays: number, dueInHours: number, extra = '') =>
      db.query(`UPDATE grievances SET received_at = $2, due_at = $3${extra} WHERE number = $1`,
        [n, new Date(Date.parse(D0) - ageDays * DAY).toISOString(), new Date(Date.parse(D0) + dueInHours * 3600_000).toISOString()]);
    for (const [i, n] of plain.entries()) await set(n, 100 - i, 24 * (20 + i)); // plain[0] is the oldest
    for (const [i, n] of soon.entries()) await set(n, 1, i + 1);
    for (const [i, n] of reopened.entries()) await set(n, 5 - i, 24 * 10, `, status = 'reopened', reopen_count = 1`);
    for (const [i, n] of quality.entries()) await set(n, 3 - i, 24 * 15);
    return { plain, soon, reopened, quality, unhappy };
  }
  const today = async (headers = h.headers.secretary) => {
    const res = await h.server.get('/api/reviews/today', headers);
    expect(res.status).toBe(200);
    return ReviewList.parse(await res.json());
  };

  it('lists 10, in turn oldest, nearest escalation, reopened, low satisfaction; the same all day; none of yesterday\'s tomorrow', async () => {
    const g = await scenario();
    const list = await today();
    expect(list.date).toBe('2026-12-10');
    expect(list.items.map((i) => [i.rank, i.reason, i.grievance.number])).toEqual([
      [1, 'oldest', g.plain[0]], [2, 'nearestEscalation', g.soon[0]], [3, 'reopened', g.reopened[0]], [4, 'lowSatisfaction', g.quality[0]],
      [5, 'oldest', g.plain[1]], [6, 'nearestEscalation', g.soon[1]], [7, 'reopened', g.reopened[1]], [8, 'lowSatisfaction', g.quality[1]],
      [9, 'oldest', g.plain[2]], [10, 'nearestEscalation', g.soon[2]],
    ]);
    expect(list.items[0].grievance).toMatchObject({ ageDays: 100, status: 'assigned', holderId: 'ae.phed.jaipur' });

    // Later the same day, after the oldest was disposed and new grievances came in: the same list.
    clock.advance(8 * 3600_000);
    await h.ok('l1', g.plain[0], DISPOSE);
    await h.register();
    expect((await today()).items.map((i) => i.id)).toEqual(list.items.map((i) => i.id));

    day(1);
    const tomorrow = await today();
    expect(tomorrow.date).toBe('2026-12-11');
    expect(tomorrow.items).toHaveLength(10);
    const yesterday = new Set(list.items.map((i) => i.grievance.number));
    expect(tomorrow.items.filter((i) => yesterday.has(i.grievance.number))).toEqual([]);
    expect(tomorrow.items[0]).toMatchObject({ reason: 'oldest', grievance: { number: g.plain[3] } });
  });

  it('covers only the secretary\'s departments; an empty list is not kept, so what comes in later that day is listed', async () => {
    await h.register();
    expect((await today(power)).items).toEqual([]);
    await h.register({ departmentCode: 'energy', categoryCode: 'meter' });
    const later = await today(power);
    expect(later.items.map((i) => i.grievance.departmentCode)).toEqual(['energy']);
    await h.register({ departmentCode: 'energy', categoryCode: 'billing' });
    expect((await today(power)).items.map((i) => i.id)).toEqual(later.items.map((i) => i.id)); // kept once made
  });

  it('marks an item reviewed with an instruction that reaches the grievance\'s history; the same again is a no-op, other words are refused, another secretary cannot', async () => {
    await scenario();
    const [item] = (await today()).items;
    const mark = (body: unknown, headers = h.headers.secretary) => h.server.post(`/api/reviews/${item.id}`, body, headers);
    const first = await mark({ instruction: 'Visit the village and restore supply within 2 days' });
    expect(first.status).toBe(200);
    const marked = await first.json();
    expect(marked).toMatchObject({ id: item.id, reviewedAt: clock.now.toISOString(), instruction: 'Visit the village and restore supply within 2 days', note: null });
    expect(await (await mark({ instruction: 'Visit the village and restore supply within 2 days' })).json()).toEqual(marked);
    expect(await mark({ instruction: 'Something else' })).toMatchObject({ status: 409 });
    expect(await mark({ note: 'x' }, power)).toMatchObject({ status: 404 });
    expect(await mark({})).toMatchObject({ status: 400 });
    const review = (await eventsOf(db, item.grievance.number)).at(-1);
    expect(review).toMatchObject({ action: 'review', actorId: 'secy.water', actorRole: 'secretary', note: 'Visit the village and restore supply within 2 days', from: 'assigned', to: 'assigned' });
    expect(await h.version(item.grievance.number)).toBe(1); // a review is not an action: an officer's queued action is not made stale by it
  });

  it('reports reviews listed and done per secretary per day; a secretary sees only their own', async () => {
    await scenario();
    const list = await today();
    for (const item of list.items.slice(0, 3)) await h.server.post(`/api/reviews/${item.id}`, { note: 'Seen' }, h.headers.secretary);
    day(1);
    await today();
    const report = async (headers: Record<string, string>, q = '?from=2026-12-10&to=2026-12-11') => {
      const res = await h.server.get(`/api/reports/reviews${q}`, headers);
      expect(res.status).toBe(200);
      return ReviewReport.parse(await res.json()).rows.map((r) => [r.date, r.secretaryId, r.listed, r.reviewed]);
    };
    expect(await report(h.headers.admin)).toEqual([
      ['2026-12-10', 'secy.power', 0, 0], ['2026-12-10', 'secy.water', 10, 3],
      ['2026-12-11', 'secy.power', 0, 0], ['2026-12-11', 'secy.water', 10, 0],
    ]);
    expect(await report(h.headers.secretary)).toEqual([['2026-12-10', 'secy.water', 10, 3], ['2026-12-11', 'secy.water', 10, 0]]);
    expect(await report(h.headers.secretary, '')).toHaveLength(7); // the last 7 days by default
    expect((await h.server.get('/api/reports/reviews?from=2026-12-11&to=2026-12-10', h.headers.admin)).status).toBe(400);
    expect((await h.server.get('/api/reports/reviews?from=2025-01-01&to=2026-12-10', h.headers.admin)).status).toBe(400);
  });
});

describe("the nodal officers' pendency report", () => {
  const pending = async (q: string, headers = h.headers.nodal) => {
    const res = await h.server.get(`/api/reports/pending${q}`, headers);
    return { status: res.status, body: (await res.json()) as PendingReport & { error?: string } };
  };

  it('counts pending grievances in age buckets, with escalations, reopen rate and satisfaction, and drills down', async () => {
    // Two grievances in each bucket, registered that many days before the report.
    for (const age of [0, 7, 8, 15, 16, 30, 31, 60, 61, 180, 181, 400]) {
      day(-age);
      await h.register({ categoryCode: 'tap-connection' });
    }
    day(0);
    const [e] = await h.register({ districtCode: 'kota' });
    await h.ok('nodal', e, { type: 'escalate', reason: 'Long pending in Kota' });
    await h.ok('nodal', e, { type: 'escalate', reason: 'Still pending in Kota' });
    // Four disposed: satisfied, satisfied, not satisfied (then reopened), unreachable.
    const done = await h.register({}, {}, {}, {});
    for (const [i, n] of done.entries()) {
      await h.ok('l1', n, DISPOSE);
      const satisfaction = ['satisfied', 'satisfied', 'not_satisfied', 'unreachable'][i];
      await h.server.post(`/api/grievances/${n}/feedback`, { actionId: ulid(), satisfaction }, h.headers.operator);
    }
    await h.server.post(`/api/grievances/${done[2]}/reopen`, { actionId: ulid(), reason: 'No water still' }, h.headers.operator);

    const { status, body } = await pending('');
    expect(status).toBe(200);
    expect(body.rows.map((r) => [r.departmentCode, r.districtCode, r.pending])).toEqual([['phed', 'jaipur', 13], ['phed', 'kota', 1]]);
    expect(body.rows[0]).toMatchObject({
      buckets: { '0-7': 3, '8-15': 2, '16-30': 2, '31-60': 2, '61-180': 2, '180+': 2 },
      escalatedPending: 0, disposed: 4, reopened: 1, reopenRate: 0.25, reached: 3, satisfied: 2, satisfaction: 0.6667,
    });
    expect(body.rows[1]).toMatchObject({ buckets: { '0-7': 1 }, escalatedPending: 1, escalations: 2 });
    expect(body.totals).toMatchObject({ pending: 14, escalations: 2, buckets: { '0-7': 4, '180+': 2 } });

    const drill = await pending('?district=jaipur&bucket=8-15');
    expect(drill.body.rows).toHaveLength(1);
    expect(drill.body.grievances?.map((g) => g.ageDays)).toEqual([15, 8]);
    expect(drill.body.filters).toEqual({ department: null, district: 'jaipur', category: null, bucket: '8-15' });
    expect((await pending('?category=no-supply')).body.totals.pending).toBe(2); // the reopened one and Kota's
    expect((await pending('?bucket=9-99')).status).toBe(400);
  });

  it('keeps each to their scope: a nodal officer their department (and district), a secretary their departments', async () => {
    await h.register({}, { districtCode: 'kota' }, { departmentCode: 'energy', categoryCode: 'meter' });
    expect((await pending('?department=energy')).body).toMatchObject({ error: 'wf.outOfScope' });
    expect((await pending('', kotaNodal)).body.rows.map((r) => r.districtCode)).toEqual(['kota']);
    expect((await pending('?district=jaipur', kotaNodal)).status).toBe(403);
    expect((await pending('', h.headers.secretary)).body.rows.map((r) => r.departmentCode)).toEqual(['phed', 'phed']);
    expect((await pending('', power)).body.rows.map((r) => r.departmentCode)).toEqual(['energy']);
    expect((await pending('', h.headers.admin)).body.rows).toHaveLength(3);
  });
});
