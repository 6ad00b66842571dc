/**
 * Sign-in, refresh, sign-out and the check of an access token on each request.
 *
 * A session is one account signed in on one device (auth_sessions). Signing in again on that device
 * replaces its session. Each refresh rotates the refresh token: the session keeps only the hash of the
 * current one, so a token that was already rotated out (replayed, or stolen and used by someone else
 * first) does not match, and that revokes the session: both holders must sign in again (OAuth 2.0
 * Security BCP, refresh token rotation). A refresh token also only works from its own device id.
 *
 * Every request with a token reads the account and the session (one primary-key join), so a disabled
 * account, a password reset or a sign-out stops the access token at once, not when it expires.
 *
 * Refusals are 401 ApiErrors the device can act on: `auth.expired` (refresh, then retry), `auth.invalid`
 * and `auth.disabled` (sign in again; nothing else will help), and `auth.credentials` for a wrong
 * operator ID or password. Each refusal, sign-in, refresh and sign-out is written to the audit log.
 */
import { timingSafeEqual } from 'node:crypto';
import { type Account, type LoginRequest, type RefreshRequest, type Role, type Session, operatorKey } from '../../src/domain/accounts';
import type { MessageKey } from '../../src/domain/messages';
import { ApiProblem } from '../errors';
import { sharedRateLimiter } from '../store/shared-rate-limit';
import type { SecurityOptions } from '../security-options';
import { ACCOUNT_COLUMNS, type AccountRow, findAccount, toAccount } from '../store/accounts';
import type { AuditEntry, AuditLog } from '../store/audit';
import type { Db, Queryable } from '../store/db';
import { verifyPassword } from './passwords';
import { createRefusalLog } from './refusal-log';
import { type AccessClaims, type TokenSigner, hashRefreshToken, newSessionId, sessionOfRefreshToken } from './tokens';

/** Who is calling, as read from the database on this request. */
export interface Principal {
  account: Account;
  role: Role;
  deviceId: string;
  sessionId: string;
  accessExpiresAt: Date;
}

/** Where a request came from, for the audit log. */
export interface CallContext { ip: string; route: string }

const unauthorized = (key: MessageKey, tokenError = true) =>
  new ApiProblem(401, key, undefined, tokenError ? { 'www-authenticate': `Bearer realm="sampark", error="invalid_token"` } : undefined);

export interface AuthService {
  login(body: LoginRequest, ctx: CallContext): Promise<Session>;
  refresh(body: RefreshRequest, ctx: CallContext): Promise<Session>;
  logout(principal: Principal, ctx: CallContext): Promise<void>;
  /**
   * Checks the `Authorization: Bearer …` header's format and MAC only (no database and no audit entry:
   * the guard rate-limits first, then calls refuseToken).
   */
  verifyAccess(header: string | undefined): { ok: true; claims: AccessClaims } | { ok: false; problem: ApiProblem; reason: 'no-token' | 'invalid-token' };
  /** Audits a refused token (not a missing one). */
  refuseToken(reason: string, ctx: CallContext): Promise<void>;
  /**
   * The caller behind verified claims, read now. `inactive` (sign-out only) also accepts an expired
   * token, a revoked session and a disabled account: all it can do is end the session.
   */
  principal(claims: AccessClaims, ctx: CallContext, inactive?: boolean): Promise<Principal>;
  /** Audits and throws a 403 for a caller whose role may not use the route. */
  forbid(principal: Principal, ctx: CallContext): Promise<never>;
  /** Writes what the refusal log holds back (the summary of anonymous refusals); on shutdown. */
  flush(): Promise<void>;
}

type SessionRow = AccountRow & {
  session_id: string; device_id: string; token_hash: string; expires_at: Date; revoked_at: Date | null;
};
const SESSION_JOIN = `
  SELECT ${ACCOUNT_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')},
         s.id AS session_id, s.device_id, s.token_hash, s.expires_at, s.revoked_at
    FROM auth_sessions s JOIN accounts a ON a.id = s.account_id
   WHERE s.id = $1`;

export function createAuthService(deps: { db: Db; signer: TokenSigner; audit: AuditLog; clock: () => Date; options: SecurityOptions }): AuthService {
  const { db, signer, audit, clock, options } = deps;
  const failures = sharedRateLimiter(db, { scope: 'login-failures', limit: options.loginMaxFailures, windowMs: options.loginFailureWindowS * 1000, clock }); // across processes
  const nowS = () => Math.floor(clock().getTime() / 1000);

  /** Refusals are recorded, but a failing audit write must not turn a 401 into a 500. */
  const auditRefusal = (entry: AuditEntry) => audit.append(entry).catch(() => undefined);
  /** Refusals of callers who cannot be named: bounded per address and per minute (./refusal-log.ts). */
  const anonymous = createRefusalLog({ audit, clock });

  async function revoke(q: Queryable, sessionId: string, reason: string) {
    await q.query(`UPDATE auth_sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, clock().toISOString(), reason]);
  }

  function accessToken(account: Account, deviceId: string, sessionId: string) {
    const iat = nowS();
    const exp = iat + options.accessTokenTtlS;
    const claims: AccessClaims = {
      sub: account.id, role: account.role, ...(account.role === 'operator' && { kiosk: account.kioskCode }), dev: deviceId, sid: sessionId, iat, exp,
    };
    return { accessToken: signer.sign(claims), accessExpiresAt: new Date(exp * 1000).toISOString() };
  }

  function session(account: Account, deviceId: string, sessionId: string, refreshToken: string, refreshExpiresAt: Date): Session {
    return { ...accessToken(account, deviceId, sessionId), refreshToken, refreshExpiresAt: refreshExpiresAt.toISOString(), operator: account };
  }

  return {
    async login(body, ctx) {
      const key = operatorKey(body.operatorId);
      // The typed ID is recorded only once it names an account: people type their password into the ID field.
      const base = { deviceId: body.deviceId, ip: ctx.ip };
      if (!(await failures.peek(key)).ok) {
        const lock = await failures.hit(key);
        if (lock.count === options.loginMaxFailures + 1) { // once per lock-out, not for every knock on the door
          const row = await findAccount(db, body.operatorId);
          await auditRefusal({ ...base, actorId: row?.id, actorRole: row?.role, action: 'auth.login.refused', details: { reason: 'too-many-failures' } });
        }
        throw new ApiProblem(429, 'auth.tooManyAttempts', undefined, { 'retry-after': String(lock.retryAfterS) });
      }
      const row = await findAccount(db, body.operatorId);
      if (!(await verifyPassword(body.password, row?.password_hash))) {
        const v = await failures.hit(key);
        await auditRefusal({ ...base, actorId: row?.id ?? null, actorRole: row?.role, action: 'auth.login.failed', details: { reason: row ? 'password' : 'unknown-account', failures: v.count } });
        throw unauthorized('auth.credentials', false);
      }
      await failures.reset(key);
      const account = toAccount(row!);
      if (row!.disabled) {
        await auditRefusal({ ...base, actorId: row!.id, actorRole: row!.role, action: 'auth.login.refused', details: { reason: 'disabled' } });
        throw unauthorized('auth.disabled', false);
      }
      const now = clock();
      const sessionId = newSessionId();
      const refresh = signer.newRefreshToken(sessionId);
      const expiresAt = new Date(now.getTime() + options.refreshTokenTtlS * 1000);
      await db.transaction(async (tx) => {
        // One session per account and device: signing in again there replaces the old one.
        await tx.query(`UPDATE auth_sessions SET revoked_at = $3, revoked_reason = 'replaced'
                         WHERE account_id = $1 AND device_id = $2 AND revoked_at IS NULL`, [row!.id, body.deviceId, now.toISOString()]);
        // Sessions that ended a refresh lifetime ago are of no more use (the audit log keeps their story).
        await tx.query(`DELETE FROM auth_sessions WHERE account_id = $1 AND coalesce(revoked_at, expires_at) < $2`,
          [row!.id, new Date(now.getTime() - options.refreshTokenTtlS * 1000).toISOString()]);
        await tx.query(`INSERT INTO auth_sessions (id, account_id, device_id, token_hash, created_at, refreshed_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $5, $6)`,
          [sessionId, row!.id, body.deviceId, refresh.hash, now.toISOString(), expiresAt.toISOString()]);
        await audit.append({ ...base, actorId: row!.id, actorRole: row!.role, action: 'auth.login', target: sessionId }, tx);
      });
      return session(account, body.deviceId, sessionId, refresh.token, expiresAt);
    },

    async refresh(body, ctx) {
      const sessionId = sessionOfRefreshToken(body.refreshToken);
      const base = { deviceId: body.deviceId, ip: ctx.ip, target: sessionId };
      const [s] = await db.query<SessionRow>(SESSION_JOIN, [sessionId]);
      const refuse = async (key: MessageKey, reason: string, revokeIt = false) => {
        if (s && revokeIt) await revoke(db, s.session_id, reason);
        await auditRefusal({ ...base, actorId: s?.id, actorRole: s?.role, action: 'auth.refresh.refused', details: { reason } });
        return unauthorized(key, false);
      };
      // A token this server never issued names no one: refused plainly, logged within bounds, nothing revoked.
      const madeUp = async (reason: string) => {
        await anonymous.record({ ...base, ip: ctx.ip, action: 'auth.refresh.refused', details: { reason } });
        return unauthorized('auth.invalid', false);
      };
      if (!s) throw await madeUp('unknown-session');
      const presented = Buffer.from(hashRefreshToken(body.refreshToken), 'hex');
      const current = timingSafeEqual(presented, Buffer.from(s.token_hash, 'hex'));
      if (!current && !signer.issuedRefreshToken(body.refreshToken)) throw await madeUp('not-issued');
      if (s.disabled) throw await refuse('auth.disabled', 'disabled'); // before revoked: disabling also revokes
      if (s.revoked_at) throw await refuse('auth.invalid', 'revoked');
      // A secret that was valid once and has been rotated out: two holders of one token, so the session ends.
      if (!current) throw await refuse('auth.invalid', 'reuse', true);
      if (s.device_id !== body.deviceId) throw await refuse('auth.invalid', 'other-device', true);
      const now = clock();
      if (s.expires_at.getTime() <= now.getTime()) throw await refuse('auth.expired', 'expired');

      const next = signer.newRefreshToken(s.session_id);
      const expiresAt = new Date(now.getTime() + options.refreshTokenTtlS * 1000);
      const rotated = await db.transaction(async (tx) => {
        const rows = await tx.query(
          `UPDATE auth_sessions SET token_hash = $3, generation = generation + 1, refreshed_at = $4, expires_at = $5
            WHERE id = $1 AND token_hash = $2 AND revoked_at IS NULL RETURNING id`,
          [s.session_id, s.token_hash, next.hash, now.toISOString(), expiresAt.toISOString()]);
        if (rows.length === 1) await audit.append({ ...base, actorId: s.id, actorRole: s.role, action: 'auth.refresh' }, tx);
        return rows.length === 1;
      });
      // Someone else rotated this very token a moment ago: two holders of one token, which is reuse.
      if (!rotated) throw await refuse('auth.invalid', 'reuse', true);
      return session(toAccount(s), s.device_id, s.session_id, next.token, expiresAt);
    },

    async logout(principal, ctx) {
      await db.transaction(async (tx) => {
        await revoke(tx, principal.sessionId, 'logout');
        await audit.append({ actorId: principal.account.id, actorRole: principal.role, action: 'auth.logout', target: principal.sessionId, deviceId: principal.deviceId, ip: ctx.ip }, tx);
      });
    },

    verifyAccess(header) {
      if (!header) return { ok: false, reason: 'no-token', problem: new ApiProblem(401, 'auth.required', undefined, { 'www-authenticate': 'Bearer realm="sampark"' }) };
      const m = /^Bearer ([\x21-\x7E]{1,2048})$/i.exec(header);
      const check = m ? signer.verify(m[1], nowS()) : { ok: false as const };
      return check.ok ? { ok: true, claims: check.claims } : { ok: false, reason: 'invalid-token', problem: unauthorized('auth.invalid') };
    },

    async refuseToken(reason, ctx) {
      await anonymous.record({ action: 'auth.refused', ip: ctx.ip, details: { reason, route: ctx.route } });
    },

    flush: () => anonymous.flush(),

    async principal(claims, ctx, inactive = false) {
      const base = { actorId: claims.sub, actorRole: claims.role, deviceId: claims.dev, ip: ctx.ip, target: claims.sid };
      const refuse = async (key: MessageKey, reason: string) => {
        await auditRefusal({ ...base, action: 'auth.refused', details: { reason, route: ctx.route } });
        return unauthorized(key);
      };
      if (!inactive && claims.exp <= nowS()) throw await refuse('auth.expired', 'expired');
      const [s] = await db.query<SessionRow>(SESSION_JOIN, [claims.sid]);
      // The MAC makes a mismatch impossible short of a leaked key; checked anyway, cheaply.
      if (!s || operatorKey(s.id) !== operatorKey(claims.sub) || s.device_id !== claims.dev) throw await refuse('auth.invalid', 'unknown-session');
      if (!inactive && s.disabled) throw await refuse('auth.disabled', 'disabled');
      if (!inactive && s.revoked_at) throw await refuse('auth.invalid', 'revoked');
      return { account: toAccount(s), role: s.role, deviceId: s.device_id, sessionId: s.session_id, accessExpiresAt: new Date(claims.exp * 1000) };
    },

    async forbid(principal, ctx) {
      await auditRefusal({
        actorId: principal.account.id, actorRole: principal.role, deviceId: principal.deviceId, ip: ctx.ip,
        action: 'auth.refused', details: { reason: 'role', route: ctx.route },
      });
      throw new ApiProblem(403, 'auth.forbidden');
    },
  };
}
