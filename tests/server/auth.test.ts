/**
 * Sign-in, tokens and sign-out over HTTP: what a device sees when it signs in, when its access token
 * expires or is forged, when its operator is disabled, when a refresh token is used twice, and when
 * someone guesses passwords. The server's clock is a variable here, so expiry needs no waiting.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Me, Session } from '../../src/domain/accounts';
import { ApiError, ServerConfig } from '../../src/domain/schemas';
import { verifyPassword } from '../../server/auth/passwords';
import { resetPassword, setDisabled } from '../../server/store/accounts';
import type { Db } from '../../server/store/db';
import { DEVICE, deviceId } from './fixtures';
import { addAccount, BACKENDS, bearer, MEENA, PASSWORD, signIn, startServer, type TestServer } from './harness';

const START = new Date('2026-11-28T09:00:00.000Z');

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`sign-in on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let now = START;
    const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

    beforeAll(async () => {
      db = await backend.open();
      server = await startServer({ db, clock: () => now });
      await addAccount(db, MEENA);
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
    });
    // Each test starts a day later: rate-limit windows of the one before have passed, tokens have expired.
    beforeEach(async () => {
      advance(24 * 3600);
      await setDisabled(db, MEENA.id, false, now);
    });

    const me = (headers: Record<string, string>) => server.get('/api/auth/me', headers);
    const refresh = (refreshToken: string, device = DEVICE) => server.post('/api/auth/refresh', { refreshToken, deviceId: device });
    async function expectError(res: Response, status: number, key: string): Promise<ApiError> {
      expect(res.status).toBe(status);
      const body = ApiError.parse(await res.json());
      expect(body.error).toBe(key);
      expect(body.messageHi).toMatch(/[\u0900-\u097F]/);
      return body;
    }
    const auditSince = async (id: number) =>
      db.query<{ id: string; action: string; actor_id: string | null; device_id: string | null; details: Record<string, unknown> }>(
        'SELECT id, action, actor_id, device_id, details FROM audit_log WHERE id > $1 ORDER BY id', [id]);
    const lastAuditId = async () => Number((await db.query<{ m: string | null }>('SELECT max(id) AS m FROM audit_log'))[0].m ?? 0);

    describe('login', () => {
      it('answers tokens, their expiry and the account, whatever the case of the operator ID', async () => {
        const res = await server.post('/api/auth/login', { operatorId: 'OP.MEENA', password: PASSWORD, deviceId: DEVICE });
        expect(res.status).toBe(200);
        const s = Session.parse(await res.json());
        expect(s.operator).toEqual(MEENA);
        expect(new Date(s.accessExpiresAt).getTime() - now.getTime()).toBe(15 * 60 * 1000);
        expect(new Date(s.refreshExpiresAt).getTime() - now.getTime()).toBe(30 * 24 * 3600 * 1000);
        expect(s.accessToken).toMatch(/^at1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
        expect(s.refreshToken).toMatch(/^rt1\./);
        expect(Me.parse(await (await me(bearer(s))).json())).toEqual({ operator: MEENA, deviceId: DEVICE, accessExpiresAt: s.accessExpiresAt });
      });

      it('keeps only a hash of the refresh token and a salted scrypt hash of the password', async () => {
        const s = await signIn(server, MEENA.id);
        const whole = JSON.stringify(await db.query('SELECT * FROM auth_sessions')) + JSON.stringify(await db.query('SELECT * FROM accounts'));
        expect(whole).not.toContain(s.refreshToken);
        expect(whole).not.toContain(s.refreshToken.split('.')[2]);
        expect(whole).not.toContain(PASSWORD);
        const [{ password_hash }] = await db.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE id = $1', [MEENA.id]);
        expect(password_hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
        expect(await verifyPassword(PASSWORD, password_hash)).toBe(true);
        expect(await verifyPassword(`${PASSWORD} `, password_hash)).toBe(false);
      });

      it('refuses a wrong password and an unknown operator alike, and audits both without the password', async () => {
        const from = await lastAuditId();
        const wrong = await expectError(await server.post('/api/auth/login', { operatorId: MEENA.id, password: 'wrong password', deviceId: DEVICE }), 401, 'auth.credentials');
        const unknown = await expectError(await server.post('/api/auth/login', { operatorId: 'nobody', password: 'wrong password', deviceId: DEVICE }), 401, 'auth.credentials');
        expect(wrong).toEqual(unknown);
        const entries = await auditSince(from);
        expect(entries.map((e) => [e.action, e.actor_id, e.details.reason])).toEqual([
          ['auth.login.failed', MEENA.id, 'password'],
          ['auth.login.failed', null, 'unknown-account'], // the typed ID may be a password typed in the wrong field
        ]);
        expect(JSON.stringify(entries)).not.toContain('wrong password');
      });

      it('audits a successful sign-in with the device', async () => {
        const from = await lastAuditId();
        await signIn(server, MEENA.id);
        expect((await auditSince(from)).map((e) => [e.action, e.actor_id, e.device_id])).toEqual([['auth.login', MEENA.id, DEVICE]]);
      });
    });

    describe('access token', () => {
      it('works until it expires, then answers 401 auth.expired (and the device refreshes)', async () => {
        const s = await signIn(server, MEENA.id);
        advance(15 * 60 - 1);
        expect((await me(bearer(s))).status).toBe(200);
        advance(1);
        const res = await me(bearer(s));
        await expectError(res, 401, 'auth.expired');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
        const fresh = Session.parse(await (await refresh(s.refreshToken)).json());
        expect((await me(bearer(fresh))).status).toBe(200);
      });

      it('answers 401 auth.required without a token, and auth.invalid for a malformed header', async () => {
        const res = await me({});
        await expectError(res, 401, 'auth.required');
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="sampark"');
        const s = await signIn(server, MEENA.id);
        await expectError(await me({ authorization: s.accessToken }), 401, 'auth.invalid');
        await expectError(await me({ authorization: `Basic ${Buffer.from('op.meena:x').toString('base64')}` }), 401, 'auth.invalid');
      });

      it('refuses forged tokens: bad signature, tampered payload, alg swaps, none, and audits them', async () => {
        const s = await signIn(server, MEENA.id);
        const [prefix, payload, sig] = s.accessToken.split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const { aadhaarKey } = ServerConfig.parse(await (await server.get('/api/config')).json());
        const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest('base64url');
        const admin = enc({ ...claims, role: 'admin', sub: 'root' });
        const later = enc({ ...claims, exp: (claims.exp as number) + 365 * 86400 });
        const forged = [
          `${prefix}.${payload}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`, // signature changed
          `${prefix}.${admin}.${sig}`, // payload tampered, old signature
          `${prefix}.${later}.${sig}`, // expiry extended
          `${prefix}.${payload}.`, // signature dropped
          `${prefix}.${payload}`,
          `${prefix}.${admin}.${hmac(Buffer.from(aadhaarKey, 'base64'), `${prefix}.${admin}`)}`, // keyed with the server's public key
          `${prefix}.${admin}.${hmac('', `${prefix}.${admin}`)}`, // empty key
          `${enc({ alg: 'none', typ: 'JWT' })}.${admin}.`, // JWT alg none
          `${enc({ alg: 'HS256', typ: 'JWT' })}.${admin}.${hmac(Buffer.from(aadhaarKey, 'base64'), `${enc({ alg: 'HS256', typ: 'JWT' })}.${admin}`)}`,
          `at2.${payload}.${sig}`, // another version
          `${prefix}.${payload}.${sig}.${sig}`,
          `${prefix}.${payload}=.${sig}`,
          `${prefix}.${enc({ ...claims, extra: 1 })}.${sig}`,
        ];
        const from = await lastAuditId();
        for (const token of forged) await expectError(await me({ authorization: `Bearer ${token}` }), 401, 'auth.invalid');
        // The first 5 from an address in a minute are written in full, the rest counted (server/auth/refusal-log.ts).
        advance(60);
        await expectError(await me({ authorization: `Bearer ${forged[0]}` }), 401, 'auth.invalid'); // the next minute's first
        const audited = await auditSince(from);
        const refused = audited.filter((e) => e.action === 'auth.refused');
        expect(refused).toHaveLength(5 + 1);
        expect(refused.every((e) => e.details.reason === 'invalid-token')).toBe(true);
        expect(audited.filter((e) => e.action === 'auth.refused.summary').map((e) => e.details)).toEqual([
          expect.objectContaining({ count: forged.length - 5, addresses: 1, byReason: { 'invalid-token': forged.length - 5 } }),
        ]);
        expect((await me(bearer(s))).status).toBe(200); // the real one still works
      });

      it("stops working at once when the operator is disabled, and signing in is refused with auth.disabled", async () => {
        const s = await signIn(server, MEENA.id);
        expect((await me(bearer(s))).status).toBe(200);
        await setDisabled(db, MEENA.id, true, now); // what `admin disable-operator` does
        const from = await lastAuditId();
        await expectError(await me(bearer(s)), 401, 'auth.disabled');
        await expectError(await refresh(s.refreshToken), 401, 'auth.disabled');
        await expectError(await server.post('/api/auth/login', { operatorId: MEENA.id, password: PASSWORD, deviceId: DEVICE }), 401, 'auth.disabled');
        expect((await auditSince(from)).map((e) => [e.action, e.details.reason])).toEqual([
          ['auth.refused', 'disabled'], ['auth.refresh.refused', 'disabled'], ['auth.login.refused', 'disabled'],
        ]);
        await setDisabled(db, MEENA.id, false, now);
        await expectError(await me(bearer(s)), 401, 'auth.invalid'); // enabling again does not revive old sessions
        expect((await me(bearer(await signIn(server, MEENA.id)))).status).toBe(200);
      });

      it('stops working when the password is reset', async () => {
        const s = await signIn(server, MEENA.id);
        await resetPassword(db, MEENA.id, 'a new password', now);
        await expectError(await me(bearer(s)), 401, 'auth.invalid');
        await expectError(await refresh(s.refreshToken), 401, 'auth.invalid');
        await expectError(await server.post('/api/auth/login', { operatorId: MEENA.id, password: PASSWORD, deviceId: DEVICE }), 401, 'auth.credentials');
        await resetPassword(db, MEENA.id, PASSWORD, now);
      });
    });

    describe('refresh', () => {
      it('rotates: each refresh answers a new refresh token and the same account', async () => {
        const s0 = await signIn(server, MEENA.id);
        advance(60);
        const s1 = Session.parse(await (await refresh(s0.refreshToken)).json());
        advance(60);
        const s2 = Session.parse(await (await refresh(s1.refreshToken)).json());
        expect(new Set([s0.refreshToken, s1.refreshToken, s2.refreshToken]).size).toBe(3);
        expect(new Set([s0.accessToken, s1.accessToken, s2.accessToken]).size).toBe(3);
        expect(s2.operator).toEqual(MEENA);
        expect(new Date(s2.refreshExpiresAt).getTime() - now.getTime()).toBe(30 * 24 * 3600 * 1000);
        expect((await me(bearer(s2))).status).toBe(200);
      });

      it('treats a second use of a refresh token as theft: the whole session is revoked', async () => {
        const s0 = await signIn(server, MEENA.id);
        const s1 = Session.parse(await (await refresh(s0.refreshToken)).json());
        const from = await lastAuditId();
        await expectError(await refresh(s0.refreshToken), 401, 'auth.invalid'); // the old one again
        await expectError(await refresh(s1.refreshToken), 401, 'auth.invalid'); // so the newer one is dead too
        await expectError(await me(bearer(s1)), 401, 'auth.invalid'); // and its access token
        expect((await auditSince(from)).map((e) => [e.action, e.details.reason])).toEqual([
          ['auth.refresh.refused', 'reuse'], ['auth.refresh.refused', 'revoked'], ['auth.refused', 'revoked'],
        ]);
      });

      it('only works from the device it was issued to (and a try from another device revokes it)', async () => {
        const s = await signIn(server, MEENA.id);
        await expectError(await refresh(s.refreshToken, deviceId() === DEVICE ? 'ZZZZZ' : deviceId()), 401, 'auth.invalid');
        await expectError(await refresh(s.refreshToken), 401, 'auth.invalid');
      });

      it('expires after 30 days without use, with auth.expired', async () => {
        const s = await signIn(server, MEENA.id);
        advance(30 * 24 * 3600);
        await expectError(await refresh(s.refreshToken), 401, 'auth.expired');
      });

      it('refuses a well-formed token of no session', async () => {
        await expectError(await refresh(`rt1.${'A'.repeat(22)}.${'B'.repeat(43)}`), 401, 'auth.invalid');
        await expectError(await refresh('not a token'), 400, 'api.invalid');
      });

      it('signing in again on the same device replaces the session there; other devices keep theirs', async () => {
        const a = await signIn(server, MEENA.id, PASSWORD, DEVICE);
        const other = await signIn(server, MEENA.id, PASSWORD, DEVICE === 'ZZZZZ' ? 'YYYYY' : 'ZZZZZ');
        const b = await signIn(server, MEENA.id, PASSWORD, DEVICE);
        await expectError(await me(bearer(a)), 401, 'auth.invalid');
        expect((await me(bearer(b))).status).toBe(200);
        expect((await me(bearer(other))).status).toBe(200);
      });
    });

    describe('logout', () => {
      it('ends the session: its access and refresh tokens stop working; it is audited', async () => {
        const s = await signIn(server, MEENA.id);
        const from = await lastAuditId();
        const res = await server.post('/api/auth/logout', {}, bearer(s));
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ signedOut: true });
        await expectError(await me(bearer(s)), 401, 'auth.invalid');
        await expectError(await refresh(s.refreshToken), 401, 'auth.invalid');
        expect((await auditSince(from)).map((e) => e.action)).toEqual(['auth.logout', 'auth.refused', 'auth.refresh.refused']);
      });

      it('takes an expired access token and no body, and is idempotent', async () => {
        const s = await signIn(server, MEENA.id);
        advance(3600);
        const res = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: bearer(s) });
        expect(res.status).toBe(200);
        expect((await server.post('/api/auth/logout', {}, bearer(s))).status).toBe(200);
        await expectError(await refresh(s.refreshToken), 401, 'auth.invalid');
        await expectError(await server.post('/api/auth/logout', {}, {}), 401, 'auth.required');
        await expectError(await server.post('/api/auth/logout', { everything: true }, bearer(s)), 400, 'api.invalid');
      });
    });

    describe('rate limits', () => {
      it('refuses an account for 15 minutes after 5 wrong passwords, even with the right one; other accounts are unaffected', async () => {
        await addAccount(db, { id: 'op.ravi', name: 'Ravi', role: 'operator', kioskCode: 'K1023456' });
        const login = (operatorId: string, password: string) => server.post('/api/auth/login', { operatorId, password, deviceId: DEVICE });
        for (let i = 0; i < 5; i++) await expectError(await login(MEENA.id, `guess number ${i}`), 401, 'auth.credentials');
        const from = await lastAuditId();
        const locked = await login(MEENA.id, PASSWORD);
        await expectError(locked, 429, 'auth.tooManyAttempts');
        const retryAfter = Number(locked.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(14 * 60);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
        await expectError(await login('OP.Meena', PASSWORD), 429, 'auth.tooManyAttempts'); // any case
        expect((await auditSince(from)).map((e) => [e.action, e.details.reason])).toEqual([['auth.login.refused', 'too-many-failures']]);
        expect((await login('op.ravi', PASSWORD)).status).toBe(200);
        advance(retryAfter);
        expect((await login(MEENA.id, PASSWORD)).status).toBe(200);
      });

      it('refuses more than 30 sign-in attempts a minute from one address, with Retry-After', async () => {
        for (let i = 0; i < 30; i++) expect((await server.post('/api/auth/login', { operatorId: 'x' })).status).toBe(400);
        const res = await server.post('/api/auth/login', { operatorId: MEENA.id, password: PASSWORD, deviceId: DEVICE });
        await expectError(res, 429, 'api.rateLimited');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        expect((await server.get('/api/health')).status).toBe(200); // the general limit is separate
        advance(60);
        expect((await server.post('/api/auth/login', { operatorId: MEENA.id, password: PASSWORD, deviceId: DEVICE })).status).toBe(200);
      });
    });
  });
}

describe('general API rate limits', () => {
  let db: Db;
  let server: TestServer;
  let now = START;

  beforeAll(async () => {
    db = await BACKENDS[0].open();
    server = await startServer({ db, clock: () => now, security: { apiPerSessionPerMin: 5, apiPerAddressPerMin: 8 } });
    await addAccount(db, MEENA);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('limits each session, and calls without a token per address, each with Retry-After', async () => {
    const a = await signIn(server, MEENA.id, PASSWORD, 'AAAAA');
    const b = await signIn(server, MEENA.id, PASSWORD, 'BBBBB');
    for (let i = 0; i < 5; i++) expect((await server.get('/api/auth/me', bearer(a))).status).toBe(200);
    const limited = await server.get('/api/auth/me', bearer(a));
    expect(limited.status).toBe(429);
    expect(ApiError.parse(await limited.json()).error).toBe('api.rateLimited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await server.get('/api/auth/me', bearer(b))).status).toBe(200); // another device's session is not affected

    for (let i = 0; i < 8; i++) expect((await server.get('/api/health')).status).toBe(200);
    expect((await server.get('/api/health')).status).toBe(429);
    expect((await server.get('/api/auth/me', { authorization: 'Bearer forged' })).status).toBe(429); // bad tokens count per address
    expect((await server.get('/api/auth/me', bearer(b))).status).toBe(200); // a valid token does not
    now = new Date(now.getTime() + 60_000);
    expect((await server.get('/api/health')).status).toBe(200);
    expect((await server.get('/api/auth/me', bearer(a))).status).toBe(200);
  });
});
