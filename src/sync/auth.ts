/**
 * Sign-in and tokens on the device, for the page and the service worker alike.
 *
 * Protocol (server/routes/auth.ts, shapes in src/domain/accounts.ts):
 *   POST /api/auth/login   { operatorId, password, deviceId } → Session (access + refresh token, operator)
 *   POST /api/auth/refresh { refreshToken, deviceId }        → Session (a NEW refresh token)
 *   POST /api/auth/logout  with the Bearer token             → the server ends the session
 * Every other API call carries `Authorization: Bearer <accessToken>`; a 401 says why in `error`:
 * 'auth.expired' (refresh, then retry), 'auth.invalid' / 'auth.disabled' (only a sign-in helps).
 *
 * Refresh tokens rotate: each works once, and presenting a spent one makes the server revoke the whole
 * session (reuse detection). The page's tabs and the service worker all refresh, so every refresh (and
 * every sign-in, which replaces the tokens) runs under the Web Lock 'sampark-auth' and re-reads the
 * session inside it: whoever waited finds the tokens another context just got and uses those.
 *
 * Sign-in is online first; with no network (or no server) the same operator's password is checked
 * against the verifier kept from their last online sign-in here (src/domain/verifier.ts) and their stored
 * session is unlocked, stale tokens and all, or, after a sign-out, the refresh token sealed then is
 * unsealed with the key the password opens: the refresh later tells whether it still works.
 */
import { Session, type Account } from '../domain/accounts';
import { OperatorId } from '../domain/schemas';
import { makeVerifier, openVerifier, sealText, unsealText } from '../domain/verifier';
import { ensureDeviceId } from '../db/device-id';
import {
  currentSession, dropVerifier, endCurrentSession, forgetOperator, getVerifier, markNeedsSignIn, resumeOffline,
  saveOnlineSignIn, saveRefreshed, sessionOf, setLocked, touchActivity, type SessionRow, type Tokens,
} from '../db/session';
import { withLock } from './locks';

export { AUTH_LOCK } from './names';
import { AUTH_LOCK } from './names';
/** An access token this close to its expiry is refreshed before use (clocks and requests take time). */
export const REFRESH_MARGIN_MS = 30_000;

/** Only a sign-in can help: nobody is signed in, or the server refused the session. Nothing was sent. */
export class AuthRequired extends Error {
  override name = 'AuthRequired';
  constructor(readonly reason: string) {
    super(`sign-in required (${reason})`);
  }
}
/** By name, not instanceof: the error may cross bundles (page chunk, service worker). */
export const isAuthRequired = (e: unknown): e is AuthRequired => (e as Error | undefined)?.name === 'AuthRequired';

export interface AuthOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Base URL of the API; '' means same origin. */
  baseUrl?: string;
  /** Whether the network is up; default navigator.onLine. */
  online?: () => boolean;
  /** PBKDF2 iterations of a new verifier (the default is PBKDF2_ITERATIONS). */
  iterations?: number;
  timeoutMs?: number;
  /**
   * Act as this signed-in person (operatorKey) rather than the current one: on a shared camp device an
   * officer's queued actions are sent with the officer's own tokens after the operator took the device back.
   */
  as?: string;
}

/** The session a call acts as: `opts.as`, or the person at the keyboard now. */
const sessionFor = (opts: AuthOptions): Promise<SessionRow | undefined> => (opts.as ? sessionOf(opts.as) : currentSession());

export type SignInField = 'operatorId' | 'password' | 'form';
export type SignInResult =
  | { ok: true; mode: 'online' | 'offline'; session: SessionRow }
  /** `key` is a message key of the one dictionary; `field` is where the form shows it. */
  | { ok: false; key: string; field: SignInField };

const fail = (key: string, field: SignInField): SignInResult => ({ ok: false, key, field });
const fetchOf = (o: AuthOptions) => o.fetch ?? globalThis.fetch.bind(globalThis);
const nowOf = (o: AuthOptions) => (o.now ?? Date.now)();
const isOnline = (o: AuthOptions) => o.online?.() ?? (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine ?? true;
const errorKeyOf = (body: unknown) => {
  const e = (body as { error?: unknown } | null | undefined)?.error;
  return typeof e === 'string' ? e : undefined;
};
const tokensOf = (s: Session): Tokens => ({ accessToken: s.accessToken, accessExpiresAt: s.accessExpiresAt, refreshToken: s.refreshToken });
const expiresSoon = (s: SessionRow, now: number) => !s.accessExpiresAt || Date.parse(s.accessExpiresAt) - now <= REFRESH_MARGIN_MS;
const postJson = (o: AuthOptions, path: string, body: unknown) =>
  fetchOf(o)(`${o.baseUrl ?? ''}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    signal: AbortSignal.timeout(o.timeoutMs ?? 15_000), credentials: 'same-origin',
  });

/**
 * Signs `operatorId` in on this device: online when the server answers, else offline against the stored
 * verifier. `preferOffline` checks the verifier first (unlocking a screen needs no server round trip).
 */
export async function signIn(operatorId: string, password: string, opts: AuthOptions & { preferOffline?: boolean } = {}): Promise<SignInResult> {
  const id = operatorId.trim();
  if (!OperatorId.safeParse(id).success) return fail(id ? 'err.operatorId' : 'auth.idEmpty', 'operatorId');
  if (!password) return fail('auth.passwordEmpty', 'password');
  if (opts.preferOffline) {
    const r = await offlineSignIn(id, password, opts);
    if (r.ok || r.key !== 'auth.offlineFirst') return r;
  }
  if (isOnline(opts)) {
    const r = await onlineSignIn(id, password, opts);
    if (r !== 'unreachable') return r;
  }
  return offlineSignIn(id, password, opts);
}

async function onlineSignIn(id: string, password: string, opts: AuthOptions): Promise<SignInResult | 'unreachable'> {
  const deviceId = await ensureDeviceId();
  return withLock(AUTH_LOCK, async () => {
    let res: Response;
    try {
      res = await postJson(opts, '/api/auth/login', { operatorId: id, password, deviceId });
    } catch {
      return 'unreachable';
    }
    if (res.status >= 500) return 'unreachable'; // a proxy's 502/504 or a server in trouble: as good as offline
    const body: unknown = await res.json().catch(() => undefined);
    if (res.ok) {
      const session = Session.safeParse(body);
      if (!session.success) return fail('auth.failed', 'form');
      // Derived before the transaction: IndexedDB transactions cannot wait for WebCrypto.
      const made = await makeVerifier(password, opts.iterations);
      const row = await saveOnlineSignIn(session.data.operator, tokensOf(session.data), made.verifier, made.sealKey, nowOf(opts));
      return { ok: true, mode: 'online', session: row };
    }
    const key = errorKeyOf(body) ?? 'auth.failed';
    if (key === 'auth.disabled') {
      await forgetOperator(id); // a disabled account must not unlock offline either
      return fail(key, 'operatorId');
    }
    if (key === 'auth.credentials') return fail(key, 'password');
    if (key === 'err.operatorId') return fail(key, 'operatorId');
    return fail(key, 'form'); // rate limits (auth.tooManyAttempts, api.rateLimited) and anything unforeseen
  });
}

async function offlineSignIn(id: string, password: string, opts: AuthOptions): Promise<SignInResult> {
  const v = await getVerifier(id);
  if (!v) return fail('auth.offlineFirst', 'operatorId');
  const opened = await openVerifier(password, v);
  if (!opened) return fail('auth.credentials', 'password');
  // The refresh token sealed at this operator's last sign-out, if any: with it, what is registered now is
  // sent as soon as the network returns, with no second (online) sign-in.
  const token = v.sealedRefresh && (await unsealText(opened.sealKey, v.sealedRefresh));
  const unsealed = token && v.sealedRefresh ? { token, from: v.sealedRefresh } : undefined;
  return { ok: true, mode: 'offline', session: await resumeOffline(v, { ...opened, unsealed }, nowOf(opts)) };
}

/** Unlocks the current operator's screen with their password (online sign-in only when their tokens were refused). */
export async function unlock(password: string, opts: AuthOptions = {}): Promise<SignInResult> {
  const s = await currentSession();
  if (!s) return fail('auth.required', 'form');
  return signIn(s.operatorId, password, { ...opts, preferOffline: !s.needsSignIn && !!s.refreshToken });
}

/** Locks the screen now (the Lock button, or the idle timer). Replay goes on meanwhile. */
export const lock = (): Promise<void> => setLocked(true);

/** Records a key or pointer use for the idle lock. */
export const noteActivity = (now = Date.now()): Promise<void> => touchActivity(now);

/** Whether the current session has been idle for `limitMs` (and is not already locked). */
export const isIdle = (s: Pick<SessionRow, 'locked' | 'lastActivityAt'>, now: number, limitMs: number): boolean =>
  !s.locked && now - s.lastActivityAt >= limitMs;

/** Locks the current session if it has been idle for `limitMs`; returns whether it did. */
export async function lockIfIdle(limitMs: number, now = Date.now()): Promise<boolean> {
  const s = await currentSession();
  if (!s || !isIdle(s, now, limitMs)) return false;
  await lock();
  return true;
}

/**
 * Signs the current operator out of this device. The access token is forgotten; the refresh token is
 * sealed under the key the operator's password opens (src/domain/verifier.ts) and kept with their
 * verifier, so their next sign-in here, even offline, sends what waits without typing the password again,
 * while nobody else at the kiosk can use it. The server session goes on (it ends by itself after
 * REFRESH_TOKEN_TTL_S unused). `forget` ("Sign out and forget this device") ends the session on the server
 * when it can be reached and forgets the verifier: no offline sign-in here for this operator any more.
 * A session with no sealing key (signed in before this version) is ended on the server as before.
 * Grievances and the outbox are not touched: unsent ones go with the next operator's sync.
 */
export async function signOut(opts: AuthOptions & { forget?: boolean } = {}): Promise<void> {
  await withLock(AUTH_LOCK, async () => {
    const s = await currentSession();
    if (!s) return;
    // Under the auth lock no refresh can rotate the token between its sealing and the row's deletion.
    const keep = !opts.forget && s.sealKey && s.refreshToken && !s.needsSignIn
      ? { sealed: await sealText(s.sealKey, s.refreshToken), refreshToken: s.refreshToken } : undefined;
    if (!keep && s.accessToken && isOnline(opts)) {
      await fetchOf(opts)(`${opts.baseUrl ?? ''}/api/auth/logout`, {
        method: 'POST', headers: { authorization: `Bearer ${s.accessToken}` }, signal: AbortSignal.timeout(5_000), credentials: 'same-origin',
      }).catch(() => undefined); // offline or refused: the tokens are forgotten here all the same
    }
    await endCurrentSession(keep, opts.forget);
  });
}

/**
 * `fetch` with the current operator's access token: refreshed first when it is expired or about to be,
 * and once more after a 401 'auth.expired'. Throws AuthRequired (after marking the session
 * needsSignIn) when only a sign-in can help; network errors are thrown as fetch throws them. When the
 * refresh itself gets a 429 or 5xx, that answer is returned, so callers back off as for any other.
 */
export async function authorizedFetch(url: string, init: RequestInit = {}, opts: AuthOptions = {}): Promise<Response> {
  let s = await sessionFor(opts);
  if (!s) throw new AuthRequired('auth.required');
  const key = s.operatorKey;
  let refreshed = false;
  if (!s.accessToken || expiresSoon(s, nowOf(opts))) {
    const r = await refresh(s.accessToken, opts);
    if (r instanceof Response) return r;
    s = r;
    refreshed = true;
  }
  for (let attempt = 0; ; attempt++) {
    const used = s.accessToken;
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${used}`);
    const res = await fetchOf(opts)(url, { ...init, headers });
    if (res.status !== 401) return res;
    const reason = errorKeyOf(await res.clone().json().catch(() => undefined)) ?? 'auth.invalid';
    const latest = await sessionFor(opts);
    if (latest?.operatorKey !== key) throw new AuthRequired('auth.changed'); // another operator took over meanwhile
    if (attempt < 2 && latest.accessToken && latest.accessToken !== used) { s = latest; continue; } // refreshed elsewhere
    if (reason === 'auth.expired' && !refreshed) {
      const r = await refresh(used, opts);
      if (r instanceof Response) return r;
      s = r;
      refreshed = true;
      continue;
    }
    await markNeedsSignIn(key, used, reason);
    throw new AuthRequired(reason);
  }
}

/**
 * New tokens for the current session, one refresh at a time across tabs and the service worker. `stale`
 * is the access token the caller found wanting: if the session holds another, fresh one by the time the
 * lock is ours, someone else has refreshed and the (already spent) refresh token is not sent again.
 */
async function refresh(stale: string | undefined, opts: AuthOptions): Promise<SessionRow | Response> {
  return withLock(AUTH_LOCK, async () => {
    const s = await sessionFor(opts);
    if (!s) throw new AuthRequired('auth.required');
    if (s.accessToken && s.accessToken !== stale && !expiresSoon(s, nowOf(opts))) return s;
    if (!s.refreshToken) {
      const reason = s.signInReason ?? 'auth.noCredential';
      await markNeedsSignIn(s.operatorKey, s.accessToken, reason);
      throw new AuthRequired(reason);
    }
    const res = await postJson(opts, '/api/auth/refresh', { refreshToken: s.refreshToken, deviceId: await ensureDeviceId() });
    if (res.ok) {
      const parsed = Session.safeParse(await res.json().catch(() => undefined));
      // An answer that does not parse is not taken as new tokens; the refresh token may be spent, which the next try will tell.
      if (!parsed.success) return new Response('{"error":"badResponse"}', { status: 502 });
      const next = await saveRefreshed(s.operatorKey, s.refreshToken, tokensOf(parsed.data), parsed.data.operator as Account);
      if (!next?.accessToken || next.accessToken !== parsed.data.accessToken) throw new AuthRequired('auth.changed');
      return next;
    }
    if (res.status === 429 || res.status >= 500) return res; // not spent: the same token works later
    const reason = errorKeyOf(await res.json().catch(() => undefined)) ?? 'auth.invalid';
    await markNeedsSignIn(s.operatorKey, s.accessToken, reason);
    if (reason === 'auth.disabled') await dropVerifier(s.operatorKey);
    throw new AuthRequired(reason);
  });
}
