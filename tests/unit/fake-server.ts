/**
 * A stand-in for the server's protocol in the unit tests (the real one is tested in tests/server):
 * sign-in with rotating, single-use refresh tokens (a spent one revokes the session, as the server
 * does), access tokens that expire on the server's own clock, and the sync endpoint, idempotent on
 * clientId, behind a schedule of faults.
 */
import { db } from '../../src/db/db';
import { grievanceNumber } from '../../src/domain/numbers';
import type { SyncResult } from '../../src/domain/schemas';

export type Fault = 'ok' | '500' | '503-retry' | 'lost-after-commit' | 'network' | 'garbage' | '413' | '403';

export const OPERATOR = { id: 'op.meena', password: 'correct horse 1', name: 'Meena Sharma', kioskCode: 'K1023456' } as const;
/** A token the server accepts without a sign-in (seedSession stores it), for tests that are not about sign-in. */
export const SEEDED_ACCESS = 'at-seeded';
export const SEEDED_REFRESH = 'rt1.seededsession00.seededsecret0000';

type Account = { id: string; password: string; name: string; kioskCode: string; disabled?: boolean };

export function fakeServer(schedule: Fault[] = [], opts: { accounts?: Account[]; accessTtlMs?: number; now?: () => number } = {}) {
  const now = opts.now ?? Date.now;
  const accessTtl = opts.accessTtlMs ?? 15 * 60_000;
  const accounts = new Map<string, Account>((opts.accounts ?? [OPERATOR]).map((a) => [a.id.toLowerCase(), { ...a }]));
  const stored = new Map<string, { number: string; body: string; operatorId?: string }>();
  const log: { fault: Fault; ids: string[]; token: string | null }[] = [];
  const authLog: { path: string; status: number; refreshToken?: string }[] = [];
  /** sessions by id: the one live refresh token, and whether the session was revoked. */
  const sessions = new Map<string, { accountId: string; refresh: string; revoked: boolean }>();
  const access = new Map<string, { sid: string; exp: number }>();
  let seq = 0;
  let n = 0;
  /** What GET /api/health says. */
  const health = { ok: true };

  sessions.set('seeded', { accountId: OPERATOR.id, refresh: SEEDED_REFRESH, revoked: false });
  access.set(SEEDED_ACCESS, { sid: 'seeded', exp: Number.MAX_SAFE_INTEGER });

  const json = (status: number, body: unknown) => Response.json(body, { status });
  const refusal = (error: string) => json(401, { error, message: error, messageHi: error });
  const issue = (sid: string, accountId: string) => {
    const a = accounts.get(accountId.toLowerCase())!;
    const accessToken = `at-${++n}`;
    const refreshToken = `rt1.${sid}.secret${n}`;
    access.set(accessToken, { sid, exp: now() + accessTtl });
    sessions.get(sid)!.refresh = refreshToken;
    return {
      accessToken, accessExpiresAt: new Date(now() + accessTtl).toISOString(), refreshToken,
      refreshExpiresAt: new Date(now() + 30 * 86_400_000).toISOString(),
      operator: { id: a.id, name: a.name, role: 'operator', kioskCode: a.kioskCode },
    };
  };

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const path = new URL(String(input), 'http://kiosk.test').pathname;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const bearer = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? null;
    const record = (res: Response, extra: { refreshToken?: string } = {}) => { authLog.push({ path, status: res.status, ...extra }); return res; };

    if (path === '/api/auth/login') {
      const a = accounts.get(String(body.operatorId).toLowerCase());
      if (!a || a.password !== body.password) return record(json(401, { error: 'auth.credentials', message: 'm', messageHi: 'm' }));
      if (a.disabled) return record(json(401, { error: 'auth.disabled', message: 'm', messageHi: 'm' }));
      const sid = `session${++n}`;
      sessions.set(sid, { accountId: a.id, refresh: '', revoked: false });
      return record(json(200, issue(sid, a.id)));
    }
    if (path === '/api/auth/refresh') {
      const sid = String(body.refreshToken).split('.')[1];
      const s = sessions.get(sid);
      if (!s || s.revoked) return record(refusal('auth.invalid'), { refreshToken: body.refreshToken });
      if (s.refresh !== body.refreshToken) { s.revoked = true; return record(refusal('auth.invalid'), { refreshToken: body.refreshToken }); } // reuse
      return record(json(200, issue(sid, s.accountId)), { refreshToken: body.refreshToken });
    }
    if (path === '/api/auth/logout') {
      const t = bearer ? access.get(bearer) : undefined;
      if (t) sessions.get(t.sid)!.revoked = true;
      return record(json(200, { signedOut: true }));
    }

    if (path === '/api/health') return health.ok ? json(200, { status: 'ok' }) : json(503, { error: 'api.busy', message: 'busy', messageHi: 'busy' });

    // The sync endpoint: a valid, unexpired access token of a live session first.
    const t = bearer ? access.get(bearer) : undefined;
    if (!t) return refusal(bearer ? 'auth.invalid' : 'auth.required');
    if (t.exp <= now()) return refusal('auth.expired');
    if (sessions.get(t.sid)!.revoked) return refusal('auth.invalid');

    const fault = schedule.shift() ?? 'ok';
    const { grievances } = body as { grievances: Record<string, unknown>[] };
    log.push({ fault, ids: grievances.map((g) => g.clientId as string), token: bearer });
    if (fault === 'network') throw new TypeError('Failed to fetch');
    // A record the server cannot take, whatever the cause: every batch holding it fails.
    if (grievances.some((g) => String(g.description).startsWith('POISON'))) return new Response('{"error":"internal"}', { status: 500 });
    if (fault === '500') return new Response('{"error":"internal"}', { status: 500 });
    if (fault === '503-retry') return new Response('{}', { status: 503, headers: { 'retry-after': '120' } });
    if (fault === '413') return new Response('{}', { status: 413 });
    if (fault === '403') return json(403, { error: 'auth.forbidden', message: 'Your role is not allowed to do this.', messageHi: 'अनुमति नहीं' });
    const results: SyncResult[] = grievances.map((g) => {
      const text = JSON.stringify(g);
      const prev = stored.get(g.clientId as string);
      if (String(g.description).startsWith('INVALID')) return { clientId: g.clientId as string, status: 'invalid', errors: [{ path: 'description', code: 'x', message: 'bad', messageHi: 'गलत' }] };
      if (prev && prev.body !== text) return { clientId: g.clientId as string, status: 'conflict', number: prev.number, message: 'c', messageHi: 'c' };
      if (prev) return { clientId: g.clientId as string, status: 'duplicate', number: prev.number, receivedAt: 'x' };
      const number = grievanceNumber(new Date(), 'ajmer', ++seq);
      stored.set(g.clientId as string, { number, body: text, operatorId: g.operatorId as string | undefined });
      return { clientId: g.clientId as string, status: 'created', number, receivedAt: 'x' };
    });
    if (fault === 'lost-after-commit') throw new TypeError('connection reset after commit');
    if (fault === 'garbage') return new Response('{"results":"yes"}', { status: 200 });
    return Response.json({ results });
  };

  return {
    fetch: fetch as typeof globalThis.fetch, stored, log, authLog, accounts, health,
    /** Revokes every session of an account, as a password reset does. */
    revokeAll(accountId: string) { for (const s of sessions.values()) if (s.accountId.toLowerCase() === accountId.toLowerCase()) s.revoked = true; },
    refreshes: () => authLog.filter((l) => l.path === '/api/auth/refresh'),
  };
}

/** Stores a signed-in session for OPERATOR with the token every fakeServer accepts (no sign-in round trip). */
export async function seedSession(overrides: Partial<import('../../src/db/db').SessionRow> = {}): Promise<void> {
  await db.session.put({
    operatorKey: OPERATOR.id.toLowerCase(), operatorId: OPERATOR.id, name: OPERATOR.name, role: 'operator', kioskCode: OPERATOR.kioskCode,
    accessToken: SEEDED_ACCESS, accessExpiresAt: new Date(8.64e15).toISOString(), refreshToken: SEEDED_REFRESH,
    locked: false, lastActivityAt: 0, needsSignIn: false, ...overrides,
  });
  await db.meta.put({ key: 'currentOperator', value: OPERATOR.id.toLowerCase() });
}
