/**
 * Small holes in sign-in, each with its test: a refresh counts under the per-address sign-in limit; a
 * refresh with a made-up secret for a real session id is a plain 401 that leaves the real device signed
 * in (only a secret that was valid once is "reuse"); refusals of callers who cannot be named grow the
 * audit log by a bounded number of entries per minute, however many addresses send them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/domain/accounts';
import { ApiError } from '../../src/domain/schemas';
import type { Db } from '../../server/store/db';
import { DEVICE } from './fixtures';
import { addAccount, BACKENDS, bearer, MEENA, PASSWORD, signIn, startServer, type TestServer } from './harness';

describe('sign-in hardening', () => {
  let db: Db;
  let server: TestServer;
  let now = new Date('2026-12-01T04:30:00.000Z');
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

  beforeAll(async () => {
    db = await BACKENDS[0].open();
    server = await startServer({ db, clock: () => now, trustProxy: true, security: { loginPerAddressPerMin: 4, apiPerAddressPerMin: 1_000_000 } });
    await addAccount(db, MEENA);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const refresh = (refreshToken: string, headers: Record<string, string> = {}) => server.post('/api/auth/refresh', { refreshToken, deviceId: DEVICE }, headers);
  const lastAuditId = async () => Number((await db.query<{ m: string | null }>('SELECT max(id) AS m FROM audit_log'))[0].m ?? 0);
  const auditSince = (id: number) =>
    db.query<{ action: string; ip: string | null; details: Record<string, unknown> }>('SELECT action, ip, details FROM audit_log WHERE id > $1 ORDER BY id', [id]);
  const errorOf = async (res: Response) => ({ status: res.status, error: ApiError.parse(await res.json()).error });

  it('counts refreshes under the per-address sign-in limit, together with sign-ins', async () => {
    advance(3600);
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    const s0 = Session.parse(await (await server.post('/api/auth/login', { operatorId: MEENA.id, password: PASSWORD, deviceId: DEVICE }, ip)).json());
    const s1 = Session.parse(await (await refresh(s0.refreshToken, ip)).json());
    const s2 = Session.parse(await (await refresh(s1.refreshToken, ip)).json());
    const s3 = Session.parse(await (await refresh(s2.refreshToken, ip)).json()); // the 4th attempt of the minute
    const limited = await refresh(s3.refreshToken, ip);
    expect(await errorOf(limited)).toEqual({ status: 429, error: 'api.rateLimited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await server.post('/api/auth/login', { operatorId: MEENA.id, password: 'x', deviceId: DEVICE }, ip)).status).toBe(429);
    expect((await refresh(s3.refreshToken, from('203.0.113.8'))).status).toBe(200); // another address is not affected
  });

  it('answers a made-up secret for a real session id with a plain 401 and leaves the device signed in; a rotated-out secret is reuse', async () => {
    advance(3600);
    const s0 = await signIn(server, MEENA.id);
    const sid = s0.refreshToken.split('.')[1];
    const before = await lastAuditId();
    for (const secret of [randomBytes(48).toString('base64url'), randomBytes(32).toString('base64url'), s0.refreshToken.split('.')[2].slice(0, -2) + 'AA']) {
      expect(await errorOf(await refresh(`rt1.${sid}.${secret}`))).toEqual({ status: 401, error: 'auth.invalid' });
    }
    expect((await server.get('/api/auth/me', bearer(s0))).status).toBe(200); // not signed out
    advance(61); // past the sign-in limit's minute
    const s1 = Session.parse(await (await refresh(s0.refreshToken)).json()); // the real token still works
    expect((await auditSince(before)).map((e) => [e.action, e.details.reason])).toEqual([
      ['auth.refresh.refused', 'not-issued'], ['auth.refresh.refused', 'not-issued'], ['auth.refresh.refused', 'not-issued'], ['auth.refresh', undefined],
    ]);
    // The secret of s0 was valid once: presenting it again is reuse, and ends the session.
    expect(await errorOf(await refresh(s0.refreshToken))).toEqual({ status: 401, error: 'auth.invalid' });
    expect((await server.get('/api/auth/me', bearer(s1))).status).toBe(401);
    expect((await auditSince(before)).map((e) => e.details.reason)).toContain('reuse');
  });

  it('writes at most 30 full entries and one summary a minute for bad tokens, however many addresses send them', async () => {
    advance(3600);
    const before = await lastAuditId();
    const sent = 400;
    for (let i = 0; i < sent; i++) {
      const res = await server.get('/api/auth/me', { authorization: `Bearer at1.${randomBytes(20).toString('base64url')}.${randomBytes(32).toString('base64url')}`, ...from(`198.51.100.${i % 200}`) });
      expect(res.status).toBe(401);
    }
    const during = await auditSince(before);
    expect(during.length).toBeLessThanOrEqual(30);
    advance(60);
    expect((await server.get('/api/auth/me', { authorization: 'Bearer at1.x.y', ...from('198.51.100.1') })).status).toBe(401);
    const after = await auditSince(before);
    const summaries = after.filter((e) => e.action === 'auth.refused.summary');
    expect(summaries).toHaveLength(1);
    expect(summaries[0].details).toMatchObject({ count: sent - during.length, addresses: 200, byReason: { 'invalid-token': sent - during.length } });
    expect(after.length).toBe(during.length + 2); // the summary, and the next minute's first refusal in full
  }, 120_000);
});
