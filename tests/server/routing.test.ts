/**
 * Routing new grievances to officers: the most specific rule for each level; ACCEPTANCE.md's fallback (an
 * L1 officer created with a department and a district receives that department's new grievances there);
 * the nodal officer when there is neither, visibly; nobody at all, visibly, until someone exists.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/accounts';
import { accountFromFlags } from '../../server/cli/commands/create-operator';
import { setDisabled } from '../../server/store/accounts';
import { createAuditLog } from '../../server/store/audit';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { eventsOf } from '../../server/store/workflow';
import { runEscalation } from '../../server/workflow/escalation';
import { type Officer, type Place, routingContext, ruleCandidates, RoutingRule, RulesFile, upsertRules } from '../../server/workflow/routing';
import { createWorkflow } from '../../server/workflow/service';
import { SyncResponse } from '../../src/domain/schemas';
import { submissions } from './fixtures';
import { addAccount, resetGrievances } from './harness';
import { testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const EXAMPLE = RulesFile.parse(JSON.parse(readFileSync(new URL('../../reference/routing-rules.json', import.meta.url), 'utf8'))).rules;

describe('rules, most specific first (pure)', () => {
  const place = (p: Partial<Place> = {}): Place => ({ departmentCode: 'phed', categoryCode: 'no-supply', districtCode: 'jaipur', placeCode: null, localPlaces: [], areaType: 'rural', ...p });

  it('prefers place over category over district over area, per level', () => {
    expect(ruleCandidates(EXAMPLE, place(), 'L1').map((c) => c.ruleId)).toEqual(['phed-jaipur']);
    expect(ruleCandidates(EXAMPLE, place({ placeCode: '547' }), 'L1').map((c) => c.ruleId)).toEqual(['phed-jaipur-amber', 'phed-jaipur']);
    expect(ruleCandidates(EXAMPLE, place({ categoryCode: 'quality' }), 'L1').map((c) => c.ruleId)).toEqual(['phed-jaipur-quality', 'phed-jaipur']);
    expect(ruleCandidates(EXAMPLE, place({ placeCode: '547', categoryCode: 'quality' }), 'L1')[0].ruleId).toBe('phed-jaipur-amber');
    // L4 comes from the district rule, the state-wide rule is next.
    expect(ruleCandidates(EXAMPLE, place(), 'L4').map((c) => c.ruleId)).toEqual(['phed-jaipur', 'phed-state']);
    expect(ruleCandidates(EXAMPLE, place({ districtCode: 'kota' }), 'L4').map((c) => c.accountId)).toEqual(['ce.phed']);
    expect(ruleCandidates(EXAMPLE, place({ districtCode: 'kota' }), 'L1')).toEqual([]);
    // The same words route by area: a town's drain is the urban body's, a village's is not.
    expect(ruleCandidates(EXAMPLE, place({ departmentCode: 'lsg', areaType: 'urban' }), 'L1').map((c) => c.accountId)).toEqual(['ro.greater-jaipur']);
    expect(ruleCandidates(EXAMPLE, place({ departmentCode: 'lsg', areaType: 'rural' }), 'L1')).toEqual([]);
  });

  it('prefers a rule for the gram panchayat, village or ward over the tehsil rule (issue 15)', () => {
    const gp = RoutingRule.parse({ id: 'phed-gp-achrol', department: 'phed', district: 'jaipur', place: 'gp:12345', levels: { L1: 'je.phed.achrol' } });
    const rules = [...EXAMPLE, gp];
    expect(ruleCandidates(rules, place({ placeCode: '547', localPlaces: ['gp:12345', 'village:67890'] }), 'L1').map((c) => c.ruleId))
      .toEqual(['phed-gp-achrol', 'phed-jaipur-amber', 'phed-jaipur']);
    // Codes of other kinds never match by accident: a village 12345 is not the gram panchayat 12345.
    expect(ruleCandidates(rules, place({ placeCode: '547', localPlaces: ['village:12345'] }), 'L1')[0].ruleId).toBe('phed-jaipur-amber');
    expect(RoutingRule.safeParse({ ...gp, place: 'hamlet:1' }).success).toBe(false);
  });

  it('skips an account that cannot hold the grievance, says why, and falls back', () => {
    const officers: Officer[] = [
      { id: 'aen.phed.jaipur', role: 'officer', level: 'L1', department: 'phed', district: 'jaipur', disabled: true },
      { id: 'ae.other', role: 'officer', level: 'L1', department: 'phed', district: 'jaipur', disabled: false },
      { id: 'nodal.phed', role: 'nodal', level: null, department: 'phed', district: null, disabled: false },
    ];
    const d = routingContext(EXAMPLE, officers, new Map()).decide(place({ placeCode: '547' }), 'L1');
    expect(d).toEqual({
      holderId: 'ae.other', level: 'L1', via: 'district-officer',
      skipped: [{ ruleId: 'phed-jaipur-amber', accountId: 'aen.phed.amber', why: 'no-account' }, { ruleId: 'phed-jaipur', accountId: 'aen.phed.jaipur', why: 'disabled' }],
    });
  });

  it('gives the next grievance to the least-loaded of several officers', () => {
    const officers: Officer[] = ['a', 'b'].map((id) => ({ id, role: 'officer', level: 'L1', department: 'phed', district: 'jaipur', disabled: false }));
    const ctx = routingContext([], officers, new Map([['a', 2]]));
    expect([1, 2, 3, 4].map(() => ctx.decide(place(), 'L1').holderId)).toEqual(['b', 'b', 'a', 'b']);
  });

  it('refuses a rules file with a bad code, a category of another department, a duplicate id or match, or no level', () => {
    const bad = (rules: unknown[]) => RulesFile.safeParse({ rules }).success;
    expect(bad([{ id: 'x', department: 'nope', levels: { L1: 'a' } }])).toBe(false);
    expect(bad([{ id: 'x', department: 'phed', category: 'power-cut', levels: { L1: 'a' } }])).toBe(false);
    expect(bad([{ id: 'x', department: 'phed', levels: { L1: 'a' } }, { id: 'x', department: 'lsg', levels: { L1: 'a' } }])).toBe(false);
    expect(bad([{ id: 'x', department: 'phed', levels: { L1: 'a' } }, { id: 'y', department: 'phed', levels: { L2: 'b' } }])).toBe(false);
    expect(bad([{ id: 'x', department: 'phed', levels: {} }])).toBe(false);
    expect(bad(EXAMPLE)).toBe(true);
  });
});

describe('routing at registration (POST /api/sync/grievances)', () => {
  const clock = testClock('2026-12-01T04:30:00.000Z');
  let db: Db;
  let h: WorkflowHarness;
  const holderOf = async (number: string) =>
    (await db.query<{ status: string; holder_id: string | null; level: string | null }>('SELECT status, holder_id, level FROM grievances WHERE number = $1', [number]))[0];

  beforeAll(async () => {
    db = await openMemoryDb();
    h = await workflowHarness(db, clock, []);
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await resetGrievances(db);
    await db.query(`DELETE FROM auth_sessions WHERE account_id <> 'op.meena'`);
    await db.query(`DELETE FROM accounts WHERE role <> 'operator'`);
  });
  const officer = (id: string, level: 'L1' | 'L2' | 'L3' | 'L4', department: string, district?: string) =>
    addAccount(db, { id, name: id, role: 'officer', level, departments: [department], ...(district && { district }) } as Account);

  it('follows the most specific rule: the Amber tehsil, the water-quality chemist, else the district', async () => {
    await upsertRules(db, EXAMPLE, clock.now);
    for (const id of ['aen.phed.jaipur', 'aen.phed.amber', 'chemist.phed.jaipur']) await officer(id, 'L1', 'phed', 'jaipur');
    const [amber, quality, plain] = await h.register({ tehsilCode: '547' }, { categoryCode: 'quality' }, {});
    expect(await holderOf(amber)).toEqual({ status: 'assigned', holder_id: 'aen.phed.amber', level: 'L1' });
    expect(await holderOf(quality)).toEqual({ status: 'assigned', holder_id: 'chemist.phed.jaipur', level: 'L1' });
    expect(await holderOf(plain)).toEqual({ status: 'assigned', holder_id: 'aen.phed.jaipur', level: 'L1' });
    const [, assign] = await eventsOf(db, amber);
    expect(assign).toMatchObject({ action: 'assign', actorRole: 'system', to: 'assigned', note: 'Sent to the officer named by the routing rule.', details: { route: { via: 'rule', ruleId: 'phed-jaipur-amber' } } });
  });

  it('ACCEPTANCE: an officer created with a department, a district and level L1 receives new grievances of that department and district when no rule applies', async () => {
    await upsertRules(db, EXAMPLE, clock.now); // rules for other places only: Kota has no PHED rule
    await addAccount(db, accountFromFlags({ id: 'je.phed.kota', name: 'JE PHED Kota', role: 'officer', level: 'l1', department: 'PHED', district: 'Kota' }));
    const [kota, jaipur, kotaEnergy] = await h.register({ districtCode: 'kota' }, {}, { districtCode: 'kota', departmentCode: 'energy', categoryCode: 'meter' });
    expect(await holderOf(kota)).toEqual({ status: 'assigned', holder_id: 'je.phed.kota', level: 'L1' });
    expect((await eventsOf(db, kota))[1]).toMatchObject({ note: 'No routing rule: sent to the officer of this department and district.', details: { route: { via: 'district-officer' } } });
    expect((await holderOf(jaipur)).holder_id).not.toBe('je.phed.kota');
    expect((await holderOf(kotaEnergy)).holder_id).not.toBe('je.phed.kota');
  });

  it('a rule naming a missing or disabled account is skipped, and the skip is on the record', async () => {
    await upsertRules(db, EXAMPLE, clock.now);
    await officer('aen.phed.jaipur', 'L1', 'phed', 'jaipur');
    await setDisabled(db, 'aen.phed.jaipur', true, clock.now);
    await officer('je.phed.jaipur', 'L1', 'phed', 'jaipur');
    const [number] = await h.register({ tehsilCode: '547' });
    expect((await holderOf(number)).holder_id).toBe('je.phed.jaipur');
    expect((await eventsOf(db, number))[1].details.route).toEqual({
      via: 'district-officer', reason: 'route.districtOfficer',
      skipped: [{ ruleId: 'phed-jaipur-amber', accountId: 'aen.phed.amber', why: 'no-account' }, { ruleId: 'phed-jaipur', accountId: 'aen.phed.jaipur', why: 'disabled' }],
    });
  });

  it('with no rule and no officer, goes to the nodal officer (of the district first), visibly', async () => {
    await addAccount(db, { id: 'nodal.energy', name: 'Nodal Energy', role: 'nodal', departments: ['energy'] });
    const [first] = await h.register({ departmentCode: 'energy', categoryCode: 'meter' });
    expect(await holderOf(first)).toEqual({ status: 'assigned', holder_id: 'nodal.energy', level: 'L1' });
    expect((await eventsOf(db, first))[1]).toMatchObject({
      note: "No rule or officer for this department, place and level: sent to the department's nodal officer.",
      details: { route: { via: 'nodal', reason: 'route.nodal' } },
    });
    await addAccount(db, { id: 'nodal.energy.jaipur', name: 'District Nodal Energy', role: 'nodal', departments: ['energy'], district: 'jaipur' });
    const [second] = await h.register({ departmentCode: 'energy', categoryCode: 'meter' });
    expect((await holderOf(second)).holder_id).toBe('nodal.energy.jaipur');
  });

  it('with nobody at all, stays registered with an "unrouted" note, and is routed by the sweep once an officer exists', async () => {
    const [number] = await h.register({ departmentCode: 'lsg', categoryCode: 'garbage', areaType: 'urban' });
    expect(await holderOf(number)).toEqual({ status: 'registered', holder_id: null, level: null });
    expect((await eventsOf(db, number)).map((e) => [e.action, e.note])).toEqual([
      ['register', null], ['unrouted', 'No officer or nodal officer found: the grievance waits to be assigned.'],
    ]);
    const audit = createAuditLog(db, clock.at);
    const workflow = createWorkflow({ db, audit, clock: clock.at });
    expect(await runEscalation({ db, audit, clock: clock.at, workflow })).toMatchObject({ routed: 0, stuck: 1 });
    await officer('ro.jaipur', 'L1', 'lsg', 'jaipur');
    expect(await runEscalation({ db, audit, clock: clock.at, workflow })).toMatchObject({ routed: 1, stuck: 0 });
    expect(await holderOf(number)).toEqual({ status: 'assigned', holder_id: 'ro.jaipur', level: 'L1' });
  });

  it('routes a full batch of 100 in the ingest, shared between the L1 officers, and nothing again on a resend', async () => {
    await officer('ae1.phed.jaipur', 'L1', 'phed', 'jaipur');
    await officer('ae2.phed.jaipur', 'L1', 'phed', 'jaipur');
    const batch = submissions(100);
    const send = async () => SyncResponse.parse(await (await h.server.post('/api/sync/grievances', { grievances: batch }, h.headers.operator)).json()).results;
    const numbers = (await send()).map((r) => (r as { number: string }).number);
    expect((await send()).every((r) => r.status === 'duplicate')).toBe(true); // a resend routes nothing again
    const counts = await db.query<{ holder_id: string; n: number }>(
      `SELECT holder_id, count(*)::int AS n FROM grievances WHERE number = ANY($1::text[]) GROUP BY holder_id ORDER BY holder_id`, [numbers]);
    expect(counts).toEqual([{ holder_id: 'ae1.phed.jaipur', n: 50 }, { holder_id: 'ae2.phed.jaipur', n: 50 }]);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM grievance_events WHERE action = 'assign'`);
    expect(n).toBe(100);
  });
});
