import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, type ActionRow } from '../../src/db/db';
import { enqueueAction, dismissAction } from '../../src/db/actions';
import { replay } from '../../src/sync/replay';
import { replayActions } from '../../src/sync/actions';
import { bodyOf, judgeAction, nextToSend, settle } from '../../src/sync/action-policy';
import type { WorkflowAction } from '../../src/domain/workflow';

const OFFICER = { id: 'off.jaipur', key: 'off.jaipur' };
const N1 = '2601000000018';
const N2 = '2601000000026';
const TOKEN = 'at-officer';

async function signInAs(id: string, role: 'officer' | 'operator' = 'officer') {
  await db.session.put({
    operatorKey: id.toLowerCase(), operatorId: id, name: id, role, ...(role === 'operator' ? { kioskCode: 'K1023456' } : { level: 'L1', departments: ['phed'], district: 'jaipur' }),
    accessToken: TOKEN, accessExpiresAt: new Date(8.64e15).toISOString(), refreshToken: 'rt1.x.y', locked: false, lastActivityAt: 0, needsSignIn: false,
  });
  await db.meta.put({ key: 'currentOperator', value: id.toLowerCase() });
}

type Fault = 'ok' | '500' | 'network' | 'lost-after-commit';

/**
 * The server's action protocol in miniature: each grievance has a version; an action is applied once per
 * actionId (a resend gets the first answer); a stale expectedVersion is refused with 409 wf.stale.
 */
function workflowServer(schedule: Fault[] = []) {
  const grievances = new Map<string, { version: number; status: string; events: { action: string; at: string }[] }>([
    [N1, { version: 2, status: 'assigned', events: [] }], [N2, { version: 5, status: 'in_progress', events: [] }],
  ]);
  const answers = new Map<string, { status: number; body: unknown }>();
  const applied: { number: string; actionId: string; type: string; expectedVersion?: number }[] = [];
  const posts: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://kiosk.test');
    const m = url.pathname.match(/^\/api\/grievances\/(\d{13})(?:\/(actions|feedback|reopen))?$/);
    const g = m && grievances.get(m[1]);
    if (!m || !g) return Response.json({ error: 'wf.notFound', message: 'No grievance has this number.', messageHi: 'नहीं मिला' }, { status: 404 });
    if (!init?.method || init.method === 'GET') {
      return Response.json({
        view: 'citizen', number: m[1], receiptNumber: 'K1023456-260105-7QX2M-0001', status: g.status, departmentCode: 'phed', categoryCode: null,
        districtCode: 'jaipur', mobile: 'XXXXXX3210', registeredAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T10:00:00.000Z',
        disposedAt: null, outcome: null, remarks: null, satisfaction: null, reopenCount: 0, reopenUntil: null, canGiveFeedback: false,
        canReopen: false, version: g.version, allowedActions: [], history: g.events.map((e) => ({ ...e, status: g.status, note: null })),
      });
    }
    const fault = schedule.shift() ?? 'ok';
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault === '500') return Response.json({ error: 'api.internal', message: 'm', messageHi: 'm' }, { status: 500 });
    const body = JSON.parse(String(init.body));
    posts.push(body.actionId);
    let answer = answers.get(body.actionId);
    if (!answer) {
      if (body.expectedVersion !== undefined && body.expectedVersion !== g.version) {
        answer = { status: 409, body: { error: 'wf.stale', message: 'The grievance has changed since you last saw it; refresh and try again.', messageHi: 'बदल चुका है' } };
      } else {
        const type = m[2] === 'actions' ? body.action.type : m[2] === 'feedback' ? 'feedback' : 'reopen';
        g.version++;
        g.status = type === 'dispose' ? 'disposed' : type === 'start' ? 'in_progress' : type === 'reopen' ? 'reopened' : g.status;
        g.events.push({ action: type, at: new Date().toISOString() });
        applied.push({ number: m[1], actionId: body.actionId, type, expectedVersion: body.expectedVersion });
        const event = { id: String(applied.length), at: new Date().toISOString(), action: type, actorId: 'x', actorRole: 'officer', from: null, to: g.status, holderId: null, level: null, note: null, details: {} };
        answer = { status: 200, body: { number: m[1], status: g.status, version: g.version, holderId: null, level: null, dueAt: null, event } };
      }
      answers.set(body.actionId, answer);
    }
    if (fault === 'lost-after-commit') throw new TypeError('connection reset');
    return Response.json(answer.body, { status: answer.status });
  };
  return { fetch, grievances, applied, posts };
}

const dispose: WorkflowAction = { type: 'dispose', outcome: 'relief', remarks: 'Handpump repaired on site.' };
const start: WorkflowAction = { type: 'start' };
const queue = (number: string, action: WorkflowAction, knownVersion?: number, operatorKey = OFFICER.key) =>
  enqueueAction({ operatorKey, number, route: 'actions', action, knownVersion });
const rowsOf = async () => (await db.actions.toArray()).sort((a, b) => (a.actionId < b.actionId ? -1 : 1));
let clock = 1_000_000;
const now = () => clock;

beforeEach(async () => {
  await db.delete();
  await db.open();
  await signInAs(OFFICER.id);
  clock = 1_000_000;
});

describe('action queue', () => {
  describe('enqueue', () => {
    it('saves the action on the device with its ULID and the version it was taken on', async () => {
      const row = await queue(N1, dispose, 2);
      expect(row).toMatchObject({ state: 'saved', expectedVersion: 2, route: 'actions', attempts: 0 });
      expect(row.actionId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(await db.actions.get(row.actionId)).toBeTruthy();
    });

    it('chains a second action on the same grievance after the first, without a version of its own', async () => {
      const a = await queue(N1, start, 2);
      const b = await queue(N1, dispose, 2);
      const c = await queue(N2, start, 5);
      expect(b).toMatchObject({ after: a.actionId });
      expect(b.expectedVersion).toBeUndefined();
      expect(c.after).toBeUndefined();
    });

    it('refuses an action body that does not fit the wire schema', async () => {
      await expect(queue(N1, { type: 'dispose', remarks: 'x' } as WorkflowAction, 2)).rejects.toThrow();
      expect(await db.actions.count()).toBe(0);
    });
  });

  describe('replay', () => {
    it('sends each action once and releases the chained one against the version its predecessor produced', async () => {
      await queue(N1, start, 2);
      await queue(N1, dispose, 2);
      const server = workflowServer();
      const r = await replay('manual', { fetch: server.fetch, now });
      expect(r).toMatchObject({ synced: 2, waiting: 0 });
      expect(server.applied.map((a) => [a.type, a.expectedVersion])).toEqual([['start', 2], ['dispose', 3]]);
      expect((await rowsOf()).map((x) => [x.state, x.result?.version])).toEqual([['done', 3], ['done', 4]]);
      // Nothing more is sent later.
      await replay('manual', { fetch: server.fetch, now });
      expect(server.posts).toHaveLength(2);
    });

    it('applies an action exactly once when the answer is lost after the server committed it', async () => {
      await queue(N1, dispose, 2);
      // One lost answer is retried at once (and answered with the first answer); two in a row back off.
      const server = workflowServer(['lost-after-commit', 'lost-after-commit']);
      const first = await replayActions('manual', { fetch: server.fetch, now, random: () => 0.5 });
      expect(first).toMatchObject({ done: 0, waiting: 1, error: { key: 'net' } });
      expect((await rowsOf())[0]).toMatchObject({ state: 'saved', attempts: 1 });
      await replayActions('manual', { fetch: server.fetch, now });
      expect(server.posts).toHaveLength(3); // sent three times…
      expect(server.applied).toHaveLength(1); // …applied once
      expect((await rowsOf())[0]).toMatchObject({ state: 'done', result: { version: 3, status: 'disposed' } });
    });

    it('resends an action left "sending" by a replay that died, with the same actionId and body', async () => {
      const row = await queue(N1, dispose, 2);
      const server = workflowServer();
      await server.fetch(`/api/grievances/${N1}/actions`, { method: 'POST', body: JSON.stringify(bodyOf(row)) }); // it reached the server…
      await db.actions.update(row.actionId, { state: 'sending' }); // …and the tab was closed
      await replayActions('timer', { fetch: server.fetch, now });
      expect(server.applied).toHaveLength(1);
      expect((await db.actions.get(row.actionId))?.state).toBe('done');
    });

    it('refuses a stale action with the reason and what the grievance became, blocks what was chained after it, and never retries', async () => {
      const server = workflowServer();
      server.grievances.get(N1)!.version = 3; // someone else acted meanwhile
      server.grievances.get(N1)!.events.push({ action: 'transfer', at: '2026-01-05T10:00:00.000Z' });
      const a = await queue(N1, start, 2);
      const b = await queue(N1, dispose, 2);
      const other = await queue(N2, start, 5);
      const r = await replayActions('manual', { fetch: server.fetch, now });
      expect(r).toMatchObject({ done: 1, attention: 1, waiting: 0 });
      const rows = await rowsOf();
      expect(rows.find((x) => x.actionId === a.actionId)).toMatchObject({
        state: 'attention', lastError: { key: 'wf.stale', message: expect.stringContaining('changed'), movedOn: { action: 'transfer', status: 'assigned' } },
      });
      expect(rows.find((x) => x.actionId === b.actionId)).toMatchObject({ state: 'attention', lastError: { key: 'act.blocked' } });
      expect(rows.find((x) => x.actionId === other.actionId)?.state).toBe('done'); // one refusal never holds the others
      await replayActions('manual', { fetch: server.fetch, now });
      expect(server.posts).toHaveLength(2);
      await dismissAction(a.actionId);
      expect(await db.actions.get(a.actionId)).toBeUndefined();
    });

    it('keeps an action through 5xx and network failures, backs off, and sends it later', async () => {
      await queue(N1, dispose, 2);
      const server = workflowServer(['500', 'network', 'network']); // a lost connection is retried once at once
      const r1 = await replayActions('manual', { fetch: server.fetch, now, random: () => 1 });
      expect(r1).toMatchObject({ done: 0, waiting: 1, error: { key: 'server' } });
      const row = (await rowsOf())[0];
      expect(row.nextAttemptAt).toBeGreaterThan(clock);
      // The timer respects the backoff; the network returning does not wait for it.
      expect(await replayActions('timer', { fetch: server.fetch, now })).toMatchObject({ requests: 0, waiting: 1 });
      expect(await replayActions('online', { fetch: server.fetch, now })).toMatchObject({ requests: 1, error: { key: 'net' } });
      clock = (await rowsOf())[0].nextAttemptAt;
      expect(await replayActions('timer', { fetch: server.fetch, now })).toMatchObject({ done: 1, waiting: 0 });
      expect(server.applied).toHaveLength(1);
    });

    it('sends only the signed-in person\'s actions, with their own route', async () => {
      await queue(N1, dispose, 2);
      await enqueueAction({ operatorKey: 'op.meena', number: N2, route: 'feedback', action: { type: 'feedback', satisfaction: 'not_satisfied' }, knownVersion: 5 });
      const server = workflowServer();
      await replayActions('manual', { fetch: server.fetch, now });
      expect(server.applied.map((a) => a.type)).toEqual(['dispose']);
      await signInAs('op.meena', 'operator');
      await replayActions('manual', { fetch: server.fetch, now });
      expect(server.applied.map((a) => a.type)).toEqual(['dispose', 'feedback']);
    });

    it("carries the citizen's code with feedback and a reopen taken at another kiosk, and forgets it once answered", async () => {
      await signInAs('op.meena', 'operator');
      const bodies: Record<string, unknown>[] = [];
      const server = workflowServer();
      const seen: typeof server.fetch = (input, init) => { if (init?.body) bodies.push(JSON.parse(String(init.body))); return server.fetch(input, init); };
      const row = await enqueueAction({ operatorKey: 'op.meena', number: N2, route: 'feedback', action: { type: 'feedback', satisfaction: 'not_satisfied' }, knownVersion: 5, code: '४८१९०२' });
      expect(row.code).toBe('४८१९०२');
      await replayActions('manual', { fetch: seen, now });
      expect(bodies).toEqual([{ actionId: row.actionId, expectedVersion: 5, satisfaction: 'not_satisfied', code: '४८१९०२' }]);
      const [stored] = await rowsOf();
      expect(stored.state).toBe('done');
      expect(stored.code).toBeUndefined();
    });

    it('changes nothing while nobody is signed in', async () => {
      await queue(N1, dispose, 2);
      await db.meta.delete('currentOperator');
      const server = workflowServer();
      expect(await replayActions('manual', { fetch: server.fetch, now })).toMatchObject({ requests: 0, waiting: 1 });
      expect((await rowsOf())[0]).toMatchObject({ state: 'saved', attempts: 0 });
    });
  });

  describe('decisions', () => {
    const row = (over: Partial<ActionRow>): ActionRow => ({
      actionId: '01J0000000000000000000000A', operatorKey: 'k', number: N1, route: 'actions', action: start, expectedVersion: 1,
      state: 'saved', createdAt: '', attempts: 0, nextAttemptAt: 0, ...over,
    });

    it('reads an answer: accepted, refused for good, or unknown', () => {
      const ok = { number: N1, status: 'in_progress', version: 2, holderId: null, level: null, dueAt: null,
        event: { id: '1', at: '', action: 'start', actorId: null, actorRole: null, from: null, to: null, holderId: null, level: null, note: null, details: {} } };
      expect(judgeAction(200, ok).kind).toBe('done');
      expect(judgeAction(200, { nonsense: true })).toMatchObject({ kind: 'transient', error: { key: 'badResponse' } });
      expect(judgeAction(409, { error: 'wf.stale', message: 'm', messageHi: 'h' })).toMatchObject({ kind: 'refused', error: { key: 'wf.stale', message: 'm' } });
      expect(judgeAction(403, { error: 'wf.notHolder', message: 'm', messageHi: 'h' })).toMatchObject({ kind: 'refused', error: { key: 'wf.notHolder' } });
      expect(judgeAction(503, {}, 2000)).toMatchObject({ kind: 'transient', retryAfterMs: 2000 });
      expect(judgeAction(429, {})).toMatchObject({ kind: 'transient', error: { key: 'api.busy' } });
      expect(judgeAction(418, 'teapot')).toMatchObject({ kind: 'refused', error: { key: 'rejected' } });
    });

    it('picks the oldest unsent action that waits for nothing and is past its backoff', () => {
      const rows = [
        row({ actionId: '01J0000000000000000000000C' }),
        row({ actionId: '01J0000000000000000000000B', after: '01J0000000000000000000000A' }),
        row({ actionId: '01J0000000000000000000000A', nextAttemptAt: 500 }),
        row({ actionId: '01J00000000000000000000009', state: 'attention' }),
      ];
      expect(nextToSend(rows, 100)?.actionId).toBe('01J0000000000000000000000C');
      expect(nextToSend(rows, 500)?.actionId).toBe('01J0000000000000000000000A');
    });

    it('settles the chain: released after an acceptance, blocked (transitively) after a refusal', () => {
      const a = row({ actionId: 'A' });
      const b = row({ actionId: 'B', after: 'A', expectedVersion: undefined });
      const c = row({ actionId: 'C', after: 'B', expectedVersion: undefined });
      const result = { number: N1, status: 'in_progress' as const, version: 7, holderId: null, level: null, dueAt: null, event: {} as never };
      const done = settle([a, b, c], a, { kind: 'done', result }, 'now');
      expect(done.map((r) => [r.actionId, r.state, r.expectedVersion, r.after])).toEqual([['A', 'done', 1, undefined], ['B', 'saved', 7, undefined]]);
      const refused = settle([a, b, c], a, { kind: 'refused', error: { key: 'wf.stale' } }, 'now');
      expect(refused.map((r) => [r.actionId, r.state, r.lastError?.key])).toEqual([['A', 'attention', 'wf.stale'], ['B', 'attention', 'act.blocked'], ['C', 'attention', 'act.blocked']]);
    });

    it('builds each route\'s body from the stored action', () => {
      expect(bodyOf(row({ action: dispose }))).toEqual({ actionId: '01J0000000000000000000000A', expectedVersion: 1, action: dispose });
      expect(bodyOf(row({ route: 'feedback', action: { type: 'feedback', satisfaction: 'not_satisfied' } })))
        .toEqual({ actionId: '01J0000000000000000000000A', expectedVersion: 1, satisfaction: 'not_satisfied' });
      expect(bodyOf(row({ route: 'reopen', action: { type: 'reopen', reason: 'Still no water in the village.' }, expectedVersion: undefined })))
        .toEqual({ actionId: '01J0000000000000000000000A', reason: 'Still no water in the village.' });
      expect(bodyOf(row({ route: 'reopen', action: start }))).toBeUndefined();
    });
  });
});

describe('device database', () => {
  it('upgrades from version 3 keeping every unsent grievance and file, and adds the actions and views tables', async () => {
    const { Dexie } = await import('dexie');
    const { DB_NAME } = await import('../../src/db/db');
    db.close();
    await Dexie.delete(DB_NAME);
    const v3 = new Dexie(DB_NAME);
    const V3 = {
      grievances: 'clientId', outbox: 'clientId, state, createdAt, receiptNumber, mobile, operatorId', meta: 'key',
      session: 'operatorKey', verifiers: 'operatorKey', attachments: 'sha256, *clientIds, confirmedAt',
    };
    v3.version(3).stores(V3);
    await v3.open();
    const outboxRow = { clientId: '01J00000000000000000000001', state: 'saved', receiptNumber: 'K1-260105-7QX2M-0001', createdAt: 'x', mobile: '9876543210', operatorId: 'op.meena' };
    await v3.table('outbox').add(outboxRow);
    await v3.table('attachments').add({ sha256: 'a'.repeat(64), bytes: 3, type: 'image/jpeg', clientIds: [outboxRow.clientId], createdAt: 1 });
    v3.close();
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.outbox.get(outboxRow.clientId)).toEqual(outboxRow);
    expect(await db.attachments.where('clientIds').equals(outboxRow.clientId).count()).toBe(1);
    expect(await db.actions.where('state').equals('saved').count()).toBe(0);
    expect(await db.views.where('owner').equals('x').count()).toBe(0);
  });
});
