import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { registerForCurrentOperator, registerGrievance } from '../../src/db/grievances';
import { currentSession } from '../../src/db/session';
import { parseIntake } from '../../src/domain/intake';
import type { IntakeFields } from '../../src/domain/schemas';
import { checkVerifier, constantTimeEqual, PBKDF2_ITERATIONS, PBKDF2_MIN_ITERATIONS } from '../../src/domain/verifier';
import { authorizedFetch, isIdle, lock, lockIfIdle, signIn, signOut, unlock, type AuthOptions } from '../../src/sync/auth';
import { replay } from '../../src/sync/replay';
import { fakeServer, OPERATOR } from './fake-server';

const COLLEAGUE = { id: 'op.ravi', password: 'another pass 2', name: 'Ravi Meena', kioskCode: OPERATOR.kioskCode };
const OTHER_KIOSK = { id: 'op.far', password: 'far away pass 3', name: 'Far Away', kioskCode: 'K7777' };

const fields = (i: number): IntakeFields => {
  const r = parseIntake({ name: 'सीता देवी', mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural',
    districtCode: 'ajmer', departmentCode: 'energy', description: `गाँव में बिजली नहीं आ रही है, शिकायत क्रमांक ${i}`, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

let clock = Date.parse('2026-11-28T10:00:00Z');
const now = () => clock;
const MIN = 60_000;

/** A server whose clock is the test's (plus `skewMs`), with the three operators. */
const server = (skewMs = 0, schedule: Parameters<typeof fakeServer>[0] = []) =>
  fakeServer(schedule, { accounts: [OPERATOR, COLLEAGUE, OTHER_KIOSK], now: () => clock + skewMs });
type Server = ReturnType<typeof server>;

const opts = (s: Server, online = true): AuthOptions => ({ fetch: s.fetch, now, online: () => online, iterations: PBKDF2_MIN_ITERATIONS });
const signInOnline = async (s: Server, who: { id: string; password: string } = OPERATOR) => {
  const r = await signIn(who.id, who.password, opts(s));
  expect(r).toMatchObject({ ok: true, mode: 'online' });
};
const register = (i: number) => registerForCurrentOperator(fields(i), { lang: 'hi', now: new Date(clock) });

beforeEach(async () => {
  await db.delete();
  await db.open();
  clock = Date.parse('2026-11-28T10:00:00Z');
});

describe('sign-in', () => {
  it('online: stores the session, a slow verifier and "current" together', async () => {
    const s = server();
    await signInOnline(s);
    const session = await currentSession();
    expect(session).toMatchObject({ operatorId: OPERATOR.id, kioskCode: OPERATOR.kioskCode, locked: false, needsSignIn: false });
    expect(session?.accessToken).toBeTruthy();
    expect(session?.refreshToken).toBeTruthy();
    const v = await db.verifiers.get(OPERATOR.id.toLowerCase());
    expect(v).toMatchObject({ operatorId: OPERATOR.id, iterations: PBKDF2_MIN_ITERATIONS, profile: { kioskCode: OPERATOR.kioskCode } });
    expect(JSON.stringify(v)).not.toContain(OPERATOR.password);
    expect(await checkVerifier(OPERATOR.password, v!)).toBe(true);
    expect(await checkVerifier('wrong', v!)).toBe(false);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(310_000);
  });

  it('offline: the same operator signs in against the verifier, with the stored (stale) tokens kept', async () => {
    const s = server();
    await signInOnline(s);
    const before = await currentSession();
    await lock();
    expect(await signIn(OPERATOR.id, 'wrong password', opts(s, false))).toEqual({ ok: false, key: 'auth.credentials', field: 'password' });
    expect(await signIn(COLLEAGUE.id, COLLEAGUE.password, opts(s, false))).toEqual({ ok: false, key: 'auth.offlineFirst', field: 'operatorId' });
    const r = await signIn(OPERATOR.id.toUpperCase(), OPERATOR.password, opts(s, false));
    expect(r).toMatchObject({ ok: true, mode: 'offline', session: { operatorId: OPERATOR.id, kioskCode: OPERATOR.kioskCode } });
    expect(s.authLog.filter((l) => l.path === '/api/auth/login')).toHaveLength(1); // only the first, online one
    expect((await currentSession())?.refreshToken).toBe(before?.refreshToken);
  });

  it('the morning after a sign-out: the offline sign-in unseals the refresh token, and what is registered then is sent with no second sign-in', async () => {
    const s = server();
    await signInOnline(s);
    const evening = (await currentSession())!.refreshToken!;
    await signOut(opts(s));
    expect(s.authLog.filter((l) => l.path === '/api/auth/logout')).toHaveLength(0); // the session goes on, sealed
    expect(await db.session.count()).toBe(0);
    const v = (await db.verifiers.toArray())[0];
    expect(v.sealedRefresh).toBeTruthy();
    expect(JSON.stringify(v)).not.toContain(evening); // sealed, not readable

    // A wrong password opens nothing; the right one, offline, resumes with the evening's refresh token.
    expect(await signIn(OPERATOR.id, 'wrong password', opts(s, false))).toMatchObject({ ok: false, key: 'auth.credentials' });
    expect(await signIn(OPERATOR.id, OPERATOR.password, opts(s, false))).toMatchObject({ ok: true, mode: 'offline' });
    const morning = await currentSession();
    expect(morning).toMatchObject({ refreshToken: evening, needsSignIn: false });
    expect(morning?.accessToken).toBeUndefined();
    expect((await db.verifiers.toArray())[0].sealedRefresh).toBeUndefined(); // in use again: it will rotate
    await register(1);
    await register(2);
    expect(await replay('online', { fetch: s.fetch, now })).toMatchObject({ synced: 2 });
    expect(s.authLog.map((l) => l.path)).toEqual(['/api/auth/login', '/api/auth/refresh']);

    // Signing out again seals the rotated token (the spent one would revoke the session as reuse).
    await signOut(opts(s));
    await signIn(OPERATOR.id, OPERATOR.password, opts(s, false));
    await register(3);
    expect(await replay('online', { fetch: s.fetch, now })).toMatchObject({ synced: 1 });
    expect(s.refreshes().map((l) => l.status)).toEqual([200, 200]);
  });

  it('a sealed token the server has since ended asks for a sign-in and says why; "forget this device" ends it on the server and leaves nothing to sign in with offline', async () => {
    const s = server();
    await signInOnline(s);
    await signOut(opts(s));
    s.revokeAll(OPERATOR.id); // "sign out everywhere" meanwhile
    await signIn(OPERATOR.id, OPERATOR.password, opts(s, false));
    await register(1);
    expect(await replay('online', { fetch: s.fetch, now })).toMatchObject({ synced: 0, waiting: 1 });
    expect(await currentSession()).toMatchObject({ needsSignIn: true, signInReason: 'auth.invalid' });

    await signInOnline(s);
    expect(await replay('online', { fetch: s.fetch, now })).toMatchObject({ synced: 1 });
    await signOut({ ...opts(s), forget: true });
    expect(s.authLog.at(-1)).toMatchObject({ path: '/api/auth/logout', status: 200 });
    expect(await db.verifiers.count()).toBe(0);
    expect(await signIn(OPERATOR.id, OPERATOR.password, opts(s, false))).toEqual({ ok: false, key: 'auth.offlineFirst', field: 'operatorId' });
  });

  it('an offline sign-in with nothing sealed (signed out before this version) says so at once; a version 1 verifier is upgraded', async () => {
    const s = server();
    await signInOnline(s);
    await signOut(opts(s));
    // What an older version left: a version 1 verifier (the PBKDF2 output itself) and no sealed token.
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(OPERATOR.password), 'PBKDF2', false, ['deriveBits']);
    const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PBKDF2_MIN_ITERATIONS }, key, 256));
    const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
    const row = (await db.verifiers.toArray())[0];
    const { sealedRefresh: _s, v: _v, ...rest } = row;
    await db.verifiers.put({ ...rest, salt: b64(salt), hash: b64(bits), iterations: PBKDF2_MIN_ITERATIONS });

    expect(await signIn(OPERATOR.id, OPERATOR.password, opts(s, false))).toMatchObject({ ok: true, mode: 'offline' });
    expect(await currentSession()).toMatchObject({ needsSignIn: true, signInReason: 'auth.noCredential' });
    const upgraded = (await db.verifiers.toArray())[0];
    expect(upgraded.v).toBe(2);
    expect(upgraded.hash).not.toBe(b64(bits));
    expect(await checkVerifier(OPERATOR.password, upgraded)).toBe(true);
  });

  it('falls back to the verifier when the server cannot be reached (network error, 5xx)', async () => {
    const s = server();
    await signInOnline(s);
    await lock();
    const down: AuthOptions = { ...opts(s), fetch: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch };
    expect(await signIn(OPERATOR.id, OPERATOR.password, down)).toMatchObject({ ok: true, mode: 'offline' });
    const bad: AuthOptions = { ...opts(s), fetch: (async () => new Response('{}', { status: 502 })) as typeof fetch };
    expect(await signIn(OPERATOR.id, OPERATOR.password, bad)).toMatchObject({ ok: true, mode: 'offline' });
    expect((await currentSession())?.refreshToken).toBeTruthy(); // the tokens of the online sign-in are kept
  });

  it('online, the server decides: a wrong password is refused even when a verifier exists; a disabled account is forgotten', async () => {
    const s = server();
    await signInOnline(s);
    expect(await signIn(OPERATOR.id, 'not it at all', opts(s))).toEqual({ ok: false, key: 'auth.credentials', field: 'password' });
    s.accounts.get(OPERATOR.id.toLowerCase())!.disabled = true;
    expect(await signIn(OPERATOR.id, OPERATOR.password, opts(s))).toEqual({ ok: false, key: 'auth.disabled', field: 'operatorId' });
    expect(await db.verifiers.count()).toBe(0);
    expect(await signIn(OPERATOR.id, OPERATOR.password, opts(s, false))).toMatchObject({ ok: false, key: 'auth.offlineFirst' });
  });

  it('checks the typed values before asking anyone', async () => {
    const s = server();
    expect(await signIn('', 'x', opts(s))).toEqual({ ok: false, key: 'auth.idEmpty', field: 'operatorId' });
    expect(await signIn('bad id!', 'x', opts(s))).toEqual({ ok: false, key: 'err.operatorId', field: 'operatorId' });
    expect(await signIn(OPERATOR.id, '', opts(s))).toEqual({ ok: false, key: 'auth.passwordEmpty', field: 'password' });
    expect(s.authLog).toHaveLength(0);
  });

  it('compares verifier bytes without an early exit', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});

describe('lock, idle lock and sign-out', () => {
  it("sign-out removes what the server showed this person from the device, never queued work", async () => {
    const s = server();
    await signInOnline(s);
    await register(1);
    const key = (await currentSession())!.operatorKey;
    await db.views.bulkPut([
      { id: `${key} queue`, owner: key, savedAt: new Date().toISOString(), data: { citizen: 'सीता देवी, 9876543210' } },
      { id: 'someone-else queue', owner: 'someone-else', savedAt: new Date().toISOString(), data: {} },
    ]);
    const outboxBefore = await db.outbox.count();
    await signOut(opts(s));
    expect(await db.views.where('owner').equals(key).count()).toBe(0);
    expect(await db.views.get('someone-else queue')).toBeTruthy();
    expect(outboxBefore).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('a locked screen registers nothing and unlocks on the device with the password', async () => {
    const s = server();
    await signInOnline(s);
    await lock();
    await expect(register(1)).rejects.toMatchObject({ name: 'NotSignedIn' });
    expect(await unlock('wrong password', opts(s))).toMatchObject({ ok: false, key: 'auth.credentials' });
    expect(await unlock(OPERATOR.password, opts(s))).toMatchObject({ ok: true, mode: 'offline' });
    expect(s.authLog.filter((l) => l.path === '/api/auth/login')).toHaveLength(1); // unlocking needed no server
    expect((await register(1)).operatorId).toBe(OPERATOR.id);
  });

  it('locks after the idle time, not before; activity in any tab counts', async () => {
    const s = server();
    await signInOnline(s);
    const session = (await currentSession())!;
    expect(isIdle(session, clock + 9 * MIN, 10 * MIN)).toBe(false);
    expect(isIdle(session, clock + 10 * MIN, 10 * MIN)).toBe(true);
    expect(await lockIfIdle(10 * MIN, clock + 9 * MIN)).toBe(false);
    expect(await lockIfIdle(10 * MIN, clock + 10 * MIN)).toBe(true);
    expect((await currentSession())?.locked).toBe(true);
  });

  it('sign-out seals the refresh token and forgets the rest, but never a grievance', async () => {
    const s = server();
    await signInOnline(s);
    await register(1);
    await register(2);
    await signOut(opts(s));
    expect(s.authLog.map((l) => l.path)).not.toContain('/api/auth/logout');
    expect(await currentSession()).toBeUndefined();
    expect(await db.session.count()).toBe(0);
    expect(await db.outbox.count()).toBe(2);
    expect(await db.grievances.count()).toBe(2);
    expect(await db.verifiers.count()).toBe(1); // the operator can still sign in here offline
    // The next operator of the kiosk sends them, still as registered by the first.
    await signInOnline(s, COLLEAGUE);
    expect(await replay('manual', { fetch: s.fetch, now })).toMatchObject({ synced: 2 });
    expect([...s.stored.values()].map((g) => g.operatorId)).toEqual([OPERATOR.id, OPERATOR.id]);
  });
});

describe('replay with tokens', () => {
  it('refreshes an expired access token once, then sends', async () => {
    const s = server();
    await signInOnline(s);
    for (let i = 0; i < 3; i++) await register(i);
    clock += 16 * MIN; // the 15-minute access token expired while offline
    const r = await replay('online', { fetch: s.fetch, now });
    expect(r).toMatchObject({ synced: 3, waiting: 0 });
    expect(s.refreshes()).toHaveLength(1);
    expect(s.refreshes()[0].status).toBe(200);
    expect(s.log).toHaveLength(1);
  });

  it('refreshes once more after a 401 auth.expired (the server clock is ahead of the device)', async () => {
    const s = server(20 * MIN);
    clock -= 20 * MIN; // sign in "earlier" on the server's clock: the device believes the token is still good
    await signInOnline(s);
    clock += 20 * MIN;
    await register(1);
    expect(await replay('manual', { fetch: s.fetch, now })).toMatchObject({ synced: 1 });
    expect(s.refreshes()).toHaveLength(1);
  });

  it('when the refresh is refused: stops, changes no record, starts no backoff, asks for a sign-in; then sends all once as registered', async () => {
    const s = server();
    await signInOnline(s);
    for (let i = 0; i < 3; i++) await register(i);
    // One record has a failure behind it already: its attempts and wait must survive untouched.
    const first = (await db.outbox.toArray())[0];
    await db.outbox.update(first.clientId, { attempts: 2, nextAttemptAt: clock - 1, lastError: { key: 'net' } });
    const before = await db.outbox.toArray();
    s.revokeAll(OPERATOR.id); // e.g. a password reset on the server
    clock += 16 * MIN;

    const r = await replay('online', { fetch: s.fetch, now });
    expect(r).toMatchObject({ synced: 0, attention: 0, waiting: 3, error: { key: 'auth.signin' } });
    expect(await db.outbox.toArray()).toEqual(before);
    expect(await db.meta.get('backoff')).toBeUndefined();
    const session = await currentSession();
    expect(session).toMatchObject({ needsSignIn: true, operatorId: OPERATOR.id });
    expect(session?.refreshToken).toBeUndefined();
    // A second replay does not knock on the server again.
    const refreshes = s.refreshes().length;
    expect(await replay('timer', { fetch: s.fetch, now })).toMatchObject({ error: { key: 'auth.signin' } });
    expect(s.refreshes()).toHaveLength(refreshes);
    expect(s.log).toHaveLength(0);

    // Another operator of the kiosk signs in; every record goes once, still as the first operator's.
    await signInOnline(s, COLLEAGUE);
    expect(await replay('manual', { fetch: s.fetch, now })).toMatchObject({ synced: 3, waiting: 0 });
    expect([...s.stored.values()].map((g) => g.operatorId)).toEqual([OPERATOR.id, OPERATOR.id, OPERATOR.id]);
    expect(s.log.flatMap((l) => l.ids)).toHaveLength(3);
  });

  it('two concurrent replays and requests spend the refresh token only once', async () => {
    const s = server();
    await signInOnline(s);
    for (let i = 0; i < 12; i++) await register(i);
    clock += 16 * MIN;
    const call = () => authorizedFetch('/api/sync/grievances', { method: 'POST', body: JSON.stringify({ grievances: [] }) }, { fetch: s.fetch, now });
    const [a, b, c, d] = await Promise.all([
      replay('manual', { fetch: s.fetch, now, batchSize: 5 }), call(), replay('online', { fetch: s.fetch, now, batchSize: 5 }), call(),
    ]);
    expect(s.refreshes()).toHaveLength(1);
    expect(s.refreshes()[0].status).toBe(200);
    expect([b.status, d.status]).toEqual([200, 200]);
    expect(a.synced + c.synced).toBe(12);
    expect((await currentSession())?.needsSignIn).toBe(false);
  });

  it('a 403 (the account may not send) puts the batch in Needs attention with the server’s words', async () => {
    const s = server(0, ['403']);
    await signInOnline(s);
    await register(1);
    const r = await replay('manual', { fetch: s.fetch, now });
    expect(r).toMatchObject({ attention: 1, waiting: 0 });
    expect((await db.outbox.toArray())[0]).toMatchObject({ state: 'attention', lastError: { key: 'auth.forbidden', message: 'Your role is not allowed to do this.' } });
  });

  it('leaves another kiosk’s records waiting for an operator of that kiosk', async () => {
    const s = server();
    await signInOnline(s, OTHER_KIOSK);
    await register(1);
    await registerGrievance(fields(2), { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi' });
    const r = await replay('manual', { fetch: s.fetch, now });
    expect(r).toMatchObject({ synced: 1, waiting: 1 });
    await signInOnline(s, OPERATOR);
    expect(await replay('manual', { fetch: s.fetch, now })).toMatchObject({ synced: 1, waiting: 0 });
  });
});
