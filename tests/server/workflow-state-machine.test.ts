/**
 * The grievance state machine (src/domain/workflow.ts), on its own: random sequences of actions by random
 * actors never reach an illegal state, every accepted transition is a row of TRANSITIONS taken by someone
 * the row allows, a refusal changes nothing, and each refusal says why in the words of the rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account, Level } from '../../src/domain/accounts';
import {
  ACTION_TYPES, type ActionType, ActionRequest, type Actor, allowedActions, apply, check, DEFAULT_WORKFLOW_CONFIG, OPEN_STATUSES,
  OUTCOMES, RELATIONS, SATISFACTIONS, STATUSES, SYSTEM, TRANSITIONS, type Target, viewOf, type WorkflowCommand, type WorkflowState,
} from '../../src/domain/workflow';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T04:30:00Z');

const ACCOUNTS = {
  operator: { id: 'op.meena', name: 'Meena', role: 'operator', kioskCode: 'K1023456' },
  otherKioskOperator: { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' },
  l1: { id: 'ae.phed.jaipur', name: 'L1', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' },
  l1b: { id: 'ae2.phed.jaipur', name: 'L1b', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' },
  l2: { id: 'xen.phed.jaipur', name: 'L2', role: 'officer', level: 'L2', departments: ['phed'], district: 'jaipur' },
  l4: { id: 'ce.phed', name: 'L4', role: 'officer', level: 'L4', departments: ['phed'] },
  otherDepartment: { id: 'ae.energy.jaipur', name: 'E', role: 'officer', level: 'L1', departments: ['energy'], district: 'jaipur' },
  otherDistrict: { id: 'ae.phed.kota', name: 'K', role: 'officer', level: 'L1', departments: ['phed'], district: 'kota' },
  nodal: { id: 'nodal.phed', name: 'N', role: 'nodal', departments: ['phed'] },
  otherNodal: { id: 'nodal.energy', name: 'NE', role: 'nodal', departments: ['energy'] },
  secretary: { id: 'secy.water', name: 'S', role: 'secretary', departments: ['phed', 'water-resources'] },
  otherSecretary: { id: 'secy.power', name: 'SP', role: 'secretary', departments: ['energy'] },
  admin: { id: 'admin', name: 'A', role: 'admin' },
} satisfies Record<string, Account>;
const actorOf = (a: Account): Actor => ({ kind: 'account', account: a });
const ACTORS: Actor[] = [SYSTEM, ...Object.values(ACCOUNTS).map(actorOf)];
const HOLDERS = [ACCOUNTS.l1.id, ACCOUNTS.l1b.id, ACCOUNTS.l2.id, ACCOUNTS.l4.id, ACCOUNTS.nodal.id];

const REGISTERED: WorkflowState = {
  status: 'registered', holderId: null, level: null, departmentCode: 'phed', categoryCode: 'no-supply', districtCode: 'jaipur',
  kioskCode: 'K1023456', outcome: null, satisfaction: null, disposedAt: null, reopenCount: 0, escalationCount: 0, version: 0,
};

/** Where routing sends it: mostly back to the L1 officer (so walks get deep), sometimes anyone, sometimes nowhere. */
const target: fc.Arbitrary<Target | undefined> = fc.option(fc.record({
  holderId: fc.oneof({ weight: 4, arbitrary: fc.constant(ACCOUNTS.l1.id) }, { weight: 1, arbitrary: fc.constantFrom(...HOLDERS) }),
  level: fc.constantFrom<Level>('L1', 'L2', 'L3', 'L4'),
}), { nil: undefined, freq: 8 });
const text = fc.constantFrom('Supply restored from the new pipeline', 'Tanker sent twice a day', 'Handpump repaired');

/** One action body of each type, as the wire accepts them, with any routing target. */
const commands: fc.Arbitrary<Record<ActionType, WorkflowCommand>> = fc.record({
  assign: fc.record({ type: fc.constant('assign' as const), to: target }),
  start: fc.record({ type: fc.constant('start' as const) }),
  transfer: fc.oneof(
    fc.record({ type: fc.constant('transfer' as const), toOfficerId: fc.constantFrom(...HOLDERS), reason: text, to: target }),
    fc.record({ type: fc.constant('transfer' as const), toDepartment: fc.constant('water-resources'), reason: text, to: target.map((t) => t && { ...t, level: 'L1' as const, departmentCode: 'water-resources', categoryCode: null }) }),
  ),
  'request-info': fc.record({ type: fc.constant('request-info' as const), question: text }),
  dispose: fc.record({ type: fc.constant('dispose' as const), outcome: fc.constantFrom(...OUTCOMES), remarks: text }),
  feedback: fc.record({ type: fc.constant('feedback' as const), satisfaction: fc.constantFrom(...SATISFACTIONS) }),
  reopen: fc.record({ type: fc.constant('reopen' as const), reason: text, to: target }),
  close: fc.record({ type: fc.constant('close' as const) }),
  escalate: fc.record({ type: fc.constant('escalate' as const), reason: text, to: target }),
}) as fc.Arbitrary<Record<ActionType, WorkflowCommand>>;

/**
 * One step: how many days later, and either anything (any actor, any action: mostly refused) or, when
 * `guided`, one of the actions someone may take now (so walks get deep into the lifecycle). Gaps are
 * mostly short, sometimes past the reopen window.
 */
const step = fc.record({
  guided: fc.boolean(),
  pick: fc.nat(),
  actor: fc.constantFrom(...ACTORS),
  type: fc.constantFrom(...ACTION_TYPES),
  commands,
  days: fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 3, noNaN: true }) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 45, noNaN: true }) }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The actor and command a step stands for in state `s` at `now`. */
function resolveStep(st: Step, s: WorkflowState, now: Date): { actor: Actor; command: WorkflowCommand } {
  if (st.guided) {
    const possible = ACTORS.flatMap((actor) => allowedActions(s, actor, now).map((type) => ({ actor, type })));
    if (possible.length > 0) {
      const p = possible[st.pick % possible.length];
      return { actor: p.actor, command: st.commands[p.type] };
    }
  }
  return { actor: st.actor, command: st.commands[st.type] };
}

const levelIndex = (l: Level | null) => (l === null ? -1 : ['L1', 'L2', 'L3', 'L4'].indexOf(l));

/** What must hold of every state the machine can reach. */
function expectLegal(s: WorkflowState): void {
  expect(STATUSES).toContain(s.status);
  if (OPEN_STATUSES.includes(s.status)) {
    expect(s.holderId, `${s.status} without a holder`).not.toBeNull();
    expect(s.level).not.toBeNull();
  }
  if (s.status === 'disposed' || s.status === 'closed') {
    expect(s.outcome, `${s.status} without an outcome`).not.toBeNull();
    expect(s.disposedAt).not.toBeNull();
  }
  if (s.satisfaction !== null) expect(s.outcome).not.toBeNull();
  if (s.status === 'registered') expect(s.holderId).toBeNull();
}

describe('the grievance state machine', () => {
  it('never reaches an illegal state, and takes only transitions of its table, by those the table allows', () => {
    const taken = new Set<string>();
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
      let s = REGISTERED;
      let now = T0;
      let accepted = 0;
      let reopens = 0;
      let escalations = 0;
      for (const st of steps) {
        now += st.days * DAY;
        const { actor, command: c } = resolveStep(st, s, new Date(now));
        const before = structuredClone(s);
        const r = apply(s, c, actor, new Date(now));
        expect(s).toEqual(before); // pure: the input is never changed
        if (!r.ok) {
          expect(r.reason).toMatch(/^wf\./);
          continue;
        }
        const row = TRANSITIONS[c.type];
        expect(row.from, `${c.type} from ${s.status}`).toContain(s.status);
        expect(row.to, `${c.type} to ${r.next.status}`).toContain(r.next.status);
        expect(row.by, `${c.type} by ${r.relation}`).toContain(r.relation);
        expect(r.event).toMatchObject({ action: c.type, from: s.status, to: r.next.status, actorRole: actor.kind === 'system' ? 'system' : actor.account.role });
        if (c.type === 'reopen') {
          expect(now - Date.parse(s.disposedAt!)).toBeLessThanOrEqual(DEFAULT_WORKFLOW_CONFIG.reopenWindowDays * DAY);
          reopens++;
        }
        if (c.type === 'escalate') {
          expect(levelIndex(r.next.level)).toBeGreaterThan(levelIndex(s.level));
          escalations++;
        }
        if (c.type === 'feedback') expect(s.status).toBe('disposed');
        if (r.next.status === 'closed' && s.status !== 'closed') expect(['close', 'feedback']).toContain(c.type);
        expectLegal(r.next);
        taken.add(`${c.type}: ${s.status} → ${r.next.status}`);
        s = r.next;
        accepted++;
        expect(s.version).toBe(accepted);
      }
      expect(s.reopenCount).toBe(reopens);
      expect(s.escalationCount).toBe(escalations);
    }), { numRuns: 3000 });
    // …and the random walks did explore the table: every row was taken from every state it allows.
    const rows = Object.entries(TRANSITIONS).flatMap(([type, t]) => t.from.flatMap((from) => t.to.map((to) => `${type}: ${from} → ${to}`)));
    expect(rows.filter((r) => !taken.has(r))).toEqual([]);
  });

  it('accepts exactly what check() allows (given a target where one is needed): the UI offers nothing the server refuses', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 15 }), fc.constantFrom(...ACTORS), fc.constantFrom(...ACTION_TYPES), (steps, actor, type) => {
      let s = REGISTERED;
      let now = T0;
      for (const st of steps) {
        now += st.days * DAY;
        const { actor: a, command: c } = resolveStep(st, s, new Date(now));
        const r = apply(s, c, a, new Date(now));
        if (r.ok) s = r.next;
      }
      const allowed = allowedActions(s, actor, new Date(now)).includes(type);
      const withTarget = { type, to: { holderId: ACCOUNTS.l4.id, level: 'L4' }, reason: 'Because', remarks: 'Done', outcome: 'relief', satisfaction: 'satisfied', question: 'Which village?', toOfficerId: ACCOUNTS.l4.id } as unknown as WorkflowCommand;
      const r = apply(s, withTarget, actor, new Date(now));
      if (!allowed) expect(r.ok).toBe(false);
      else if (!r.ok) expect(['wf.noTarget', 'wf.sameHolder']).toContain(r.reason);
    }), { numRuns: 1500 });
  });

  it('lists every relation it uses, and each action comes from and goes to real states', () => {
    for (const t of Object.values(TRANSITIONS)) {
      for (const st of [...t.from, ...t.to]) expect(STATUSES).toContain(st);
      for (const r of t.by) expect(RELATIONS).toContain(r);
    }
  });
});

describe('refusals, each with its reason', () => {
  const now = new Date(T0);
  const assigned = (): WorkflowState => {
    const r = apply(REGISTERED, { type: 'assign', to: { holderId: ACCOUNTS.l1.id, level: 'L1' } }, SYSTEM, now);
    if (!r.ok) throw new Error(r.reason);
    return r.next;
  };
  const disposed = (at = now) => {
    const r = apply(assigned(), { type: 'dispose', outcome: 'relief', remarks: 'Supply restored' }, actorOf(ACCOUNTS.l1), at);
    if (!r.ok) throw new Error(r.reason);
    return r.next;
  };
  const dispose: WorkflowCommand = { type: 'dispose', outcome: 'relief', remarks: 'Supply restored' };

  it('an officer of another department or district: wf.outOfScope', () => {
    expect(apply(assigned(), dispose, actorOf(ACCOUNTS.otherDepartment), now)).toEqual({ ok: false, reason: 'wf.outOfScope' });
    expect(apply(assigned(), dispose, actorOf(ACCOUNTS.otherDistrict), now)).toEqual({ ok: false, reason: 'wf.outOfScope' });
    expect(apply(assigned(), { type: 'escalate', reason: 'Too slow', to: { holderId: ACCOUNTS.nodal.id, level: 'L2' } }, actorOf(ACCOUNTS.otherNodal), now))
      .toEqual({ ok: false, reason: 'wf.outOfScope' });
  });
  it('an officer of the right place who does not hold it: wf.notHolder; a role that never may: wf.role', () => {
    expect(apply(assigned(), dispose, actorOf(ACCOUNTS.l1b), now)).toEqual({ ok: false, reason: 'wf.notHolder' });
    expect(apply(assigned(), dispose, actorOf(ACCOUNTS.secretary), now)).toEqual({ ok: false, reason: 'wf.role' });
    expect(apply(assigned(), dispose, actorOf(ACCOUNTS.operator), now)).toEqual({ ok: false, reason: 'wf.role' });
    expect(apply(assigned(), dispose, SYSTEM, now)).toEqual({ ok: false, reason: 'wf.role' });
  });
  it('feedback on an undisposed grievance: wf.notDisposed; reopen of one: wf.reopenNotDisposed', () => {
    expect(apply(assigned(), { type: 'feedback', satisfaction: 'satisfied' }, actorOf(ACCOUNTS.operator), now)).toEqual({ ok: false, reason: 'wf.notDisposed' });
    expect(apply(assigned(), { type: 'reopen', reason: 'Still no water' }, actorOf(ACCOUNTS.operator), now)).toEqual({ ok: false, reason: 'wf.reopenNotDisposed' });
  });
  it('reopen within the window (to the day), not after it: wf.reopenWindow', () => {
    const d = disposed();
    const window = DEFAULT_WORKFLOW_CONFIG.reopenWindowDays * DAY;
    expect(apply(d, { type: 'reopen', reason: 'Still no water' }, actorOf(ACCOUNTS.operator), new Date(T0 + window)).ok).toBe(true);
    expect(apply(d, { type: 'reopen', reason: 'Still no water' }, actorOf(ACCOUNTS.operator), new Date(T0 + window + 1))).toEqual({ ok: false, reason: 'wf.reopenWindow' });
    expect(apply(d, { type: 'reopen', reason: 'Still no water' }, actorOf(ACCOUNTS.operator), new Date(T0 + 60 * DAY), { reopenWindowDays: 90 }).ok).toBe(true);
  });
  it('escalation beyond L4: wf.topLevel; with nowhere to go: wf.noTarget', () => {
    let s = assigned();
    for (const level of ['L2', 'L3', 'L4'] as const) {
      const r = apply(s, { type: 'escalate', reason: 'Time limit passed', to: { holderId: ACCOUNTS.l4.id, level } }, SYSTEM, now);
      if (!r.ok) throw new Error(r.reason);
      s = r.next;
    }
    expect(s).toMatchObject({ level: 'L4', escalationCount: 3, status: 'assigned' });
    expect(apply(s, { type: 'escalate', reason: 'Time limit passed' }, SYSTEM, now)).toEqual({ ok: false, reason: 'wf.topLevel' });
    expect(apply(assigned(), { type: 'escalate', reason: 'Time limit passed' }, SYSTEM, now)).toEqual({ ok: false, reason: 'wf.noTarget' });
  });
  it('satisfied feedback closes; other feedback leaves it disposed for a reopen; a reopen goes back to the holder', () => {
    const d = disposed();
    const sat = apply(d, { type: 'feedback', satisfaction: 'satisfied' }, actorOf(ACCOUNTS.operator), now);
    expect(sat.ok && sat.next).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    const not = apply(d, { type: 'feedback', satisfaction: 'not_satisfied' }, actorOf(ACCOUNTS.operator), now);
    expect(not.ok && not.next).toMatchObject({ status: 'disposed', satisfaction: 'not_satisfied' });
    // At another kiosk, only with the citizen's code (checked by the server).
    expect(apply((not as { next: WorkflowState }).next, { type: 'reopen', reason: 'Still no water' }, actorOf(ACCOUNTS.otherKioskOperator), now)).toEqual({ ok: false, reason: 'wf.citizenCode' });
    const reopened = apply((not as { next: WorkflowState }).next, { type: 'reopen', reason: 'Still no water' }, { kind: 'account', account: ACCOUNTS.otherKioskOperator, citizenCode: true }, now);
    expect(reopened.ok && reopened.next).toMatchObject({ status: 'reopened', holderId: ACCOUNTS.l1.id, reopenCount: 1, outcome: 'relief', satisfaction: 'not_satisfied' });
    expect(reopened.ok && reopened.clock).toBe('start');
  });
  it('a transfer within the department keeps the clock; to another department it starts a new one', () => {
    const within = apply(assigned(), { type: 'transfer', toOfficerId: ACCOUNTS.l1b.id, reason: 'Wrong tehsil', to: { holderId: ACCOUNTS.l1b.id, level: 'L1' } }, actorOf(ACCOUNTS.l1), now);
    expect(within.ok && within.clock).toBe('keep');
    const away = apply(assigned(), { type: 'transfer', toDepartment: 'water-resources', reason: 'Canal water, not drinking water', to: { holderId: 'aen.wrd', level: 'L1', departmentCode: 'water-resources', categoryCode: 'canal-supply' } }, actorOf(ACCOUNTS.l1), now);
    expect(away.ok && away.clock).toBe('start');
    expect(away.ok && away.next).toMatchObject({ departmentCode: 'water-resources', categoryCode: 'canal-supply', holderId: 'aen.wrd' });
    expect(apply(assigned(), { type: 'transfer', toOfficerId: ACCOUNTS.l1.id, reason: 'To myself', to: { holderId: ACCOUNTS.l1.id, level: 'L1' } }, actorOf(ACCOUNTS.l1), now))
      .toEqual({ ok: false, reason: 'wf.sameHolder' });
  });
});

describe('the wire: action bodies', () => {
  const body = (action: unknown) => ActionRequest.safeParse({ actionId: '01JDQ4ZV6W3B8Q0G6N2K7F5X9A', expectedVersion: 3, action }, { reportInput: true });
  it('refuses a disposal without an outcome, naming the field', () => {
    const r = body({ type: 'dispose', remarks: 'Supply restored' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['action.outcome']);
  });
  it('refuses an unknown outcome, a transfer to both an officer and a department, and an unknown field', () => {
    expect(body({ type: 'dispose', outcome: 'solved', remarks: 'Supply restored' }).error?.issues[0].message).toBe('wf.outcome');
    expect(body({ type: 'transfer', toOfficerId: 'a', toDepartment: 'lsg', reason: 'Urban area' }).error?.issues[0].message).toBe('wf.transferTo');
    expect(body({ type: 'start', extra: 1 }).success).toBe(false);
    expect(body({ type: 'teleport' }).success).toBe(false);
  });
  it('accepts each action type', () => {
    const bodies: Record<ActionType, unknown> = {
      assign: { type: 'assign' }, start: { type: 'start' }, transfer: { type: 'transfer', toDepartment: 'lsg', reason: 'Urban area' },
      'request-info': { type: 'request-info', question: 'Which ward?' }, dispose: { type: 'dispose', outcome: 'interim-relief', remarks: 'Tanker sent' },
      feedback: { type: 'feedback', satisfaction: 'unreachable' }, reopen: { type: 'reopen', reason: 'Still no water' }, close: { type: 'close' },
      escalate: { type: 'escalate', reason: 'Long pending' },
    };
    for (const [type, b] of Object.entries(bodies)) expect(body(b).success, type).toBe(true);
  });
});

describe('who sees a grievance (viewOf)', () => {
  const s = { ...REGISTERED, status: 'assigned', holderId: ACCOUNTS.l1.id, level: 'L1' } as WorkflowState;
  it('its holder, higher officers of its place, its nodal officer and secretary, an admin; its kiosk sees the citizen view', () => {
    expect(viewOf(ACCOUNTS.l1, s)).toBe('officer');
    expect(viewOf(ACCOUNTS.l2, s)).toBe('officer');
    expect(viewOf(ACCOUNTS.l4, s)).toBe('officer');
    expect(viewOf(ACCOUNTS.l1b, s)).toBeNull(); // a peer at the same level
    expect(viewOf(ACCOUNTS.l1b, s, [ACCOUNTS.l1b.id])).toBe('officer'); // …unless it once held it
    expect(viewOf(ACCOUNTS.otherDistrict, s)).toBeNull();
    expect(viewOf(ACCOUNTS.otherDepartment, s)).toBeNull();
    expect(viewOf(ACCOUNTS.nodal, s)).toBe('officer');
    expect(viewOf(ACCOUNTS.otherNodal, s)).toBeNull();
    expect(viewOf(ACCOUNTS.secretary, s)).toBe('officer');
    expect(viewOf(ACCOUNTS.otherSecretary, s)).toBeNull();
    expect(viewOf(ACCOUNTS.admin, s)).toBe('officer');
    expect(viewOf(ACCOUNTS.operator, s)).toBe('citizen');
    expect(viewOf(ACCOUNTS.otherKioskOperator, s)).toBeNull();
  });
  it('check() never lets an out-of-scope officer act', () => {
    for (const type of ACTION_TYPES) {
      for (const a of [ACCOUNTS.otherDepartment, ACCOUNTS.otherDistrict, ACCOUNTS.otherNodal, ACCOUNTS.otherSecretary]) {
        expect(check(s, type, actorOf(a), new Date(T0)).ok, `${type} by ${a.id}`).toBe(false);
      }
    }
  });
});
