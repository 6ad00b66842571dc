/**
 * One-time codes sent to a citizen's mobile through the notification outbox, proving that the citizen
 * (their phone) stands behind a request made for them: a kiosk that did not register a grievance opening
 * it to record feedback or a reopen (purpose `feedback`), and the citizen chatbot reading a status,
 * taking feedback or a registration by chat (src/domain/otp.ts has the purposes and the rules).
 *
 * - A code is OTP_DIGITS random digits (crypto.randomInt), works OTP_TTL_MINUTES and dies after
 *   OTP_MAX_TRIES wrong tries. Only an HMAC-SHA256 of it is stored (key in `settings`, a random salt per
 *   code), and of the mobile it went to (for the per-mobile limit); the text with the code lives in the
 *   notification outbox until it is sent, then the code is blotted out there (../notifications/outbox.ts).
 * - What it opens (`subject`): a mobile, narrowed to one grievance when it was asked for by its number
 *   or receipt. A check for grievance N passes with a code sent for N, or for N's mobile; always for the
 *   same `requester` (`kiosk:K…`, `chat:…`) and a purpose that allows what is asked.
 * - A new code for the same requester, subject and purpose replaces the previous one.
 * - Limits per mobile and per requester per hour are counted in the table under advisory locks, so they
 *   hold across restarts and across servers sharing one PostgreSQL.
 * - Every request and every check is audited (`otp.request`, `otp.check`) with the mobile masked.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { asciiDigits } from '../../src/domain/digits';
import { maskMobile } from '../../src/domain/identity';
import type { Lang } from '../../src/domain/messages';
import { OTP_DIGITS, OTP_GRANTS, OTP_MAX_TRIES, OTP_TTL_MINUTES, type OtpPurpose, purposesAllowing } from '../../src/domain/otp';
import { enqueueNotifications } from '../notifications/outbox';
import type { AuditLog } from '../store/audit';
import type { Db, Queryable } from '../store/db';

const SETTING = 'otp.keys.v1';
const HOUR_MS = 3_600_000;

export interface OtpLimits {
  /** Codes sent to one mobile per hour (OTP_PER_MOBILE_PER_HOUR). */
  perMobilePerHour: number;
  /** Codes one requester (a kiosk) may have sent per hour (OTP_PER_KIOSK_PER_HOUR). */
  perRequesterPerHour: number;
}

/** What a code opens: a citizen's mobile, narrowed to one grievance when it is about one. */
export interface OtpSubject { mobile: string; number?: string | null }

/** Who asks and from where, for the audit log. */
export interface OtpCaller { actorId: string; actorRole: string; deviceId?: string | null; ip?: string | null }

export type Issued = { ok: true; expiresAt: Date } | { ok: false; reason: 'otp.tooMany'; retryAfterS: number };
export type Checked = { ok: true } | { ok: false; reason: 'otp.none' | 'otp.expired' | 'otp.wrong' | 'otp.locked'; triesLeft: number };

export interface OtpService {
  /** Makes a code and queues the message that carries it, on `q` (a transaction: both commit together). */
  issue(q: Queryable, req: { purpose: OtpPurpose; requester: string; subject: OtpSubject; lang: Lang; caller: OtpCaller }, now: Date): Promise<Issued>;
  /** Checks a typed code against the latest one sent to `requester` for `subject`, for a use `wanted`; counts a wrong try. */
  check(q: Queryable, req: { wanted: OtpPurpose; requester: string; subject: OtpSubject; code: string; caller: OtpCaller; use?: string }, now: Date): Promise<Checked>;
}

/** The requester of codes asked for at a kiosk: codes and their limits are per kiosk, whichever operator asks. */
export const kioskRequester = (kioskCode: string) => `kiosk:${kioskCode}`;

/** Loads the HMAC key (made once per database, like the token and Aadhaar keys) and builds the service. */
export async function loadOtpService(db: Db, audit: AuditLog, limits: OtpLimits): Promise<OtpService> {
  const read = async () => (await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SETTING]))[0];
  if (!(await read())) {
    await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SETTING, JSON.stringify({ hmacKey: randomBytes(32).toString('base64') })]);
  }
  const key = Buffer.from((JSON.parse((await read())!.value) as { hmacKey: string }).hmacKey, 'base64');
  return otpService(key, audit, limits);
}

export function otpService(key: Buffer, audit: AuditLog, limits: OtpLimits): OtpService {
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  const mobileHash = (mobile: string) => mac(`mobile:${mobile}`);
  const codeHash = (salt: string, code: string) => mac(`code:${salt}:${code}`);
  const who = (c: OtpCaller) => ({ actorId: c.actorId, actorRole: c.actorRole, deviceId: c.deviceId ?? null, ip: c.ip ?? null });

  return {
    async issue(q, { purpose, requester, subject, lang, caller }, now) {
      const mh = mobileHash(subject.mobile);
      const number = subject.number ?? null;
      // Count and insert under locks on the mobile and the requester (always in this order: no deadlock).
      await q.query('SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))', [`otp:${mh}`, `otp:${requester}`]);
      const since = new Date(now.getTime() - HOUR_MS).toISOString();
      const [counts] = await q.query<{ by_mobile: number; by_requester: number; oldest: Date | null }>(
        `SELECT count(*) FILTER (WHERE mobile_hash = $1)::int AS by_mobile, count(*) FILTER (WHERE requester = $2)::int AS by_requester,
                min(created_at) AS oldest
           FROM otp_codes WHERE created_at > $3::timestamptz AND (mobile_hash = $1 OR requester = $2)`, [mh, requester, since]);
      const audited = { action: 'otp.request', target: number, ...who(caller) };
      if (counts.by_mobile >= limits.perMobilePerHour || counts.by_requester >= limits.perRequesterPerHour) {
        const retryAfterS = Math.max(1, Math.ceil(((counts.oldest?.getTime() ?? now.getTime()) + HOUR_MS - now.getTime()) / 1000));
        await audit.append({ ...audited, details: { purpose, requester, mobile: maskMobile(subject.mobile), sent: false, reason: counts.by_mobile >= limits.perMobilePerHour ? 'per-mobile limit' : 'per-requester limit' } }, q);
        return { ok: false, reason: 'otp.tooMany', retryAfterS };
      }
      await q.query(
        `UPDATE otp_codes SET superseded_at = $5 WHERE requester = $1 AND mobile_hash = $2 AND purpose = $3
            AND grievance_number IS NOT DISTINCT FROM $4 AND superseded_at IS NULL`, [requester, mh, purpose, number, now.toISOString()]);
      const code = String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
      const salt = randomBytes(12).toString('base64url');
      const expiresAt = new Date(now.getTime() + OTP_TTL_MINUTES * 60_000);
      await q.query(
        `INSERT INTO otp_codes (purpose, requester, mobile_hash, grievance_number, code_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`, [purpose, requester, mh, number, `${salt}$${codeHash(salt, code)}`, now.toISOString(), expiresAt.toISOString()]);
      // To the grievance's mobile (read from it when sending) or, with no grievance behind it, to the mobile itself.
      await enqueueNotifications(q, [{ kind: 'otp', lang, ...(number ? { number } : { mobile: subject.mobile }), code, minutes: OTP_TTL_MINUTES, expiresAt }], now);
      await audit.append({ ...audited, details: { purpose, requester, mobile: maskMobile(subject.mobile), sent: true, expiresAt: expiresAt.toISOString() } }, q);
      return { ok: true, expiresAt };
    },

    async check(q, { wanted, requester, subject, code, caller, use }, now) {
      const [row] = await q.query<{ id: string | number; code_hash: string; expires_at: Date; tries: number; purpose: OtpPurpose }>(
        `SELECT id, code_hash, expires_at, tries, purpose FROM otp_codes
          WHERE requester = $1 AND mobile_hash = $2 AND purpose = ANY($3::text[]) AND superseded_at IS NULL
            AND (grievance_number IS NULL OR grievance_number = $4)
          ORDER BY id DESC LIMIT 1 FOR UPDATE`, [requester, mobileHash(subject.mobile), purposesAllowing(wanted), subject.number ?? null]);
      const answer = async (result: Checked): Promise<Checked> => {
        await audit.append({
          action: 'otp.check', target: subject.number ?? null, ...who(caller),
          details: { wanted, requester, mobile: maskMobile(subject.mobile), ok: result.ok, ...(use && { use }), ...(!result.ok && { reason: result.reason, triesLeft: result.triesLeft }) },
        }, q);
        return result;
      };
      if (!row) return answer({ ok: false, reason: 'otp.none', triesLeft: 0 });
      if (row.tries >= OTP_MAX_TRIES) return answer({ ok: false, reason: 'otp.locked', triesLeft: 0 });
      if (row.expires_at.getTime() <= now.getTime()) return answer({ ok: false, reason: 'otp.expired', triesLeft: OTP_MAX_TRIES - row.tries });
      const [salt, stored] = row.code_hash.split('$');
      const typed = Buffer.from(codeHash(salt, asciiDigits(code)));
      if (OTP_GRANTS[row.purpose].includes(wanted) && typed.length === stored.length && timingSafeEqual(typed, Buffer.from(stored))) {
        await q.query('UPDATE otp_codes SET verified_at = coalesce(verified_at, $2) WHERE id = $1', [row.id, now.toISOString()]);
        return answer({ ok: true });
      }
      const tries = row.tries + 1;
      await q.query('UPDATE otp_codes SET tries = $2 WHERE id = $1', [row.id, tries]);
      return answer({ ok: false, reason: tries >= OTP_MAX_TRIES ? 'otp.locked' : 'otp.wrong', triesLeft: OTP_MAX_TRIES - tries });
    },
  };
}
