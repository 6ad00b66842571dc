/**
 * On-the-spot disposal on a camp device (issue 12): the officer's action names a grievance not yet on the
 * server by its clientId, waits for it, takes its number and version once it is synced and is sent once;
 * a refused grievance ends the action in Needs attention; after the device is handed back to the operator
 * the officer's action still goes out with the officer's own token.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, type OutboxRow } from '../../src/db/db';
import { enqueueAction } from '../../src/db/actions';
import { currentSession, handBack } from '../../src/db/session';
import { replayActions } from '../../src/sync/actions';

const NUMBER = '2601000000018';
const CLIENT = '01JCAMP0000000000000000001';
const dispose = { type: 'dispose', outcome: 'relief', remarks: 'हैंडपंप शिविर में ठीक कराया गया' } as const;

async function session(id: string, role: 'officer' | 'operator', token: string) {
  await db.session.put({
    operatorKey: id, operatorId: id, name: id, role, ...(role === 'operator' ? { kioskCode: 'K1023456' } : { level: 'L1', departments: ['phed'], district: 'jaipur' }),
    accessToken: token, accessExpiresAt: new Date(8.64e15).toISOString(), refreshToken: `rt.${id}`, locked: false, lastActivityAt: 0, needsSignIn: false,
  });
  await db.meta.put({ key: 'currentOperator', value: id });
}

const outbox = (over: Partial<OutboxRow>): OutboxRow => ({
  clientId: CLIENT, state: 'saved', receiptNumber: 'K1023456-261203-7QX2M-0001', createdAt: '2026-12-03T05:00:00.000Z', name: 'सुनीता देवी',
  mobile: '9876543210', departmentCode: 'phed', districtCode: 'jaipur', description: 'पानी नहीं', kioskCode: 'K1023456', attempts: 0, nextAttemptAt: 0, ...over,
});

/** The server in miniature: GET gives version 2; each actionId is applied once; who sent what is recorded. */
function server() {
  const applied = new Map<string, unknown>();
  const calls: { method: string; token: string | null; body?: { actionId: string; expectedVersion: number } }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const token = new Headers(init?.headers).get('authorization');
    if (!init?.method || init.method === 'GET') {
      calls.push({ method: 'GET', token });
      return Response.json({
        view: 'citizen', number: NUMBER, receiptNumber: 'K1023456-261203-7QX2M-0001', status: 'assigned', departmentCode: 'phed', categoryCode: null,
        districtCode: 'jaipur', mobile: 'XXXXXX3210', registeredAt: '2026-12-03T05:00:00.000Z', updatedAt: '2026-12-03T05:00:00.000Z',
        disposedAt: null, outcome: null, remarks: null, satisfaction: null, reopenCount: 0, reopenUntil: null, canGiveFeedback: false,
        canReopen: false, version: 2, allowedActions: [], history: [],
      });
    }
    const body = JSON.parse(String(init.body));
    calls.push({ method: 'POST', token, body });
    if (String(input) !== `/api/grievances/${NUMBER}/actions`) return Response.json({ error: 'wf.notFound', message: 'm', messageHi: 'm' }, { status: 404 });
    if (!applied.has(body.actionId)) applied.set(body.actionId, { number: NUMBER, status: 'disposed', version: body.expectedVersion + 1, holderId: 'ae', level: 'L1', dueAt: null, event: { id: '1', action: 'dispose', at: '2026-12-03T06:00:00.000Z', actorId: 'ae', actorRole: 'officer', from: 'assigned', to: 'disposed', holderId: 'ae', level: 'L1', note: null, details: {} } });
    return Response.json(applied.get(body.actionId));
  };
  return { fetch, calls, applied };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('camp disposal waiting for its grievance', () => {
  it('waits while the grievance is unsent, then is sent once against the version it arrived with', async () => {
    await session('op.meena', 'operator', 'at-op');
    await session('ae.camp', 'officer', 'at-ae');
    await db.outbox.put(outbox({}));
    await enqueueAction({ operatorKey: 'ae.camp', number: '', clientId: CLIENT, route: 'actions', action: dispose });
    const s = server();
    expect(await replayActions('manual', { fetch: s.fetch })).toMatchObject({ requests: 0, waiting: 1 });
    expect(s.calls).toEqual([]);

    await db.outbox.put(outbox({ state: 'synced', number: NUMBER }));
    const r = await replayActions('manual', { fetch: s.fetch });
    expect(r).toMatchObject({ done: 1, attention: 0, waiting: 0 });
    expect(s.calls.map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(s.calls[1].body?.expectedVersion).toBe(2);
    const [row] = await db.actions.toArray();
    expect(row).toMatchObject({ number: NUMBER, state: 'done', clientId: CLIENT });
    expect(await replayActions('manual', { fetch: s.fetch })).toMatchObject({ requests: 0 });
    expect(s.applied.size).toBe(1);
  });

  it('ends in Needs attention with a plain reason when the grievance itself was refused', async () => {
    await session('ae.camp', 'officer', 'at-ae');
    await db.outbox.put(outbox({ state: 'attention', lastError: { key: 'invalid' } }));
    await enqueueAction({ operatorKey: 'ae.camp', number: '', clientId: CLIENT, route: 'actions', action: dispose });
    const s = server();
    expect(await replayActions('manual', { fetch: s.fetch })).toMatchObject({ requests: 0, attention: 1, waiting: 0 });
    expect((await db.actions.toArray())[0]).toMatchObject({ state: 'attention', lastError: { key: 'camp.grievanceRefused' } });
  });

  it("after the officer hands the device back, the operator is current and locked, and the officer's action goes with the officer's token", async () => {
    await session('op.meena', 'operator', 'at-op');
    await session('ae.camp', 'officer', 'at-ae');
    await db.outbox.put(outbox({ state: 'synced', number: NUMBER }));
    await enqueueAction({ operatorKey: 'ae.camp', number: '', clientId: CLIENT, route: 'actions', action: dispose });
    expect(await handBack('op.meena')).toBe(true);
    expect(await currentSession()).toMatchObject({ operatorKey: 'op.meena', locked: true, accessToken: 'at-op' });
    const s = server();
    expect(await replayActions('manual', { fetch: s.fetch })).toMatchObject({ done: 1 });
    expect(s.calls.map((c) => c.token)).toEqual(['Bearer at-ae', 'Bearer at-ae']);
  });
});
